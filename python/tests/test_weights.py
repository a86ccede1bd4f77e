"""safetensors reading/writing and loading Hugging Face checkpoint directories."""

import json
import os
import re
import struct

import numpy as np
import pytest
import torch

from streamtensor import cpu_runner, models
from streamtensor.weights import (Checkpoint, CheckpointError, SafetensorsError, SafetensorsFile,
                                  save_file)
from conftest import max_errors


def _write_raw(path, header, data: bytes):
    """A safetensors file built by hand from the format description."""
    encoded = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + data)


def test_reads_a_hand_written_file(tmp_path):
    a = np.arange(6, dtype="<f4").reshape(2, 3)
    b = np.array([-1, 7], dtype="<i8")
    bf = torch.tensor([1.5, -2.25, 3.0e-3]).to(torch.bfloat16)
    bf_bytes = bf.view(torch.int16).numpy().astype("<i2").tobytes()
    half = np.array([0.5, 65504.0], dtype="<f2")
    blobs = [a.tobytes(), b.tobytes(), bf_bytes, half.tobytes()]
    ends = [int(e) for e in np.cumsum([0] + [len(x) for x in blobs])]
    entries = [("a", "F32", [2, 3]), ("b", "I64", [2]), ("c", "BF16", [3]), ("d", "F16", [2])]
    header = {name: {"dtype": dtype, "shape": shape, "data_offsets": [ends[i], ends[i + 1]]}
              for i, (name, dtype, shape) in enumerate(entries)}
    header["__metadata__"] = {"format": "pt"}
    path = tmp_path / "hand.safetensors"
    _write_raw(path, header, b"".join(blobs))
    f = SafetensorsFile(str(path))
    assert sorted(f.keys()) == ["a", "b", "c", "d"] and f.metadata == {"format": "pt"}
    np.testing.assert_array_equal(f.get("a"), a)
    np.testing.assert_array_equal(f.get("b"), b)
    np.testing.assert_array_equal(f.get("c"), bf.float().numpy())
    assert f.get("d").dtype == np.float32
    np.testing.assert_array_equal(f.get("d"), half.astype(np.float32))


def test_round_trip_and_bf16_rounding(tmp_path):
    rng = np.random.default_rng(0)
    tensors = {"w": rng.standard_normal((4, 5)).astype(np.float32),
               "i": np.array([[1, 2], [3, 4]], dtype=np.int32), "m": np.array([True, False]),
               "h": rng.standard_normal(3).astype(np.float16),
               "b": rng.standard_normal(7).astype(np.float32)}
    path = str(tmp_path / "rt.safetensors")
    save_file(tensors, path, metadata={"k": "v"}, bf16=("b",))
    f = SafetensorsFile(path)
    for name in ("w", "i", "m"):
        np.testing.assert_array_equal(f.get(name), tensors[name])
    np.testing.assert_array_equal(f.get("h"), tensors["h"].astype(np.float32))
    expected_bf16 = torch.from_numpy(tensors["b"]).to(torch.bfloat16).float().numpy()
    np.testing.assert_array_equal(f.get("b"), expected_bf16)
    assert f.info("b").dtype == "BF16" and f.metadata == {"k": "v"}
    with open(path, "rb") as fh:
        (header_len,) = struct.unpack("<Q", fh.read(8))
    assert header_len % 8 == 0


@pytest.mark.parametrize("content, message", [
    (b"\x01\x02", "too short"),
    (struct.pack("<Q", 1 << 40) + b"{}", "exceeds the file size"),
    (struct.pack("<Q", 5) + b"{nope", "not valid JSON"),
    (struct.pack("<Q", 2) + b"[]", "must be a JSON object"),
])
def test_malformed_headers(tmp_path, content, message):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    with pytest.raises(SafetensorsError, match=message):
        SafetensorsFile(str(path))


