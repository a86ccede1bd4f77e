"""Gemma 3 (text) decoder block (Hugging Face parameter names).

Differences from Llama: RMSNorm scales by (1 + w); q and k are RMS-normed
per head before RoPE; four norms per block (the attention and MLP outputs
are normed before the residual add); gelu(tanh)-gated MLP; attention scale
1/sqrt(query_pre_attn_scalar). Sliding-window layers differ only in their
mask and RoPE table, which are inputs of the block.
"""

import torch.nn as nn
import torch.nn.functional as F

from .config import ModelConfig
from .layers import RMSNorm
from .llama import GatedMLP, RopeAttention


def _gelu_tanh(x):
    return F.gelu(x, approximate="tanh")


class Gemma3Block(nn.Module):
    def __init__(self, config: ModelConfig, device=None):
        super().__init__()
        hidden, eps = config.hidden_size, config.norm_eps
        self.input_layernorm = RMSNorm(hidden, eps, unit_offset=True, device=device)
        self.self_attn = RopeAttention(config, qk_norm=True, norm_offset=True, device=device)
        self.post_attention_layernorm = RMSNorm(hidden, eps, unit_offset=True, device=device)
        self.pre_feedforward_layernorm = RMSNorm(hidden, eps, unit_offset=True, device=device)
        self.post_feedforward_layernorm = RMSNorm(hidden, eps, unit_offset=True, device=device)
        self.mlp = GatedMLP(config, _gelu_tanh, device=device)

    def forward(self, x, cos, sin, mask, k_cache=None, v_cache=None):
        attn_out, k, v = self.self_attn(self.input_layernorm(x), cos, sin, mask, k_cache,
                                        v_cache)
        h = x + self.post_attention_layernorm(attn_out)
        mlp_out = self.mlp(self.pre_feedforward_layernorm(h))
        return h + self.post_feedforward_layernorm(mlp_out), k, v

    def decode(self, x, cos, sin, mask, k_cache, v_cache):
        return self.forward(x, cos, sin, mask, k_cache, v_cache)

    def prefill(self, x, cos, sin, mask):
        return self.forward(x, cos, sin, mask)
