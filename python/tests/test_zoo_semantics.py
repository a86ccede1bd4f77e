"""The zoo's blocks follow the compiled-block contract and compute the right thing.

These run in PyTorch only: decode with a KV cache must reproduce prefill,
masks and RoPE tables must encode positions, and the attention must match
an independent per-head loop.
"""

import dataclasses
import math
import re

import pytest
import torch

from streamtensor import models
from streamtensor.models.layers import rotate_half

torch.manual_seed(0)


@pytest.mark.parametrize("family, window", [(f, None) for f in models.FAMILIES] +
                         [("gemma3", 3)])
def test_decode_with_cache_reproduces_prefill(family, window):
    """Prefill N tokens, then decode token N-1 against the cache of the first N-1."""
    config = models.get_config(family, "tiny")
    if window is not None:
        config = dataclasses.replace(config, sliding_window=window)
    model = models.build_model(config=config, seed=7)
    cfg = model.config
    n, max_seq = 6, 8
    prefill = models.example_inputs(model, "prefill", seq=n, seed=1)
    with torch.no_grad():
        y_all, k_all, v_all = model.block.prefill(*prefill.values())
    p = n - 1
    k_cache = torch.randn(max_seq, cfg.kv_dim)  # rows >= p are stale and masked
    v_cache = torch.randn(max_seq, cfg.kv_dim)
    k_cache[:p], v_cache[:p] = k_all[:p], v_all[:p]
    window = cfg.sliding_window if cfg.is_sliding_layer(model.layer) else None
    decode = {"x": prefill["x"][p:p + 1], "mask": models.decode_mask(p, max_seq, window),
              "k_cache": k_cache, "v_cache": v_cache}
    if cfg.uses_rope:
        decode["cos"], decode["sin"] = prefill["cos"][p:p + 1], prefill["sin"][p:p + 1]
    args = [decode[name] for name in models.input_names(model, "decode")]
    with torch.no_grad():
        y, k_new, v_new = model.block.decode(*args)
    assert torch.allclose(y, y_all[p:p + 1], atol=1e-5)
    assert torch.allclose(k_new, k_all[p:p + 1], atol=1e-6)
    assert torch.allclose(v_new, v_all[p:p + 1], atol=1e-6)


def _reference_attention(q, k, v, mask, scale):
    """Per-head loop; q: [T, H, D], k/v: [S, KV, D]; head h reads KV head h // (H / KV)."""
    tokens, heads, dim = q.shape
    groups = heads // k.shape[1]
    out = torch.zeros(tokens, heads, dim)
    for h in range(heads):
        kh, vh = k[:, h // groups], v[:, h // groups]
        scores = q[:, h] @ kh.T * scale + mask
        out[:, h] = torch.softmax(scores, dim=-1) @ vh
    return out.reshape(tokens, heads * dim)


def _reference_rms(x, weight, eps, offset):
    scale = (1.0 + weight) if offset else weight
    return x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps) * scale


@pytest.mark.parametrize("family", ["llama", "qwen2", "gemma3"])
def test_rope_block_against_a_loop_reference(family):
    model = models.build_model(family, "tiny", seed=11)
    cfg, block = model.config, model.block
    attn = block.self_attn
    inputs = models.example_inputs(model, "prefill", seq=5, seed=2)
    x, cos, sin, mask = inputs.values()
    gemma = family == "gemma3"
    with torch.no_grad():
        h = _reference_rms(x, block.input_layernorm.weight, cfg.norm_eps, gemma)
        q = (h @ attn.q_proj.weight.T + (attn.q_proj.bias if cfg.qkv_bias else 0)).view(
            5, cfg.num_heads, cfg.head_dim)
        k = (h @ attn.k_proj.weight.T + (attn.k_proj.bias if cfg.qkv_bias else 0)).view(
            5, cfg.num_kv_heads, cfg.head_dim)
        v = (h @ attn.v_proj.weight.T + (attn.v_proj.bias if cfg.qkv_bias else 0)).view(
            5, cfg.num_kv_heads, cfg.head_dim)
        if gemma:
            q = _reference_rms(q, attn.q_norm.weight, cfg.norm_eps, True)
            k = _reference_rms(k, attn.k_norm.weight, cfg.norm_eps, True)
        q = q * cos[:, None] + rotate_half(q) * sin[:, None]
        k = k * cos[:, None] + rotate_half(k) * sin[:, None]
        scale = cfg.query_pre_attn_scalar ** -0.5 if gemma else cfg.head_dim ** -0.5
        a = _reference_attention(q, k, v, mask, scale) @ attn.o_proj.weight.T
        if gemma:
            a = _reference_rms(a, block.post_attention_layernorm.weight, cfg.norm_eps, True)
            r = x + a
            m_in = _reference_rms(r, block.pre_feedforward_layernorm.weight, cfg.norm_eps, True)
            gate = torch.nn.functional.gelu(m_in @ block.mlp.gate_proj.weight.T, approximate="tanh")
        else:
            r = x + a
            m_in = _reference_rms(r, block.post_attention_layernorm.weight, cfg.norm_eps, False)
            gate = torch.nn.functional.silu(m_in @ block.mlp.gate_proj.weight.T)
        m = (gate * (m_in @ block.mlp.up_proj.weight.T)) @ block.mlp.down_proj.weight.T
        if gemma:
            m = _reference_rms(m, block.post_feedforward_layernorm.weight, cfg.norm_eps, True)
        y_ref = r + m
        y, k_out, _ = block.prefill(x, cos, sin, mask)
    assert torch.allclose(y, y_ref, atol=1e-5)
    assert torch.allclose(k_out, k.reshape(5, -1), atol=1e-6)


