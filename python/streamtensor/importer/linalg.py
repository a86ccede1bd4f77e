"""Emission of linalg and tensor ops on `Value`s.

Everything here keeps to the forms a tiling compiler handles best: named
matmuls, generics whose indexing maps are projected permutations (unit
dimensions that broadcast are collapsed away first), and reassociative
reshapes.
"""

import math
from typing import Callable, List, Optional, Sequence, Tuple, Union

from .body import Body
from .ir import FunctionBuilder, TensorType, Value, affine_map, constant_op

Scalar = Union[int, float, bool]
# A generic's body: (body, input element names, output element name) -> yielded name.
BodyFn = Callable[[Body, List[str], str], str]


class LoweringError(Exception):
    """A lowering precondition failed (message is shown to the user)."""


def _shape(shape: Sequence[int]) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _reassoc(groups: Sequence[Sequence[int]]) -> str:
    return "[" + ", ".join("[" + ", ".join(str(i) for i in g) + "]" for g in groups) + "]"


def empty(fb: FunctionBuilder, ty: TensorType) -> Value:
    return fb.add_op(f"tensor.empty() : {ty}", ty, ())


def constant_scalar(fb: FunctionBuilder, value: Scalar, elem: str) -> str:
    """An SSA scalar at function level (returned as its name)."""
    scalar_type = TensorType((), elem)
    result = fb.add_op(constant_op(value, elem), scalar_type, ())
    return result.name


def fill(fb: FunctionBuilder, ty: TensorType, value: Scalar) -> Value:
    scalar = constant_scalar(fb, value, ty.elem)
    init = empty(fb, ty)
    return fb.add_op(f"linalg.fill ins({scalar} : {ty.elem}) outs({init.name} : {ty}) -> {ty}",
                     ty, (scalar, init.name))


def dense_constant(fb: FunctionBuilder, ty: TensorType, payload: str) -> Value:
    return fb.add_op(f"arith.constant dense<{payload}> : {ty}", ty, ())


def generic(fb: FunctionBuilder, inputs: Sequence[Tuple[Value, Sequence[int]]], init: Value,
            out_dims: Sequence[int], iterators: Sequence[str], body_fn: BodyFn) -> Value:
    """A linalg.generic over `len(iterators)` loops; each input with its map results."""
    num_loops = len(iterators)
    maps = [affine_map(num_loops, dims) for _, dims in inputs]
    maps.append(affine_map(num_loops, out_dims))
    body = Body(fb)
    in_args = [fb.fresh() for _ in inputs]
    out_arg = fb.fresh()
    yielded = body_fn(body, in_args, out_arg)
    block_args = [f"{a}: {v.elem}" for a, (v, _) in zip(in_args, inputs)]
    block_args.append(f"{out_arg}: {init.elem}")
    iters = ", ".join(f'"{i}"' for i in iterators)
    head = f"linalg.generic {{indexing_maps = [{', '.join(maps)}], iterator_types = [{iters}]}}"
    if inputs:
        head += (f" ins({', '.join(v.name for v, _ in inputs)} : "
                 f"{', '.join(str(v.type) for v, _ in inputs)})")
    head += f" outs({init.name} : {init.type}) {{"
    lines = [head, f"^bb0({', '.join(block_args)}):"]
    lines += ["  " + line for line in body.lines]
    lines.append(f"  linalg.yield {yielded} : {init.elem}")
    lines.append(f"}} -> {init.type}")
    operands = [v.name for v, _ in inputs] + [init.name] + body.captured
    return fb.add_op("\n".join(lines), init.type, operands)


# ----------------------------------------------------------------------------
# Reshapes
# ----------------------------------------------------------------------------

def collapse(fb: FunctionBuilder, v: Value, groups: Sequence[Sequence[int]]) -> Value:
    shape = tuple(math.prod(v.shape[i] for i in g) for g in groups)
    ty = v.type.with_shape(shape)
    return fb.add_op(f"tensor.collapse_shape {v.name} {_reassoc(groups)} : {v.type} into {ty}",
                     ty, (v.name,))


