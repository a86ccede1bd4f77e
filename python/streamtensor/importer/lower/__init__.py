"""Lowerings from aten ops to linalg-on-tensors, registered by op name."""

from . import (creation_ops, elementwise_ops, indexing_ops, matmul_ops,  # noqa: F401
               reduction_ops, shape_ops)
from .registry import LOWERINGS

__all__ = ["LOWERINGS"]
