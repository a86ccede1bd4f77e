"""The paper's configurations import at full size (no execution) and go through
upstream verification and the linalg clean-ups."""

import re

import pytest

from streamtensor import cpu_runner, models
from conftest import mlir_opt

EXPECTED_WEIGHTS = {
    # family: (an argument name, its shape)
    "gpt2": ("transformer.h.0.mlp.c_fc.weight", "1024x4096"),
    "llama": ("model.layers.0.self_attn.k_proj.weight", "256x2048"),
    "qwen2": ("model.layers.0.self_attn.q_proj.bias", "896"),
    "gemma3": ("model.layers.0.self_attn.q_proj.weight", "1024x1152"),
}
VOCAB = {"gpt2": 50257, "llama": 32000, "qwen2": 151936, "gemma3": 262144}


@pytest.mark.parametrize("family", models.FAMILIES)
def test_paper_configuration_imports(family):
    model = models.build_model(family, "paper", weights="empty")
    for step in models.STEPS:
        text = models.import_step(model, step)
        name, shape = EXPECTED_WEIGHTS[family]
        assert re.search(rf'tensor<{shape}xf32> \{{streamtensor.kind = "weight", '
                         rf'streamtensor.name = "{re.escape(name)}"\}}', text)
        assert f"tensor<1x{VOCAB[family]}xf32>" in text
        if step == "decode":
            assert f"tensor<512x{model.config.kv_dim}xf32>" in text
        cleaned = mlir_opt(text, *cpu_runner.LINALG_CLEANUP_PASSES)
        assert "func.func @block" in cleaned and "func.func @lm_head" in cleaned
