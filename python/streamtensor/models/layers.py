"""Building blocks shared by the decoder definitions.

Activations are 2-D, [tokens, features]: one compiled block processes one
sequence, so there is no batch dimension.
"""

import math
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


class Conv1D(nn.Module):
    """GPT-2's linear layer: the weight is stored [in, out], as in its checkpoints."""

    def __init__(self, in_features: int, out_features: int, device=None):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(in_features, out_features, device=device))
        self.bias = nn.Parameter(torch.empty(out_features, device=device))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.addmm(self.bias, x, self.weight)


class ProjectionHead(nn.Module):
    """A final norm and the LM head's projection by `weight` [vocab, hidden].

    The weight stays a plain parameter (it is tied to the token embedding in
    most checkpoints); quantization swaps the projection for a module.
    """

    def project(self, x: torch.Tensor) -> torch.Tensor:
        quantized = self._modules.get("projection")
        return F.linear(x, self.weight) if quantized is None else quantized(x)

    def quantize_projection(self, layer: nn.Module) -> None:
        del self.weight
        self.projection = layer


class RMSNorm(nn.Module):
    """x / rms(x) * w, or * (1 + w) for Gemma, whose checkpoints store w - 1."""

    def __init__(self, dim: int, eps: float, unit_offset: bool = False, device=None):
        super().__init__()
        self.eps = eps
        self.unit_offset = unit_offset
        self.weight = nn.Parameter(torch.empty(dim, device=device))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        variance = x.pow(2).mean(-1, keepdim=True)
        normed = x * torch.rsqrt(variance + self.eps)
        scale = 1.0 + self.weight if self.unit_offset else self.weight
        return normed * scale


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    """GPT-2's `gelu_new`, written out as in the original implementation."""
    inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))
    return 0.5 * x * (1.0 + torch.tanh(inner))


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """x: [tokens, heads, head_dim]; cos/sin: [tokens, head_dim] (halves duplicated)."""
    cos = cos.unsqueeze(1)
    sin = sin.unsqueeze(1)
    return x * cos + rotate_half(x) * sin


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor,
              scale: float) -> torch.Tensor:
    """Scaled dot-product attention with an additive mask and grouped KV heads.

    q: [Tq, heads, D]; k, v: [Tk, kv_heads, D]; mask: [Tq, Tk]. Returns
    [Tq, heads * D]. Query head h reads KV head h // (heads / kv_heads); the
    query heads of one KV head are batched together, so K and V are read
    once per KV head instead of being repeated for every query head.
    """
    tokens, heads, dim = q.shape
    kv_heads = k.shape[1]
    groups = heads // kv_heads
    q = q.transpose(0, 1).reshape(kv_heads, groups * tokens, dim)
    k = k.transpose(0, 1)
    v = v.transpose(0, 1)
    scores = torch.matmul(q, k.transpose(-2, -1)) * scale
    scores = scores.view(kv_heads, groups, tokens, -1) + mask
    probs = F.softmax(scores, dim=-1).view(kv_heads, groups * tokens, -1)
    out = torch.matmul(probs, v)
    return out.view(heads, tokens, dim).transpose(0, 1).reshape(tokens, heads * dim)


def with_cache(new: torch.Tensor, cache: Optional[torch.Tensor], heads: int, dim: int):
    """Rows of the cache followed by the new rows, as [rows, heads, dim]."""
    new = new.view(new.shape[0], heads, dim)
    if cache is None:
        return new
    return torch.cat((cache.view(cache.shape[0], heads, dim), new), dim=0)
