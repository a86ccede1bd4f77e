"""Python API: `streamtensor.compile` and `streamtensor.simulate`."""

import sys
from typing import Dict, Optional, Sequence

import numpy as np

from .tools import DriverError


def compile(module, example_inputs, out_dir: str, *, name: str = "forward",
            input_names: Optional[Sequence[str]] = None,
            output_names: Optional[Sequence[str]] = None, until: str = "all",
            memory_budget: Optional[int] = None, fifo_sizing: str = "asap",
            force: bool = False, verbose: bool = False) -> Dict:
    """Compiles `module` called on `example_inputs` into `out_dir`.

    Returns the compile record (also in `out_dir/compile.json`): stages with
    their wall time and peak memory, artifacts, and the design folders. The
    example inputs and PyTorch's outputs on them become the simulation's
    data and reference.
    """
    from .flow import compile_program
    from .program import module_program
    program = module_program(module, example_inputs, name=name, input_names=input_names,
                             output_names=output_names)
    return compile_program(program, out_dir, until=until, memory_budget=memory_budget,
                           fifo_sizing=fifo_sizing, force=force,
                           log=sys.stdout if verbose else None)


def simulate(out_dir: str, inputs=None, *, verbose: bool = False):
    """Runs the compiled design of `out_dir` in the bounded-FIFO simulation.

    `inputs`: None for the inputs given at compile time, else the inputs of
    the (single) compiled function, as a sequence in argument order or a
    dict by name (tensors or arrays). Returns the outputs by name as numpy
    arrays; for a folder with several functions (a zoo model's block and LM
    head), a dict of those by function name. Without `inputs`, raises DriverError if any output differs from
    PyTorch's by more than the f32 tolerance.
    """
    from .output_dir import read_record
    from .simulation import F32_TOLERANCE, simulate_dir
    log = sys.stdout if verbose else None
    if inputs is None:
        outputs, checks = simulate_dir(out_dir, None, log)
        bad = [c for c in checks if not c.ok]
        if bad:
            raise DriverError("simulation differs from PyTorch: " + ", ".join(
                f"@{c.function} {c.name}: max |error| {c.max_abs_error:.3g}" for c in bad)
                + f" (tolerance {F32_TOLERANCE:g})")
    else:
        record = read_record(out_dir)
        if len(record["designs"]) != 1:
            raise DriverError("inputs can only be given for a folder with one compiled function")
        function = record["designs"][0]["function"]
        outputs, _ = simulate_dir(out_dir, {function: _named_inputs(out_dir, inputs)}, log)
    if len(outputs) == 1:
        return next(iter(outputs.values()))
    return outputs


def _named_inputs(out_dir: str, inputs) -> Dict[str, np.ndarray]:
    def as_array(value):
        return value.detach().cpu().numpy() if hasattr(value, "detach") else np.asarray(value)
    if isinstance(inputs, dict):
        return {k: as_array(v) for k, v in inputs.items()}
    import os
    from .emit import read_manifest
    from .output_dir import read_record
    design = read_record(out_dir)["designs"][0]
    manifest = read_manifest(os.path.join(os.path.abspath(out_dir), design["directory"]))
    names = [t["name"] for t in manifest["tensors"] if t["role"] == "input"]
    if hasattr(inputs, "detach"):
        inputs = [inputs]
    inputs = list(inputs)
    if len(inputs) != len(names):
        raise DriverError(f"{len(inputs)} inputs given; the design takes {len(names)} "
                          f"({', '.join(names)})")
    return {n: as_array(v) for n, v in zip(names, inputs)}
