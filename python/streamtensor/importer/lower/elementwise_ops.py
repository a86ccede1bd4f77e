"""Elementwise aten ops: arithmetic, activations, comparisons, selects, casts."""

import math

import torch

from ..body import Body
from ..errors import UnsupportedError
from ..source_locations import LOC_KEY
from ..ir import is_float
from ..linalg import broadcast_to, cast, elementwise
from .common import promoted_elem
from .registry import lowers


def _unary(apply):
    """A lowering for out = apply(body, x, elem), computed in the result type."""
    def lower(ctx, a):
        out = ctx.out_type()
        x = ctx.value(a["self"])

        def fn(b: Body, vals):
            (name, elem), = vals
            return apply(b, b.cast(name, elem, out.elem), out.elem)
        return elementwise(ctx.fb, [x], out, fn)
    return lower


_MATH = {"exp": "math.exp", "log": "math.log", "sqrt": "math.sqrt", "rsqrt": "math.rsqrt",
         "tanh": "math.tanh", "erf": "math.erf", "sin": "math.sin", "cos": "math.cos",
         "log1p": "math.log1p", "expm1": "math.expm1", "floor": "math.floor",
         "ceil": "math.ceil", "trunc": "math.trunc", "log2": "math.log2"}
for _name, _op in _MATH.items():
    lowers(f"aten.{_name}.default")(_unary(lambda b, x, e, op=_op: b.unary(op, x, e)))


def _sigmoid(b: Body, x: str, e: str) -> str:
    one = b.const(1.0, e)
    denom = b.binary("add", one, b.unary("math.exp", b.neg(x, e), e), e)
    return b.binary("div", one, denom, e)


def _silu(b: Body, x: str, e: str) -> str:
    one = b.const(1.0, e)
    denom = b.binary("add", one, b.unary("math.exp", b.neg(x, e), e), e)
    return b.binary("div", x, denom, e)


def gelu(b: Body, x: str, e: str, approximate: str) -> str:
    half = b.const(0.5, e)
    one = b.const(1.0, e)
    if approximate == "tanh":
        cube = b.binary("mul", b.binary("mul", x, x, e), x, e)
        inner = b.binary("add", x, b.binary("mul", b.const(0.044715, e), cube, e), e)
        scaled = b.binary("mul", b.const(math.sqrt(2.0 / math.pi), e), inner, e)
        t = b.unary("math.tanh", scaled, e)
    else:
        t = b.unary("math.erf", b.binary("mul", x, b.const(1.0 / math.sqrt(2.0), e), e), e)
    return b.binary("mul", b.binary("mul", half, x, e), b.binary("add", one, t, e), e)


lowers("aten.sigmoid.default")(_unary(_sigmoid))
lowers("aten.silu.default")(_unary(_silu))
lowers("aten.neg.default")(_unary(lambda b, x, e: b.neg(x, e)))
lowers("aten.reciprocal.default")(
    _unary(lambda b, x, e: b.binary("div", b.const(1.0, e), x, e)))
lowers("aten.relu.default")(_unary(lambda b, x, e: b.binary("max", x, b.const(0, e), e)))
lowers("aten.abs.default")(
    _unary(lambda b, x, e: b.unary("math.absf" if is_float(e) else "math.absi", x, e)))
lowers("aten.logical_not.default", "aten.bitwise_not.default")(
    _unary(lambda b, x, e: b.binary("xor", x, b.const(True if e == "i1" else -1, e), e)))


@lowers("aten.gelu.default")
def _gelu(ctx, a):
    approximate = a["approximate"] or "none"
    if approximate not in ("none", "tanh"):
        raise NotImplementedError(f"approximate={approximate!r}")
    return _unary(lambda b, x, e: gelu(b, x, e, approximate))(ctx, a)


def _arith(kind, reverse=False):
    """self <kind> alpha * other (operands swapped for rsub)."""
    def lower(ctx, a):
        out = ctx.out_type()
        x, y = ctx.value(a["self"]), ctx.value(a["other"])
        alpha = a.get("alpha")
        if reverse:
            x, y = y, x

        def fn(b: Body, vals):
            (xn, xe), (yn, ye) = vals
            xn, yn = b.cast(xn, xe, out.elem), b.cast(yn, ye, out.elem)
            if alpha is not None and alpha != 1:
                # alpha scales `other`, which is the second operand after the swap too.
                yn = b.binary("mul", yn, b.const(alpha, out.elem), out.elem)
            return b.binary(kind, xn, yn, out.elem)
        return elementwise(ctx.fb, [x, y], out, fn)
    return lower


