"""Records which line of the model's source created each traced aten op.

make_fx in PyTorch 1.13 keeps no stack traces, so a dispatch mode pushed on
top of the tracer looks up the innermost user frame for every aten call and
tags the graph nodes that call created. It also turns data-dependent
operations (`.item()`, `if tensor:`) into an `UnsupportedError` right where
the model asks for the value.
"""

import itertools
import os
import sys
from dataclasses import dataclass
from typing import Optional

import torch
from torch.utils._python_dispatch import TorchDispatchMode

from .errors import UnsupportedError

LOC_KEY = "streamtensor_loc"

_TORCH_DIR = os.path.dirname(torch.__file__) + os.sep
_IMPORTER_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


@dataclass(frozen=True)
class SourceLocation:
    file: str
    line: int
    function: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} (in {self.function})"


def _is_internal(filename: str) -> bool:
    if filename.startswith(_TORCH_DIR) or filename.startswith(_IMPORTER_DIR):
        return True
    # functorch ships beside torch; contextlib wraps the tracing contexts.
    return os.sep + "functorch" + os.sep in filename or filename.endswith("contextlib.py")


def user_location() -> Optional[SourceLocation]:
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not filename.startswith("<") and not _is_internal(os.path.abspath(filename)):
            return SourceLocation(filename, frame.f_lineno, frame.f_code.co_name)
        frame = frame.f_back
    return None


def _data_dependent(func) -> bool:
    tags = getattr(func, "tags", ())
    data_tag = getattr(torch.Tag, "data_dependent_output", None) if hasattr(torch, "Tag") else None
    return (data_tag is not None and data_tag in tags) or \
        func.overloadpacket.__name__ in ("_local_scalar_dense", "nonzero", "masked_select")


class SourceLocator(TorchDispatchMode):
    """Tags nodes appended to `graph` with the user frame that caused them."""

    def __init__(self, graph):
        super().__init__()
        self.graph = graph

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        location = user_location()
        before = len(self.graph.nodes)
        try:
            result = func(*args, **kwargs)
        except UnsupportedError:
            raise
        except Exception as err:
            if _data_dependent(func):
                raise UnsupportedError(
                    f"data-dependent operation aten.{func.overloadpacket.__name__} (control "
                    "flow on a tensor value, `.item()`, or a shape that depends on values)",
                    str(location) if location else None) from err
            raise
        created = len(self.graph.nodes) - before
        if created > 0 and location is not None:
            for node in itertools.islice(reversed(self.graph.nodes), created):
                node.meta.setdefault(LOC_KEY, location)
        return result
