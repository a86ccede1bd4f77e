"""Llama and Qwen2 decoder blocks (Hugging Face parameter names).

Qwen2 is Llama with biases on the q/k/v projections; both use RMSNorm,
rotary position embedding, grouped-query attention and a SiLU-gated MLP.
"""

from typing import Callable, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import ModelConfig
from .layers import ProjectionHead, RMSNorm, apply_rope, attention, with_cache


class RopeAttention(nn.Module):
    """GQA self-attention with RoPE; optional per-head QK-norm (Gemma 3)."""

    def __init__(self, config: ModelConfig, qk_norm: bool = False, norm_offset: bool = False,
                 device=None):
        super().__init__()
        self.num_heads = config.num_heads
        self.num_kv_heads = config.num_kv_heads
        self.head_dim = config.head_dim
        self.scale = config.attention_scale
        hidden, bias = config.hidden_size, config.qkv_bias
        self.q_proj = nn.Linear(hidden, config.num_heads * config.head_dim, bias=bias,
                                device=device)
        self.k_proj = nn.Linear(hidden, config.kv_dim, bias=bias, device=device)
        self.v_proj = nn.Linear(hidden, config.kv_dim, bias=bias, device=device)
        self.o_proj = nn.Linear(config.num_heads * config.head_dim, hidden, bias=False,
                                device=device)
        self.qk_norm = qk_norm
        if qk_norm:
            self.q_norm = RMSNorm(config.head_dim, config.norm_eps, norm_offset, device=device)
            self.k_norm = RMSNorm(config.head_dim, config.norm_eps, norm_offset, device=device)

    def forward(self, x, cos, sin, mask, k_cache: Optional[torch.Tensor],
                v_cache: Optional[torch.Tensor]):
        tokens = x.shape[0]
        q = self.q_proj(x).view(tokens, self.num_heads, self.head_dim)
        k = self.k_proj(x).view(tokens, self.num_kv_heads, self.head_dim)
        v = self.v_proj(x)
        if self.qk_norm:
            q = self.q_norm(q)
            k = self.k_norm(k)
        q = apply_rope(q, cos, sin)
        k_new = apply_rope(k, cos, sin).reshape(tokens, self.num_kv_heads * self.head_dim)
        keys = with_cache(k_new, k_cache, self.num_kv_heads, self.head_dim)
        values = with_cache(v, v_cache, self.num_kv_heads, self.head_dim)
        out = attention(q, keys, values, mask, self.scale)
        return self.o_proj(out), k_new, v


class GatedMLP(nn.Module):
    """down(act(gate(x)) * up(x))."""

    def __init__(self, config: ModelConfig, act: Callable[[torch.Tensor], torch.Tensor],
                 device=None):
        super().__init__()
        hidden, inner = config.hidden_size, config.intermediate_size
        self.gate_proj = nn.Linear(hidden, inner, bias=False, device=device)
        self.up_proj = nn.Linear(hidden, inner, bias=False, device=device)
        self.down_proj = nn.Linear(inner, hidden, bias=False, device=device)
        self.act = act

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down_proj(self.act(self.gate_proj(x)) * self.up_proj(x))


class LlamaBlock(nn.Module):
    """x + attn(input_layernorm(x)), then + mlp(post_attention_layernorm(.))."""

    def __init__(self, config: ModelConfig, device=None):
        super().__init__()
        self.input_layernorm = RMSNorm(config.hidden_size, config.norm_eps, device=device)
        self.self_attn = RopeAttention(config, device=device)
        self.post_attention_layernorm = RMSNorm(config.hidden_size, config.norm_eps,
                                                device=device)
        self.mlp = GatedMLP(config, F.silu, device=device)

    def forward(self, x, cos, sin, mask, k_cache=None, v_cache=None):
        attn_out, k, v = self.self_attn(self.input_layernorm(x), cos, sin, mask, k_cache,
                                        v_cache)
        h = x + attn_out
        return h + self.mlp(self.post_attention_layernorm(h)), k, v

    def decode(self, x, cos, sin, mask, k_cache, v_cache):
        return self.forward(x, cos, sin, mask, k_cache, v_cache)

    def prefill(self, x, cos, sin, mask):
        return self.forward(x, cos, sin, mask)


class RMSNormHead(ProjectionHead):
    """Final RMSNorm and the LM head."""

    def __init__(self, config: ModelConfig, norm_offset: bool = False, device=None):
        super().__init__()
        self.norm = RMSNorm(config.hidden_size, config.norm_eps, norm_offset, device=device)
        self.weight = nn.Parameter(torch.empty(config.vocab_size, config.hidden_size,
                                               device=device))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.project(self.norm(x))


def block_prefix(layer: int) -> str:
    return f"model.layers.{layer}."


def head_names(tied: bool):
    return {"norm.weight": "model.norm.weight",
            "weight": "model.embed_tokens.weight" if tied else "lm_head.weight"}


EMBEDDING_NAMES = {"tokens": "model.embed_tokens.weight"}
