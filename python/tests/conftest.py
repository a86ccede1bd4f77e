"""Shared helpers: import a module, run it on the CPU through MLIR, compare with PyTorch."""

import os
import subprocess
import sys

import numpy as np
import pytest
import torch

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)

from streamtensor import cpu_runner, import_model  # noqa: E402

MLIR_OPT = cpu_runner.tool("mlir-opt")
BUILD_DIR = os.environ.get("STREAMTENSOR_BUILD_DIR",
                           os.path.join(os.path.dirname(PYTHON_DIR), "build"))
STREAMTENSOR_OPT = os.path.join(BUILD_DIR, "bin", "streamtensor-opt")
PIPELINES = {"plain": (), "linalg-cleanup": cpu_runner.LINALG_CLEANUP_PASSES}


def flat_outputs(result):
    if isinstance(result, torch.Tensor):
        return [result]
    out = []
    for r in result:
        out.extend(flat_outputs(r))
    return out


def weights_of(module: torch.nn.Module):
    """Weight arguments in the importer's order (parameters, then buffers, no repeats)."""
    seen, values = set(), []
    for t in list(module.parameters()) + list(module.buffers()):
        if id(t) not in seen:
            seen.add(id(t))
            values.append(t.detach().numpy())
    return values


def max_errors(actual, expected, rtol=0.0):
    """Per output: max |actual - expected| - rtol * |expected| (mismatch count for ints)."""
    errors = []
    for a, e in zip(actual, expected):
        e = e.detach().numpy()
        assert a.shape == e.shape, f"shape {a.shape} != {e.shape}"
        if e.dtype == np.bool_ or np.issubdtype(e.dtype, np.integer):
            errors.append(float(np.sum(a != e)))
        else:
            # Equal infinities and matching NaNs agree; any other NaN is an error.
            same = (a == e) | (np.isnan(a) & np.isnan(e))
            with np.errstate(invalid="ignore"):
                diff = np.abs(a.astype(np.float64) - e) - rtol * np.abs(e)
            diff = np.where(same, 0.0, np.where(np.isnan(diff), np.inf, diff))
            errors.append(float(np.max(diff, initial=0.0)))
    return errors


def check_module(module, inputs, pipeline="plain", atol=1e-5, rtol=1e-5, **import_kwargs):
    """Imports, runs on the CPU and asserts every output matches PyTorch; returns the MLIR."""
    module.eval()
    text = import_model(module, tuple(inputs), **import_kwargs)
    compiled = cpu_runner.compile_module(text, PIPELINES[pipeline])
    args = [x.numpy() for x in inputs]
    if import_kwargs.get("weights_as_args", True):
        args += weights_of(module)
    actual = compiled.run(import_kwargs.get("name", "forward"), args)
    with torch.no_grad():
        expected = flat_outputs(module(*inputs))
    assert len(actual) == len(expected)
    errors = max_errors(actual, expected, rtol)
    assert max(errors) <= atol, f"max errors (beyond rtol * |expected|) per output: {errors}"
    return text


def mlir_opt(text: str, *passes: str) -> str:
    proc = subprocess.run([MLIR_OPT, *passes], input=text, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(params=sorted(PIPELINES))
def pipeline(request):
    return request.param