lowers("aten.add.Tensor", "aten.add.Scalar")(_arith("add"))
lowers("aten.sub.Tensor", "aten.sub.Scalar")(_arith("sub"))
lowers("aten.rsub.Tensor", "aten.rsub.Scalar")(_arith("sub", reverse=True))
lowers("aten.mul.Tensor", "aten.mul.Scalar")(_arith("mul"))
lowers("aten.maximum.default")(_arith("max"))
lowers("aten.minimum.default")(_arith("min"))
lowers("aten.logical_and.default", "aten.bitwise_and.Tensor")(_arith("and"))
lowers("aten.logical_or.default", "aten.bitwise_or.Tensor")(_arith("or"))
lowers("aten.logical_xor.default", "aten.bitwise_xor.Tensor")(_arith("xor"))


@lowers("aten.div.Tensor", "aten.div.Scalar", "aten.div.Tensor_mode", "aten.div.Scalar_mode")
def _div(ctx, a):
    out = ctx.out_type()
    mode = a.get("rounding_mode")
    x, y = ctx.value(a["self"]), ctx.value(a["other"])

    def fn(b: Body, vals):
        (xn, xe), (yn, ye) = vals
        xn, yn = b.cast(xn, xe, out.elem), b.cast(yn, ye, out.elem)
        if not is_float(out.elem):
            if mode == "floor":
                return b._emit(f"arith.floordivsi {xn}, {yn} : {out.elem}")
            return b.binary("div", xn, yn, out.elem)
        q = b.binary("div", xn, yn, out.elem)
        if mode == "floor":
            return b.unary("math.floor", q, out.elem)
        if mode == "trunc":
            return b.unary("math.trunc", q, out.elem)
        return q
    return elementwise(ctx.fb, [x, y], out, fn)


def _power(b: Body, x: str, exponent: float, e: str) -> str:
    """x ** exponent with exact forms for the exponents models use."""
    if exponent == 1:
        return x
    if exponent == 2:
        return b.binary("mul", x, x, e)
    if exponent == 3:
        return b.binary("mul", b.binary("mul", x, x, e), x, e)
    if exponent == 0.5:
        return b.unary("math.sqrt", x, e)
    if exponent == -0.5:
        return b.unary("math.rsqrt", x, e)
    if exponent == -1:
        return b.binary("div", b.const(1.0, e), x, e)
    return b.binary("pow", x, b.const(exponent, e), e)


@lowers("aten.pow.Tensor_Scalar")
def _pow_scalar(ctx, a):
    exponent = a["exponent"]
    out = ctx.out_type()
    if not is_float(out.elem):
        raise NotImplementedError("integer power")
    return _unary(lambda b, x, e: _power(b, x, float(exponent), e))(ctx, a)


@lowers("aten.pow.Tensor_Tensor", "aten.pow.Scalar")
def _pow_tensor(ctx, a):
    out = ctx.out_type()
    if not is_float(out.elem):
        raise NotImplementedError("integer power")
    x, y = ctx.value(a["self"]), ctx.value(a["exponent"])

    def fn(b: Body, vals):
        (xn, xe), (yn, ye) = vals
        return b.binary("pow", b.cast(xn, xe, out.elem), b.cast(yn, ye, out.elem), out.elem)
    return elementwise(ctx.fb, [x, y], out, fn)


def _compare(pred):
    def lower(ctx, a):
        out = ctx.out_type()
        x, y = ctx.value(a["self"]), ctx.value(a["other"])
        elem = promoted_elem([x, y])

        def fn(b: Body, vals):
            (xn, xe), (yn, ye) = vals
            return b.cmp(pred, b.cast(xn, xe, elem), b.cast(yn, ye, elem), elem)
        return elementwise(ctx.fb, [x, y], out, fn, scalar_elem=elem)
    return lower


