"""`streamtensor simulate` and the driver's code-generation stage.

The emission, data packing, g++ build, bounded-FIFO run and comparison are
checked on the hand-written lowered design test/Target/Inputs/scale.mlir
(y = x * scale.weight + 1), with the PyTorch module that computes the same.
"""

import json
import os
import re
import shutil
import subprocess

import numpy as np
import pytest
import torch
import torch.nn as nn

import streamtensor
from streamtensor.cli import main
from streamtensor.driver import DriverError, ToolError
from streamtensor.driver.emit import emit_design, write_design_data
from streamtensor.driver.output_dir import write_json
from streamtensor.driver.program import module_program
from streamtensor.driver.simulation import simulate_dir
from streamtensor.hls_lint import lint_source
from conftest import PYTHON_DIR, STREAMTENSOR_OPT

SCALE_DESIGN = os.path.join(os.path.dirname(PYTHON_DIR), "test", "Target", "Inputs",
                            "scale.mlir")


class Weight(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.linspace(-2, 2, 16))


class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = Weight()

    def forward(self, x):
        return x * self.scale.weight + 1


def _printed(path):
    proc = subprocess.run([STREAMTENSOR_OPT, path], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _scale_folder(out, lowered_text, module=None):
    """An output folder as compile writes it, from an already lowered design."""
    torch.manual_seed(1)
    program = module_program(module or Scale(), (torch.randn(4, 16),), name="scale",
                             output_names=["y"])
    out.mkdir()
    design, runs = emit_design(lowered_text, "scale", str(out))
    write_design_data(program, design, str(out))
    write_json(str(out / "compile.json"), {
        "program": program.description, "until": "all", "status": "complete",
        "designs": [{"function": "scale", "directory": design.directory,
                     "kernels": design.kernels, "interface": program.interface("scale")}]})
    return program, design


@pytest.fixture(scope="module")
def simulated_scale(tmp_path_factory):
    """The scale design compiled, built and simulated once: (folder, program, design, output)."""
    out = tmp_path_factory.mktemp("scale") / "out"
    program, design = _scale_folder(out, _printed(SCALE_DESIGN))
    assert main(["simulate", str(out)]) == 0
    return out, program, design


def test_emitted_design_matches_pytorch_in_the_simulation(simulated_scale, capsys):
    out, program, design = simulated_scale
    directory = out / design.directory
    for name in ("kernels.cpp", "sim_main.cpp", "host.cpp", "link.cfg", "Makefile",
                 "manifest.json", "hls_config_scale.cfg", "params.bin", "data/x.bin",
                 "data/scale.weight.bin", "expected/y.bin", "streamtensor-sim"):
        assert (directory / name).is_file(), name
    assert main(["simulate", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "@scale y: max |simulation - PyTorch| = " in printed and "ok" in printed
    result = np.fromfile(directory / "data" / "y.out.bin", dtype="<f4")
    np.testing.assert_allclose(result, program.reference_outputs("scale")["y"].reshape(-1),
                               atol=1e-6)

    x = torch.randn(4, 16)
    outputs = streamtensor.simulate(str(out), [x])
    np.testing.assert_allclose(outputs, Scale.forward(program.spec("scale").module, x)
                               .detach().numpy(), atol=1e-6)
    assert not [name for name in os.listdir(directory) if name.startswith("run-")]


def test_wrong_outputs_are_a_mismatch(simulated_scale, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(simulated_scale[0], out)
    expected = out / simulated_scale[2].directory / "expected" / "y.bin"
    values = np.fromfile(expected, dtype="<f4")
    values[5] += 0.01
    values.tofile(expected)
    assert main(["simulate", str(out)]) == 1
    printed = capsys.readouterr()
    assert "@scale y: max |simulation - PyTorch| = 0.01" in printed.out
    assert "MISMATCH" in printed.out
    with pytest.raises(DriverError, match="differs from PyTorch"):
        streamtensor.simulate(str(out))


@pytest.mark.parametrize("damage", ["flip", "magic", "delete"])
def test_params_file_must_hold_the_simulated_weights(simulated_scale, tmp_path, capsys, damage):
    """The host program loads params.bin on the card; simulate refuses a file
    that does not hold the weights it checked."""
    out = tmp_path / "out"
    shutil.copytree(simulated_scale[0], out)
    params = out / simulated_scale[2].directory / "params.bin"
    if damage == "delete":
        params.unlink()
    else:
        raw = bytearray(params.read_bytes())
        if damage == "magic":
            raw[0:4] = b"XXXX"
        else:
            raw[-1] ^= 0xFF
            raw[4096] ^= 0x01
        params.write_bytes(bytes(raw))
    assert main(["simulate", str(out)]) == 1
    err = capsys.readouterr().err
    expected = {"flip": "differs from the weights the simulation uses",
                "magic": "bad magic", "delete": "params.bin: missing"}[damage]
    assert expected in err
    assert "Traceback" not in err


def test_deadlock_is_reported_with_process_and_channel(tmp_path):
    text = _printed(SCALE_DESIGN)
    head, tail = text.split("func.func private @dma_out_y", 1)
    read = "dataflow.stream_read %arg0 : !dataflow.stream<f32, 2> -> f32\n"
    assert read in tail
    tail = tail.replace(read, read + "        %extra = " + read, 1)
    out = tmp_path / "out"
    _scale_folder(out, head + "func.func private @dma_out_y" + tail)
    with pytest.raises(ToolError) as info:
        simulate_dir(str(out), None, None)
    report = str(info.value)
    assert "the simulation deadlocked" in report
    assert "dma_out_y" in report and "y_tokens" in report and "empty" in report


def test_folder_compiled_until_dataflow_has_no_simulation(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["compile", "--model", "gpt2", "--function", "lm_head", "--until", "dataflow",
                 "--quiet", "-o", str(out)]) == 0
    assert main(["simulate", str(out)]) == 1
    assert "no simulation build: it was compiled with --until dataflow" in \
        capsys.readouterr().err


def test_simulate_needs_a_compiled_folder(tmp_path, capsys):
    assert main(["simulate", str(tmp_path)]) == 1
    assert "no compile.json" in capsys.readouterr().err


@pytest.mark.parametrize("family", ["gpt2", "llama", "qwen2", "gemma3"])
@pytest.mark.parametrize("step", ["decode", "prefill"])
def test_tiny_block_compiles_to_a_design_that_matches_pytorch(tmp_path, capsys, family, step):
    out = tmp_path / "out"
    assert main(["compile", "--model", family, "--step", step, "--seq", "8", "--max-seq", "64",
                 "--function", "block", "--quiet", "-o", str(out)]) == 0
    record = json.loads((out / "compile.json").read_text())
    assert record["status"] == "complete"
    assert [s["name"] for s in record["stages"]][-4:] == ["size-fifos", "resources", "emit",
                                                          "pack"]
    # The resource model's estimate, in exactly the keys the report promises.
    report = json.loads((out / "report.json").read_text())["functions"]["block"]
    resources = report["resources"]
    for kind in ("dsp", "bram36", "uram", "lut", "ff"):
        assert isinstance(resources[kind], int) and resources[kind] >= 0
    assert resources["dsp"] > 0 and resources["lut"] > 0
    assert set(resources["per_slr"]) == {"SLR0", "SLR1", "SLR2"}
    # The SLRs hold the whole kernel between them; one that fits SLR0 sits
    # there alone.
    for kind in ("dsp", "bram36", "lut"):
        assert sum(slr[kind] for slr in resources["per_slr"].values()) == resources[kind]
    placed = resources["slr_assignment"]
    assert (placed["slrs_used"] == 1) == (placed["method"] == "single SLR")
    if placed["slrs_used"] == 1:
        assert resources["per_slr"]["SLR0"]["dsp"] == resources["dsp"]
    assert resources["fits"] == (resources["over"] == [])
    # The timing model's depths, checked against the exact stream order.
    sizing = json.loads((out / "fifo-sizing.json").read_text())["functions"]
    assert sizing and all(f["strategy"] == "asap" and "order_check" in f for f in sizing)
    # Every emitted kernel file keeps the rules Vitis dataflow regions need.
    kernels = sorted((out / "design").glob("*/kernels.cpp"))
    assert kernels
    for path in kernels:
        assert lint_source(path.read_text()) == [], path
    assert main(["simulate", str(out)]) == 0
    printed = capsys.readouterr().out
    outputs = re.findall(r"@block (\w+): max \|simulation - PyTorch\| = (\S+)  ok", printed)
    assert sorted(name for name, _ in outputs) == sorted(
        ["y", "k_new", "v_new"] if step == "decode" else ["y", "k", "v"])
    assert all(float(error) <= 1e-4 for _, error in outputs)

    # The timed simulation of the same code, and the graph model within 10%
    # of it (docs/timed-simulation.md).
    assert main(["simulate", str(out), "--timed"]) == 0
    printed = capsys.readouterr().out
    assert "timed simulation of the generated code" in printed
    timed = json.loads((out / "timed.json").read_text())["functions"]["block"]
    estimate = json.loads((out / "report.json").read_text())["functions"]["block"]
    assert timed["clock_mhz"] == estimate["estimate"]["clock_mhz"] == 250
    assert estimate["estimate"]["source"] == "graph model"
    ratio = estimate["estimate"]["latency_cycles"] / timed["latency_cycles"]
    assert 0.9 <= ratio <= 1.1, (estimate["estimate"]["latency_cycles"],
                                 timed["latency_cycles"])
    assert timed["hbm"]["bytes_read"] > 0 and timed["hbm"]["bytes_written"] > 0
    assert 0.9 <= estimate["hbm"]["bytes_read"] / timed["hbm"]["bytes_read"] <= 1.1
    for process in timed["processes"].values():
        assert process["busy"] + process["stalled"] == process["end"] - process["start"]
        assert process["busy"] >= 0
    trace = json.loads((out / "timed-trace.json").read_text())["traceEvents"]
    spans = [e for e in trace if e["ph"] == "X"]
    assert len(spans) >= len(timed["processes"])
    assert all(e["dur"] > 0 and e["ts"] >= 0 for e in spans)


def test_user_module_compiles_and_simulates_through_the_api(tmp_path):
    torch.manual_seed(0)
    # Exact GELU (erf) and ReLU, both timed by the target's latencies.
    module = nn.Sequential(nn.Linear(32, 64), nn.GELU(), nn.Linear(64, 16), nn.ReLU()).eval()
    x = torch.randn(4, 32)
    record = streamtensor.compile(module, (x,), str(tmp_path / "mlp"), name="mlp",
                                  output_names=["y"])
    assert record["status"] == "complete" and record["designs"][0]["function"] == "mlp"
    # One returned tensor comes back as a tensor, whatever its port's name.
    outputs = streamtensor.simulate(str(tmp_path / "mlp"))
    assert isinstance(outputs, torch.Tensor)
    np.testing.assert_allclose(outputs, module(x).detach().numpy(), atol=1e-4)
    other = torch.randn(4, 32)
    np.testing.assert_allclose(streamtensor.simulate(str(tmp_path / "mlp"), [other]),
                               module(other).detach().numpy(), atol=1e-4)


@pytest.mark.parametrize("file,content,message", [
    ("compile.json", '{"designs": ', "compile.json: the compile record is not valid JSON"),
    ("compile.json", '{"designs": 5, "status": "complete"}', "designs must be list, got int"),
    ("compile.json", '[1, 2]', "compile.json: the file must be a JSON object"),
    ("manifest.json", '{"tensors": [{"name": 3}]}', "tensors[0].name must be str, got int"),
    ("manifest.json", 'not json', "manifest.json: the design manifest is not valid JSON"),
])
def test_damaged_records_are_one_line_errors(simulated_scale, tmp_path, capsys, file, content,
                                             message):
    out = tmp_path / "out"
    shutil.copytree(simulated_scale[0], out)
    target = out / file if file == "compile.json" else \
        out / simulated_scale[2].directory / file
    target.write_text(content)
    assert main(["simulate", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err


def test_sliced_weight_ports_take_their_box_of_the_user_tensor():
    from streamtensor.driver.emit import slice_of
    from streamtensor.driver.tools import DriverError
    w = np.arange(4 * 12, dtype=np.float32).reshape(4, 12)
    entry = {"name": "w[0:4,4:8]", "slice_of": {"tensor": "w", "offsets": [0, 4],
                                                "sizes": [4, 4]}}
    assert np.array_equal(slice_of(entry, {"w": w}, "block"), w[:, 4:8])
    with pytest.raises(DriverError, match="out of bounds"):
        slice_of({"name": "bad", "slice_of": {"tensor": "w", "offsets": [0, 10], "sizes": [4, 4]}},
                 {"w": w}, "block")
    # A padded weight: past the tensor's end, zeros.
    padded = slice_of({"name": "w[padded]", "slice_of": {"tensor": "w", "offsets": [2, 8],
                                                         "sizes": [4, 8], "padding": "zero"}},
                      {"w": w}, "block")
    assert padded.shape == (4, 8)
    assert np.array_equal(padded[:2, :4], w[2:, 8:]) and not padded[2:].any()
    assert not padded[:, 4:].any()
    with pytest.raises(DriverError, match="not an input or weight"):
        slice_of({"name": "bad", "slice_of": {"tensor": "v", "offsets": [0, 0], "sizes": [4, 4]}},
                 {"w": w}, "block")
