"""Quantization: the PyTorch reference (streamtensor.quant) and the designs
built from it, whose simulation must compute exactly the same integers."""

import json
import numpy as np
import pytest
import torch
import torch.nn as nn

import streamtensor
from streamtensor.driver.flow import compile_program
from streamtensor.driver.params import pack_bits
from streamtensor.driver.program import zoo_program
from streamtensor.driver.simulation import simulate_dir
from streamtensor.importer import import_model
from streamtensor.models import build_model
from streamtensor.models.layers import Conv1D
from streamtensor.quant import (QuantError, QuantLinear, calibrate, get_scheme, quant_layers,
                                quantize, quantize_weight)
from conftest import check_module

FAMILIES = ("gpt2", "llama", "qwen2", "gemma3")


def test_weight_codes_stay_in_range_and_reconstruct():
    torch.manual_seed(0)
    w = torch.randn(24, 256)
    for bits, tolerance in ((8, 0.01), (4, 0.2)):
        codes, scales = quantize_weight(w, bits, 128)
        assert codes.dtype == torch.int8 and codes.shape == (2, 24, 128)
        assert int(codes.abs().max()) == (1 << (bits - 1)) - 1
        back = (codes.float() * scales.unsqueeze(-1)).transpose(0, 1).reshape(24, 256)
        assert float((back - w).abs().max() / w.abs().max()) < tolerance
    codes, scales = quantize_weight(w, 4, 256)
    assert codes.shape == (24, 256) and scales.shape == (1, 24)


def test_zero_rows_get_unit_scales():
    codes, scales = quantize_weight(torch.zeros(3, 8), 4, 8)
    assert torch.all(codes == 0) and torch.all(scales == 1)


def test_group_size_is_the_largest_divisor_not_above_the_request():
    scheme = get_scheme("w4a8", group_size=128)
    assert QuantLinear(896, 4, scheme).group_size == 128
    assert QuantLinear(96, 4, scheme).group_size == 96
    assert QuantLinear(200, 4, scheme).group_size == 100


def test_quantized_linear_is_close_to_float_and_int8_activations_round_half_up():
    torch.manual_seed(1)
    linear = nn.Linear(256, 32)
    x = torch.randn(5, 256)
    for name, tolerance in (("w8a8", 0.02), ("w4a8", 0.2)):
        q = quantize(linear, name)
        assert isinstance(q, QuantLinear)
        err = (q(x) - linear(x)).abs().max() / linear(x).abs().max()
        assert float(err) < tolerance
    codes, scale = q.quantize_input(torch.tensor([[-1.27, 0.005, 0.015, 1.27]]))
    assert codes.tolist() == [[-127, 1, 2, 127]] and abs(float(scale) - 0.01) < 1e-7


def test_quantize_replaces_every_product_and_keeps_the_original():
    model = build_model("gpt2", "tiny")
    block = quantize(model.block, "w4a8")
    assert len(quant_layers(block)) == 4
    assert not any(isinstance(m, (nn.Linear, Conv1D)) for m in block.modules())
    assert any(isinstance(m, Conv1D) for m in model.block.modules())
    head = quantize(model.head, "w8a8")
    assert "weight" not in dict(head.named_parameters())
    assert len(quant_layers(head)) == 1
    assert quantize(model.block, "none") is model.block


def test_scheme_errors():
    with pytest.raises(QuantError, match="unknown quantization scheme 'w3a8'"):
        get_scheme("w3a8")
    with pytest.raises(QuantError, match="activation scales"):
        get_scheme("w8a8", act_scales="per-tensor")
    with pytest.raises(QuantError, match="group size"):
        get_scheme("w4a8", group_size=0)


def test_calibration_sets_static_scales_from_the_largest_input():
    torch.manual_seed(2)
    net = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 8))
    q = quantize(net, get_scheme("w8a8", act_scales="static"))
    x = torch.randn(4, 16) * 3
    assert calibrate(q, lambda: q(x)) == 2
    first = quant_layers(q)[0]
    assert abs(float(first.act_scale) - float(x.abs().max()) / 127) < 1e-7
    assert not first.calibrating


def test_codes_import_at_their_width_and_the_product_reads_them_narrow():
    torch.manual_seed(4)
    q4 = quantize(nn.Linear(64, 32, bias=False), "w4a8")
    text = import_model(q4, (torch.randn(3, 64),))
    assert "tensor<32x64xi4>" in text
    assert "xi8>, tensor<32x64xi4>) outs(" in text
    # The same arithmetic at 8 bits runs on the CPU through upstream MLIR.
    q8 = quantize(nn.Linear(64, 32), "w8a8")
    text = check_module(q8, [torch.randn(3, 64) * 2], atol=1e-6)
    assert "xi8>, tensor<32x64xi8>) outs(" in text and "-> tensor<3x32xi32>" in text


