"""Unsupported constructs fail with "unsupported", the aten op and the model's line."""

import inspect

import pytest
import torch
import torch.nn as nn

import streamtensor


def _line_of(cls, needle):
    lines, start = inspect.getsourcelines(cls.forward)
    return start + next(i for i, line in enumerate(lines) if needle in line)


class CumSum(nn.Module):
    def forward(self, x):
        y = x * 2
        return torch.cumsum(y, 0)


class DataDependentBranch(nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            return x + 1
        return x - 1


class ItemRead(nn.Module):
    def forward(self, x):
        return x * x.max().item()


class ToList(nn.Module):
    def forward(self, x):
        return torch.tensor(x.tolist())


class InputMutation(nn.Module):
    def forward(self, x):
        x.mul_(2)
        return x + 1


class HalfPrecision(nn.Module):
    def forward(self, x):
        return x.half() + 1


class NonZero(nn.Module):
    def forward(self, x):
        return torch.nonzero(x > 0)


@pytest.mark.parametrize("cls, needle, op", [
    (CumSum, "torch.cumsum", "aten.cumsum"),
    (DataDependentBranch, "if x.sum() > 0", "aten._local_scalar_dense"),
    (ItemRead, ".item()", "aten._local_scalar_dense"),
    (InputMutation, "x.mul_(2)", "aten.copy_"),
    (HalfPrecision, "x.half()", "aten._to_copy"),
    (NonZero, "torch.nonzero", "aten.nonzero"),
])
def test_unsupported_names_op_and_line(cls, needle, op):
    with pytest.raises(streamtensor.UnsupportedError) as info:
        streamtensor.import_model(cls(), (torch.randn(3, 4),))
    message = str(info.value)
    assert message.startswith("unsupported")
    assert op in message
    assert f"{__file__}:{_line_of(cls, needle)}" in message


def test_value_access_is_reported_as_unsupported():
    with pytest.raises(streamtensor.UnsupportedError) as info:
        streamtensor.import_model(ToList(), (torch.randn(3, 4),))
    assert f"{__file__}:{_line_of(ToList, 'tolist')}" in str(info.value)


def test_unsupported_inside_library_code_points_at_the_user_line():
    class Sorts(nn.Module):
        def forward(self, x):
            return torch.topk(x, 2).values

    with pytest.raises(streamtensor.UnsupportedError) as info:
        streamtensor.import_model(Sorts(), (torch.randn(3, 4),))
    assert "aten.topk" in str(info.value)
    assert f"{__file__}:{_line_of(Sorts, 'torch.topk')}" in str(info.value)


def test_tracing_errors_carry_the_model_line():
    class Broken(nn.Module):
        def forward(self, x):
            return x @ torch.ones(5, 5)

    with pytest.raises(streamtensor.ImporterError) as info:
        streamtensor.import_model(Broken(), (torch.randn(3, 4),))
    assert f"{__file__}:{_line_of(Broken, 'torch.ones(5, 5)')}" in str(info.value)
