"""Maps aten op overloads (e.g. "aten.add.Tensor") to lowering functions."""

from typing import Callable, Dict

LOWERINGS: Dict[str, Callable] = {}


def lowers(*names: str):
    """Registers the decorated function `fn(ctx, args) -> Value | list` for `names`."""
    def register(fn):
        for name in names:
            if name in LOWERINGS:
                raise ValueError(f"{name} registered twice")
            LOWERINGS[name] = fn
        return fn
    return register