def test_pack_bits_puts_element_zero_in_the_low_nibble():
    assert pack_bits(np.array([1, -1, -8, 7], dtype=np.int8), 4).tolist() == [0xF1, 0x78]
    with pytest.raises(ValueError, match="4-bit range"):
        pack_bits(np.array([8]), 4)


class IntegerParts(nn.Module):
    """The integers of a quantized product, returned so they can be compared."""

    def __init__(self, layer: QuantLinear):
        super().__init__()
        self.layer = layer

    def forward(self, x):
        codes, _ = self.layer.quantize_input(x)
        acc = torch.mm(codes.to(torch.int32), self.layer.weight_q.t().to(torch.int32))
        return codes, acc


@pytest.mark.parametrize("scheme", ["w8a8", "w4a8"])
def test_simulated_integers_equal_the_reference_bit_for_bit(scheme, tmp_path):
    torch.manual_seed(3)
    layer = quantize(nn.Linear(128, 48), get_scheme(scheme, group_size=128))
    x = torch.randn(2, 128) * 4
    out = str(tmp_path / "ints")
    streamtensor.compile(IntegerParts(layer), (x,), out)
    codes, acc = streamtensor.simulate(out, (x,))
    want_codes, want_acc = IntegerParts(layer)(x)
    assert codes.dtype == torch.int8 and acc.dtype == torch.int32
    assert torch.equal(codes, want_codes) and torch.equal(acc, want_acc)


def _simulate_zoo(tmp_path, family, step, scheme, act_scales="dynamic"):
    programs = []

    def program():
        programs.append(zoo_program(family, "tiny", step, max_seq=64, seq=8,
                                    quant={"scheme": scheme, "act_scales": act_scales}))
        return programs[-1]
    out = str(tmp_path / f"{family}-{step}-{scheme}")
    compile_program(program, out, log=None)
    outputs, _ = simulate_dir(out, log=None)
    worst = 0.0
    for function, produced in outputs.items():
        for name, want in programs[-1].reference_outputs(function).items():
            got = produced[name].astype(np.float64)
            worst = max(worst, float(np.abs(got - want).max() / np.abs(want).max()))
    return out, worst


@pytest.mark.parametrize("scheme", ["w8a8", "w4a8"])
@pytest.mark.parametrize("step", ["decode", "prefill"])
@pytest.mark.parametrize("family", FAMILIES)
def test_tiny_blocks_simulate_like_the_quantized_reference(family, step, scheme, tmp_path):
    out, worst = _simulate_zoo(tmp_path, family, step, scheme)
    assert worst <= 1e-5
    with open(f"{out}/report.txt", encoding="utf-8") as f:
        report = f.read()
    assert f" i{scheme[1]} " in report  # the codes' ports carry the scheme's width


def test_calibrated_scales_simulate_like_the_reference(tmp_path):
    _, worst = _simulate_zoo(tmp_path, "llama", "decode", "w8a8", "static")
    assert worst <= 1e-5


def test_padded_quantized_projection_returns_the_padded_rows(tmp_path):
    # 2,000 outputs have no divisor of 128: the 4-bit weight is stored padded
    # to 2,048 rows, and so are the per-channel scales and the bias, so the
    # dequantization, the activation scale and the bias run on the padded
    # rows too; the output port holds all 2,048 (whole words), the manifest
    # says the user reads the first 2,000, and the driver returns those.
    torch.manual_seed(5)
    layer = quantize(nn.Linear(128, 2000), get_scheme("w4a8", group_size=128))
    x = torch.randn(1, 128) * 3
    out = tmp_path / "head"
    streamtensor.compile(layer, (x,), str(out))
    got = streamtensor.simulate(str(out), (x,))
    want = layer(x)
    assert got.shape == want.shape
    assert float((got - want).abs().max()) <= 1e-5 * float(want.abs().max())
    dataflow = (out / "dataflow.mlir").read_text()
    for name in ("weight_q[padded to 2048]", "weight_scale[padded to 2048]",
                 "bias[padded to 2048]"):
        assert name in dataflow, name
    # No task works on the 2,000 real rows: nothing slices them out.
    assert dataflow.count("tensor<2048xf32>") > 0
    assert "tensor.extract_slice" not in dataflow
    manifest = json.loads(next(out.glob("design/*/manifest.json")).read_text())
    (result,) = [t for t in manifest["tensors"] if t["role"] == "output"]
    assert result["shape"] == [1, 2048] and result["valid_shape"] == [1, 2000]
    assert result["layout"]["vector_lanes"] == 16
