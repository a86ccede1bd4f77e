"""GPT-2 decoder block (Hugging Face `GPT2Block` parameter names and layouts)."""

from typing import Optional

import torch
import torch.nn as nn

from .config import ModelConfig
from .layers import Conv1D, ProjectionHead, attention, gelu_tanh, with_cache


class GPT2Attention(nn.Module):
    def __init__(self, config: ModelConfig, device=None):
        super().__init__()
        self.num_heads = config.num_heads
        self.head_dim = config.head_dim
        self.scale = config.attention_scale
        self.c_attn = Conv1D(config.hidden_size, 3 * config.hidden_size, device=device)
        self.c_proj = Conv1D(config.hidden_size, config.hidden_size, device=device)

    def forward(self, x: torch.Tensor, mask: torch.Tensor, k_cache: Optional[torch.Tensor],
                v_cache: Optional[torch.Tensor]):
        tokens, hidden = x.size()
        q, k, v = self.c_attn(x).split(hidden, dim=1)
        keys = with_cache(k, k_cache, self.num_heads, self.head_dim)
        values = with_cache(v, v_cache, self.num_heads, self.head_dim)
        out = attention(q.view(tokens, self.num_heads, self.head_dim), keys, values, mask,
                        self.scale)
        return self.c_proj(out), k, v


class GPT2MLP(nn.Module):
    def __init__(self, config: ModelConfig, device=None):
        super().__init__()
        self.c_fc = Conv1D(config.hidden_size, config.intermediate_size, device=device)
        self.c_proj = Conv1D(config.intermediate_size, config.hidden_size, device=device)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.c_proj(gelu_tanh(self.c_fc(x)))


class GPT2Block(nn.Module):
    """Pre-norm block: x + attn(ln_1(x)), then + mlp(ln_2(.))."""

    def __init__(self, config: ModelConfig, device=None):
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.hidden_size, eps=config.norm_eps, device=device)
        self.attn = GPT2Attention(config, device=device)
        self.ln_2 = nn.LayerNorm(config.hidden_size, eps=config.norm_eps, device=device)
        self.mlp = GPT2MLP(config, device=device)

    def forward(self, x, mask, k_cache=None, v_cache=None):
        attn_out, k, v = self.attn(self.ln_1(x), mask, k_cache, v_cache)
        h = x + attn_out
        return h + self.mlp(self.ln_2(h)), k, v

    def decode(self, x, mask, k_cache, v_cache):
        return self.forward(x, mask, k_cache, v_cache)

    def prefill(self, x, mask):
        return self.forward(x, mask)


class GPT2Head(ProjectionHead):
    """Final LayerNorm and the LM head (tied to the token embedding)."""

    def __init__(self, config: ModelConfig, device=None):
        super().__init__()
        self.ln_f = nn.LayerNorm(config.hidden_size, eps=config.norm_eps, device=device)
        self.weight = nn.Parameter(torch.empty(config.vocab_size, config.hidden_size,
                                               device=device))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.project(self.ln_f(x))


def block_prefix(layer: int) -> str:
    return f"transformer.h.{layer}."


HEAD_NAMES = {"ln_f.weight": "transformer.ln_f.weight", "ln_f.bias": "transformer.ln_f.bias",
              "weight": "transformer.wte.weight"}
EMBEDDING_NAMES = {"tokens": "transformer.wte.weight", "positions": "transformer.wpe.weight"}
