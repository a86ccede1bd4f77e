"""The compiled functions of a model step (see contract.py) and example inputs."""

from collections import OrderedDict
from typing import Dict, List, Optional, Sequence

import torch
import torch.nn as nn

from ..importer import FunctionSpec, import_functions
from ..importer.ir import mlir_string
from . import contract
from .contract import DEFAULT_MAX_SEQ, DEFAULT_SEQ, FUNCTIONS, STEPS, output_names
from .host import decode_mask, prefill_mask, rope_tables
from .zoo import DecoderModel


class _Step(nn.Module):
    """Calls `block.<method>`; parameter names gain a "block." prefix."""

    def __init__(self, block: nn.Module, method: str):
        super().__init__()
        self.block = block
        self.method = method

    def forward(self, *inputs):
        return getattr(self.block, self.method)(*inputs)


def input_names(model: DecoderModel, step: str) -> List[str]:
    return contract.input_names(model.config.uses_rope, step)


def example_inputs(model: DecoderModel, step: str, *, max_seq: int = DEFAULT_MAX_SEQ,
                   seq: int = DEFAULT_SEQ, position: Optional[int] = None,
                   seed: int = 0) -> "OrderedDict[str, torch.Tensor]":
    """Seeded block inputs with meaningful RoPE tables and masks.

    Decode runs at `position` (default: the middle of the cache); cache rows
    past it hold random values that the mask must hide.
    """
    cfg = model.config
    if max_seq < 1 or seq < 1:
        raise ValueError("--max-seq and --seq must be positive")
    gen = torch.Generator().manual_seed(seed)
    window = cfg.sliding_window if cfg.is_sliding_layer(model.layer) else None
    values: Dict[str, torch.Tensor] = {}
    if step == "decode":
        position = max_seq // 2 if position is None else position
        positions = [position]
        values["x"] = torch.randn(1, cfg.hidden_size, generator=gen)
        values["mask"] = decode_mask(position, max_seq, window)
        values["k_cache"] = torch.randn(max_seq, cfg.kv_dim, generator=gen)
        values["v_cache"] = torch.randn(max_seq, cfg.kv_dim, generator=gen)
    elif step == "prefill":
        positions = list(range(seq))
        values["x"] = torch.randn(seq, cfg.hidden_size, generator=gen)
        values["mask"] = prefill_mask(seq, window)
    else:
        raise ValueError(f"unknown step {step!r}; choose one of {', '.join(STEPS)}")
    if cfg.uses_rope:
        values["cos"], values["sin"] = rope_tables(positions, cfg.head_dim,
                                                   cfg.layer_rope_theta(model.layer))
    return OrderedDict((name, values[name]) for name in input_names(model, step))


def lm_head_input(model: DecoderModel, seed: int = 0) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed + 1)
    return torch.randn(1, model.config.hidden_size, generator=gen)


def function_specs(model: DecoderModel, step: str, inputs: Dict[str, torch.Tensor],
                   head_input: torch.Tensor,
                   functions: Sequence[str] = FUNCTIONS) -> List[FunctionSpec]:
    specs = []
    for fn in functions:
        if fn == "block":
            prefix = "block."
            specs.append(FunctionSpec(
                _Step(model.block, step), list(inputs.values()), "block", list(inputs),
                output_names(step),
                lambda n, prefix=prefix: model.block_weight_name(n[len(prefix):])))
        elif fn == "lm_head":
            specs.append(FunctionSpec(model.head, [head_input], "lm_head", ["x"], ["logits"],
                                      model.head_weight_name))
        else:
            raise ValueError(f"unknown function {fn!r}; choose from {', '.join(FUNCTIONS)}")
    return specs


def module_attributes(model: DecoderModel, step: str, max_seq: int, seq: int):
    cfg = model.config
    attrs = [("streamtensor.model", mlir_string(cfg.family)),
             ("streamtensor.config", mlir_string(cfg.name)),
             ("streamtensor.step", mlir_string(step)),
             ("streamtensor.layer", f"{model.layer} : i64")]
    if step == "decode":
        attrs.append(("streamtensor.max_seq", f"{max_seq} : i64"))
    else:
        attrs.append(("streamtensor.seq", f"{seq} : i64"))
    return attrs


def import_step(model: DecoderModel, step: str, *, max_seq: int = DEFAULT_MAX_SEQ,
                seq: int = DEFAULT_SEQ, functions: Sequence[str] = FUNCTIONS,
                weights_as_args: bool = True, seed: int = 0) -> str:
    """MLIR text of the step's functions for `model`."""
    inputs = example_inputs(model, step, max_seq=max_seq, seq=seq, seed=seed)
    specs = function_specs(model, step, inputs, lm_head_input(model, seed), functions)
    return import_functions(specs, weights_as_args=weights_as_args,
                            module_attributes=module_attributes(model, step, max_seq, seq))

