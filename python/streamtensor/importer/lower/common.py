"""Helpers shared by the lowering functions."""

from typing import List, Sequence, Union

from ..ir import Value, is_float


def promoted_elem(operands: Sequence[Union[Value, int, float, bool]]) -> str:
    """The element type PyTorch computes a comparison or select in."""
    tensor_elems = [v.elem for v in operands if isinstance(v, Value)]
    floats = [e for e in tensor_elems if is_float(e)]
    if floats:
        return "f64" if "f64" in floats else "f32"
    if any(isinstance(v, float) for v in operands):
        return "f32"
    ints = [e for e in tensor_elems if e != "i1"]
    if ints:
        return "i64" if "i64" in ints else "i32"
    if any(isinstance(v, int) and not isinstance(v, bool) for v in operands):
        return "i64"
    return "i1"


def normalize_dim(dim: int, rank: int) -> int:
    if rank == 0:
        return 0
    if not -rank <= dim < rank:
        raise ValueError(f"dimension {dim} out of range for rank {rank}")
    return dim % rank


def normalize_dims(dims, rank: int) -> List[int]:
    if dims is None:
        return list(range(rank))
    if isinstance(dims, int):
        dims = [dims]
    if len(dims) == 0:
        return list(range(rank))
    return sorted({normalize_dim(d, rank) for d in dims})
