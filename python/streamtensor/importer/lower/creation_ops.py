"""Tensors created inside the model: fills, ranges and triangular masks."""

from ..body import Body
from ..linalg import broadcast_to, cast, empty, fill, generic
from .registry import lowers


@lowers("aten.full.default", "aten.full_like.default", "aten.new_full.default")
def _full(ctx, a):
    return fill(ctx.fb, ctx.out_type(), a["fill_value"])


@lowers("aten.zeros.default", "aten.zeros_like.default", "aten.new_zeros.default")
def _zeros(ctx, a):
    return fill(ctx.fb, ctx.out_type(), 0)


@lowers("aten.ones.default", "aten.ones_like.default", "aten.new_ones.default")
def _ones(ctx, a):
    return fill(ctx.fb, ctx.out_type(), 1)


@lowers("aten.fill.Scalar")
def _fill_scalar(ctx, a):
    return fill(ctx.fb, ctx.out_type(), a["value"])


@lowers("aten.fill.Tensor")
def _fill_tensor(ctx, a):
    out = ctx.out_type()
    return broadcast_to(ctx.fb, cast(ctx.fb, ctx.value(a["value"]), out.elem), out.shape)


@lowers("aten.scalar_tensor.default")
def _scalar_tensor(ctx, a):
    return fill(ctx.fb, ctx.out_type(), a["s"])


@lowers("aten.empty.memory_format", "aten.empty_like.default", "aten.new_empty.default",
        "aten.empty_strided.default")
def _empty(ctx, a):
    # Functionalized programs overwrite these before any read.
    return empty(ctx.fb, ctx.out_type())


@lowers("aten.arange.default", "aten.arange.start", "aten.arange.start_step")
def _arange(ctx, a):
    out = ctx.out_type()
    start = a.get("start", 0)
    step = a.get("step", 1)

    def body_fn(b: Body, _ins, _out):
        i = b.index_to(b.index(0), out.elem)
        scaled = b.binary("mul", i, b.const(step, out.elem), out.elem) if step != 1 else i
        return b.binary("add", scaled, b.const(start, out.elem), out.elem) if start else scaled
    return generic(ctx.fb, [], empty(ctx.fb, out), [0], ["parallel"], body_fn)


def _triangle(keep_lower: bool):
    def lower(ctx, a):
        out = ctx.out_type()
        x = ctx.value(a["self"])
        diagonal = int(a["diagonal"])
        rank = out.rank

        def body_fn(b: Body, ins, _out):
            row = b.index_to(b.index(rank - 2), "i64")
            col = b.index_to(b.index(rank - 1), "i64")
            offset = b.binary("sub", col, row, "i64")
            keep = b.cmp("le" if keep_lower else "ge", offset, b.const(diagonal, "i64"), "i64")
            return b.select(keep, ins[0], b.const(0, out.elem), out.elem)
        dims = list(range(rank))
        return generic(ctx.fb, [(x, dims)], empty(ctx.fb, out), dims, ["parallel"] * rank,
                       body_fn)
    return lower


lowers("aten.tril.default")(_triangle(True))
lowers("aten.triu.default")(_triangle(False))
