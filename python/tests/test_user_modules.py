"""User-style modules through `streamtensor.compile` and `streamtensor.simulate`:
each compiles, matches PyTorch on its example inputs and on new ones given
by position and by name, and comes back shaped as forward returns it."""

import json

import numpy as np
import pytest
import torch

import streamtensor
from streamtensor.driver import DriverError
from streamtensor.importer.outputs import flatten_outputs
import user_modules as U


def _mask(b, s, hidden):
    mask = torch.zeros(b, 1, 1, s)
    mask[..., s - hidden:] = -1e4
    return mask


# name: (module class, inputs factory)
CASES = {
    "residual": (U.ResidualLinear, lambda: (torch.randn(4, 16), torch.randn(4, 16))),
    "opt": (U.OPTStyleAttention, lambda: (torch.randn(1, 8, 32),)),
    "bert": (U.BertStyleLayer, lambda: (torch.randn(1, 8, 32), _mask(1, 8, 2))),
    "mistral": (U.MistralStyleDecode,
                lambda: (torch.randn(1, 1, 32), torch.randn(1, 2, 16, 8),
                         torch.randn(1, 2, 16, 8), torch.tensor(int(torch.randint(16, ()))))),
    "mixer": (U.MixerBlock, lambda: (torch.randn(1, 8, 16),)),
    "t5": (U.T5GatedFFN, lambda: (torch.randn(1, 4, 32),)),
    "gptj": (U.GPTJStyleBlock, lambda: (torch.randn(1, 8, 32),)),
    "swiglu": (U.ScaledSwiGLU, lambda: (torch.randn(4, 16), torch.rand(4, 1))),
}


def _same_structure(got, want):
    if isinstance(want, dict):
        assert isinstance(got, dict) and list(got) == list(want)
        for key in want:
            _same_structure(got[key], want[key])
    elif isinstance(want, (tuple, list)):
        assert type(got) is type(want) and len(got) == len(want)
        for a, b in zip(got, want):
            _same_structure(a, b)
    else:
        assert isinstance(got, torch.Tensor) and got.shape == want.shape


def _assert_matches(got, want):
    _same_structure(got, want)
    for a, b in zip(flatten_outputs(got), flatten_outputs(want)):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-4, rtol=1e-4)


@pytest.fixture(scope="module", params=sorted(CASES))
def compiled(request, tmp_path_factory):
    torch.manual_seed(1)
    cls, make_inputs = CASES[request.param]
    module = cls().eval()
    out = str(tmp_path_factory.mktemp("user") / request.param)
    record = streamtensor.compile(module, make_inputs(), out)
    assert record["status"] == "complete"
    return module, make_inputs, out


def test_user_module_simulates_like_pytorch(compiled):
    module, make_inputs, out = compiled
    # Against PyTorch on the example inputs: raises on any difference.
    streamtensor.simulate(out)
    new = make_inputs()
    with torch.no_grad():
        want = module(*new)
    _assert_matches(streamtensor.simulate(out, new), want)
    names = streamtensor.driver.output_dir.read_record(out)["designs"][0]["interface"]["inputs"]
    by_name = dict(reversed(list(zip(names, new))))
    _assert_matches(streamtensor.simulate(out, by_name), want)


def test_inputs_of_one_shape_keep_their_order(tmp_path):
    # lin(b) + a: swapping a and b changes the answer, so only the argument
    # order can be right.
    torch.manual_seed(2)
    module = U.ResidualLinear().eval()
    a, b = torch.randn(4, 16), torch.randn(4, 16)
    streamtensor.compile(module, (a, b), str(tmp_path / "d"))
    c, d = torch.randn(4, 16), torch.randn(4, 16)
    with torch.no_grad():
        want = module(c, d)
    got = streamtensor.simulate(str(tmp_path / "d"), [c, d])
    np.testing.assert_allclose(got.numpy(), want.numpy(), atol=1e-5)
    assert np.abs(got.numpy() - module(d, c).detach().numpy()).max() > 1e-2
    with pytest.raises(DriverError, match="inputs by name must be exactly a, b; missing: b"):
        streamtensor.simulate(str(tmp_path / "d"), {"a": c})
    with pytest.raises(DriverError, match="unknown: x"):
        streamtensor.simulate(str(tmp_path / "d"), {"a": c, "b": d, "x": d})
    with pytest.raises(DriverError, match=r"1 inputs given; @forward takes 2 \(a, b\)"):
        streamtensor.simulate(str(tmp_path / "d"), [c])


