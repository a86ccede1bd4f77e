"""Every layer on the device: layer-loop kernels, the emitted generation
program, and the simulated card it runs on without one.

The decode and prefill blocks are compiled with a layer loop
(`streamtensor.layer_loop`, docs/codegen.md): one kernel call runs every
layer, with every layer's weights at per-layer offsets of their ports and the
KV caches of all layers in device memory, where the kernels append the new
keys and values themselves. The prefill kernel writes the caches in the
decode kernel's layout, so the decode design is compiled first.

`write_host_program` emits `generate.cpp` (on the XRT native API through
runtime/host), the parameter file it loads, and a simulated xclbin naming the
kernel libraries of runtime/xrt-sim; `build_host_program` links the program
against the simulated device and `run_host_program` runs it.
"""

import json
import math
import os
import subprocess
from typing import Dict, List, Optional, TextIO

import numpy as np

from ..driver.emit import design_tensor, port_data, read_manifest
from ..driver.output_dir import read_record
from ..driver.params import write_params
from ..driver.simulation import build_simulation
from ..driver.tools import RUNTIME_DIR, DriverError, build_dir
from .model import WholeModel
from .simulated import weight_arrays

TEMPLATE = os.path.join(os.path.dirname(__file__), "templates", "generate.cpp.in")
KERNEL_LIBRARY = "streamtensor-xrt-sim.so"
PROGRAM = "generate-sim"
XCLBIN = "simulated.xclbin"
PARAMS = "params.bin"
# The block inputs the host fills each call, besides the caches.
POSITION_INPUTS = ("mask", "cos", "sin")
RUN_TIMEOUT_S = 3600


def _array(values) -> str:
    return "array<i64: " + ", ".join(str(int(v)) for v in values) + ">"


def layout_attribute(layout: Dict) -> str:
    """A manifest layout as the `dataflow.layout`-style dictionary."""
    if not layout or not layout.get("contiguous"):
        return "{contiguous = false, packed = false}"
    shape = layout["pack_shape"]
    packed = bool(layout.get("packed"))
    perm = layout["outer_dims_perm"] if packed else list(range(len(shape)))
    tiles = layout["inner_tiles"] if packed else [1] * len(shape)
    lanes = int(layout.get("vector_lanes", 1))
    return (f"{{contiguous = true, packed = {str(packed).lower()}, shape = {_array(shape)}, "
            f"outer_dims_perm = {_array(perm)}, inner_tiles = {_array(tiles)}, "
            f"run = {lanes}, lanes = {lanes}}}")


def layer_loop(layers: int, step: str, uses_rope: bool,
               caches: Optional[Dict[str, Dict]] = None) -> str:
    """The layer loop of the `step` block. Decode appends its new rows to
    its own cache inputs; prefill needs `caches` (the decode manifest's
    k_cache and v_cache entries) to write them in the same layout."""
    per_layer = ["mask"] + (["cos", "sin"] if uses_rope else [])
    names = ", ".join(f'"{n}"' for n in per_layer)
    if step == "decode":
        append = ('{from = "k_new", to = "k_cache"}, {from = "v_new", to = "v_cache"}')
    else:
        parts = []
        for source, cache in (("k", "k_cache"), ("v", "v_cache")):
            entry = caches[cache]
            parts.append(f'{{from = "{source}", to = "{cache}", shape = {_array(entry["shape"])}, '
                         f'layout = {layout_attribute(entry["layout"])}}}')
        append = ", ".join(parts)
    return (f'{{layers = {layers} : i64, kernel = "{step}_layers", chain = ["x", "y"], '
            f'per_layer = [{names}], append = [{append}]}}')


def design_folder(out_dir: str, function: str) -> str:
    for design in read_record(out_dir)["designs"]:
        if design["function"] == function:
            return os.path.join(out_dir, design["directory"])
    raise DriverError(f"{out_dir}: no compiled @{function}")


def cache_entries(decode_dir: str) -> Dict[str, Dict]:
    manifest = read_manifest(design_folder(decode_dir, "block"))
    entries = {t["name"]: t for t in manifest["tensors"]}
    missing = [n for n in ("k_cache", "v_cache") if n not in entries]
    if missing:
        raise DriverError(f"{decode_dir}: the decode block has no {missing[0]} port")
    return entries


