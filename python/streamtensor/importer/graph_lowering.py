"""Lowers a traced aten graph to one func.func of linalg-on-tensors."""

import operator
from typing import Any, Dict, Optional, Sequence

import numpy as np
import torch

from . import lower  # noqa: F401  (registers the lowerings)
from .errors import ImporterError, UnsupportedError
from .ir import INT_BITS, FunctionBuilder, Result, TensorType, Value, mlir_string, scalar_literal
from .linalg import LoweringError, cast, dense_constant
from .lower.registry import LOWERINGS
from .outputs import flatten_outputs, output_layout
from .source_locations import LOC_KEY, SourceLocation
from .tracing import TracedModule

_DTYPES = {torch.float32: "f32", torch.float64: "f64", torch.int64: "i64",
           torch.int32: "i32", torch.int16: "i16", torch.int8: "i8", torch.bool: "i1"}


def element_type(dtype: torch.dtype, what: str, location=None) -> str:
    if dtype not in _DTYPES:
        raise UnsupportedError(f"dtype {dtype} ({what})", location)
    return _DTYPES[dtype]


def tensor_type(t: torch.Tensor, what: str, location=None) -> TensorType:
    return TensorType(tuple(int(d) for d in t.shape), element_type(t.dtype, what, location))


def dense_payload(array: np.ndarray, elem: str) -> str:
    """The body of a `dense<...>` attribute holding `array` exactly."""
    flat = array.reshape(-1)
    if flat.size and np.all(flat == flat[0]) and not (elem.startswith("f") and np.isnan(flat[0])):
        return scalar_literal(flat[0].item(), elem)
    if elem == "i1":
        return _nested_bools(array)
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    return '"0x' + little.tobytes().hex().upper() + '"'


def _nested_bools(array: np.ndarray) -> str:
    if array.ndim == 0:
        return "true" if array.item() else "false"
    return "[" + ", ".join(_nested_bools(a) for a in array) + "]"


class LoweringContext:
    """What a lowering function sees: the builder, values of nodes, the node's type."""

    def __init__(self, fb: FunctionBuilder):
        self.fb = fb
        self.env: Dict[torch.fx.Node, Any] = {}
        self.node: Optional[torch.fx.Node] = None
        # Placeholder node -> the input or weight name it stands for.
        self.argument_names: Dict[torch.fx.Node, str] = {}

    @property
    def location(self) -> Optional[str]:
        loc = self.node.meta.get(LOC_KEY) if self.node is not None else None
        return str(loc) if loc else None

    def value(self, arg):
        if isinstance(arg, torch.fx.Node):
            return self.env[arg]
        if isinstance(arg, (list, tuple)):
            return type(arg)(self.value(a) for a in arg)
        return arg

    def node_type(self, node: Optional[torch.fx.Node] = None) -> TensorType:
        node = node if node is not None else self.node
        meta = node.meta.get("val")
        if meta is None:
            meta = node.meta.get("tensor_meta")
        if meta is None or not hasattr(meta, "shape"):
            raise UnsupportedError(f"operation without a tensor result ({node.target})",
                                   self.location)
        dtype = meta.dtype
        shape = tuple(int(d) for d in meta.shape)
        return TensorType(shape, element_type(dtype, str(node.target), self.location))

    def out_type(self) -> TensorType:
        return self.node_type(self.node)

    def unsupported(self, what: str) -> UnsupportedError:
        return UnsupportedError(what, self.location)

    def users_of_output(self, index: int) -> bool:
        """Whether a multi-result node's `index`-th result is used."""
        return any(u.target is operator.getitem and u.args[1] == index and u.users
                   for u in self.node.users)


def _bind(node: torch.fx.Node) -> Dict[str, Any]:
    """Node arguments by schema name, with schema defaults filled in."""
    schema = node.target._schema
    bound = {}
    for i, arg in enumerate(schema.arguments):
        if i < len(node.args) and not arg.kwarg_only:
            bound[arg.name] = node.args[i]
        elif arg.name in node.kwargs:
            bound[arg.name] = node.kwargs[arg.name]
        else:
            bound[arg.name] = arg.default_value
    return bound


def _loc_attr(node: torch.fx.Node) -> Optional[str]:
    loc: SourceLocation = node.meta.get(LOC_KEY)
    name = mlir_string(str(node.target))
    if loc is None:
        return f"{name}"
    return f"{name}({mlir_string(loc.file)}:{loc.line}:1)"


