"""Builds the emitted bounded-FIFO simulation with g++, runs it and compares
every output with PyTorch's."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Dict, List, Optional, TextIO

import numpy as np

from .emit import (READ_ROLES, port_data, raw_dtype, read_manifest, tensor_file,
                   write_design_data, write_raw)
from .output_dir import read_record
from .tools import RUNTIME_DIR, DriverError, ToolError, build_dir, run_tool

F32_TOLERANCE = 1e-4
RUN_TIMEOUT_S = 600
SIM_PROGRAM = "streamtensor-sim"


@dataclass
class OutputCheck:
    function: str
    name: str
    max_abs_error: float
    ok: bool
    tolerance: float = 0.0
    # How the tolerance is set: "f32", or "quantized" (see quantized_tolerance).
    kind: str = "f32"


def _designs(out_dir: str) -> (Dict, List[Dict]):
    record = read_record(out_dir)
    if not record.get("designs") or record.get("status") != "complete":
        how = (f"it was compiled with --until {record['until']}" if record.get("until") != "all"
               else f"its compilation ended with status '{record.get('status')}'")
        raise DriverError(f"{out_dir}: no simulation build: {how}; compile again without "
                          f"--until, with a build that has code generation")
    return record, record["designs"]


def prebuilt_runtime() -> Optional[str]:
    """The build's libStreamTensorSim.a if it is newer than every file it is
    built from (runtime/sim/lib and the runtime's own headers; the HLS
    headers beside them are compiled with the kernels, not into the library)."""
    library = os.path.join(build_dir(), "lib", "libStreamTensorSim.a")
    if not os.path.isfile(library):
        return None
    sources = [os.path.join(RUNTIME_DIR, "sim", "lib"),
               os.path.join(RUNTIME_DIR, "sim", "include", "streamtensor")]
    newest = max((os.path.getmtime(os.path.join(root, name)) for top in sources
                  for root, _, names in os.walk(top) for name in names), default=0.0)
    return library if os.path.getmtime(library) >= newest else None


def build_simulation(directory: str, log: Optional[TextIO], target: str = "sim",
                     program: str = SIM_PROGRAM, what: str = "simulation") -> float:
    """`make sim` (or `target`) of the emitted Makefile; links the build's
    simulation runtime library when it is up to date instead of compiling
    runtime/sim/lib again."""
    make = shutil.which("make")
    if make is None:
        raise DriverError("make not found (scripts/install-deps.sh installs it)")
    command = [make, "-s", "-C", directory, target]
    library = prebuilt_runtime()
    if library:
        command.append(f"SIM_SOURCES={library}")
    if log:
        print(f"  building {os.path.relpath(directory)}/{program} (g++, runtime/sim"
              f"{', prebuilt' if library else ''}) ...", file=log, flush=True)
    run = run_tool(command, what=f"building the {what}")
    return run.seconds


def run_simulation(directory: str, data_dir: str, program: str = SIM_PROGRAM,
                   what: str = "simulation", env: Optional[Dict[str, str]] = None) -> float:
    """Runs a built simulation on `data_dir`; returns its wall time."""
    start = time.monotonic()
    try:
        proc = subprocess.run([os.path.join(directory, program), data_dir],
                              capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        raise DriverError(f"{directory}: the {what} did not finish in {RUN_TIMEOUT_S} s")
    if proc.returncode != 0:
        kind = "deadlocked" if "deadlock" in proc.stderr else "failed"
        raise ToolError(f"{directory}: the {what} {kind} (exit status {proc.returncode})\n"
                        + proc.stderr.strip())
    return time.monotonic() - start


def _ensure_data(out_dir: str, record: Dict, design: Dict, log: Optional[TextIO]) -> None:
    """Regenerates data/, params.bin and expected/ from the seed when they are missing."""
    directory = os.path.join(out_dir, design["directory"])
    if os.path.isdir(os.path.join(directory, "data")) and \
            os.path.isdir(os.path.join(directory, "expected")):
        return
    if record["program"].get("source") != "zoo":
        raise DriverError(f"{directory}: data/ or expected/ is missing and this program (an "
                          f"nn.Module) cannot be rebuilt from its description; compile again")
    from .emit import Design
    from .program import rebuild_program
    if log:
        print(f"  regenerating the simulation data of @{design['function']} from seed "
              f"{record['program']['seed']}", file=log, flush=True)
    write_design_data(rebuild_program(record["program"]),
                      Design(design["function"], design["directory"], design["kernels"]), out_dir)


def verify_params(directory: str) -> None:
    """Checks that params.bin, the file the host program loads onto the card,
    holds exactly the weights the simulation runs with (data/<name>.bin in the
    port's layout). The file is read by streamtensor-params, which shares the
    host's reader and its validation."""
    from .emit import MANIFEST
    from .tools import tool_path
    manifest = read_manifest(directory)
    weights = [t for t in manifest["tensors"] if t["role"] == "weight"]
    if not weights:
        return
    path = os.path.join(directory, "params.bin")
    if not os.path.isfile(path):
        raise DriverError(f"{path}: missing; the host program loads the weights from it on "
                          f"the card, so the design cannot be checked without it; compile "
                          f"again")
    listing = run_tool([tool_path("streamtensor-params"), path],
                       what=f"reading {os.path.relpath(path)} (the host's parameter reader)")
    entries = {}
    for line in listing.stdout.splitlines():
        name, _, rest = line.rpartition(" [")
        name, _, dtype = name.rpartition(" ")
        shape, _, numbers = rest.partition("] ")
        offset, size = (int(n) for n in numbers.split())
        entries[name] = (dtype, offset, size)
    for tensor in weights:
        name = tensor["name"]
        if name not in entries:
            raise DriverError(f"{path}: holds no tensor '{name}', which the design reads as "
                              f"a weight ({MANIFEST}); compile again")
        dtype, offset, size = entries[name]
        data = np.fromfile(tensor_file(os.path.join(directory, "data"), name),
                           dtype=raw_dtype(tensor)).reshape(tensor["shape"])
        expected = port_data(data, tensor).tobytes()
        with open(path, "rb") as f:
            f.seek(offset)
            stored = f.read(size)
        if dtype != tensor["dtype"] or stored != expected:
            raise DriverError(f"{path}: tensor '{name}' differs from the weights the "
                              f"simulation uses (data/{name}.bin): the card would run other "
                              f"weights than the ones checked here; compile again")


def read_outputs(directory: str, data_dir: str) -> "OrderedDict[str, np.ndarray]":
    outputs = OrderedDict()
    for tensor in read_manifest(directory)["tensors"]:
        if tensor["role"] not in ("output", "inout"):
            continue
        path = tensor_file(data_dir, tensor["name"], ".out.bin")
        if not os.path.exists(path):
            raise DriverError(f"{directory}: the simulation wrote no {os.path.basename(path)}")
        value = np.fromfile(path, dtype=raw_dtype(tensor)).reshape(tensor["shape"])
        # A padded output (a vocabulary padded to whole memory words): the
        # user's tensor is its leading part.
        valid = tensor.get("valid_shape")
        if valid:
            value = np.ascontiguousarray(value[tuple(slice(0, n) for n in valid)])
        outputs[tensor["name"]] = value
    return outputs


# A quantized design rounds f32 values to int8 codes: where the simulation's
# f32 arithmetic differs from PyTorch's in the last bit (a reassociated sum)
# just at a rounding boundary, one code moves by one step and the outputs by
# about that step. Such designs are compared to this fraction of an output's
# largest magnitude; the integers themselves are checked bit for bit by the
# quantization tests.
QUANTIZED_RELATIVE_TOLERANCE = 0.02


def is_quantized(record: Dict) -> bool:
    return bool((record.get("program") or {}).get("quant"))


def quantized_tolerance(expected: np.ndarray) -> float:
    return F32_TOLERANCE + QUANTIZED_RELATIVE_TOLERANCE * float(
        np.max(np.abs(expected), initial=0.0))


def compare(function: str, outputs, directory: str,
            quantized: bool = False) -> List[OutputCheck]:
    checks = []
    expected_dir = os.path.join(directory, "expected")
    for name in sorted(os.listdir(expected_dir)):
        output = name[:-len(".bin")]
        actual = outputs.get(output)
        dtype = actual.dtype if actual is not None else np.dtype("<f4")
        expected = np.fromfile(os.path.join(expected_dir, name), dtype=dtype).astype(np.float64)
        kind = "quantized" if quantized else "f32"
        tolerance = quantized_tolerance(expected) if quantized else F32_TOLERANCE
        if actual is None or actual.size != expected.size:
            checks.append(OutputCheck(function, output, float("inf"), False, tolerance, kind))
            continue
        error = float(np.max(np.abs(actual.reshape(-1).astype(np.float64) - expected),
                             initial=0.0))
        if np.isnan(error):
            error = float("inf")
        checks.append(OutputCheck(function, output, error, error <= tolerance, tolerance, kind))
    return checks


def prepare_design(out_dir: str, record: Dict, design: Dict, build, log: Optional[TextIO]) -> str:
    """Data regenerated if missing, params.bin checked, the simulation built
    with `build(directory, log)`; returns the design's folder."""
    directory = os.path.join(out_dir, design["directory"])
    _ensure_data(out_dir, record, design, log)
    verify_params(directory)
    seconds = build(directory, log)
    if log:
        print(f"  built in {seconds:.1f} s", file=log, flush=True)
    return directory


def simulate_dir(out_dir: str, inputs: Optional[Dict[str, Dict[str, np.ndarray]]] = None,
                 log: Optional[TextIO] = sys.stdout):
    """Builds and runs every design of `out_dir`.

    Without `inputs`, runs on the seeded data written by compile and returns
    (outputs, checks) where checks compare every output with PyTorch's. With
    `inputs` ({function: {input name: array}}), the given arrays replace those
    inputs (the weights stay) and no comparison is made (checks is empty).
    """
    out_dir = os.path.abspath(out_dir)
    record, designs = _designs(out_dir)
    all_outputs, checks = OrderedDict(), []
    for design in designs:
        directory = prepare_design(out_dir, record, design, build_simulation, log)
        given = (inputs or {}).get(design["function"])
        if inputs is None:
            data_dir = os.path.join(directory, "data")
            seconds = run_simulation(directory, data_dir)
            outputs = read_outputs(directory, data_dir)
            checks += compare(design["function"], outputs, directory, is_quantized(record))
        else:
            with tempfile.TemporaryDirectory(dir=directory, prefix="run-") as data_dir:
                _stage_inputs(directory, data_dir, given or {}, design["function"])
                seconds = run_simulation(directory, data_dir)
                outputs = read_outputs(directory, data_dir)
        if log:
            print(f"  @{design['function']}: simulated in {seconds:.2f} s (wall, threads "
                  f"per process, bounded FIFOs)", file=log, flush=True)
        all_outputs[design["function"]] = outputs
    return all_outputs, checks


def _stage_inputs(directory: str, data_dir: str, given: Dict[str, np.ndarray],
                  function: str) -> None:
    manifest = read_manifest(directory)
    readable = {t["name"]: t for t in manifest["tensors"] if t["role"] in READ_ROLES}
    unknown = sorted(set(given) - set(readable))
    if unknown:
        raise DriverError(f"@{function}: no input named {', '.join(unknown)} (inputs and "
                          f"weights: {', '.join(readable)})")
    for name, tensor in readable.items():
        if name in given:
            array = np.asarray(given[name])
            if list(array.shape) != list(tensor["shape"]) and array.size != np.prod(tensor["shape"]):
                raise DriverError(f"@{function}: input '{name}' has shape {list(array.shape)}, "
                                  f"the design expects {tensor['shape']}")
            write_raw(tensor_file(data_dir, name), array, raw_dtype(tensor))
        else:
            os.symlink(tensor_file(os.path.join(directory, "data"), name),
                       tensor_file(data_dir, name))
