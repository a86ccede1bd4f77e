"""Gathers: embedding lookup, index_select, gather and tensor indexing.

Each is a parallel linalg.generic over the result whose body reads the
source with tensor.extract at the looked-up index.
"""

from ..body import Body
from ..linalg import broadcast_operand, empty, generic
from .common import normalize_dim
from .registry import lowers


def _wrapped_index(b: Body, raw: str, elem: str, size: int) -> str:
    """Index as `index` type, with Python-style negative indices wrapped."""
    as_i64 = b.cast(raw, elem, "i64")
    negative = b.cmp("lt", as_i64, b.const(0, "i64"), "i64")
    wrapped = b.binary("add", as_i64, b.const(size, "i64"), "i64")
    return b.to_index(b.select(negative, wrapped, as_i64, "i64"), "i64")


@lowers("aten.embedding.default")
def _embedding(ctx, a):
    weight, indices = ctx.value(a["weight"]), ctx.value(a["indices"])
    out = ctx.out_type()
    rank = out.rank

    def body_fn(b: Body, ins, _out):
        row = _wrapped_index(b, ins[0], indices.elem, weight.shape[0])
        return b.extract(weight.name, weight.type, [row, b.index(rank - 1)])
    return generic(ctx.fb, [(indices, list(range(rank - 1)))], empty(ctx.fb, out),
                   list(range(rank)), ["parallel"] * rank, body_fn)


@lowers("aten.index_select.default")
def _index_select(ctx, a):
    x, index = ctx.value(a["self"]), ctx.value(a["index"])
    dim = normalize_dim(a["dim"], x.type.rank)
    out = ctx.out_type()
    rank = out.rank

    def body_fn(b: Body, ins, _out):
        coords = [b.index(d) for d in range(rank)]
        coords[dim] = _wrapped_index(b, ins[0], index.elem, x.shape[dim])
        return b.extract(x.name, x.type, coords)
    return generic(ctx.fb, [(index, [dim])], empty(ctx.fb, out), list(range(rank)),
                   ["parallel"] * rank, body_fn)


@lowers("aten.gather.default")
def _gather(ctx, a):
    x, index = ctx.value(a["self"]), ctx.value(a["index"])
    dim = normalize_dim(a["dim"], x.type.rank)
    out = ctx.out_type()
    rank = out.rank

    def body_fn(b: Body, ins, _out):
        coords = [b.index(d) for d in range(rank)]
        coords[dim] = _wrapped_index(b, ins[0], index.elem, x.shape[dim])
        return b.extract(x.name, x.type, coords)
    dims = list(range(rank))
    return generic(ctx.fb, [(index, dims)], empty(ctx.fb, out), dims, ["parallel"] * rank,
                   body_fn)


@lowers("aten.index.Tensor")
def _index(ctx, a):
    """x[..., idx_a, idx_b, ...] with adjacent index tensors (broadcast together)."""
    x = ctx.value(a["self"])
    indices = ctx.value(a["indices"])
    positions = [d for d, ix in enumerate(indices) if ix is not None]
    if positions != list(range(positions[0], positions[-1] + 1)):
        raise NotImplementedError("index tensors separated by slices")
    out = ctx.out_type()
    first = positions[0]
    trailing = x.type.rank - len(indices)
    index_rank = out.rank - (x.type.rank - len(positions))
    index_shape = out.shape[first:first + index_rank]
    inputs = []
    for d in positions:
        v, dims = broadcast_operand(ctx.fb, indices[d], index_shape)
        inputs.append((v, [first + i for i in dims]))
    index_values = [v for v, _ in inputs]

    def body_fn(b: Body, ins, _out):
        coords = []
        for d in range(x.type.rank - trailing):
            if d < first:
                coords.append(b.index(d))
            elif d in positions:
                k = positions.index(d)
                coords.append(_wrapped_index(b, ins[k], index_values[k].elem, x.shape[d]))
            else:
                coords.append(b.index(d - len(positions) + index_rank))
        for t in range(trailing):
            coords.append(b.index(out.rank - trailing + t))
        return b.extract(x.name, x.type, coords)
    return generic(ctx.fb, inputs, empty(ctx.fb, out), list(range(out.rank)),
                   ["parallel"] * out.rank, body_fn)

