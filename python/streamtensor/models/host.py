"""Position-dependent block inputs the host computes: RoPE tables and masks."""

from typing import Optional, Sequence, Tuple

import torch

NEG_INF = float("-inf")


def rope_tables(positions: Sequence[int], head_dim: int, theta: float
                ) -> Tuple[torch.Tensor, torch.Tensor]:
    """cos and sin, [len(positions), head_dim], frequencies repeated for both halves."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim))
    pos = torch.as_tensor(list(positions), dtype=torch.float64)
    freqs = pos[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos().float(), emb.sin().float()


def decode_mask(position: int, max_seq: int, window: Optional[int] = None) -> torch.Tensor:
    """[1, max_seq + 1]: cache rows 0..position-1 then the new token itself.

    Rows at or past `position` are empty; a sliding window of `window`
    tokens (the new one included) also hides rows older than that.
    """
    if not 0 <= position <= max_seq:
        raise ValueError(f"position {position} outside the cache of {max_seq} rows")
    mask = torch.full((1, max_seq + 1), NEG_INF)
    first = 0 if window is None else max(0, position - window + 1)
    mask[0, first:position] = 0.0
    mask[0, max_seq] = 0.0
    return mask


def prefill_mask(tokens: int, window: Optional[int] = None) -> torch.Tensor:
    """[tokens, tokens] causal mask, optionally limited to a sliding window."""
    i = torch.arange(tokens)[:, None]
    j = torch.arange(tokens)[None, :]
    allowed = j <= i
    if window is not None:
        allowed &= (i - j) < window
    return torch.where(allowed, torch.tensor(0.0), torch.tensor(NEG_INF))