def expand(fb: FunctionBuilder, v: Value, groups: Sequence[Sequence[int]],
           shape: Sequence[int]) -> Value:
    ty = v.type.with_shape(shape)
    return fb.add_op(f"tensor.expand_shape {v.name} {_reassoc(groups)} output_shape "
                     f"{_shape(shape)} : {v.type} into {ty}", ty, (v.name,))


def _reshape_groups(src: Sequence[int], dst: Sequence[int]):
    """Pairs of (source dims, target dims) with equal products, in order."""
    groups = []
    i = j = 0
    while i < len(src) and j < len(dst):
        sg, dg = [i], [j]
        ps, pd = src[i], dst[j]
        i += 1
        j += 1
        while ps != pd:
            if ps < pd:
                if i == len(src):
                    raise LoweringError(f"cannot reshape {list(src)} to {list(dst)}")
                sg.append(i)
                ps *= src[i]
                i += 1
            else:
                if j == len(dst):
                    raise LoweringError(f"cannot reshape {list(src)} to {list(dst)}")
                dg.append(j)
                pd *= dst[j]
                j += 1
        groups.append((sg, dg))
    # Leftover dimensions are all 1 and join the last group.
    if groups:
        groups[-1][0].extend(range(i, len(src)))
        groups[-1][1].extend(range(j, len(dst)))
    return groups


def reshape(fb: FunctionBuilder, v: Value, shape: Sequence[int]) -> Value:
    """Row-major reshape as at most one collapse_shape followed by one expand_shape."""
    shape = tuple(shape)
    if v.shape == shape:
        return v
    source = fb.reshape_source.get(v.name)
    if source is not None:
        return reshape(fb, source, shape)
    if math.prod(v.shape) != math.prod(shape):
        raise LoweringError(f"cannot reshape {list(v.shape)} to {list(shape)}")
    if 0 in shape:
        raise LoweringError("zero-sized tensors are unsupported")
    source_value = v
    if not shape:
        v = collapse(fb, v, [])
    elif not source_value.shape:
        v = expand(fb, v, [], shape)
    else:
        v = _reshape_nonscalar(fb, v, shape)
    fb.reshape_source[v.name] = source_value
    return v


def _reshape_nonscalar(fb: FunctionBuilder, v: Value, shape: Tuple[int, ...]) -> Value:
    groups = _reshape_groups(v.shape, shape)
    if any(len(sg) > 1 for sg, _ in groups):
        v = collapse(fb, v, [sg for sg, _ in groups])
    # v now has one dimension per group; split each into its target dims.
    if v.shape != shape:
        v = expand(fb, v, [dg for _, dg in groups], shape)
    return v


def drop_unit_dims(fb: FunctionBuilder, v: Value, drop: Sequence[int]) -> Value:
    """Collapses away the listed size-1 dimensions."""
    return reshape(fb, v, [s for d, s in enumerate(v.shape) if d not in drop])


# ----------------------------------------------------------------------------
# Elementwise, broadcast, reductions
# ----------------------------------------------------------------------------

def broadcast_operand(fb: FunctionBuilder, v: Value, out_shape: Sequence[int]
                      ) -> Tuple[Value, List[int]]:
    """Aligns `v` to `out_shape` numpy-style; returns the collapsed value and its map."""
    rank = len(out_shape)
    offset = rank - v.type.rank
    if offset < 0:
        raise LoweringError(f"cannot broadcast {list(v.shape)} to {list(out_shape)}")
    drop, dims = [], []
    for i, size in enumerate(v.shape):
        target = out_shape[offset + i]
        if size == target:
            dims.append(offset + i)
        elif size == 1:
            drop.append(i)
        else:
            raise LoweringError(f"cannot broadcast {list(v.shape)} to {list(out_shape)}")
    return drop_unit_dims(fb, v, drop), dims


