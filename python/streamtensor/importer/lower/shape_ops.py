"""Views, permutations, broadcasts, slices and concatenation."""

import math

from ..linalg import (broadcast_to, cast, concat, extract_slice, insert_slice, reshape,
                      transpose)
from .common import normalize_dim
from .registry import lowers


@lowers("aten.view.default", "aten._unsafe_view.default", "aten._reshape_alias.default",
        "aten.reshape.default", "aten.view_copy.default", "aten._reshape_alias_copy.default",
        "aten.squeeze.default", "aten.squeeze.dim", "aten.squeeze.dims",
        "aten.unsqueeze.default", "aten.unsqueeze_copy.default", "aten.squeeze_copy.dim",
        "aten.flatten.using_ints", "aten.unflatten.int")
def _view(ctx, a):
    return reshape(ctx.fb, ctx.value(a["self"]), ctx.out_type().shape)


@lowers("aten.permute.default", "aten.permute_copy.default")
def _permute(ctx, a):
    x = ctx.value(a["self"])
    perm = [normalize_dim(d, x.type.rank) for d in a["dims"]]
    return transpose(ctx.fb, x, perm)


@lowers("aten.t.default", "aten.t_copy.default")
def _t(ctx, a):
    x = ctx.value(a["self"])
    return transpose(ctx.fb, x, [1, 0]) if x.type.rank == 2 else x


@lowers("aten.transpose.int", "aten.transpose_copy.int")
def _transpose(ctx, a):
    x = ctx.value(a["self"])
    rank = x.type.rank
    perm = list(range(rank))
    d0, d1 = normalize_dim(a["dim0"], rank), normalize_dim(a["dim1"], rank)
    perm[d0], perm[d1] = perm[d1], perm[d0]
    return transpose(ctx.fb, x, perm)


@lowers("aten.expand.default", "aten.expand_copy.default")
def _expand(ctx, a):
    return broadcast_to(ctx.fb, ctx.value(a["self"]), ctx.out_type().shape)


@lowers("aten.repeat.default")
def _repeat(ctx, a):
    x = ctx.value(a["self"])
    repeats = list(a["repeats"])
    shape = [1] * (len(repeats) - x.type.rank) + list(x.shape)
    # Interleave a repeat axis before each axis, broadcast it, then merge pairs.
    interleaved = [d for s in shape for d in (1, s)]
    tiled = [d for r, s in zip(repeats, shape) for d in (r, s)]
    v = reshape(ctx.fb, x, interleaved)
    v = broadcast_to(ctx.fb, v, tiled)
    return reshape(ctx.fb, v, ctx.out_type().shape)


def _slice_bounds(size: int, start, end, step: int):
    start = 0 if start is None else start
    end = size if end is None else end
    if start < 0:
        start += size
    if end < 0:
        end += size
    start = min(max(start, 0), size)
    end = min(max(end, start), size)
    return start, max(0, math.ceil((end - start) / step))


@lowers("aten.slice.Tensor", "aten.slice_copy.Tensor")
def _slice(ctx, a):
    x = ctx.value(a["self"])
    rank = x.type.rank
    dim = normalize_dim(a["dim"], rank)
    step = int(a["step"])
    if step < 1:
        raise NotImplementedError(f"slice step {step}")
    start, length = _slice_bounds(x.shape[dim], a["start"], a["end"], step)
    if length == 0:
        raise NotImplementedError("empty slice")
    offsets, sizes, strides = [0] * rank, list(x.shape), [1] * rank
    offsets[dim], sizes[dim], strides[dim] = start, length, step
    return extract_slice(ctx.fb, x, offsets, sizes, strides)


def _select(ctx, x, dim: int, index: int):
    rank = x.type.rank
    size = x.shape[dim]
    if not -size <= index < size:
        raise ValueError(f"index {index} out of range for size {size}")
    offsets, sizes, strides = [0] * rank, list(x.shape), [1] * rank
    offsets[dim], sizes[dim] = index % size, 1
    result_shape = [s for d, s in enumerate(x.shape) if d != dim]
    return extract_slice(ctx.fb, x, offsets, sizes, strides, result_shape)