def _port_bytes(tensor: Dict) -> int:
    layout = tensor.get("layout") or {}
    lanes = int(layout.get("vector_lanes", 1))
    words = -(-int(tensor["elements"]) // lanes)
    return words * int(layout.get("word_bits", 32)) // 8


def _weight_bytes(tensor: Dict, values: Dict[str, np.ndarray], function: str) -> bytes:
    """The weight as its port holds it (a numpy array or packed codes)."""
    return port_data(design_tensor(tensor, values, function), tensor).tobytes()


def _order(layout: Dict) -> str:
    if not layout or not layout.get("packed"):
        return "{}"
    lists = [layout["pack_shape"], layout["outer_dims_perm"], layout["inner_tiles"]]
    return "packedOrder(" + ", ".join("{" + ", ".join(str(v) for v in values) + "}"
                                      for values in lists) + ")"


def _port(tensor: str, role: str, per_layer: bool, layer_bytes: int, layout: Dict) -> str:
    return (f'Port{{"{tensor}", "{role}", {str(per_layer).lower()}, {layer_bytes}, '
            f'{_order(layout)}}}')


class _Kernel:
    """A kernel of the generation program: its name, design folder, ports
    and weights."""

    def __init__(self, name: str, folder: str, ports: List[str], weights: List[tuple]):
        self.name, self.folder = name, folder
        self.ports, self.weights = ports, weights


def _block_kernel(out_dir: str, model: WholeModel) -> _Kernel:
    folder = design_folder(out_dir, "block")
    manifest = read_manifest(folder)
    loop = manifest.get("layer_loop")
    if not loop:
        raise DriverError(f"{folder}: the block was compiled without a layer loop")
    if loop["layers"] != len(model.layers):
        raise DriverError(f"{folder}: the layer loop runs {loop['layers']} layers; the model "
                          f"has {len(model.layers)}")
    name = loop["kernel"]
    tensors = {t["name"]: t for t in manifest["tensors"]}
    layer_values = [weight_arrays(layer.block, model.layers[0].block_weight_name)
                    for layer in model.layers]
    known = {"x", "y", "k_cache", "v_cache", "k_new", "v_new", "k", "v", *POSITION_INPUTS}
    ports, weights = [], []
    for arg in loop["args"]:
        tensor = tensors.get(arg["tensor"], arg)
        layer_bytes = int(arg["elements"]) * int(arg["element_bytes"])
        if arg["role"] == "weight":
            data = b"".join(_weight_bytes(tensor, values, "block") for values in layer_values)
            if len(data) != layer_bytes * len(model.layers):
                raise DriverError(f"{folder}: weight '{arg['tensor']}' packs to {len(data)} "
                                  f"bytes, the port takes {layer_bytes} per layer")
            weights.append((f"{name}/{arg['tensor']}", np.frombuffer(data, np.uint8)))
        elif arg["tensor"] not in known:
            raise DriverError(f"{folder}: the block's tensor '{arg['tensor']}' is not one "
                              f"the generation program fills ({', '.join(sorted(known))})")
        ports.append(_port(arg["tensor"], arg["role"], arg["per_layer"], layer_bytes,
                           tensor.get("layout")))
    return _Kernel(name, folder, ports, weights)


def _head_kernel(out_dir: str, model: WholeModel) -> _Kernel:
    folder = design_folder(out_dir, "lm_head")
    manifest = read_manifest(folder)
    if len(manifest["kernels"]) != 1:
        raise DriverError(f"{folder}: the LM head is {len(manifest['kernels'])} kernels; the "
                          f"generation program runs heads of one")
    kernel = manifest["kernels"][0]
    tensors = {t["name"]: t for t in manifest["tensors"]}
    values = weight_arrays(model.head, model.layers[0].head_weight_name)
    ports, weights = [], []
    for port in kernel["ports"]:
        tensor = tensors[port["tensor"]]
        if port["kind"] == "weight":
            data = _weight_bytes(tensor, values, "lm_head")
            weights.append((f"{kernel['name']}/{tensor['name']}",
                            np.frombuffer(data, np.uint8)))
            size = len(data)
        elif tensor["name"] in ("x", "logits"):
            size = _port_bytes(tensor)
        else:
            raise DriverError(f"{folder}: the LM head's tensor '{tensor['name']}' is not one "
                              f"the generation program fills (x, logits)")
        ports.append(_port(tensor["name"], port["kind"], False, size, tensor.get("layout")))
    return _Kernel(kernel["name"], folder, ports, weights)


def _model_tables(model: WholeModel, rope_rows: int) -> List[tuple]:
    first = model.layers[0]
    tables = [("embed/tokens", first.embed_tokens.detach().numpy().astype(np.float32))]
    if first.embed_positions is not None:
        tables.append(("embed/positions",
                       first.embed_positions.detach().numpy().astype(np.float32)))
    cfg = model.config
    if cfg.uses_rope:
        cos, sin = zip(*(model.rope(layer, list(range(rope_rows)))
                         for layer in range(len(model.layers))))
        tables.append(("rope/cos", np.stack([c.numpy() for c in cos])))
        tables.append(("rope/sin", np.stack([s.numpy() for s in sin])))
    return tables


def write_host_program(model: WholeModel, designs: Dict[str, str], folder: str,
                       prompt_tokens: int) -> str:
    """generate.cpp, params.bin and the simulated xclbin in `folder`."""
    os.makedirs(folder, exist_ok=True)
    kernels = [_block_kernel(designs["prefill"], model),
               _block_kernel(designs["decode"], model),
               _head_kernel(designs["decode"], model)]
    cfg = model.config
    max_seq = int(cache_entries(designs["decode"])["k_cache"]["shape"][0])
    tables = _model_tables(model, max_seq)
    write_params(os.path.join(folder, PARAMS),
                 tables + [w for kernel in kernels for w in kernel.weights])
    scale = math.sqrt(cfg.hidden_size) if cfg.family == "gemma3" else 1.0
    windows = [model.window(layer) or 0 for layer in range(len(model.layers))]
    fields = {
        "WHAT": f"{cfg.family}/{cfg.name}, {len(model.layers)} layers",
        "LAYERS": len(model.layers), "HIDDEN": cfg.hidden_size, "VOCAB": cfg.vocab_size,
        "MAX_SEQ": max_seq, "PROMPT": prompt_tokens,
        "HEAD_DIM": cfg.head_dim if cfg.uses_rope else 0,
        "ROPE_ROWS": max_seq if cfg.uses_rope else 0,
        # The float nearest the f32 scale PyTorch multiplies by.
        "EMBED_SCALE": f"{float(np.float32(scale))!r}f",
        "POSITION_EMBEDDINGS": "true" if model.layers[0].embed_positions is not None else "false",
        "WINDOWS": ", ".join(str(w) for w in windows),
        "PREFILL_PORTS": ",\n        ".join(kernels[0].ports),
        "DECODE_PORTS": ",\n        ".join(kernels[1].ports),
        "HEAD_PORTS": ",\n        ".join(kernels[2].ports),
        "PREFILL_KERNEL": kernels[0].name, "DECODE_KERNEL": kernels[1].name,
        "HEAD_KERNEL": kernels[2].name,
    }
    with open(TEMPLATE) as f:
        text = f.read()
    for key, value in fields.items():
        text = text.replace(f"@{key}@", str(value))
    with open(os.path.join(folder, "generate.cpp"), "w") as f:
        f.write(text)
    lines = ["streamtensor-simulated-xclbin 1"]
    for kernel in kernels:
        library = os.path.relpath(os.path.join(kernel.folder, KERNEL_LIBRARY), folder)
        lines.append(f"kernel {kernel.name} {library}")
    with open(os.path.join(folder, XCLBIN), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(folder, "kernels.json"), "w") as f:
        json.dump({k.name: os.path.relpath(k.folder, folder) for k in kernels}, f, indent=2)
    return folder


def build_host_program(folder: str, log: Optional[TextIO]) -> str:
    """The kernel libraries of every design and `generate-sim`, linked
    against the simulated XRT device; returns the program's path."""
    with open(os.path.join(folder, "kernels.json")) as f:
        design_dirs = sorted(set(json.load(f).values()))
    for design in design_dirs:
        build_simulation(os.path.normpath(os.path.join(folder, design)), log, target="xrt-sim",
                         program=KERNEL_LIBRARY, what="kernel library")
    lib = os.path.join(build_dir(), "lib")
    libraries = ["StreamTensorHostSim", "StreamTensorXrtSim", "StreamTensorGeneration",
                 "StreamTensorParams"]
    missing = [n for n in libraries if not os.path.isfile(os.path.join(lib, f"lib{n}.a"))]
    if missing:
        raise DriverError(f"{lib}/lib{missing[0]}.a not found; run `make build`")
    program = os.path.join(folder, PROGRAM)
    command = ["g++", "-std=c++17", "-O2", "-Wall",
               "-I" + os.path.join(RUNTIME_DIR, "host", "include"),
               "-I" + os.path.join(RUNTIME_DIR, "xrt-sim", "include"),
               "-I" + os.path.join(RUNTIME_DIR, "sim", "include"),
               os.path.join(folder, "generate.cpp"), "-o", program, "-L" + lib]
    command += [f"-l{n}" for n in libraries] + ["-ldl", "-pthread"]
    if log:
        print(f"  building {os.path.relpath(program)} (host program, simulated XRT) ...",
              file=log, flush=True)
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode:
        raise DriverError(f"building the host program failed:\n{proc.stderr[-4000:]}")
    return program


def run_host_program(folder: str, prompt_ids: List[int], new_tokens: int, *,
                     temperature: float = 0.0, top_k: int = 0, seed: int = 0,
                     stop_ids: Optional[List[int]] = None) -> Dict:
    """Runs the built program on the simulated device; its JSON object."""
    command = [os.path.join(folder, PROGRAM), os.path.join(folder, XCLBIN),
               os.path.join(folder, PARAMS), "--prompt-ids", ",".join(map(str, prompt_ids)),
               "--max-new-tokens", str(new_tokens), "--temperature", repr(float(temperature)),
               "--top-k", str(top_k), "--seed", str(seed)]
    for stop in stop_ids or []:
        command += ["--stop-id", str(stop)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise DriverError(f"the host program did not finish in {RUN_TIMEOUT_S} s") from None
    if proc.returncode:
        raise DriverError(f"the host program failed (exit {proc.returncode}): "
                          f"{proc.stderr.strip()[-4000:]}")
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise DriverError(f"the host program printed no JSON object: {proc.stdout[-2000:]}")