@pytest.mark.parametrize("entry, message", [
    ({"dtype": "F8", "shape": [1], "data_offsets": [0, 1]}, "unsupported dtype"),
    ({"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}, "non-negative"),
    ({"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}, "needs 8"),
    ({"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}, "past the file end"),
    ({"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}, "begin <= end"),
])
def test_inconsistent_entries(tmp_path, entry, message):
    path = tmp_path / "bad.safetensors"
    _write_raw(path, {"t": entry}, b"\0" * 8)
    with pytest.raises(SafetensorsError, match=message):
        SafetensorsFile(str(path))


def test_overlapping_tensors(tmp_path):
    path = tmp_path / "overlap.safetensors"
    _write_raw(path, {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                      "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, b"\0" * 8)
    with pytest.raises(SafetensorsError, match="overlap"):
        SafetensorsFile(str(path))


def _hf_config(cfg):
    if cfg.family == "gpt2":
        return {"model_type": "gpt2", "n_layer": 1, "n_embd": cfg.hidden_size,
                "n_head": cfg.num_heads, "n_inner": None, "vocab_size": cfg.vocab_size,
                "n_positions": cfg.max_positions, "layer_norm_epsilon": cfg.norm_eps}
    d = {"model_type": {"gemma3": "gemma3_text"}.get(cfg.family, cfg.family),
         "num_hidden_layers": 1, "hidden_size": cfg.hidden_size,
         "intermediate_size": cfg.intermediate_size, "num_attention_heads": cfg.num_heads,
         "num_key_value_heads": cfg.num_kv_heads, "head_dim": cfg.head_dim,
         "vocab_size": cfg.vocab_size, "max_position_embeddings": cfg.max_positions,
         "rms_norm_eps": cfg.norm_eps, "rope_theta": cfg.rope_theta,
         "tie_word_embeddings": cfg.tie_word_embeddings}
    if cfg.family == "gemma3":
        d.update(query_pre_attn_scalar=cfg.query_pre_attn_scalar,
                 sliding_window=cfg.sliding_window, rope_local_base_freq=cfg.rope_local_theta,
                 layer_types=["sliding_attention"])
    return d


def _write_checkpoint(directory, source: models.DecoderModel, bf16=False):
    """The layout Hugging Face uses: GPT-2 keys without "transformer.", Conv1D
    weights [in, out], tied LM heads stored once, two shards."""
    state = {}
    for name, tensor in source.hf_state_dict().items():
        if source.config.family == "gpt2":
            name = name[len("transformer."):]
        state[name] = tensor.numpy()
    names = sorted(state)
    half = len(names) // 2
    for i, part in enumerate((names[:half], names[half:])):
        save_file({n: state[n] for n in part}, os.path.join(directory, f"model-{i}.safetensors"),
                  bf16=tuple(part) if bf16 else ())
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(_hf_config(source.config), f)
    return state


@pytest.mark.parametrize("family", models.FAMILIES)
def test_checkpoint_weights_drive_the_imported_block(tmp_path, family):
    source = models.build_model(family, "tiny", seed=21)
    state = _write_checkpoint(str(tmp_path), source, bf16=family == "llama")
    if family == "gpt2":
        assert state["h.0.attn.c_attn.weight"].shape == (64, 192)  # Conv1D [in, out]
    loaded = models.build_model(checkpoint=str(tmp_path))
    assert loaded.config.family == family and loaded.config.num_layers == 1
    tolerance = 1e-2 if family == "llama" else 0.0  # bf16 rounding
    for name, tensor in loaded.hf_state_dict().items():
        expected = source.hf_state_dict()[name]
        assert torch.allclose(tensor, expected, atol=tolerance, rtol=tolerance), name

    text = models.import_step(loaded, "decode", max_seq=8, functions=["block"])
    inputs = models.example_inputs(loaded, "decode", max_seq=8)
    compiled = cpu_runner.compile_module(text)
    args = [v.numpy() for v in inputs.values()] + \
        [p.detach().numpy() for p in loaded.block.parameters()]
    with torch.no_grad():
        expected = loaded.block.decode(*inputs.values())
    assert max(max_errors(compiled.run("block", args), expected)) <= 1e-4


def test_checkpoint_errors(tmp_path):
    with pytest.raises(CheckpointError, match="not a directory"):
        Checkpoint(str(tmp_path / "missing"))
    with pytest.raises(CheckpointError, match="config.json: missing"):
        Checkpoint(str(tmp_path))
    (tmp_path / "config.json").write_text("{\n  \"model_type\": \n}")
    with pytest.raises(CheckpointError, match=r"config.json:3:1: invalid JSON"):
        Checkpoint(str(tmp_path))
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(CheckpointError, match="unsupported model_type 'bert'"):
        Checkpoint(str(tmp_path))

    source = models.build_model("qwen2", "tiny", seed=1)
    state = _write_checkpoint(str(tmp_path), source)
    with pytest.raises(models.ConfigError, match="holds a qwen2 model, not llama"):
        models.build_model("llama", checkpoint=str(tmp_path))
    for f in tmp_path.glob("*.safetensors"):
        f.unlink()
    broken = dict(state)
    del broken["model.layers.0.mlp.up_proj.weight"]
    broken["model.layers.0.self_attn.q_proj.bias"] = np.zeros(3, np.float32)
    save_file(broken, str(tmp_path / "model.safetensors"))
    with pytest.raises(CheckpointError, match=r"'model.layers.0.self_attn.q_proj.bias' has "
                                              r"shape \[3\], expected \[112\]"):
        models.build_model(checkpoint=str(tmp_path))
    broken["model.layers.0.self_attn.q_proj.bias"] = state["model.layers.0.self_attn.q_proj.bias"]
    save_file(broken, str(tmp_path / "model.safetensors"))
    with pytest.raises(CheckpointError, match="no tensor 'model.layers.0.mlp.up_proj.weight'"):
        models.build_model(checkpoint=str(tmp_path))


def test_config_from_gemma3_multimodal_config():
    cfg = models.from_hf_config({"model_type": "gemma3", "text_config": {
        "hidden_size": 1152, "intermediate_size": 6912, "num_attention_heads": 4,
        "num_key_value_heads": 1, "head_dim": 256, "num_hidden_layers": 26,
        "vocab_size": 262144, "query_pre_attn_scalar": 256, "sliding_window": 512,
        "sliding_window_pattern": 6, "rope_theta": 1e6, "rope_local_base_freq": 1e4}})
    paper = models.get_config("gemma3", "paper")
    for field in ("hidden_size", "intermediate_size", "num_heads", "num_kv_heads", "head_dim",
                  "num_layers", "vocab_size", "sliding_window", "query_pre_attn_scalar",
                  "rope_theta", "rope_local_theta", "tie_word_embeddings"):
        assert getattr(cfg, field) == getattr(paper, field), field
    assert not cfg.is_sliding_layer(5) and cfg.is_sliding_layer(4)


GPT2_CONFIG = {"model_type": "gpt2", "n_embd": 64, "n_head": 4, "n_layer": 2,
               "vocab_size": 96, "n_positions": 64}


@pytest.mark.parametrize("field,value,message", [
    ("n_head", 0, "field 'n_head' must be in [1, 4096], got 0"),
    ("n_embd", "64", "field 'n_embd' must be an integer, got str '64'"),
    ("n_embd", 64.0, "field 'n_embd' must be an integer, got float 64.0"),
    ("n_layer", None, "field 'n_layer' must be an integer, got NoneType None"),
    ("n_layer", "abc", "field 'n_layer' must be an integer, got str 'abc'"),
    ("n_layer", 2.5, "field 'n_layer' must be an integer, got float 2.5"),
    ("n_layer", True, "field 'n_layer' must be an integer, got bool True"),
    ("vocab_size", 10 ** 12, "field 'vocab_size' must be in [1, 16777216]"),
    ("n_head", 3, "n_embd 64 is not a multiple of n_head 3"),
    ("layer_norm_epsilon", "small", "field 'layer_norm_epsilon' must be a number"),
])
def test_config_fields_are_checked_before_use(field, value, message):
    """Every config.json field is checked for type and range, naming the file
    and the field, before any arithmetic (a zero head count used to divide)."""
    config = dict(GPT2_CONFIG, **{field: value})
    with pytest.raises(models.ConfigError, match="my/config.json: " + re.escape(message)):
        models.from_hf_config(config, "my/config.json")


def test_llama_config_fields_are_checked():
    base = {"model_type": "llama", "hidden_size": 128, "num_attention_heads": 16,
            "num_key_value_heads": 2, "num_hidden_layers": 2, "intermediate_size": 352,
            "vocab_size": 128}
    assert models.from_hf_config(base).head_dim == 8
    with pytest.raises(models.ConfigError, match="field 'num_key_value_heads' must be an "
                                                 "integer, got str '2'"):
        models.from_hf_config(dict(base, num_key_value_heads="2"))
    with pytest.raises(models.ConfigError, match="field 'tie_word_embeddings' must be true "
                                                 "or false"):
        models.from_hf_config(dict(base, tie_word_embeddings="yes"))
