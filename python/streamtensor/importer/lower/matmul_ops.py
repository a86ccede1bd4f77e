"""Matrix products as named linalg contractions.

A right operand that is a transpose of the last two dimensions (the `t` of
nn.Linear weights, `k.transpose(-2, -1)` in attention) is read in place by
the `*_transpose_b` variants instead of being materialized.
"""

from typing import List, Optional

import torch

from ..body import Body
from ..ir import INT_BITS, Value, is_float
from ..linalg import batch_matmul, broadcast_to, elementwise, matmul, reshape
from .registry import lowers

_aten = torch.ops.aten
# Ops that only reshape or broadcast leading (batch) dimensions when the last
# two dimensions of their input and output agree.
_BATCH_VIEWS = {_aten.view.default, _aten._unsafe_view.default, _aten._reshape_alias.default,
                _aten.reshape.default, _aten.expand.default, _aten.clone.default,
                _aten.alias.default}


def _swaps_last_two(node: torch.fx.Node, rank: int) -> bool:
    if node.target in (_aten.t.default,):
        return rank == 2
    if node.target is _aten.transpose.int:
        dims = sorted(d % rank for d in node.args[1:3])
        return dims == [rank - 2, rank - 1]
    if node.target is _aten.permute.default:
        perm = [d % rank for d in node.args[1]]
        return perm == list(range(rank - 2)) + [rank - 1, rank - 2]
    return False


def transposed_source(ctx, node) -> Optional[Value]:
    """If `node` is Y with its last two dims swapped (after batch-only views),
    returns Y shaped like `node` but with those two dims in Y's order."""
    if not isinstance(node, torch.fx.Node):
        return None
    chain: List[torch.fx.Node] = []
    current = node
    while current.op == "call_function" and current.target in _BATCH_VIEWS:
        src = current.args[0]
        if not isinstance(src, torch.fx.Node):
            return None
        if ctx.node_type(src).shape[-2:] != ctx.node_type(current).shape[-2:]:
            return None
        chain.append(current)
        current = src
    src_type = ctx.node_type(current)
    if current.op != "call_function" or src_type.rank < 2 or \
            not _swaps_last_two(current, src_type.rank):
        return None
    value = ctx.value(current.args[0])
    for view in reversed(chain):
        shape = list(ctx.node_type(view).shape)
        shape[-2], shape[-1] = shape[-1], shape[-2]
        if view.target is _aten.expand.default:
            value = broadcast_to(ctx.fb, value, shape)
        else:
            value = reshape(ctx.fb, value, shape)
    return value


def _widened_source(ctx, node):
    """`x` if `node` is `x.to(wider integer type)`, else None: integer
    products take the narrow operand and extend it in their body."""
    if not isinstance(node, torch.fx.Node) or node.op != "call_function" or \
            node.target is not _aten._to_copy.default:
        return None
    src = node.args[0]
    if not isinstance(src, torch.fx.Node):
        return None
    # The source's value, not its fx type: weights may be stored narrower.
    src_elem, out_elem = ctx.value(src).elem, ctx.node_type(node).elem
    if src_elem in INT_BITS and out_elem in INT_BITS and src_elem != "i1" and \
            INT_BITS[src_elem] <= INT_BITS[out_elem]:
        return src
    return None


def _operands(ctx, lhs_node, rhs_node):
    """(lhs, rhs node, accumulator type): float products compute in their
    type; integer ones accumulate in the result type from narrow operands."""
    out_elem = ctx.out_type().elem
    if is_float(out_elem):
        return ctx.value(lhs_node), rhs_node, None
    lhs_node = _widened_source(ctx, lhs_node) or lhs_node
    rhs_node = _widened_source(ctx, rhs_node) or rhs_node
    return ctx.value(lhs_node), rhs_node, out_elem


def _mm(ctx, lhs_node, rhs_node) -> Value:
    a, rhs_node, acc = _operands(ctx, lhs_node, rhs_node)
    rhs_t = transposed_source(ctx, rhs_node)
    if rhs_t is not None:
        return matmul(ctx.fb, a, rhs_t, transpose_b=True, out_elem=acc)
    return matmul(ctx.fb, a, ctx.value(rhs_node), out_elem=acc)


def _bmm(ctx, lhs_node, rhs_node) -> Value:
    a, rhs_node, acc = _operands(ctx, lhs_node, rhs_node)
    rhs_t = transposed_source(ctx, rhs_node)
    if rhs_t is not None:
        return batch_matmul(ctx.fb, a, rhs_t, transpose_b=True, out_elem=acc)
    return batch_matmul(ctx.fb, a, ctx.value(rhs_node), out_elem=acc)


def _scaled_sum(ctx, product: Value, bias, beta, alpha) -> Value:
    """beta * bias + alpha * product, broadcasting bias."""
    out = ctx.out_type()

    def fn(b: Body, vals):
        (pn, _), (bn, be) = vals
        e = out.elem
        bn = b.cast(bn, be, e)
        if alpha != 1:
            pn = b.binary("mul", pn, b.const(alpha, e), e)
        if beta != 1:
            bn = b.binary("mul", bn, b.const(beta, e), e)
        return b.binary("add", pn, bn, e)
    if beta == 0:
        return product if alpha == 1 else elementwise(
            ctx.fb, [product], out, lambda b, xs: b.binary("mul", xs[0][0],
                                                           b.const(alpha, out.elem), out.elem))
    return elementwise(ctx.fb, [product, bias], out, fn)


@lowers("aten.mm.default")
def _mm_op(ctx, a):
    return _mm(ctx, a["self"], a["mat2"])


@lowers("aten.addmm.default")
def _addmm(ctx, a):
    product = _mm(ctx, a["mat1"], a["mat2"])
    return _scaled_sum(ctx, product, ctx.value(a["self"]), a["beta"], a["alpha"])


@lowers("aten.bmm.default")
def _bmm_op(ctx, a):
    return _bmm(ctx, a["self"], a["mat2"])


@lowers("aten.baddbmm.default")
def _baddbmm(ctx, a):
    product = _bmm(ctx, a["batch1"], a["batch2"])
    return _scaled_sum(ctx, product, ctx.value(a["self"]), a["beta"], a["alpha"])


@lowers("aten.mv.default")
def _mv(ctx, a):
    m, v = ctx.value(a["self"]), ctx.value(a["vec"])
    column = reshape(ctx.fb, v, (v.shape[0], 1))
    return reshape(ctx.fb, matmul(ctx.fb, m, column), ctx.out_type().shape)


@lowers("aten.dot.default")
def _dot(ctx, a):
    x, y = ctx.value(a["self"]), ctx.value(a["tensor"])
    row = reshape(ctx.fb, x, (1, x.shape[0]))
    column = reshape(ctx.fb, y, (y.shape[0], 1))
    return reshape(ctx.fb, matmul(ctx.fb, row, column), ())