def test_keyword_example_inputs_and_output_names(tmp_path):
    torch.manual_seed(3)
    module = U.BertStyleLayer().eval()
    hidden, mask = torch.randn(1, 8, 32), _mask(1, 8, 3)
    # Given out of order by keyword: the ports follow forward's signature.
    record = streamtensor.compile(module, {"attention_mask": mask, "hidden": hidden},
                                  str(tmp_path / "d"), output_names=["encoded"])
    interface = record["designs"][0]["interface"]
    assert interface == {"inputs": ["hidden", "attention_mask"], "keyword_inputs": True,
                         "outputs": "encoded"}
    streamtensor.simulate(str(tmp_path / "d"))
    other = torch.randn(1, 8, 32)
    with torch.no_grad():
        want = module(other, mask)
    _assert_matches(streamtensor.simulate(str(tmp_path / "d"), [other, mask]), want)
    report = (tmp_path / "d" / "report.txt").read_text()
    assert "attention_mask" in report and "encoded" in report


def test_example_inputs_that_forward_cannot_take(tmp_path):
    module = U.ResidualLinear()
    with pytest.raises(DriverError, match=r"do not fit ResidualLinear.forward\(a, b\)"):
        streamtensor.compile(module, (torch.randn(4, 16),), str(tmp_path / "one"))
    with pytest.raises(DriverError, match="do not fit"):
        streamtensor.compile(module, {"a": torch.randn(4, 16), "c": torch.randn(4, 16)},
                             str(tmp_path / "kw"))
    with pytest.raises(DriverError, match="input_names cannot be given with keyword"):
        streamtensor.compile(module, {"a": torch.randn(4, 16), "b": torch.randn(4, 16)},
                             str(tmp_path / "names"), input_names=["x", "y"])


def test_output_names_are_distinct_from_input_names(tmp_path):
    from streamtensor.importer import ImporterError
    module = U.T5GatedFFN().eval()
    x = torch.randn(1, 4, 32)
    with pytest.raises(ImporterError, match="'hidden_states' is also the name of an input"):
        streamtensor.compile(module, (x,), str(tmp_path / "clash"),
                             output_names=["hidden_states", "update"], until="dataflow")
    with pytest.raises(ImporterError, match="1 output names for 2 outputs"):
        streamtensor.compile(module, (x,), str(tmp_path / "count"), output_names=["y"],
                             until="dataflow")


def test_a_function_split_into_kernels_runs_them_in_turn(tmp_path):
    # A memory budget of one byte splits the MLP into kernels that pass a
    # tensor through HBM: it goes by the producing kernel's name on both
    # ports, the kernels run one after the other, and the result is
    # PyTorch's.
    torch.manual_seed(0)
    module = torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.GELU(),
                                 torch.nn.Linear(64, 16)).eval()
    x = torch.randn(4, 32)
    out = tmp_path / "d"
    streamtensor.compile(module, (x,), str(out), memory_budget=1)
    manifest = json.loads((out / "design" / "forward" / "manifest.json").read_text())
    assert len(manifest["kernels"]) == 2
    passed = [t for t in manifest["tensors"] if t.get("producer") == manifest["kernels"][0]["name"]]
    assert [t["name"] for t in passed] == ["matmul_transpose_b_0.out0"]
    got = streamtensor.simulate(str(out), (x,))
    assert torch.allclose(got, module(x), atol=1e-5)
