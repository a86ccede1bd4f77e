"""Transformer pieces written the way users and Hugging Face write them.

None of them comes from the model zoo: each exercises a way of writing a
model that `streamtensor.compile` must accept (keyword inputs, tuple and
dict outputs, masks built inside `forward`, KV repetition by expand +
reshape, `finfo.min` masks, buffers, `x.size()` unpacking).
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualLinear(nn.Module):
    """Two inputs of one shape: only their order tells them apart."""

    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(16, 16)

    def forward(self, a, b):
        return self.lin(b) + a


class OPTStyleAttention(nn.Module):
    """Causal mask from torch.full(finfo.min) + triu, scaled queries, clamped scores."""

    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads, self.head_dim = heads, dim // heads
        self.q_proj = nn.Linear(dim, dim)
        self.k_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.out_proj = nn.Linear(dim, dim)
        self.norm = nn.LayerNorm(dim)

    def forward(self, hidden_states):
        bsz, tgt_len, _ = hidden_states.size()
        x = self.norm(hidden_states)
        shape = (bsz, tgt_len, self.heads, self.head_dim)
        q = (self.q_proj(x) * self.head_dim ** -0.5).view(shape).transpose(1, 2)
        k = self.k_proj(x).view(shape).transpose(1, 2)
        v = self.v_proj(x).view(shape).transpose(1, 2)
        minimum = torch.finfo(hidden_states.dtype).min
        mask = torch.triu(torch.full((tgt_len, tgt_len), minimum), diagonal=1)
        scores = torch.matmul(q, k.transpose(2, 3)) + mask
        scores = torch.max(scores, torch.tensor(minimum))
        probs = F.softmax(scores, dim=-1)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(bsz, tgt_len, -1)
        return hidden_states + self.out_proj(out)


class BertStyleLayer(nn.Module):
    """Post-norm encoder layer with an additive attention mask as a keyword input."""

    def __init__(self, dim=32, heads=2, ffn=64):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.dense = nn.Linear(dim, dim)
        self.norm1 = nn.LayerNorm(dim, eps=1e-12)
        self.up = nn.Linear(dim, ffn)
        self.down = nn.Linear(ffn, dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-12)

    def forward(self, hidden, attention_mask):
        b, s, d = hidden.shape
        q, k, v = self.qkv(hidden).chunk(3, dim=-1)
        q, k, v = (t.view(b, s, self.heads, -1).permute(0, 2, 1, 3) for t in (q, k, v))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + attention_mask
        context = (scores.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(b, s, d)
        hidden = self.norm1(hidden + self.dense(context))
        return self.norm2(hidden + self.down(F.gelu(self.up(hidden))))


class MistralStyleDecode(nn.Module):
    """One GQA decode step over a [batch, kv_heads, S, head_dim] cache; the new
    key and value are written at `position` and the mask is built from arange."""

    def __init__(self, dim=32, heads=4, kv_heads=2):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, dim // heads
        self.q = nn.Linear(dim, dim, bias=False)
        self.k = nn.Linear(dim, kv_heads * self.head_dim, bias=False)
        self.v = nn.Linear(dim, kv_heads * self.head_dim, bias=False)
        self.o = nn.Linear(dim, dim, bias=False)

    def forward(self, x, k_cache, v_cache, position):
        bsz, _, dim = x.size()
        q = self.q(x).view(bsz, 1, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(x).view(bsz, 1, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(x).view(bsz, 1, self.kv_heads, self.head_dim).transpose(1, 2)
        slots = torch.arange(k_cache.shape[2]).view(1, 1, -1, 1)
        here = slots == position
        k_all = torch.where(here, k, k_cache)
        v_all = torch.where(here, v, v_cache)
        groups = self.heads // self.kv_heads
        shape = (bsz, self.kv_heads, groups, k_all.shape[2], self.head_dim)
        k_rep = k_all[:, :, None].expand(shape).reshape(bsz, self.heads, -1, self.head_dim)
        v_rep = v_all[:, :, None].expand(shape).reshape(bsz, self.heads, -1, self.head_dim)
        scores = q @ k_rep.transpose(2, 3) / math.sqrt(self.head_dim)
        visible = torch.arange(k_cache.shape[2]).view(1, 1, 1, -1) <= position
        scores = scores.masked_fill(~visible, torch.finfo(scores.dtype).min)
        out = scores.softmax(-1) @ v_rep
        y = self.o(out.transpose(1, 2).reshape(bsz, 1, dim))
        return y, k_all, v_all


class MixerBlock(nn.Module):
    """MLP-Mixer: token mixing across the transposed patch axis, then channel mixing."""

    def __init__(self, tokens=8, dim=16, hidden=32):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.token_mlp = nn.Sequential(nn.Linear(tokens, hidden), nn.GELU(),
                                       nn.Linear(hidden, tokens))
        self.norm2 = nn.LayerNorm(dim)
        self.channel_mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(),
                                         nn.Linear(hidden, dim))

    def forward(self, x):
        x = x + self.token_mlp(self.norm1(x).transpose(1, 2)).transpose(1, 2)
        return x + self.channel_mlp(self.norm2(x))


class T5GatedFFN(nn.Module):
    """T5's RMS layer norm and gated-GELU feed-forward; a dict of outputs."""

    def __init__(self, dim=32, ffn=48):
        super().__init__()
        self.weight = nn.Parameter(torch.linspace(0.5, 1.5, dim))
        self.wi_0 = nn.Linear(dim, ffn, bias=False)
        self.wi_1 = nn.Linear(dim, ffn, bias=False)
        self.wo = nn.Linear(ffn, dim, bias=False)

    def forward(self, hidden_states):
        variance = hidden_states.pow(2).mean(-1, keepdim=True)
        normed = self.weight * (hidden_states * torch.rsqrt(variance + 1e-6))
        gated = F.gelu(self.wi_0(normed), approximate="tanh") * self.wi_1(normed)
        update = self.wo(gated)
        return {"hidden_states": hidden_states + update, "update": update}