def test_gpt2_block_against_a_loop_reference():
    model = models.build_model("gpt2", "tiny", seed=4)
    cfg, block = model.config, model.block
    x, mask = models.example_inputs(model, "prefill", seq=4, seed=3).values()
    with torch.no_grad():
        h = torch.nn.functional.layer_norm(x, (cfg.hidden_size,), block.ln_1.weight,
                                           block.ln_1.bias, cfg.norm_eps)
        qkv = h @ block.attn.c_attn.weight + block.attn.c_attn.bias  # Conv1D: [in, out]
        q, k, v = (t.reshape(4, cfg.num_heads, cfg.head_dim) for t in qkv.split(cfg.hidden_size, 1))
        a = _reference_attention(q, k, v, mask, 1 / math.sqrt(cfg.head_dim))
        r = x + a @ block.attn.c_proj.weight + block.attn.c_proj.bias
        h2 = torch.nn.functional.layer_norm(r, (cfg.hidden_size,), block.ln_2.weight,
                                            block.ln_2.bias, cfg.norm_eps)
        f = torch.nn.functional.gelu(h2 @ block.mlp.c_fc.weight + block.mlp.c_fc.bias,
                                     approximate="tanh")
        y_ref = r + f @ block.mlp.c_proj.weight + block.mlp.c_proj.bias
        y, _, _ = block.prefill(x, mask)
    assert torch.allclose(y, y_ref, atol=1e-5)


def test_masks_and_rope_tables():
    mask = models.decode_mask(3, 6)
    assert mask.shape == (1, 7)
    assert (mask[0, :3] == 0).all() and torch.isinf(mask[0, 3:6]).all() and mask[0, 6] == 0
    windowed = models.decode_mask(5, 6, window=3)
    assert torch.isinf(windowed[0, :3]).all() and (windowed[0, 3:5] == 0).all()
    causal = models.prefill_mask(4, window=2)
    assert causal[2, 2] == 0 and causal[2, 1] == 0 and torch.isinf(causal[2, 0])
    assert torch.isinf(causal[1, 2])
    cos, sin = models.rope_tables([0, 5], 8, 10000.0)
    assert torch.allclose(cos[0], torch.ones(8)) and torch.allclose(sin[0], torch.zeros(8))
    assert torch.allclose(cos[1, :4], cos[1, 4:]) and math.isclose(cos[1, 0].item(), math.cos(5),
                                                                   rel_tol=1e-6)
    with pytest.raises(ValueError):
        models.decode_mask(7, 6)


def test_gemma3_layer_types():
    cfg = models.get_config("gemma3", "paper")
    globals_ = [i for i in range(cfg.num_layers) if not cfg.is_sliding_layer(i)]
    assert globals_ == [5, 11, 17, 23]
    assert cfg.layer_rope_theta(0) == 10000.0 and cfg.layer_rope_theta(5) == 1e6
    assert cfg.attention_scale == 1 / 16


@pytest.mark.parametrize("family", models.FAMILIES)
@pytest.mark.parametrize("step", models.STEPS)
def test_function_signatures_follow_the_contract(family, step):
    model = models.build_model(family, "tiny", weights="empty")
    cfg = model.config
    text = models.import_step(model, step, max_seq=12, seq=5)
    rows = 1 if step == "decode" else 5
    expected_inputs = {"x": (rows, cfg.hidden_size), "cos": (rows, cfg.head_dim),
                       "sin": (rows, cfg.head_dim),
                       "mask": (1, 13) if step == "decode" else (5, 5),
                       "k_cache": (12, cfg.kv_dim), "v_cache": (12, cfg.kv_dim)}
    block = next(line for line in text.splitlines() if "func.func @block" in line)
    found = re.findall(r'tensor<([\dx]+)xf32> \{streamtensor.kind = "input", '
                       r'streamtensor.name = "(\w+)"\}', block)
    assert [name for _, name in found] == models.input_names(model, step)
    for dims, name in found:
        assert tuple(int(d) for d in dims.split("x")) == expected_inputs[name]
    outputs = re.findall(r'tensor<([\dx]+)xf32> \{streamtensor.name = "(\w+)"\}', block)
    assert outputs == [(f"{rows}x{cfg.hidden_size}", "y"),
                       (f"{rows}x{cfg.kv_dim}", models.output_names(step)[1]),
                       (f"{rows}x{cfg.kv_dim}", models.output_names(step)[2])]
    weight_names = re.findall(r'streamtensor.kind = "weight", streamtensor.name = "([\w.]+)"',
                              block)
    prefix = "transformer.h.0." if family == "gpt2" else "model.layers.0."
    assert weight_names and all(n.startswith(prefix) for n in weight_names)
    head = next(line for line in text.splitlines() if "func.func @lm_head" in line)
    assert f'tensor<1x{cfg.vocab_size}xf32> {{streamtensor.name = "logits"}}' in head
    assert f'streamtensor.step = "{step}"' in text
