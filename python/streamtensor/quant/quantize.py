"""Replaces the matrix products of a module by their quantized reference."""

import copy
from typing import Callable, Union

import torch
import torch.nn as nn

from ..models.layers import Conv1D, ProjectionHead
from .linear import QuantLinear
from .scheme import QuantScheme, get_scheme


def _as_scheme(scheme: Union[str, QuantScheme, None]):
    if scheme is None or isinstance(scheme, QuantScheme):
        return scheme
    return get_scheme(scheme)


def _replacement(module: nn.Module, scheme: QuantScheme, compute: bool):
    if isinstance(module, nn.Linear):
        return QuantLinear.from_float(module.weight, module.bias, scheme, compute)
    if isinstance(module, Conv1D):
        return QuantLinear.from_float(module.weight.t(), module.bias, scheme, compute)
    return None


def quantize(module: nn.Module, scheme: Union[str, QuantScheme, None], *,
             inplace: bool = False, compute: bool = True) -> nn.Module:
    """`module` with every nn.Linear, GPT-2 Conv1D and LM head projection
    replaced by a QuantLinear of `scheme` ("w8a8", "w4a8" or a QuantScheme;
    "none" returns the module unchanged).

    compute=False keeps shapes only, for configurations compiled without
    weights. Static activation scales start at 1: set them with `calibrate`.
    """
    scheme = _as_scheme(scheme)
    if scheme is None:
        return module
    root = module if inplace else copy.deepcopy(module)
    targets = list(root.modules())
    for parent in targets:
        for name, child in list(parent.named_children()):
            replacement = _replacement(child, scheme, compute)
            if replacement is not None:
                setattr(parent, name, replacement)
        if isinstance(parent, ProjectionHead) and "weight" in parent._parameters:
            parent.quantize_projection(
                QuantLinear.from_float(parent.weight, None, scheme, compute))
    if isinstance(root, (nn.Linear, Conv1D)):
        return _replacement(root, scheme, compute)
    return root


def quant_layers(module: nn.Module):
    return [m for m in module.modules() if isinstance(m, QuantLinear)]


@torch.no_grad()
def calibrate(module: nn.Module, run: Callable[[], object]) -> int:
    """Sets the static activation scale of every QuantLinear in `module` to
    the largest |input| seen while `run()` calls it, over the scheme's
    largest code. Layers run with per-token scales meanwhile. Returns the
    number of layers calibrated."""
    layers = [m for m in quant_layers(module) if m.act_scale is not None]
    peaks = {id(m): torch.zeros(()) for m in layers}

    def observe(layer, args):
        peaks[id(layer)] = torch.maximum(peaks[id(layer)], args[0].detach().abs().max())

    hooks = [m.register_forward_pre_hook(observe) for m in layers]
    for m in layers:
        m.calibrating = True
    try:
        run()
    finally:
        for h in hooks:
            h.remove()
        for m in layers:
            m.calibrating = False
    for m in layers:
        peak = float(peaks[id(m)])
        m.act_scale.fill_(peak / m.scheme.act_max if peak > 0 else 1.0)
    return len(layers)