def lower_function(traced: TracedModule, name: str, weight_names: Sequence[str],
                   output_names: Sequence[str], weights_as_args: bool) -> FunctionBuilder:
    fb = FunctionBuilder(name)
    ctx = LoweringContext(fb)
    gm = traced.graph_module
    placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
    num_inputs = len(traced.inputs)
    weight_values = list(traced.weights)
    for i, node in enumerate(placeholders):
        ctx.argument_names[node] = (traced.input_names[i] if i < num_inputs
                                    else weight_names[i - num_inputs])
        if i < num_inputs:
            ty = tensor_type(traced.inputs[i], f"input {traced.input_names[i]}")
            ctx.env[node] = _bool_as_byte(fb, ty, [("streamtensor.kind", '"input"'),
                                                   ("streamtensor.name",
                                                    mlir_string(traced.input_names[i]))])
            continue
        w = weight_values[i - num_inputs]
        wname = weight_names[i - num_inputs]
        ty = tensor_type(w, f"weight {wname}")
        bits = traced.storage_bits.get(traced.weight_names[i - num_inputs])
        if bits is not None and weights_as_args:
            ty = _narrowed(ty, bits, wname)
        if weights_as_args:
            ctx.env[node] = _bool_as_byte(fb, ty, [("streamtensor.kind", '"weight"'),
                                                   ("streamtensor.name", mlir_string(wname))])
        else:
            fb.location = mlir_string(wname)
            ctx.env[node] = dense_constant(fb, ty, dense_payload(w.cpu().numpy(), ty.elem))

    outputs = None
    for node in gm.graph.nodes:
        ctx.node = node
        fb.location = _loc_attr(node) if node.op == "call_function" else None
        if node.op == "placeholder":
            continue
        if node.op == "get_attr":
            const = getattr(gm, node.target)
            ty = tensor_type(const, "constant", ctx.location)
            ctx.env[node] = dense_constant(fb, ty, dense_payload(const.cpu().numpy(), ty.elem))
        elif node.op == "call_function":
            ctx.env[node] = _lower_call(ctx, node)
        elif node.op == "output":
            outputs = node.args[0]
        else:
            raise UnsupportedError(f"graph node kind {node.op}", ctx.location)

    flat = flatten_outputs(outputs)
    names, _ = output_layout(outputs, output_names,
                             list(traced.input_names) + list(weight_names))
    results = []
    for i, (out, out_name) in enumerate(zip(flat, names)):
        value = ctx.value(out)
        if not isinstance(value, Value):
            raise UnsupportedError(f"non-tensor output {i} ({type(value).__name__})")
        if value.elem == "i1":
            value = cast(fb, value, "i8")
        results.append(Result(value, [("streamtensor.name", mlir_string(out_name))]))
    fb.set_results(results)
    return fb


def _narrowed(ty: TensorType, bits: int, name: str) -> TensorType:
    """An integer weight stored at `bits` (signed) in external memory."""
    width = INT_BITS.get(ty.elem)
    if width is None or not 2 <= bits <= width:
        raise ImporterError(f"weight {name}: storage_bits {bits} does not fit its {ty.elem} "
                            "tensor (an integer type of at least that many bits)")
    return ty.with_elem(f"i{bits}")


def _bool_as_byte(fb: FunctionBuilder, ty: TensorType, attributes) -> Value:
    """An argument; a bool tensor crosses external memory as one byte per
    element (0 or 1) and is compared with zero inside."""
    if ty.elem != "i1":
        return fb.add_argument(ty, attributes)
    return cast(fb, fb.add_argument(ty.with_elem("i8"), attributes), "i1")


def _lower_call(ctx: LoweringContext, node: torch.fx.Node):
    target = node.target
    if target is operator.getitem:
        seq, index = node.args
        items = ctx.value(seq)
        return items[index]
    key = str(target)
    lowering = LOWERINGS.get(key)
    if lowering is None:
        raise ctx.unsupported(f"operation {key}")
    try:
        return lowering(ctx, _bind(node))
    except (LoweringError, NotImplementedError) as err:
        raise ctx.unsupported(f"form of {key}: {err}") from err
    except ImporterError:
        raise
    except Exception as err:
        where = f" at {ctx.location}" if ctx.location else ""
        raise ImporterError(f"failed to lower {key}{where}: {type(err).__name__}: {err}") from err
