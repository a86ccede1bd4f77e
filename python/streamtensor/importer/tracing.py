"""Traces an nn.Module to an aten-level fx graph with static shapes.

Tracing uses make_fx on fake tensors (shapes only, no arithmetic, so
billion-parameter configurations trace in seconds) over a functionalized
call, so in-place tensor updates become value semantics.
"""

import contextlib
import itertools
import os
import traceback
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import torch
from torch.fx.experimental.proxy_tensor import make_fx
from torch.utils._python_dispatch import _get_current_dispatch_mode

from .errors import ImporterError, UnsupportedError
from .source_locations import SourceLocation, SourceLocator, _is_internal

try:  # PyTorch 2.x
    from torch.func import functional_call as _functional_call
    from torch.func import functionalize as _functionalize
except ImportError:  # PyTorch 1.13 ships these in functorch / stateless.
    from functorch import functionalize as _functionalize
    from torch.nn.utils.stateless import functional_call as _functional_call


# Messages of PyTorch errors raised when a fake tensor's data is read.
_VALUE_ACCESS_MARKERS = ("unallocated storage", "doesn't have storage", "data pointer")


@dataclass
class TracedModule:
    graph_module: torch.fx.GraphModule
    input_names: List[str]
    inputs: List[torch.Tensor]
    weight_names: List[str]
    weights: List[torch.Tensor]
    # Weights stored narrower than their dtype: name -> bits (see storage_bits).
    storage_bits: Dict[str, int] = field(default_factory=dict)


def _location_of(err: BaseException) -> Optional[SourceLocation]:
    """The innermost frame of user code in the traceback of `err`."""
    found = None
    for frame, line in traceback.walk_tb(err.__traceback__):
        filename = frame.f_code.co_filename
        if not filename.startswith("<") and not _is_internal(os.path.abspath(filename)):
            found = SourceLocation(filename, line, frame.f_code.co_name)
    return found


def module_weights(module: torch.nn.Module):
    """Names and detached tensors of the parameters, then the buffers, each
    tensor once: the order of a function's weight arguments."""
    names, tensors, seen = [], [], set()
    for name, tensor in itertools.chain(module.named_parameters(), module.named_buffers()):
        if id(tensor) in seen:
            continue
        seen.add(id(tensor))
        names.append(name)
        tensors.append(tensor.detach())
    return names, tensors


def storage_bits(module: torch.nn.Module) -> Dict[str, int]:
    """Integer buffers whose values fit fewer bits than their dtype, by
    weight name: a submodule lists them in a `storage_bits` dict attribute
    (buffer name -> bits), e.g. the 4-bit codes of a QuantLinear, which sit
    in an int8 tensor in PyTorch and at 4 bits in external memory."""
    found = {}
    for prefix, sub in module.named_modules():
        for name, bits in (getattr(sub, "storage_bits", None) or {}).items():
            found[f"{prefix}.{name}" if prefix else name] = int(bits)
    return found


@contextlib.contextmanager
def _eval_mode(module: torch.nn.Module):
    modes = [(m, m.training) for m in module.modules()]
    module.eval()
    try:
        yield
    finally:
        for m, training in modes:
            m.training = training


def trace_module(module: torch.nn.Module, example_inputs: Sequence[torch.Tensor],
                 input_names: Sequence[str], keyword_inputs: bool = False) -> TracedModule:
    if not isinstance(module, torch.nn.Module):
        raise ImporterError(f"expected a torch.nn.Module, got {type(module).__name__}")
    inputs = list(example_inputs)
    for i, x in enumerate(inputs):
        if not isinstance(x, torch.Tensor):
            raise ImporterError(f"example input {i} ({input_names[i]}) is a "
                                f"{type(x).__name__}; only tensors are supported")
    weight_names, weights = module_weights(module)
    num_inputs = len(inputs)

    def call(*flat):
        mode = _get_current_dispatch_mode()
        graph = getattr(getattr(mode, "tracer", None), "graph", None)
        locator = SourceLocator(graph) if graph is not None else contextlib.nullcontext()
        with locator:
            params = dict(zip(weight_names, flat[num_inputs:]))
            if keyword_inputs:
                return _functional_call(module, params, (),
                                        dict(zip(input_names, flat[:num_inputs])))
            return _functional_call(module, params, tuple(flat[:num_inputs]))

    try:
        with _eval_mode(module), torch.no_grad():
            try:
                gm = make_fx(_functionalize(call), tracing_mode="fake")(*inputs, *weights)
            except ImporterError:
                raise
            except Exception:
                # Fake tensors in PyTorch 1.13 reject some constructs (constant
                # index tensors as in `x[:, [-1]]`, scalar assignment into a
                # view); real tensors trace them, at the cost of computing.
                gm = make_fx(_functionalize(call), tracing_mode="real")(*inputs, *weights)
    except ImporterError:
        raise
    except Exception as err:
        location = _location_of(err)
        if any(marker in str(err) for marker in _VALUE_ACCESS_MARKERS):
            raise UnsupportedError("data-dependent access to tensor values (e.g. `.tolist()`, "
                                   "`.numpy()`) while tracing",
                                   str(location) if location else None) from err
        where = f" at {location}" if location else ""
        raise ImporterError(f"tracing failed{where}: {type(err).__name__}: {err}") from err
    return TracedModule(gm, list(input_names), inputs, weight_names, weights,
                        storage_bits(module))