class GPTJStyleBlock(nn.Module):
    """Attention and MLP side by side on one normed input; a causal mask from a
    registered bool tril buffer, clamped scores; a tuple of outputs."""

    def __init__(self, dim=32, heads=4, ctx=8):
        super().__init__()
        self.heads = heads
        self.ln = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.proj = nn.Linear(dim, dim, bias=False)
        self.fc_in = nn.Linear(dim, 2 * dim)
        self.fc_out = nn.Linear(2 * dim, dim)
        self.register_buffer("causal", torch.tril(torch.ones(ctx, ctx, dtype=torch.bool)))

    def forward(self, x):
        b, t, c = x.size()
        h = self.ln(x)
        q, k, v = self.qkv(h).split(c, dim=-1)
        q, k, v = (z.view(b, t, self.heads, -1).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(c // self.heads)
        att = torch.where(self.causal[:t, :t], att, torch.tensor(-1e9))
        att = att.clamp(min=torch.finfo(att.dtype).min, max=1e4)
        attn = self.proj((att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, c))
        mlp = self.fc_out(F.gelu(self.fc_in(h), approximate="tanh"))
        return x + attn + mlp, attn


class ScaledSwiGLU(nn.Module):
    """A keyword-only style call: `forward(x, scale)` with a per-row scale, a
    buffer offset and a tril mask applied to a token-mixing product."""

    def __init__(self, dim=16, ffn=32, tokens=4):
        super().__init__()
        self.gate = nn.Linear(dim, ffn, bias=False)
        self.up = nn.Linear(dim, ffn, bias=False)
        self.down = nn.Linear(ffn, dim, bias=False)
        self.register_buffer("offset", torch.linspace(-0.5, 0.5, dim))
        self.tokens = tokens

    def forward(self, x, scale):
        mix = torch.tril(torch.ones(self.tokens, self.tokens)) / torch.arange(
            1, self.tokens + 1).view(-1, 1)
        y = self.down(F.silu(self.gate(x)) * self.up(x)) * scale
        return mix @ y + self.offset
