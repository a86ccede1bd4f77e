"""`python -m streamtensor import ...`"""

import os
import re
import stat
import subprocess
import sys
import threading

import pytest
import torch

from streamtensor import cpu_runner, models
from streamtensor.cli import main
from streamtensor.weights import SafetensorsFile
from conftest import PYTHON_DIR, max_errors, mlir_opt


def _run_module(*args):
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    return subprocess.run([sys.executable, "-m", "streamtensor", *args], capture_output=True,
                          text=True, env=env)


def test_help_lists_models_configs_and_steps():
    proc = _run_module("import", "--help")
    assert proc.returncode == 0
    for word in ("gpt2", "llama", "qwen2", "gemma3", "tiny", "small", "medium", "paper",
                 "decode", "prefill", "--max-seq", "--seq", "--checkpoint", "--seed", "--force",
                 "TinyLlama-1.1B", "Qwen2.5-0.5B", "Gemma-3-1B"):
        assert word in proc.stdout, word

def test_top_level_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "import" in capsys.readouterr().out


def test_import_writes_a_verifiable_module(tmp_path):
    out = tmp_path / "block.mlir"
    proc = _run_module("import", "--model", "gpt2", "--config", "tiny", "--step", "decode",
                       "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert "func.func @block" in text and "func.func @lm_head" in text
    assert "tensor<512x64xf32>" in text  # default --max-seq
    mlir_opt(text)


def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "block.mlir"
    out.write_text("keep me")
    assert main(["import", "--model", "llama", "--step", "prefill", "--seq", "4",
                 "-o", str(out)]) == 1
    assert "already exists (use --force to overwrite)" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert main(["import", "--model", "llama", "--step", "prefill", "--seq", "4",
                 "-o", str(out), "--force"]) == 0
    assert "tensor<4x128xf32>" in out.read_text()


@pytest.mark.parametrize("argv, message", [
    (["import"], "--model is required"),
    (["import", "--model", "gpt2", "--config", "large"], "unknown configuration 'large'"),
    (["import", "--model", "qwen2", "--layer", "9"], "layer 9 out of range"),
    (["import", "--model", "gpt2", "--checkpoint", "/nonexistent"], "not a directory"),
    (["import", "--checkpoint", "/nonexistent", "--config", "tiny"], "mutually exclusive"),
])
def test_errors_exit_non_zero_and_write_nothing(tmp_path, capsys, argv, message):
    out = tmp_path / "never.mlir"
    assert main(argv + ["-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("streamtensor import: error:") and message in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, message", [
    (["import", "--model", "gpt2", "--max-seq", "0"], "expected a positive integer"),
    (["import", "--model", "gpt2", "--seq", "x"], "expected an integer"),
    (["import", "--model", "gpt5"], "invalid choice"),
    (["synthesize"], "invalid choice"),
])
def test_bad_argument_values_exit_with_usage_error(capsys, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_saved_weights_and_embedded_weights_agree(tmp_path):
    """--save-weights writes the arguments by name; --embed-weights inlines the same values."""
    args_mlir, weights = tmp_path / "args.mlir", tmp_path / "w.safetensors"
    embedded = tmp_path / "const.mlir"
    common = ["import", "--model", "gemma3", "--step", "prefill", "--seq", "3", "--seed", "4",
              "--only", "block"]
    assert main(common + ["-o", str(args_mlir), "--save-weights", str(weights)]) == 0
    assert main(common + ["-o", str(embedded), "--embed-weights"]) == 0
    saved = SafetensorsFile(str(weights))
    model = models.build_model("gemma3", "tiny", seed=4)
    inputs = models.example_inputs(model, "prefill", seq=3)
    arg_text = args_mlir.read_text()
    names = re.findall(r'streamtensor.kind = "weight", streamtensor.name = "([^"]+)"', arg_text)
    assert names == list(saved.keys())
    with_args = cpu_runner.compile_module(arg_text).run(
        "block", [v.numpy() for v in inputs.values()] + [saved.get(n) for n in names])
    with_consts = cpu_runner.compile_module(embedded.read_text()).run(
        "block", [v.numpy() for v in inputs.values()])
    with torch.no_grad():
        expected = model.block.prefill(*inputs.values())
    assert max(max_errors(with_args, expected)) <= 1e-4
    assert max(max_errors(with_consts, expected)) <= 1e-4


def test_special_files_are_written_in_place(tmp_path):
    """Writing to a FIFO (like /dev/null) must not replace it with a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo).read()))
    reader.start()
    assert main(["import", "--model", "gpt2", "--only", "lm_head", "-o", str(fifo)]) == 0
    reader.join(timeout=60)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert "func.func @lm_head" in received[0]
