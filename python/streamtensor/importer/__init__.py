"""PyTorch nn.Module -> MLIR (func, linalg, tensor, arith, math) with static shapes."""

import inspect
import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

import torch

from .errors import ImporterError, UnsupportedError
from .graph_lowering import lower_function
from .ir import render_module
from .tracing import trace_module

__all__ = ["FunctionSpec", "ImporterError", "UnsupportedError", "import_functions",
           "import_model"]

_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_$.]*$")


def _same_name(name: str) -> str:
    return name


@dataclass
class FunctionSpec:
    """One function of an imported MLIR module.

    `weight_name` maps a parameter's name inside `module` to the name the
    argument carries (e.g. a Hugging Face checkpoint key). With
    `keyword_inputs`, the example inputs are passed to forward by keyword,
    under `input_names`.
    """
    module: torch.nn.Module
    example_inputs: Sequence[torch.Tensor]
    name: str = "forward"
    input_names: Optional[Sequence[str]] = None
    output_names: Optional[Sequence[str]] = None
    weight_name: Callable[[str], str] = _same_name
    keyword_inputs: bool = False


def _forward_input_names(module: torch.nn.Module, count: int) -> List[str]:
    names = []
    try:
        params = list(inspect.signature(module.forward).parameters.values())
    except (TypeError, ValueError):
        params = []
    for p in params:
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            names.append(p.name)
    if len(names) < count:
        return [f"input{i}" for i in range(count)]
    return names[:count]


def import_functions(specs: Sequence[FunctionSpec], *, weights_as_args: bool = True,
                     module_attributes: Sequence[Tuple[str, str]] = ()) -> str:
    """Traces every spec and returns one MLIR module holding all functions."""
    seen = set()
    functions = []
    for spec in specs:
        if not _SYMBOL.match(spec.name):
            raise ImporterError(f"invalid function name {spec.name!r}")
        if spec.name in seen:
            raise ImporterError(f"function name {spec.name!r} used twice")
        seen.add(spec.name)
        inputs = spec.example_inputs
        if isinstance(inputs, torch.Tensor):
            inputs = (inputs,)
        inputs = tuple(inputs)
        input_names = list(spec.input_names or _forward_input_names(spec.module, len(inputs)))
        if len(input_names) != len(inputs):
            raise ImporterError(f"{len(input_names)} input names for {len(inputs)} inputs")
        if spec.keyword_inputs and not spec.input_names:
            raise ImporterError("keyword inputs need their names")
        traced = trace_module(spec.module, inputs, input_names, spec.keyword_inputs)
        weight_names = [spec.weight_name(n) for n in traced.weight_names]
        functions.append(lower_function(traced, spec.name, weight_names,
                                        list(spec.output_names or ()), weights_as_args))
    return render_module(functions, module_attributes)


def import_model(module: torch.nn.Module, example_inputs, *, name: str = "forward",
                 weights_as_args: bool = True, input_names: Optional[Sequence[str]] = None,
                 output_names: Optional[Sequence[str]] = None) -> str:
    """Imports `module` called on `example_inputs` as MLIR text.

    Parameters and buffers become function arguments marked
    `streamtensor.kind = "weight"` (or constants when `weights_as_args` is
    False); example inputs become arguments marked "input". Raises
    `UnsupportedError` (message starts with "unsupported", names the aten op
    and the model's source line) for anything the importer cannot express.
    """
    spec = FunctionSpec(module, example_inputs, name, input_names, output_names)
    return import_functions([spec], weights_as_args=weights_as_args)
