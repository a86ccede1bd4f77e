"""The compiler driver: runs the C++ tools on an imported PyTorch program and
checks the generated design in the bounded-FIFO simulation."""

from .api import compile, simulate
from .tools import DriverError, ToolError

__all__ = ["DriverError", "ToolError", "compile", "simulate"]
