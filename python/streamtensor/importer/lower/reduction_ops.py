"""Reductions and the normalizations built on them (softmax, LayerNorm, variance)."""

import math

from ..body import Body
from ..ir import Value, is_float
from ..linalg import cast, elementwise, reduce, reshape
from .common import normalize_dims
from .registry import lowers


def _divide(ctx, v: Value, count: int) -> Value:
    return elementwise(ctx.fb, [v], v.type,
                       lambda b, xs: b.binary("div", xs[0][0], b.const(float(count), v.elem),
                                              v.elem))


def _sum(ctx, x: Value, dims, keepdim: bool, elem: str) -> Value:
    return reduce(ctx.fb, x, normalize_dims(dims, x.type.rank), "sum", keepdim, elem)


@lowers("aten.sum.dim_IntList", "aten.sum.default")
def _sum_op(ctx, a):
    return _sum(ctx, ctx.value(a["self"]), a.get("dim"), bool(a.get("keepdim")),
                ctx.out_type().elem)


@lowers("aten.mean.dim", "aten.mean.default")
def _mean(ctx, a):
    x = ctx.value(a["self"])
    out = ctx.out_type()
    dims = normalize_dims(a.get("dim"), x.type.rank)
    total = _sum(ctx, cast(ctx.fb, x, out.elem), dims, bool(a.get("keepdim")), out.elem)
    return _divide(ctx, total, math.prod(x.shape[d] for d in dims))


def _extremum(kind):
    def lower(ctx, a):
        x = ctx.value(a["self"])
        dims = normalize_dims(a.get("dim"), x.type.rank)
        return reduce(ctx.fb, x, dims, kind, bool(a.get("keepdim")))
    return lower


lowers("aten.amax.default", "aten.max.default")(_extremum("max"))
lowers("aten.amin.default", "aten.min.default")(_extremum("min"))


def _extremum_with_index(kind):
    def lower(ctx, a):
        if ctx.users_of_output(1):
            raise NotImplementedError("the indices result of max/min (argmax) is not supported")
        x = ctx.value(a["self"])
        dims = normalize_dims(a["dim"], x.type.rank)
        return [reduce(ctx.fb, x, dims, kind, bool(a["keepdim"])), None]
    return lower


lowers("aten.max.dim")(_extremum_with_index("max"))
lowers("aten.min.dim")(_extremum_with_index("min"))


def _centered(ctx, x: Value, dims, keepdim_mean: Value) -> Value:
    """(x - mean)^2 elementwise."""
    def fn(b: Body, vals):
        (xn, _), (mn, _) = vals
        d = b.binary("sub", xn, mn, x.elem)
        return b.binary("mul", d, d, x.elem)
    return elementwise(ctx.fb, [x, keepdim_mean], x.type, fn)


def _variance(ctx, x: Value, dims, correction: float, keepdim: bool):
    """(variance, mean) with the given Bessel correction."""
    count = math.prod(x.shape[d] for d in dims)
    mean_k = _divide(ctx, reduce(ctx.fb, x, dims, "sum", True), count)
    var = _divide(ctx, reduce(ctx.fb, _centered(ctx, x, dims, mean_k), dims, "sum", keepdim),
                  max(count - correction, 0))
    mean = mean_k if keepdim else reshape(ctx.fb, mean_k, var.shape)
    return var, mean


def _correction(a) -> float:
    if "correction" in a:
        c = a["correction"]
        return 1.0 if c is None else float(c)
    return 1.0 if a.get("unbiased", True) else 0.0


@lowers("aten.var.correction", "aten.var.dim")
def _var(ctx, a):
    x = ctx.value(a["self"])
    dims = normalize_dims(a["dim"], x.type.rank)
    return _variance(ctx, x, dims, _correction(a), bool(a["keepdim"]))[0]


@lowers("aten.var_mean.correction", "aten.var_mean.dim")
def _var_mean(ctx, a):
    x = ctx.value(a["self"])
    dims = normalize_dims(a["dim"], x.type.rank)
    return list(_variance(ctx, x, dims, _correction(a), bool(a["keepdim"])))


@lowers("aten.std.correction", "aten.std.dim")
def _std(ctx, a):
    var = _var(ctx, a)
    return elementwise(ctx.fb, [var], var.type, lambda b, xs: b.unary("math.sqrt", xs[0][0],
                                                                         var.elem))


def _softmax_parts(ctx, x: Value, dim: int):
    """(max, exp(x - max), sum(exp(x - max))) along `dim`; reductions keep `dim`.

    Subtracting the maximum keeps exp() from overflowing.
    """
    peak = reduce(ctx.fb, x, [dim], "max", True)

    def exp_fn(b: Body, vals):
        return b.unary("math.exp", b.binary("sub", vals[0][0], vals[1][0], x.elem), x.elem)
    exps = elementwise(ctx.fb, [x, peak], x.type, exp_fn)
    return peak, exps, reduce(ctx.fb, exps, [dim], "sum", True)


def _float_input(ctx, a) -> Value:
    out = ctx.out_type()
    if not is_float(out.elem):
        raise NotImplementedError("softmax of an integer tensor")
    return cast(ctx.fb, ctx.value(a["self"]), out.elem)


@lowers("aten._softmax.default")
def _softmax(ctx, a):
    x = _float_input(ctx, a)
    _, exps, total = _softmax_parts(ctx, x, normalize_dims(a["dim"], x.type.rank)[0])
    return elementwise(ctx.fb, [exps, total], x.type,
                       lambda b, xs: b.binary("div", xs[0][0], xs[1][0], x.elem))


@lowers("aten._log_softmax.default")
def _log_softmax(ctx, a):
    x = _float_input(ctx, a)
    peak, _, total = _softmax_parts(ctx, x, normalize_dims(a["dim"], x.type.rank)[0])

    def fn(b: Body, vals):
        (xn, _), (pn, _), (tn, _) = vals
        shifted = b.binary("sub", xn, pn, x.elem)
        return b.binary("sub", shifted, b.unary("math.log", tn, x.elem), x.elem)
    return elementwise(ctx.fb, [x, peak, total], x.type, fn)


@lowers("aten.native_layer_norm.default")
def _layer_norm(ctx, a):
    x = ctx.value(a["input"])
    weight, bias = ctx.value(a["weight"]), ctx.value(a["bias"])
    eps = float(a["eps"])
    rank = x.type.rank
    dims = list(range(rank - len(a["normalized_shape"]), rank))
    var, mean = _variance(ctx, x, dims, 0.0, True)
    rstd = elementwise(ctx.fb, [var], var.type, lambda b, xs: b.unary(
        "math.rsqrt", b.binary("add", xs[0][0], b.const(eps, var.elem), var.elem), var.elem))
    operands = [x, mean, rstd] + [v for v in (weight, bias) if v is not None]

    def fn(b: Body, vals):
        e = x.elem
        (xn, _), (mn, _), (rn, _) = vals[:3]
        y = b.binary("mul", b.binary("sub", xn, mn, e), rn, e)
        rest = iter(vals[3:])
        if weight is not None:
            y = b.binary("mul", y, next(rest)[0], e)
        if bias is not None:
            y = b.binary("add", y, next(rest)[0], e)
        return y
    out = elementwise(ctx.fb, operands, x.type, fn)
    return [out, mean, rstd]
