"""`streamtensor.compile` on a user's nn.Module, and the driver's building blocks."""

import json
import os
import re
import subprocess

import numpy as np
import pytest
import torch
import torch.nn as nn

import streamtensor
from streamtensor.driver import DriverError, ToolError
from streamtensor.driver.mlir_text import extract_function, function_names
from streamtensor.driver.params import write_params
from streamtensor.driver.program import module_program
from streamtensor.driver.tools import run_tool
from conftest import BUILD_DIR, STREAMTENSOR_OPT


class SmallMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Linear(32, 64)
        self.down = nn.Linear(64, 16)
        self.register_buffer("offset", torch.linspace(-1, 1, 16))

    def forward(self, x):
        return self.down(torch.relu(self.up(x))) + self.offset


def _mlp_and_input():
    torch.manual_seed(0)
    return SmallMLP().eval(), torch.randn(4, 32)


def test_user_module_compiles_through_the_api(tmp_path):
    module, x = _mlp_and_input()
    record = streamtensor.compile(module, (x,), str(tmp_path / "mlp"), name="mlp",
                                  until="lowered")
    out = tmp_path / "mlp"
    assert record["status"] == "complete"
    assert record["program"] == {"source": "module", "class": "SmallMLP", "functions": ["mlp"]}
    assert [s["name"] for s in record["stages"]] == ["import", "linalg-opt", "dataflow",
                                                     "lower", "size-fifos", "resources"]
    assert all(s["seconds"] >= 0 and s["peak_rss_kb"] > 0 for s in record["stages"])
    sizing = json.loads((out / "fifo-sizing.json").read_text())
    (sized,) = sizing["functions"]
    assert f"@{sized['function']}: {len(sized['streams'])} FIFOs" in \
        (out / "report.txt").read_text()
    for name in ("dataflow.mlir", "lowered.mlir", "sized.mlir"):
        proc = subprocess.run([STREAMTENSOR_OPT, str(out / name), "-o", os.devnull],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    (function,) = json.loads((out / "report.json").read_text())["functions"].values()
    assert function["name"] == "mlp" and function["num_tasks"] >= 2


def test_design_tensors_are_named_like_the_imported_arguments():
    module, x = _mlp_and_input()
    program = module_program(module, (x,), name="mlp", output_names=["y"])
    text = program.import_mlir()
    argument_names = re.findall(r'streamtensor.name = "([^"]+)"', text)
    values = program.design_tensors("mlp")
    assert list(values) + ["y"] == argument_names
    assert values["x"].shape == (4, 32) and values["up.weight"].shape == (64, 32)
    (name, y), = program.reference_outputs("mlp").items()
    assert name == "y"
    np.testing.assert_allclose(y, module(x).detach().numpy())


def test_function_extraction_keeps_the_call_closure(tmp_path):
    module, x = _mlp_and_input()
    out = tmp_path / "mlp"
    streamtensor.compile(module, (x,), str(out), name="mlp", until="lowered")
    lowered = (out / "lowered.mlir").read_text()
    alone = extract_function(lowered, "mlp")
    assert set(function_names(alone)) == set(function_names(lowered))
    two = lowered.replace("@mlp", "@other")
    merged = lowered.rstrip().rstrip("}") + "".join(
        line + "\n" for line in two.strip().splitlines()[1:-1]) + "}\n"
    assert set(function_names(extract_function(merged, "mlp"))) == set(function_names(lowered))
    path = tmp_path / "alone.mlir"
    path.write_text(extract_function(merged, "other"))
    run_tool([STREAMTENSOR_OPT, str(path), "-o", os.devnull])
    with pytest.raises(ValueError, match="no function @missing"):
        extract_function(lowered, "missing")


def test_existing_output_folder_is_an_error_in_the_api(tmp_path):
    module, x = _mlp_and_input()
    out = tmp_path / "mlp"
    out.mkdir()
    (out / "mine.txt").write_text("x")
    with pytest.raises(DriverError, match="exists and is not empty"):
        streamtensor.compile(module, (x,), str(out), until="dataflow")


def test_tool_errors_carry_the_diagnostic_location(tmp_path):
    bad = tmp_path / "bad.mlir"
    bad.write_text("func.func @f() {\n  %0 = arith.addf : f32\n}\n")
    with pytest.raises(ToolError) as info:
        run_tool([STREAMTENSOR_OPT, str(bad)], what="streamtensor-opt")
    message = str(info.value)
    assert "streamtensor-opt failed (exit status 1)" in message
    assert f"{bad}:2:" in message and "error:" in message


def test_parameter_file_is_accepted_by_the_host_runtime(tmp_path):
    path = tmp_path / "params.bin"
    tensors = [("layers.0.w", np.arange(12, dtype=np.float32).reshape(3, 4)),
               ("bias", np.ones(5, dtype=np.float32)), ("count", np.array(7, dtype=np.int32))]
    size = write_params(str(path), tensors)
    assert size == path.stat().st_size and size % 4096 == 0
    proc = subprocess.run([os.path.join(BUILD_DIR, "bin", "streamtensor-params"), str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    listed = [line.split()[:3] for line in proc.stdout.splitlines() if line.strip()]
    assert ["layers.0.w", "f32", "[3,4]"] in listed
    assert ["bias", "f32", "[5]"] in listed
    assert ["count", "i32", "[]"] in listed
    raw = path.read_bytes()
    offset = raw.index(np.arange(12, dtype="<f4").tobytes())
    assert offset % 4096 == 0


def test_long_tool_output_is_cut_and_kept_in_a_log(tmp_path):
    log = tmp_path / "error.log"
    script = "for i in $(seq 1 100); do echo \"x.mlir:$i:1: error: problem $i\" >&2; done; exit 3"
    with pytest.raises(ToolError) as info:
        run_tool(["sh", "-c", script], what="tool", error_log=str(log))
    message = str(info.value)
    assert "tool failed (exit status 3)" in message
    assert "x.mlir:1:1: error: problem 1" in message
    assert "problem 41" not in message
    assert f"... (60 more lines in {log})" in message
    assert log.read_text().count("error: problem") == 100


@pytest.mark.parametrize("family", ["gpt2", "llama", "qwen2", "gemma3"])
def test_zoo_simulation_data_covers_every_imported_argument_and_result(family):
    from streamtensor.driver.program import zoo_program
    program = zoo_program(family, "tiny", "decode", max_seq=16, seq=4, seed=3)
    text = program.import_mlir()
    for function in ("block", "lm_head"):
        body = text.split(f"func.func @{function}(", 1)[1].split("func.func @", 1)[0]
        signature = body.split("{\n", 1)[0]
        arguments, results = signature.split(") -> (", 1)
        values = program.design_tensors(function)
        assert list(values) == re.findall(r'streamtensor.name = "([^"]+)"', arguments)
        outputs = program.reference_outputs(function)
        assert list(outputs) == re.findall(r'streamtensor.name = "([^"]+)"', results)
        assert all(np.isfinite(v).all() for v in outputs.values())
    again = zoo_program(family, "tiny", "decode", max_seq=16, seq=4, seed=3)
    np.testing.assert_array_equal(again.reference_outputs("block")["y"],
                                  program.reference_outputs("block")["y"])
