"""The public import API: user modules, nanoGPT-style code, MLIR conventions."""

import math
import re

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

import streamtensor
from streamtensor import cpu_runner
from conftest import check_module, mlir_opt, weights_of

torch.manual_seed(0)


class TwoLayerMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.fc2 = nn.Linear(32, 8)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


def test_user_mlp_matches_pytorch(pipeline):
    text = check_module(TwoLayerMLP(), [torch.randn(4, 16)], pipeline, atol=1e-5)
    # nn.Linear's transpose is read in place, not materialized.
    assert "linalg.matmul_transpose_b" in text
    assert "linalg.transpose" not in text


class NanoGPTAttention(nn.Module):
    """Causal self-attention written the way nanoGPT writes it."""

    def __init__(self, n_embd=32, n_head=4, block_size=8):
        super().__init__()
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)
        self.n_head, self.n_embd = n_head, n_embd
        self.register_buffer("bias", torch.tril(torch.ones(block_size, block_size))
                             .view(1, 1, block_size, block_size))

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


class NanoGPTBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(32)
        self.attn = NanoGPTAttention()
        self.ln_2 = nn.LayerNorm(32)
        self.mlp = nn.Sequential(nn.Linear(32, 128), nn.GELU(), nn.Linear(128, 32))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


def test_nanogpt_style_block(pipeline):
    text = check_module(NanoGPTBlock(), [torch.randn(2, 8, 32)], pipeline, atol=1e-5)
    assert "linalg.batch_matmul_transpose_b" in text


def _signature(text, name):
    return cpu_runner.parse_signatures(mlir_opt(text))[name]


def test_argument_and_result_attributes():
    text = streamtensor.import_model(TwoLayerMLP(), (torch.randn(4, 16),), name="mlp",
                                     output_names=["logits"])
    header = next(line for line in text.splitlines() if "func.func @mlp" in line)
    args = re.findall(r'streamtensor.kind = "(\w+)", streamtensor.name = "([\w.]+)"', header)
    assert args == [("input", "x"), ("weight", "fc1.weight"), ("weight", "fc1.bias"),
                    ("weight", "fc2.weight"), ("weight", "fc2.bias")]
    assert '-> (tensor<4x8xf32> {streamtensor.name = "logits"})' in header
    assert "attributes {llvm.emit_c_interface}" in header
    # Verifies with upstream mlir-opt and survives the linalg clean-ups.
    cleaned = mlir_opt(text, *cpu_runner.LINALG_CLEANUP_PASSES)
    assert "streamtensor.name = \"fc2.bias\"" in cleaned
    sig = _signature(text, "mlp")
    assert [s.shape for s in sig.inputs] == [(4, 16), (32, 16), (32,), (8, 32), (8,)]


def test_source_locations_are_recorded():
    text = streamtensor.import_model(NanoGPTAttention(), (torch.randn(1, 8, 32),))
    this_file = __file__.replace("\\", "\\\\")
    assert f'"aten._softmax.default"("{this_file}":' in text


def test_weights_as_constants():
    module = TwoLayerMLP()
    x = torch.randn(4, 16)
    text = check_module(module, [x], weights_as_args=False)
    sig = _signature(text, "forward")
    assert [s.shape for s in sig.inputs] == [(4, 16)]
    assert "arith.constant dense<" in text


def test_buffers_become_weight_arguments():
    text = streamtensor.import_model(NanoGPTAttention(), (torch.randn(1, 8, 32),))
    assert re.search(r'tensor<1x1x8x8xf32> \{streamtensor.kind = "weight", '
                     r'streamtensor.name = "bias"\}', text)


def test_multiple_outputs_and_names():
    class Split(nn.Module):
        def forward(self, x):
            a, b = x.chunk(2, dim=-1)
            return a * 2, (b, x)

    text = streamtensor.import_model(Split(), (torch.randn(2, 4),),
                                     output_names=["a", "b", "x_out"])
    assert re.search(r'-> \(tensor<2x2xf32> \{streamtensor.name = "a"\}, tensor<2x2xf32> '
                     r'\{streamtensor.name = "b"\}, tensor<2x4xf32> '
                     r'\{streamtensor.name = "x_out"\}\)', text)


def test_training_mode_is_restored_and_dropout_ignored():
    module = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5))
    module.train()
    text = streamtensor.import_model(module, (torch.randn(2, 4),))
    assert module.training and module[1].training
    compiled = cpu_runner.compile_module(text)
    x = torch.randn(2, 4)
    (y,) = compiled.run("forward", [x.numpy()] + weights_of(module))
    module.eval()
    assert abs(y - module(x).detach().numpy()).max() < 1e-6


def test_invalid_function_name():
    with pytest.raises(streamtensor.ImporterError, match="invalid function name"):
        streamtensor.import_model(TwoLayerMLP(), (torch.randn(1, 16),), name="bad name")


def test_non_tensor_example_input():
    with pytest.raises(streamtensor.ImporterError, match="only tensors"):
        streamtensor.import_model(TwoLayerMLP(), (3,))
