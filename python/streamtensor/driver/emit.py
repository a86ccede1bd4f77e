"""Code generation: one design folder per compiled function.

Each folder holds what `streamtensor-translate` emits for that function
(kernels, simulation driver, host program, link and HLS configs, Makefile,
manifest) plus the data to run it: `data/<tensor>.bin` for every tensor the
design reads (raw little-endian f32, the simulation driver's input format),
`params.bin` with the weights in the packed parameter format of the host
program, and `expected/<output>.bin`, PyTorch's outputs on the same inputs.
"""

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List

if TYPE_CHECKING:
    from .program import Program

import numpy as np

from .mlir_text import extract_function
from .layouts import pack
from .params import SubByteArray, write_params
from .tools import RUNTIME_DIR, DriverError, ToolRun, run_tool, tool_path

MANIFEST = "manifest.json"
READ_ROLES = ("input", "weight", "inout")


@dataclass
class Design:
    function: str
    directory: str          # relative to the output folder
    kernels: List[str]


def design_dir(out_dir: str, function: str) -> str:
    return os.path.join(out_dir, "design", function)


def emit_design(lowered_text: str, function: str, out_dir: str) -> (Design, List[ToolRun]):
    translate = tool_path("streamtensor-translate")
    directory = design_dir(out_dir, function)
    os.makedirs(directory, exist_ok=True)
    source = os.path.join(directory, "design.mlir")
    with open(source, "w", encoding="utf-8") as f:
        f.write(extract_function(lowered_text, function))
    error_log = os.path.join(directory, "error.log")
    # One translator run writes every file (manifest, kernels, drivers,
    # configs, Makefile) from a single parse of the design.
    runs = [run_tool([translate, source, "--emit-design", f"--design-dir={directory}",
                      f"--runtime-dir={RUNTIME_DIR}", "-o", os.devnull],
                     what="streamtensor-translate", error_log=error_log)]
    manifest = read_manifest(directory)
    kernels = [kernel["name"] for kernel in manifest["kernels"]]
    return Design(function, os.path.relpath(directory, out_dir), kernels), runs


def read_manifest(directory: str) -> Dict:
    from .output_dir import check_fields, read_json_file
    path = os.path.join(directory, MANIFEST)
    manifest = read_json_file(path, "the design manifest")
    check_fields(path, manifest, {"tensors": list, "kernels": list})
    for index, tensor in enumerate(manifest.get("tensors", [])):
        where = f"tensors[{index}]"
        check_fields(path, tensor, {"name": str, "role": str, "shape": list, "dtype": str,
                                    "layout": (dict, type(None))}, where)
        for key in ("name", "role", "shape"):
            if key not in tensor:
                raise DriverError(f"{path}: {where} has no {key}; compile again")
        if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0
                   for d in tensor["shape"]):
            raise DriverError(f"{path}: {where}.shape must list sizes; compile again")
    return manifest


def tensor_file(directory: str, name: str, suffix: str = ".bin") -> str:
    return os.path.join(directory, name + suffix)


# Element types of the manifest and their raw little-endian layout.
# Tensor files hold one byte per sub-byte element; params.bin and the port
# hold them packed (port_data).
RAW_DTYPES = {"f32": "<f4", "f64": "<f8", "i4": "i1", "i8": "i1", "i16": "<i2", "i32": "<i4",
              "i64": "<i8"}
SUB_BYTE_BITS = {"i4": 4}


def port_data(array: np.ndarray, tensor: Dict):
    """`array` as the tensor's port holds it: in its layout's order, and
    sub-byte elements packed (a SubByteArray)."""
    data = pack(np.asarray(array).astype(raw_dtype(tensor)), tensor.get("layout"))
    bits = SUB_BYTE_BITS.get(tensor.get("dtype"))
    return SubByteArray(data, bits) if bits else data


def raw_dtype(manifest_tensor: Dict) -> str:
    return RAW_DTYPES.get(manifest_tensor.get("dtype", "f32"), "<f4")


def write_raw(path: str, array: np.ndarray, dtype: str = "<f4") -> None:
    np.ascontiguousarray(array, dtype=dtype).tofile(path)


def check_shape(manifest_tensor: Dict, array: np.ndarray, function: str) -> None:
    shape = tuple(manifest_tensor["shape"])
    if int(np.prod(shape)) != array.size:
        raise DriverError(f"@{function}: the design's tensor '{manifest_tensor['name']}' has "
                          f"shape {list(shape)}, but PyTorch's has {list(array.shape)}")


