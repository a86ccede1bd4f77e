"""Builds one decoder layer, the LM head and the embedding tables of a model.

Weights come from a Hugging Face checkpoint, from a seeded random
initialization, or are left uninitialized ("empty": enough for importing,
and free for billion-parameter configurations since untouched pages are
never allocated).
"""

import math
from dataclasses import dataclass
from typing import Dict, Optional, Union

import torch
import torch.nn as nn

from . import gemma3, gpt2, llama
from .config import ConfigError, ModelConfig, get_config
from .layers import Conv1D, RMSNorm

WEIGHT_SOURCES = ("random", "empty")


@dataclass
class DecoderModel:
    """One layer's block, the final norm + LM head, and the host's embedding tables."""
    config: ModelConfig
    layer: int
    block: nn.Module
    head: nn.Module
    embed_tokens: torch.Tensor
    embed_positions: Optional[torch.Tensor]
    block_prefix: str
    head_names: Dict[str, str]
    embedding_names: Dict[str, str]

    def block_weight_name(self, name: str) -> str:
        return self.block_prefix + name

    def head_weight_name(self, name: str) -> str:
        """The checkpoint name; tensors a checkpoint does not hold (the
        quantized projection's codes and scales) go under "lm_head."."""
        return self.head_names.get(name, "lm_head." + name)

    def hf_state_dict(self) -> Dict[str, torch.Tensor]:
        """Every tensor under its Hugging Face name (tied weights once)."""
        state = {self.block_weight_name(n): p.detach() for n, p in self.block.named_parameters()}
        state.update({self.head_weight_name(n): p.detach()
                      for n, p in self.head.named_parameters()})
        state[self.embedding_names["tokens"]] = self.embed_tokens
        if self.embed_positions is not None:
            state[self.embedding_names["positions"]] = self.embed_positions
        return state

    def embed(self, token_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        """Block input for `token_ids` at `positions` (the host-side gather)."""
        x = self.embed_tokens[token_ids]
        if self.embed_positions is not None:
            x = x + self.embed_positions[positions]
        if self.config.family == "gemma3":
            x = x * torch.tensor(math.sqrt(self.config.hidden_size), dtype=x.dtype)
        return x


def _family_parts(config: ModelConfig, layer: int):
    meta = "meta"
    if config.family == "gpt2":
        return (gpt2.GPT2Block(config, device=meta), gpt2.GPT2Head(config, device=meta),
                gpt2.block_prefix(layer), dict(gpt2.HEAD_NAMES), dict(gpt2.EMBEDDING_NAMES))
    block_cls = gemma3.Gemma3Block if config.family == "gemma3" else llama.LlamaBlock
    head = llama.RMSNormHead(config, norm_offset=config.family == "gemma3", device=meta)
    return (block_cls(config, device=meta), head, llama.block_prefix(layer),
            llama.head_names(config.tie_word_embeddings), dict(llama.EMBEDDING_NAMES))


def _init_random(model: DecoderModel, seed: int) -> None:
    """Weights at scales that keep activations near unit variance."""
    gen = torch.Generator().manual_seed(seed)

    def normal(t: torch.Tensor, std: float, mean: float = 0.0):
        with torch.no_grad():
            t.copy_(torch.randn(t.shape, generator=gen) * std + mean)

    for module in list(model.block.modules()) + list(model.head.modules()):
        if isinstance(module, (nn.Linear, Conv1D)):
            fan_in = module.weight.shape[1 if isinstance(module, nn.Linear) else 0]
            normal(module.weight, fan_in ** -0.5)
            if module.bias is not None:
                normal(module.bias, 0.1)
        elif isinstance(module, nn.LayerNorm):
            normal(module.weight, 0.1, 1.0)
            normal(module.bias, 0.1)
        elif isinstance(module, RMSNorm):
            normal(module.weight, 0.1, 0.0 if module.unit_offset else 1.0)
    normal(model.head.weight, model.config.hidden_size ** -0.5)
    if not model.config.tie_word_embeddings:
        normal(model.embed_tokens, 1.0)
    if model.embed_positions is not None:
        normal(model.embed_positions, 0.1)


def _gpt2_candidates(name: str):
    return [name, name[len("transformer."):]] if name.startswith("transformer.") else [name]


def _load_checkpoint(model: DecoderModel, checkpoint) -> None:
    family = model.config.family
    prefixes = ["", "language_model."] if family == "gemma3" else [""]

    def candidates(name):
        names = _gpt2_candidates(name) if family == "gpt2" else [name]
        return [p + n for p in prefixes for n in names]

    def load(target: torch.Tensor, name: str, required: bool = True) -> bool:
        key = checkpoint.find(candidates(name))
        if key is None:
            if required:
                from ..weights import CheckpointError
                raise CheckpointError(f"{checkpoint.path}: no tensor {name!r} "
                                      f"(looked for {', '.join(candidates(name))})")
            return False
        with torch.no_grad():
            target.copy_(torch.from_numpy(checkpoint.tensor(key, target.shape)))
        return True

    for n, p in model.block.named_parameters():
        load(p, model.block_weight_name(n))
    for n, p in model.head.named_parameters():
        hf_name = model.head_weight_name(n)
        # Tied checkpoints may still carry an lm_head copy; either is fine.
        if n == "weight" and model.config.tie_word_embeddings:
            if load(p, "lm_head.weight", required=False):
                continue
        load(p, hf_name)
    if not model.config.tie_word_embeddings:
        load(model.embed_tokens, model.embedding_names["tokens"])
    if model.embed_positions is not None:
        load(model.embed_positions, model.embedding_names["positions"])


def build_model(family: Optional[str] = None, config: Union[str, ModelConfig] = "tiny", *,
                layer: int = 0, weights: str = "random", seed: int = 0,
                checkpoint: Optional[str] = None, quant=None) -> DecoderModel:
    """Layer `layer` of `family`/`config`, with weights from `checkpoint` if given.

    `quant` (a scheme name or QuantScheme) replaces the block's and the
    head's matrix products by their quantized reference (streamtensor.quant);
    static activation scales are left at 1 for the caller to calibrate.
    """
    ckpt = None
    if checkpoint is not None:
        from ..weights import Checkpoint
        ckpt = Checkpoint(checkpoint)
        cfg = ckpt.config
        if family is not None and cfg.family != family:
            raise ConfigError(f"{checkpoint} holds a {cfg.family} model, not {family}")
    elif isinstance(config, ModelConfig):
        cfg = config.validate()
    else:
        cfg = get_config(family, config).validate()
    if weights not in WEIGHT_SOURCES:
        raise ValueError(f"weights must be one of {WEIGHT_SOURCES}, got {weights!r}")
    if not 0 <= layer < cfg.num_layers:
        raise ConfigError(f"layer {layer} out of range: {cfg.family}/{cfg.name} has "
                          f"{cfg.num_layers} layers")
    block, head, prefix, head_names, embedding_names = _family_parts(cfg, layer)
    block = block.to_empty(device="cpu")
    head = head.to_empty(device="cpu")
    if cfg.tie_word_embeddings:
        embed_tokens = head.weight.data
    else:
        embed_tokens = torch.empty(cfg.vocab_size, cfg.hidden_size)
    embed_positions = None
    if cfg.family == "gpt2":
        embed_positions = torch.empty(cfg.max_positions, cfg.hidden_size)
    model = DecoderModel(cfg, layer, block.eval(), head.eval(), embed_tokens, embed_positions,
                         prefix, head_names, embedding_names)
    if ckpt is not None:
        _load_checkpoint(model, ckpt)
    elif weights == "random":
        _init_random(model, seed)
    if quant is not None:
        from ..quant import quantize
        compute = ckpt is not None or weights != "empty"
        quantize(model.block, quant, inplace=True, compute=compute)
        quantize(model.head, quant, inplace=True, compute=compute)
    return model
