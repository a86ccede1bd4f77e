"""`python -m streamtensor compile`: stages, artifacts, report and errors."""

import json
import os
import re
import subprocess
import sys

import pytest

from streamtensor.cli import main
from conftest import BUILD_DIR, PYTHON_DIR, STREAMTENSOR_OPT

FAMILIES = ("gpt2", "llama", "qwen2", "gemma3")


def _verify(path):
    proc = subprocess.run([STREAMTENSOR_OPT, str(path), "-o", os.devnull], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("step", ["decode", "prefill"])
@pytest.mark.parametrize("family", FAMILIES)
def test_tiny_blocks_compile_to_verified_dataflow_ir(tmp_path, capsys, family, step):
    out = tmp_path / "out"
    assert main(["compile", "--model", family, "--step", step, "--seq", "8", "--max-seq", "64",
                 "--function", "block", "--until", "dataflow", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    for stage in ("startup", "import", "linalg-opt", "dataflow"):
        assert re.search(rf"^  {stage} .* \d+\.\d\d s   peak \d+ MB", printed, re.M), stage
    _verify(out / "dataflow.mlir")
    assert "dataflow.kernel" in (out / "dataflow.mlir").read_text()
    assert not (out / "lowered.mlir").exists()
    report = json.loads((out / "report.json").read_text())
    assert list(report["functions"]) == ["block"]
    record = json.loads((out / "compile.json").read_text())
    assert record["status"] == "complete"
    assert record["program"]["model"] == family and record["program"]["step"] == step
    assert [s["name"] for s in record["stages"]] == ["startup", "import", "linalg-opt",
                                                     "dataflow"]


def test_exact_command_line_writes_ir_and_report(tmp_path):
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR, STREAMTENSOR_BUILD_DIR=BUILD_DIR)
    proc = subprocess.run([sys.executable, "-m", "streamtensor", "compile", "--model", "gpt2",
                           "--config", "medium", "--step", "decode", "--until", "dataflow",
                           "-o", "out/"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    _verify(out / "dataflow.mlir")
    assert not (out / "lowered.mlir").exists()
    report = json.loads((out / "report.json").read_text())
    block = report["functions"]["block"]
    assert "tensor<1024x1024xf32>" in (out / "block.mlir").read_text()
    assert f"FIFO-edge share: {block['fifo_edge_share']:.1%}" in proc.stdout
    assert (out / "report.txt").read_text() in proc.stdout


def test_report_text_states_every_figure_of_the_json(tmp_path):
    out = tmp_path / "out"
    assert main(["compile", "--model", "gpt2", "--function", "block", "--until", "dataflow",
                 "--quiet", "-o", str(out)]) == 0
    text = (out / "report.txt").read_text()
    (block,) = json.loads((out / "report.json").read_text())["functions"].values()
    assert "lm_head" not in text
    for key in ("converter_bytes", "fifo_bytes", "intermediate_bytes_before_fusion",
                "intermediate_bytes_after_fusion", "dma_bytes_per_invocation"):
        assert f"{block[key]:,} B" in text, key
    assert f"kernels (fused accelerators): {block['num_kernels']}, tasks: {block['num_tasks']}" \
        in text
    assert f"{block['intermediate_share_after_fusion']:.1%} of" in text
    assert "not measured on a board" in text


def test_dataflow_graph_has_every_task_and_edge(tmp_path):
    out = tmp_path / "out"
    assert main(["compile", "--model", "llama", "--function", "lm_head", "--until", "dataflow",
                 "--quiet", "-o", str(out)]) == 0
    dot = (out / "dataflow.dot").read_text()
    report = json.loads((out / "report.json").read_text())
    for function in report["functions"].values():
        for kernel in function["kernels"]:
            for task in kernel["tasks"]:
                assert f'"{function["name"]}.{kernel["name"]}.{task}" [label=' in dot
            converters = [e for e in kernel["edges"] if e["kind"] == "converter"]
            assert dot.count("style=dashed") >= len(converters)
    edges = sum(len(k["edges"]) + len(k.get("dmas", []))
                for f in report["functions"].values() for k in f["kernels"])
    assert dot.count(" -> ") == edges
    assert (out / "dataflow.svg").read_text().lstrip().startswith("<?xml")


def test_memory_budget_reaches_the_fusion_pass(tmp_path):
    unlimited, tight = tmp_path / "a", tmp_path / "b"
    common = ["compile", "--model", "gpt2", "--function", "block", "--until", "dataflow",
              "--quiet"]
    assert main(common + ["-o", str(unlimited)]) == 0
    assert main(common + ["--memory-budget", "0", "-o", str(tight)]) == 0
    kernels = [json.loads((d / "report.json").read_text())["functions"]["block"]["num_kernels"]
               for d in (unlimited, tight)]
    assert kernels[1] > kernels[0]
    assert json.loads((tight / "compile.json").read_text())["memory_budget"] == 0


def test_non_empty_output_folder_is_kept_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert main(["compile", "--model", "gpt2", "--until", "dataflow", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "output folder exists and is not empty (use --force" in err
    assert main(["compile", "--model", "gpt2", "--until", "dataflow", "--force",
                 "-o", str(out)]) == 1
    assert "not a StreamTensor output folder" in capsys.readouterr().err
    assert os.listdir(out) == ["notes.txt"]


def test_force_replaces_a_previous_compilation(tmp_path):
    out = tmp_path / "out"
    args = ["compile", "--model", "qwen2", "--function", "lm_head", "--until", "dataflow",
            "--quiet", "-o", str(out)]
    assert main(args) == 0
    (out / "stale.txt").write_text("from before")
    assert main(args) == 1
    assert main(args + ["--force"]) == 0
    assert not (out / "stale.txt").exists()
    assert (out / "dataflow.mlir").exists()


def test_missing_build_is_reported_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STREAMTENSOR_BUILD_DIR", str(tmp_path / "no-build"))
    out = tmp_path / "out"
    assert main(["compile", "--model", "gpt2", "--until", "dataflow", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "streamtensor-opt not found at" in err and "no-build" in err
    assert "make build" in err
    assert not out.exists()


def test_model_is_required_without_checkpoint(tmp_path, capsys):
    assert main(["compile", "-o", str(tmp_path / "out")]) == 1
    assert "--model is required" in capsys.readouterr().err


def test_every_compile_option_is_documented():
    from streamtensor.cli import build_parser
    parser = build_parser()
    compile_parser = parser._subparsers._group_actions[0].choices["compile"]
    options = [s for action in compile_parser._actions for s in action.option_strings
               if s.startswith("--") and s != "--help" and s != "--output"]
    with open(os.path.join(os.path.dirname(PYTHON_DIR), "docs", "compile.md")) as f:
        doc = f.read()
    missing = [option for option in options if f"`{option}" not in doc]
    assert not missing, f"not in docs/compile.md: {missing}"


@pytest.mark.parametrize("options,message", [
    (["--max-seq", str(10 ** 12)], "--max-seq 1000000000000: the block's K and V caches take"),
    (["--step", "prefill", "--seq", str(10 ** 9)],
     "--seq 1000000000 is beyond the 64 positions of gpt2 tiny"),
    (["--seed", str(2 ** 70)], "--seed must be in [0, 2^63 - 1]"),
    (["--seed", "-1"], "--seed must be in [0, 2^63 - 1], got -1"),
])
def test_sizes_the_card_cannot_hold_are_refused_first(tmp_path, capsys, options, message):
    """One error line, no traceback, before anything large is allocated."""
    assert main(["compile", "--model", "gpt2", "--until", "import", "-o",
                 str(tmp_path / "out")] + options) == 1
    err = capsys.readouterr().err
    assert err.startswith("streamtensor compile: error: ") and message in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_output_under_a_file_names_the_file(tmp_path, capsys):
    blocker = tmp_path / "a"
    blocker.write_text("not a folder")
    assert main(["compile", "--model", "gpt2", "--until", "import", "-o",
                 str(blocker / "b" / "out")]) == 1
    assert f"{blocker} is a file, not a folder" in capsys.readouterr().err


def test_design_space_exploration_compiles_the_best_point(tmp_path, capsys):
    out = tmp_path / "dse"
    assert main(["compile", "--model", "gpt2", "--function", "block", "--dse", "--dse-trials",
                 "3", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("dse trial ") == 3
    explored = json.loads((out / "dse.json").read_text())
    assert len(explored["trials"]) == 3
    scored = [t for t in explored["trials"] if "score" in t]
    assert scored and explored["best"]["score"] == min(t["score"] for t in scored)
    # The final design was compiled with the best point's options.
    record = json.loads((out / "compile.json").read_text())
    assert record["dataflow_options"] == explored["best"]["options"]
    report = json.loads((out / "report.json").read_text())
    assert len(report["dse"]["trials"]) == 3
    assert (out / "dse.png").stat().st_size > 0


def test_unknown_dataflow_options_are_refused(tmp_path):
    from streamtensor.driver import DriverError
    from streamtensor.driver.flow import compile_program
    from streamtensor.driver.program import zoo_program
    program = zoo_program("gpt2", "tiny", "decode", functions=["block"], max_seq=64, seq=8)
    with pytest.raises(DriverError, match="unknown dataflow option"):
        compile_program(program, str(tmp_path / "a"), dataflow_options={"ports": 2}, log=None)
    with pytest.raises(DriverError, match="positive integer"):
        compile_program(program, str(tmp_path / "b"), dataflow_options={"weight-ports": 0},
                        log=None)
