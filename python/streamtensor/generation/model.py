"""A whole decoder model from the zoo's parts, and PyTorch's own generation.

Every layer is the zoo's block with that layer's weights (from a checkpoint,
or seeded: layer l from seed + l); the head and the embedding tables come
with layer 0. The reference generation recomputes the whole sequence for
each new token with causal masks and no cache, a path independent of the
KV-cache handling it checks.
"""

from dataclasses import dataclass
from typing import List, Optional

import torch

from ..models import build_model, decode_mask, prefill_mask, rope_tables
from ..models.zoo import DecoderModel


@dataclass
class WholeModel:
    layers: List[DecoderModel]

    @property
    def config(self):
        return self.layers[0].config

    @property
    def head(self):
        return self.layers[0].head

    def embed(self, ids: List[int], first_position: int) -> torch.Tensor:
        positions = torch.arange(first_position, first_position + len(ids))
        return self.layers[0].embed(torch.tensor(ids, dtype=torch.long), positions)

    def window(self, layer: int) -> Optional[int]:
        cfg = self.config
        return cfg.sliding_window if cfg.is_sliding_layer(layer) else None

    def rope(self, layer: int, positions: List[int]):
        cfg = self.config
        return rope_tables(positions, cfg.head_dim, cfg.layer_rope_theta(layer))

    def prefill_inputs(self, layer: int, x: torch.Tensor, first_position: int = 0):
        """The prefill block's inputs, by name, for tokens from `first_position`."""
        tokens = x.shape[0]
        values = {"x": x, "mask": prefill_mask(tokens, self.window(layer))}
        if self.config.uses_rope:
            positions = list(range(first_position, first_position + tokens))
            values["cos"], values["sin"] = self.rope(layer, positions)
        return values

    def decode_inputs(self, layer: int, x: torch.Tensor, position: int, k_cache, v_cache):
        values = {"x": x, "mask": decode_mask(position, k_cache.shape[0], self.window(layer)),
                  "k_cache": k_cache, "v_cache": v_cache}
        if self.config.uses_rope:
            values["cos"], values["sin"] = self.rope(layer, [position])
        return values


def load_model(family: Optional[str], config: str, *, checkpoint: Optional[str] = None,
               seed: int = 0, quant=None) -> WholeModel:
    """Every layer; `quant` (a scheme name or QuantScheme) quantizes each
    block and the head (static activation scales: see `calibrate_model`)."""
    first = build_model(family, config, layer=0, seed=seed, checkpoint=checkpoint, quant=quant)
    layers = [first]
    for layer in range(1, first.config.num_layers):
        layers.append(build_model(family, config, layer=layer, seed=seed + layer,
                                  checkpoint=checkpoint, quant=quant))
    return WholeModel(layers)


@torch.no_grad()
def sequence_logits(model: WholeModel, ids: List[int]) -> torch.Tensor:
    """Logits at every position of `ids` (one prefill through every layer)."""
    x = model.embed(ids, 0)
    for layer in range(len(model.layers)):
        x, _, _ = _block_call(model, layer, "prefill", model.prefill_inputs(layer, x))
    return model.head(x)


def calibrate_model(model: WholeModel, sequences: List[List[int]]) -> int:
    """Static activation scales of every quantized product from the
    prefills of `sequences`; returns the number of products calibrated."""
    from ..quant import calibrate
    modules = torch.nn.ModuleList([part.block for part in model.layers] + [model.head])
    return calibrate(modules, lambda: [sequence_logits(model, ids) for ids in sequences])


def _block_call(model: WholeModel, layer: int, step: str, values):
    block = model.layers[layer].block
    names = (["x", "cos", "sin"] if model.config.uses_rope else ["x"]) + ["mask"]
    if step == "decode":
        names += ["k_cache", "v_cache"]
    return getattr(block, step)(*[values[n] for n in names])


@torch.no_grad()
def reference_generate(model: WholeModel, prompt_ids: List[int], new_tokens: int) -> List[int]:
    """Greedy tokens of PyTorch, recomputing the whole sequence each time."""
    ids = list(prompt_ids)
    for _ in range(new_tokens):
        x = model.embed(ids, 0)
        for layer in range(len(model.layers)):
            x, _, _ = _block_call(model, layer, "prefill", model.prefill_inputs(layer, x))
        logits = model.head(x[-1:])
        ids.append(int(torch.argmax(logits[0])))
    return ids[len(prompt_ids):]
