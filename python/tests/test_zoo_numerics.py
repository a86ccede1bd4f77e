"""Every family's tiny decode and prefill blocks (and LM head) run on the CPU through
upstream MLIR, before and after the linalg clean-ups, and match PyTorch to 1e-4."""

import os

import pytest
import torch

from streamtensor import cpu_runner, models
from conftest import PIPELINES, STREAMTENSOR_OPT, max_errors

MAX_SEQ = 16
SEQ = 8
TOLERANCE = 1e-4


def _check_step(family, step, pipelines):
    model = models.build_model(family, "tiny", seed=3)
    text = models.import_step(model, step, max_seq=MAX_SEQ, seq=SEQ)
    inputs = models.example_inputs(model, step, max_seq=MAX_SEQ, seq=SEQ, seed=5)
    head_x = models.lm_head_input(model, seed=5)
    with torch.no_grad():
        expected_block = getattr(model.block, step)(*inputs.values())
        expected_head = [model.head(head_x)]
    block_args = [v.numpy() for v in inputs.values()] + \
        [p.detach().numpy() for p in model.block.parameters()]
    head_args = [head_x.numpy()] + [p.detach().numpy() for p in model.head.parameters()]
    for pipeline, (tool, passes) in pipelines.items():
        compiled = cpu_runner.compile_module(text, passes, opt_tool=tool)
        block_err = max_errors(compiled.run("block", block_args), expected_block)
        head_err = max_errors(compiled.run("lm_head", head_args), expected_head)
        assert max(block_err) <= TOLERANCE, f"{pipeline}: block errors {block_err}"
        assert max(head_err) <= TOLERANCE, f"{pipeline}: lm_head error {head_err}"


@pytest.mark.parametrize("step", models.STEPS)
@pytest.mark.parametrize("family", models.FAMILIES)
def test_tiny_step_matches_pytorch(family, step):
    _check_step(family, step, {name: (None, passes) for name, passes in PIPELINES.items()})


@pytest.mark.parametrize("step", models.STEPS)
@pytest.mark.parametrize("family", models.FAMILIES)
def test_tiny_step_after_streamtensor_linalg_opt(family, step):
    """The project's own linalg clean-up pipeline keeps the numbers."""
    if not os.path.exists(STREAMTENSOR_OPT):
        pytest.skip(f"{STREAMTENSOR_OPT} is not built")
    _check_step(family, step, {"streamtensor-linalg-opt":
                               (STREAMTENSOR_OPT, ("--streamtensor-linalg-opt",))})
