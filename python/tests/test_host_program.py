"""The emitted generation program (every layer in one kernel call, the KV
caches in device memory) on the simulated XRT device, against PyTorch."""

import json
import os
import subprocess

import pytest

from streamtensor.cli import main
from streamtensor.driver.tools import DriverError
from streamtensor.generation import generate
from streamtensor.generation.device import PARAMS, PROGRAM, XCLBIN, run_host_program
from streamtensor.generation.model import load_model, reference_generate
from test_generate import CHECKPOINT, PROMPT


@pytest.mark.parametrize("family", ["gpt2", "llama", "qwen2", "gemma3"])
def test_host_program_tokens_equal_pytorch(family, tmp_path):
    result = generate(family, "tiny", prompt_ids=PROMPT, max_new_tokens=32,
                      out_dir=str(tmp_path), host_program=True)
    assert result.generated_ids == reference_generate(load_model(family, "tiny"), PROMPT, 32)
    folder = result.designs["host"]
    for name in ("generate.cpp", XCLBIN, PARAMS, PROGRAM):
        assert os.path.isfile(os.path.join(folder, name))
    # One call of each block kernel runs every layer.
    source = open(os.path.join(folder, "generate.cpp")).read()
    layers = load_model(family, "tiny").config.num_layers
    assert f"constexpr unsigned kLayers = {layers};" in source
    assert result.design_calls == 2 * 32


@pytest.mark.skipif(not os.path.isdir(CHECKPOINT), reason="trained checkpoint not present")
def test_trained_checkpoint_on_the_simulated_device(tmp_path):
    prompt = "The meaning of"
    result = generate(checkpoint=CHECKPOINT, model=None, prompt=prompt, max_new_tokens=32,
                      out_dir=str(tmp_path), host_program=True)
    ids = list(prompt.encode())
    assert result.generated_ids == reference_generate(
        load_model(None, "tiny", checkpoint=CHECKPOINT), ids, 32)


def test_quantized_host_program_equals_the_quantized_reference(tmp_path):
    result = generate("gpt2", "tiny", prompt_ids=PROMPT, max_new_tokens=16,
                      out_dir=str(tmp_path), host_program=True, quant="w4a8")
    assert result.generated_ids == reference_generate(
        load_model("gpt2", "tiny", quant="w4a8"), PROMPT, 16)


def test_host_program_cli_and_its_errors(tmp_path, capsys):
    out = str(tmp_path / "designs")
    assert main(["generate", "--model", "gpt2", "--prompt-ids", "1,2,3", "--max-new-tokens",
                 "4", "--host-program", "--json", "-o", out]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["generated_ids"] == reference_generate(load_model("gpt2", "tiny"),
                                                         [1, 2, 3], 4)
    folder = next(os.path.join(out, d) for d in os.listdir(out) if d.startswith("host-"))
    # The program checks what it is given before it touches the device.
    with pytest.raises(DriverError, match="prompts of 3 tokens"):
        run_host_program(folder, [1, 2], 4)
    with pytest.raises(DriverError, match="outside the vocabulary"):
        run_host_program(folder, [1, 2, 100000], 4)
    not_simulated = tmp_path / "card.xclbin"
    not_simulated.write_bytes(b"xclbin2\0" + bytes(64))
    proc = subprocess.run([os.path.join(folder, PROGRAM), str(not_simulated),
                           os.path.join(folder, PARAMS), "--prompt-ids", "1,2,3"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "not a simulated xclbin" in proc.stderr
    proc = subprocess.run([os.path.join(folder, PROGRAM), os.path.join(folder, XCLBIN),
                           os.path.join(folder, PARAMS), "--prompt-ids", "1,x"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "'x'" in proc.stderr


def test_design_host_programs_run_on_the_simulated_device(tmp_path):
    # Each design's own host.cpp (one kernel call per run, inputs from files)
    # built against the simulated XRT device: the same outputs as PyTorch.
    import numpy as np
    from streamtensor.driver.simulation import prebuilt_runtime
    out = str(tmp_path / "llama")
    assert main(["compile", "--model", "llama", "--step", "decode", "-o", out]) == 0
    library = prebuilt_runtime()
    for function in ("block", "lm_head"):
        design = os.path.join(out, "design", function)
        command = ["make", "-s", "-C", design, "run-host-sim"]
        if library:
            command.append(f"SIM_SOURCES={library}")
        proc = subprocess.run(command, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert "on device 0" in proc.stdout
        expected_dir = os.path.join(design, "expected")
        for name in os.listdir(expected_dir):
            expected = np.fromfile(os.path.join(expected_dir, name), "<f4")
            got = np.fromfile(os.path.join(design, "data", name[:-4] + ".out.bin"), "<f4")
            assert np.abs(got - expected).max() <= 1e-5 * max(1.0, np.abs(expected).max())