def elementwise(fb: FunctionBuilder, operands: Sequence[Union[Value, Scalar]],
                out_type: TensorType,
                fn: Callable[[Body, List[Tuple[str, str]]], str],
                scalar_elem: Optional[str] = None) -> Value:
    """out[i] = fn(operands broadcast to out_type); scalars become constants.

    `fn` receives (name, element type) pairs in operand order and returns the
    result name, which must already have `out_type.elem`. Python scalars are
    materialized as `scalar_elem` (default: the result's element type).
    """
    inputs = []
    for op in operands:
        if isinstance(op, Value):
            inputs.append(broadcast_operand(fb, op, out_type.shape))

    def body_fn(body: Body, in_args: List[str], _out: str) -> str:
        values, it = [], iter(zip(in_args, inputs))
        for op in operands:
            if isinstance(op, Value):
                name, (v, _) = next(it)
                values.append((name, v.elem))
            else:
                elem = "i1" if isinstance(op, bool) else (scalar_elem or out_type.elem)
                values.append((body.const(op, elem), elem))
        return fn(body, values)

    init = empty(fb, out_type)
    rank = out_type.rank
    return generic(fb, inputs, init, list(range(rank)), ["parallel"] * rank, body_fn)


def broadcast_to(fb: FunctionBuilder, v: Value, shape: Sequence[int]) -> Value:
    shape = tuple(shape)
    if v.shape == shape:
        return v
    return elementwise(fb, [v], v.type.with_shape(shape), lambda b, xs: xs[0][0])


def cast(fb: FunctionBuilder, v: Value, elem: str) -> Value:
    if v.elem == elem:
        return v
    return elementwise(fb, [v], v.type.with_elem(elem),
                       lambda b, xs: b.cast(xs[0][0], xs[0][1], elem))


REDUCTION_IDENTITY = {"sum": 0.0, "max": float("-inf"), "min": float("inf")}
_INT_IDENTITY = {"sum": 0, "max": -(2 ** 63), "min": 2 ** 63 - 1}


def reduce(fb: FunctionBuilder, v: Value, dims: Sequence[int], kind: str,
           keepdim: bool, elem: Optional[str] = None) -> Value:
    """Sum/max/min over `dims`, accumulating in `elem` (default: v's type)."""
    elem = elem or v.elem
    rank = v.type.rank
    dims = sorted({d % rank for d in dims}) if rank else []
    kept = [d for d in range(rank) if d not in dims]
    out_type = TensorType(tuple(v.shape[d] for d in kept), elem)
    identity = REDUCTION_IDENTITY[kind] if elem in ("f32", "f64") else _INT_IDENTITY[kind]
    if elem == "i1":
        identity = kind == "min"
    init = fill(fb, out_type, identity)
    iterators = ["reduction" if d in dims else "parallel" for d in range(rank)]

    def body_fn(body: Body, ins: List[str], out: str) -> str:
        x = body.cast(ins[0], v.elem, elem)
        return body.binary("add" if kind == "sum" else kind, out, x, elem)

    result = generic(fb, [(v, list(range(rank)))], init, kept, iterators, body_fn)
    if keepdim:
        result = reshape(fb, result, tuple(1 if d in dims else v.shape[d] for d in range(rank)))
    return result


# ----------------------------------------------------------------------------
# Data movement
# ----------------------------------------------------------------------------

def transpose(fb: FunctionBuilder, v: Value, perm: Sequence[int]) -> Value:
    perm = list(perm)
    if perm == sorted(perm):
        return v
    shape = tuple(v.shape[p] for p in perm)
    non_unit = [p for p in perm if v.shape[p] != 1]
    if non_unit == sorted(non_unit):
        # Only size-1 dimensions move: the data order is unchanged.
        return reshape(fb, v, shape)
    ty = v.type.with_shape(shape)
    init = empty(fb, ty)
    return fb.add_op(f"linalg.transpose ins({v.name} : {v.type}) outs({init.name} : {ty}) "
                     f"permutation = {_shape(perm)}", ty, (v.name, init.name))