for _pred in ("eq", "ne", "lt", "le", "gt", "ge"):
    lowers(f"aten.{_pred}.Tensor", f"aten.{_pred}.Scalar")(_compare(_pred))


def _select(ctx, cond, x, y):
    out = ctx.out_type()

    def fn(b: Body, vals):
        (cn, ce), (xn, xe), (yn, ye) = vals
        cn = b.cast(cn, ce, "i1")
        return b.select(cn, b.cast(xn, xe, out.elem), b.cast(yn, ye, out.elem), out.elem)
    return elementwise(ctx.fb, [cond, x, y], out, fn)


@lowers("aten.where.self", "aten.where.ScalarSelf", "aten.where.ScalarOther",
        "aten.where.Scalar")
def _where(ctx, a):
    return _select(ctx, ctx.value(a["condition"]), ctx.value(a["self"]), ctx.value(a["other"]))


@lowers("aten.masked_fill.Scalar", "aten.masked_fill.Tensor")
def _masked_fill(ctx, a):
    return _select(ctx, ctx.value(a["mask"]), ctx.value(a["value"]), ctx.value(a["self"]))


def _clamp(ctx, x, lo, hi):
    out = ctx.out_type()

    def fn(b: Body, vals):
        it = iter(vals)
        name, elem = next(it)
        r = b.cast(name, elem, out.elem)
        if lo is not None:
            ln, le = next(it)
            r = b.binary("max", r, b.cast(ln, le, out.elem), out.elem)
        if hi is not None:
            hn, he = next(it)
            r = b.binary("min", r, b.cast(hn, he, out.elem), out.elem)
        return r
    operands = [x] + [v for v in (lo, hi) if v is not None]
    return elementwise(ctx.fb, operands, out, fn)


@lowers("aten.clamp.default", "aten.clamp.Tensor")
def _clamp_both(ctx, a):
    return _clamp(ctx, ctx.value(a["self"]), ctx.value(a["min"]), ctx.value(a["max"]))


@lowers("aten.clamp_min.default", "aten.clamp_min.Tensor")
def _clamp_min(ctx, a):
    return _clamp(ctx, ctx.value(a["self"]), ctx.value(a["min"]), None)


@lowers("aten.clamp_max.default", "aten.clamp_max.Tensor")
def _clamp_max(ctx, a):
    return _clamp(ctx, ctx.value(a["self"]), None, ctx.value(a["max"]))


@lowers("aten.hardtanh.default")
def _hardtanh(ctx, a):
    return _clamp(ctx, ctx.value(a["self"]), float(a["min_val"]), float(a["max_val"]))


@lowers("aten.leaky_relu.default")
def _leaky_relu(ctx, a):
    slope = float(a["negative_slope"])

    def apply(b: Body, x: str, e: str) -> str:
        positive = b.cmp("gt", x, b.const(0.0, e), e)
        return b.select(positive, x, b.binary("mul", x, b.const(slope, e), e), e)
    return _unary(apply)(ctx, a)


@lowers("aten._to_copy.default")
def _to_copy(ctx, a):
    return cast(ctx.fb, ctx.value(a["self"]), ctx.out_type().elem)


@lowers("aten.copy.default")
def _copy(ctx, a):
    out = ctx.out_type()
    src = cast(ctx.fb, ctx.value(a["src"]), out.elem)
    return broadcast_to(ctx.fb, src, out.shape)


@lowers("aten.clone.default", "aten.alias.default", "aten.detach.default",
        "aten.lift_fresh_copy.default", "aten.lift_fresh.default")
def _identity(ctx, a):
    return ctx.value(a["self"])


@lowers("aten.copy_.default")
def _copy_into_argument(ctx, a):
    """Functionalization writes in-place updates of arguments back with copy_."""
    target, source = a["self"], a["src"]
    name = ctx.argument_names.get(target, str(target))
    loc = source.meta.get(LOC_KEY) if isinstance(source, torch.fx.Node) else None
    raise UnsupportedError(f"in-place update of function argument {name} (aten.copy_.default): "
                           "imported functions cannot write their inputs or weights; return "
                           "the new value instead", str(loc) if loc else ctx.location)
