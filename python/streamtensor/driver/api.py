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

    `example_inputs`: a tensor, a sequence of tensors (forward's positional
    arguments) or a dict of tensors (its keyword arguments; the keys name
    the inputs). `input_names` and `output_names` name the design's ports;
    outputs default to the keys of a returned dict, else `output<i>`.

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
    the (single) compiled function: a tensor, a sequence in forward's
    argument order, or a dict by input name (tensors or arrays). Without
    `inputs`, raises DriverError if any output differs from PyTorch's by
    more than the f32 tolerance.

    Returns what the PyTorch function returns, as torch tensors: a tensor, a
    tuple, a list or a dict, nested as forward nests them. For a folder with
    several functions (a zoo model's block and LM head), a dict of those by
    function name.
    """
    from .output_dir import read_record
    from .simulation import simulate_dir
    log = sys.stdout if verbose else None
    record = read_record(out_dir)
    if inputs is None:
        outputs, checks = simulate_dir(out_dir, None, log)
        bad = [c for c in checks if not c.ok]
        if bad:
            raise DriverError("simulation differs from PyTorch: " + ", ".join(
                f"@{c.function} {c.name}: max |error| {c.max_abs_error:.3g} ({c.kind} "
                f"tolerance {c.tolerance:.3g})" for c in bad))
    else:
        if len(record["designs"]) != 1:
            raise DriverError("inputs can only be given for a folder with one compiled function")
        design = record["designs"][0]
        named = _named_inputs(design, inputs)
        outputs, _ = simulate_dir(out_dir, {design["function"]: named}, log)
    results = {d["function"]: _as_returned(d, outputs[d["function"]]) for d in record["designs"]
               if d["function"] in outputs}
    if len(results) == 1:
        return next(iter(results.values()))
    return results


def _interface(design: Dict) -> Dict:
    interface = design.get("interface")
    if not isinstance(interface, dict) or not isinstance(interface.get("inputs"), list):
        raise DriverError(f"@{design['function']}: the compile record has no interface "
                          f"(inputs and outputs); compile again")
    return interface


def _as_returned(design: Dict, outputs: Dict[str, np.ndarray]):
    import torch
    from ..importer.outputs import rebuild_outputs
    tensors = {name: torch.from_numpy(np.ascontiguousarray(value))
               for name, value in outputs.items()}
    try:
        return rebuild_outputs(_interface(design)["outputs"], tensors)
    except (KeyError, ValueError) as err:
        raise DriverError(f"@{design['function']}: the compile record's output structure "
                          f"does not match the design's outputs ({err}); compile again")


def _named_inputs(design: Dict, inputs) -> Dict[str, np.ndarray]:
    """The inputs by name: a sequence follows forward's argument order."""
    def as_array(value):
        return value.detach().cpu().numpy() if hasattr(value, "detach") else np.asarray(value)
    names = _interface(design)["inputs"]
    if isinstance(inputs, dict):
        unknown = sorted(set(inputs) - set(names))
        missing = [n for n in names if n not in inputs]
        if unknown or missing:
            raise DriverError(
                f"@{design['function']}: inputs by name must be exactly "
                f"{', '.join(names)}" + (f"; unknown: {', '.join(unknown)}" if unknown else "")
                + (f"; missing: {', '.join(missing)}" if missing else ""))
        return {n: as_array(inputs[n]) for n in names}
    if hasattr(inputs, "detach") or isinstance(inputs, np.ndarray):
        inputs = [inputs]
    inputs = list(inputs)
    if len(inputs) != len(names):
        raise DriverError(f"{len(inputs)} inputs given; @{design['function']} takes "
                          f"{len(names)} ({', '.join(names)})")
    return {n: as_array(v) for n, v in zip(names, inputs)}