@lowers("aten.select.int", "aten.select_copy.int")
def _select_int(ctx, a):
    x = ctx.value(a["self"])
    return _select(ctx, x, normalize_dim(a["dim"], x.type.rank), int(a["index"]))


@lowers("aten.unbind.int", "aten.unbind_copy.int")
def _unbind(ctx, a):
    x = ctx.value(a["self"])
    dim = normalize_dim(a["dim"], x.type.rank)
    return [_select(ctx, x, dim, i) for i in range(x.shape[dim])]


def _split(ctx, x, sizes, dim):
    rank = x.type.rank
    parts, start = [], 0
    for size in sizes:
        offsets, shape = [0] * rank, list(x.shape)
        offsets[dim], shape[dim] = start, size
        parts.append(extract_slice(ctx.fb, x, offsets, shape, [1] * rank))
        start += size
    return parts


@lowers("aten.split.Tensor", "aten.split_copy.Tensor")
def _split_tensor(ctx, a):
    x = ctx.value(a["self"])
    dim = normalize_dim(a["dim"], x.type.rank)
    total, size = x.shape[dim], int(a["split_size"])
    return _split(ctx, x, [min(size, total - s) for s in range(0, total, size)], dim)


@lowers("aten.split_with_sizes.default", "aten.split_with_sizes_copy.default")
def _split_with_sizes(ctx, a):
    x = ctx.value(a["self"])
    return _split(ctx, x, [int(s) for s in a["split_sizes"]], normalize_dim(a["dim"], x.type.rank))


@lowers("aten.cat.default")
def _cat(ctx, a):
    out = ctx.out_type()
    values = [cast(ctx.fb, v, out.elem) for v in ctx.value(a["tensors"])
              if v.type.rank == out.rank]
    return concat(ctx.fb, values, normalize_dim(a["dim"], out.rank), out)


@lowers("aten.stack.default")
def _stack(ctx, a):
    out = ctx.out_type()
    dim = normalize_dim(a["dim"], out.rank)
    values = []
    for v in ctx.value(a["tensors"]):
        shape = list(v.shape)
        shape.insert(dim, 1)
        values.append(reshape(ctx.fb, v, shape))
    return concat(ctx.fb, values, dim, out)


@lowers("aten.slice_scatter.default")
def _slice_scatter(ctx, a):
    """Functionalized `x[..., start:end:step] = src`."""
    x, src = ctx.value(a["self"]), ctx.value(a["src"])
    rank = x.type.rank
    dim = normalize_dim(a["dim"], rank)
    step = int(a["step"])
    start, length = _slice_bounds(x.shape[dim], a["start"], a["end"], step)
    offsets, strides = [0] * rank, [1] * rank
    offsets[dim], strides[dim] = start, step
    sizes = list(x.shape)
    sizes[dim] = length
    src = broadcast_to(ctx.fb, cast(ctx.fb, src, x.elem), sizes)
    return insert_slice(ctx.fb, src, x, offsets, sizes, strides)


@lowers("aten.select_scatter.default")
def _select_scatter(ctx, a):
    """Functionalized `x[..., index, ...] = src`."""
    x, src = ctx.value(a["self"]), ctx.value(a["src"])
    rank = x.type.rank
    dim = normalize_dim(a["dim"], rank)
    index = int(a["index"]) % x.shape[dim]
    offsets = [0] * rank
    offsets[dim] = index
    sizes = list(x.shape)
    sizes[dim] = 1
    reduced = [s for d, s in enumerate(x.shape) if d != dim]
    src = broadcast_to(ctx.fb, cast(ctx.fb, src, x.elem), reduced)
    return insert_slice(ctx.fb, src, x, offsets, sizes)