def slice_of(tensor: Dict, values: Dict[str, np.ndarray], function: str) -> np.ndarray:
    """The part of a user tensor a sliced weight port holds."""
    spec = tensor["slice_of"]
    source = spec.get("tensor")
    if source not in values:
        raise DriverError(f"@{function}: the design's tensor '{tensor['name']}' is a slice of "
                          f"'{source}', which is not an input or weight of the PyTorch function")
    array = np.asarray(values[source])
    offsets, sizes = spec.get("offsets", []), spec.get("sizes", [])
    padded = spec.get("padding") == "zero"
    if (len(offsets) != array.ndim or len(sizes) != array.ndim or
            any(o < 0 or (o + s > d and not padded)
                for o, s, d in zip(offsets, sizes, array.shape))):
        raise DriverError(f"@{function}: slice {offsets} + {sizes} of '{source}' (shape "
                          f"{list(array.shape)}) for tensor '{tensor['name']}' is out of bounds")
    part = array[tuple(slice(o, o + s) for o, s in zip(offsets, sizes))]
    if padded:
        # Past the source's end the weight holds zeros.
        part = np.pad(part, [(0, s - p) for s, p in zip(sizes, part.shape)])
    return part


def design_tensor(tensor: Dict, values: Dict[str, np.ndarray], function: str) -> np.ndarray:
    """The values of the design's tensor `tensor`: from `values` by name, or
    a weight slice cut from its source tensor (and added to `values`)."""
    name = tensor["name"]
    if name not in values and "slice_of" in tensor:
        values[name] = slice_of(tensor, values, function)
    if name not in values:
        raise DriverError(f"@{function}: the design reads tensor '{name}', which "
                          f"is not an input or weight of the PyTorch function (known: "
                          f"{', '.join(values)})")
    return values[name]


def write_read_tensors(tensors: List[Dict], values: Dict[str, np.ndarray], data_dir: str,
                       function: str) -> int:
    """Writes every input and weight of `tensors` the design reads into
    `data_dir` (a weight slice cut from its source tensor, added to
    `values`); returns the bytes written."""
    written = 0
    for tensor in tensors:
        if tensor["role"] not in READ_ROLES:
            continue
        array = design_tensor(tensor, values, function)
        check_shape(tensor, array, function)
        write_raw(tensor_file(data_dir, tensor["name"]), array, raw_dtype(tensor))
        written += array.nbytes
    return written


def _check_kernel_boundaries(manifest: Dict, values: Dict[str, np.ndarray],
                             design: Design) -> None:
    """A function split into several kernels passes tensors between them
    through external memory, each under the name of the kernel result that
    writes it; a tensor some kernel reads that no earlier kernel writes and
    the caller does not give could not be run: say so plainly."""
    if len(design.kernels) < 2:
        return
    unknown = [t["name"] for t in manifest["tensors"] if t["role"] in READ_ROLES
               and t["name"] not in values and "slice_of" not in t]
    if unknown:
        raise DriverError(
            f"@{design.function} was split into {len(design.kernels)} kernels "
            f"({', '.join(design.kernels)}) to stay within the on-chip memory budget, and "
            f"they read tensors ({', '.join(unknown)}) that no earlier kernel writes and "
            f"that are not given. Raise --memory-budget, or shorten the sequence, so the "
            f"function fuses into one kernel")


def write_design_data(program: "Program", design: Design, out_dir: str) -> int:
    """data/, params.bin and expected/ of one design; returns bytes written."""
    directory = os.path.join(out_dir, design.directory)
    manifest = read_manifest(directory)
    values = program.design_tensors(design.function)
    expected = program.reference_outputs(design.function)
    data = os.path.join(directory, "data")
    reference = os.path.join(directory, "expected")
    os.makedirs(data, exist_ok=True)
    os.makedirs(reference, exist_ok=True)
    _check_kernel_boundaries(manifest, values, design)
    written = write_read_tensors(manifest["tensors"], values, data, design.function)
    # Parameters are stored in the port's layout (packed offline).
    weights = [(t["name"], port_data(values[t["name"]], t))
               for t in manifest["tensors"] if t["role"] == "weight"]
    produced = {t["name"] for t in manifest["tensors"] if t["role"] in ("output", "inout")}
    missing = [name for name in expected if name not in produced]
    if missing:
        raise DriverError(f"@{design.function}: the design does not write output(s) "
                          f"{', '.join(missing)} of the PyTorch function")
    output_dtypes = {t["name"]: raw_dtype(t) for t in manifest["tensors"]}
    for name, array in expected.items():
        write_raw(tensor_file(reference, name), array, output_dtypes.get(name, "<f4"))
        written += array.nbytes
    written += write_params(os.path.join(directory, "params.bin"), weights)
    return written