def extract_slice(fb: FunctionBuilder, v: Value, offsets: Sequence[int], sizes: Sequence[int],
                  strides: Sequence[int], result_shape: Optional[Sequence[int]] = None) -> Value:
    """tensor.extract_slice; `result_shape` may drop unit dims (rank-reducing)."""
    if list(offsets) == [0] * len(offsets) and tuple(sizes) == v.shape and \
            list(strides) == [1] * len(strides) and result_shape is None:
        return v
    ty = v.type.with_shape(tuple(sizes) if result_shape is None else tuple(result_shape))
    return fb.add_op(f"tensor.extract_slice {v.name}{_shape(offsets)}{_shape(sizes)}"
                     f"{_shape(strides)} : {v.type} to {ty}", ty, (v.name,))


def insert_slice(fb: FunctionBuilder, src: Value, dest: Value, offsets: Sequence[int],
                 sizes: Optional[Sequence[int]] = None,
                 strides: Optional[Sequence[int]] = None) -> Value:
    """tensor.insert_slice; `sizes` may add unit dims to `src` (rank-expanding)."""
    sizes = list(src.shape) if sizes is None else list(sizes)
    strides = [1] * len(sizes) if strides is None else list(strides)
    return fb.add_op(f"tensor.insert_slice {src.name} into {dest.name}{_shape(offsets)}"
                     f"{_shape(sizes)}{_shape(strides)} : {src.type} into {dest.type}",
                     dest.type, (src.name, dest.name))


def concat(fb: FunctionBuilder, values: Sequence[Value], dim: int, out_type: TensorType) -> Value:
    values = [v for v in values if v.type.numel > 0]
    if len(values) == 1:
        return values[0]
    result = empty(fb, out_type)
    offset = 0
    for v in values:
        offsets = [0] * out_type.rank
        offsets[dim] = offset
        result = insert_slice(fb, v, result, offsets)
        offset += v.shape[dim]
    return result


# ----------------------------------------------------------------------------
# Contractions
# ----------------------------------------------------------------------------

def _named_contraction(fb: FunctionBuilder, op: str, a: Value, b: Value,
                       out_type: TensorType) -> Value:
    init = fill(fb, out_type, 0.0)
    return fb.add_op(f"{op} ins({a.name}, {b.name} : {a.type}, {b.type}) "
                     f"outs({init.name} : {out_type}) -> {out_type}",
                     out_type, (a.name, b.name, init.name))


def matmul(fb: FunctionBuilder, a: Value, b: Value, transpose_b: bool = False,
           out_elem: Optional[str] = None) -> Value:
    """[M, K] x [K, N] (or [N, K] when transpose_b) -> [M, N], accumulated in
    `out_elem` (default: the operands' type; integer operands sign-extend)."""
    n = b.shape[0] if transpose_b else b.shape[1]
    out = TensorType((a.shape[0], n), out_elem or a.elem)
    name = "linalg.matmul_transpose_b" if transpose_b else "linalg.matmul"
    return _named_contraction(fb, name, a, b, out)


def batch_matmul(fb: FunctionBuilder, a: Value, b: Value, transpose_b: bool = False,
                 out_elem: Optional[str] = None) -> Value:
    """[B, M, K] x [B, K, N] (or [B, N, K]) -> [B, M, N], accumulated in `out_elem`."""
    n = b.shape[1] if transpose_b else b.shape[2]
    out = TensorType((a.shape[0], a.shape[1], n), out_elem or a.elem)
    name = "linalg.batch_matmul_transpose_b" if transpose_b else "linalg.batch_matmul"
    return _named_contraction(fb, name, a, b, out)
