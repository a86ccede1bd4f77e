"""Textual MLIR construction for one `func.func`.

Ops are collected as text with their SSA results and operands so that
values a lowering produced but nobody used can be dropped before printing.
"""

import math
import re
import struct
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

FLOAT_TYPES = ("f32", "f64")
INT_TYPES = ("i1", "i32", "i64")
INT_BITS = {"i1": 1, "i2": 2, "i3": 3, "i4": 4, "i8": 8, "i16": 16, "i32": 32, "i64": 64}


def is_float(elem: str) -> bool:
    return elem in FLOAT_TYPES


@dataclass(frozen=True)
class TensorType:
    shape: Tuple[int, ...]
    elem: str

    def __str__(self) -> str:
        dims = "".join(f"{d}x" for d in self.shape)
        return f"tensor<{dims}{self.elem}>"

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def numel(self) -> int:
        return math.prod(self.shape)

    def with_shape(self, shape: Sequence[int]) -> "TensorType":
        return TensorType(tuple(shape), self.elem)

    def with_elem(self, elem: str) -> "TensorType":
        return TensorType(self.shape, elem)


@dataclass(frozen=True)
class Value:
    name: str
    type: TensorType

    @property
    def shape(self) -> Tuple[int, ...]:
        return self.type.shape

    @property
    def elem(self) -> str:
        return self.type.elem


def float_literal(value: float, elem: str) -> str:
    """A literal that parses back to exactly `value` rounded to `elem`."""
    if elem == "f32":
        try:
            bits = struct.unpack("<I", struct.pack("<f", value))[0]
        except OverflowError:
            bits = 0x7F800000 if value > 0 else 0xFF800000
        rounded = struct.unpack("<f", struct.pack("<I", bits))[0]
        if math.isnan(rounded) or math.isinf(rounded):
            return f"0x{bits:08X}"
        # Nine significant digits round-trip every f32.
        return f"{rounded:.9e}"
    if math.isnan(value) or math.isinf(value):
        return "0x{:016X}".format(struct.unpack("<Q", struct.pack("<d", value))[0])
    return f"{value:.17e}"


def scalar_literal(value, elem: str) -> str:
    if is_float(elem):
        return float_literal(float(value), elem)
    if elem == "i1":
        return "true" if value else "false"
    return str(int(value))


def constant_op(value, elem: str) -> str:
    """An arith.constant of a scalar (i1 literals carry their type implicitly)."""
    if elem == "i1":
        return f"arith.constant {scalar_literal(value, elem)}"
    return f"arith.constant {scalar_literal(value, elem)} : {elem}"


def affine_map(num_dims: int, results: Iterable[int]) -> str:
    dims = ", ".join(f"d{i}" for i in range(num_dims))
    exprs = ", ".join(f"d{r}" for r in results)
    return f"affine_map<({dims}) -> ({exprs})>"


def mlir_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


@dataclass
class Op:
    results: Tuple[str, ...]
    operands: Tuple[str, ...]
    text: str
    loc: Optional[str]


@dataclass
class Argument:
    value: Value
    attrs: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class Result:
    value: Value
    attrs: List[Tuple[str, str]] = field(default_factory=list)


class FunctionBuilder:
    """Collects the ops of one function; `location` is attached to new ops."""

    def __init__(self, name: str):
        self.name = name
        self.arguments: List[Argument] = []
        self.results: List[Result] = []
        self.ops: List[Op] = []
        self.location: Optional[str] = None
        # Result of a reshape -> its source, so reshape chains fold as built.
        self.reshape_source: Dict[str, "Value"] = {}
        self._next_id = 0

    def fresh(self) -> str:
        name = f"%{self._next_id}"
        self._next_id += 1
        return name

    def add_argument(self, ty: TensorType, attrs: List[Tuple[str, str]]) -> Value:
        value = Value(f"%arg{len(self.arguments)}", ty)
        self.arguments.append(Argument(value, attrs))
        return value

    def add_op(self, text: str, result_type: Optional[TensorType],
               operands: Iterable[str]) -> Optional[Value]:
        """Appends `<result> = <text>`; `text` may span several lines."""
        result = Value(self.fresh(), result_type) if result_type else None
        results = (result.name,) if result else ()
        self.ops.append(Op(results, tuple(operands), text, self.location))
        return result

    def set_results(self, results: List[Result]) -> None:
        self.results = results

    def _live_ops(self) -> List[Op]:
        live = {r.value.name for r in self.results}
        kept = []
        for op in reversed(self.ops):
            if any(r in live for r in op.results):
                kept.append(op)
                live.update(op.operands)
        kept.reverse()
        return kept

    def render(self, indent: str = "  ") -> str:
        def attr_dict(attrs):
            if not attrs:
                return ""
            return " {" + ", ".join(f"{k} = {v}" for k, v in attrs) + "}"

        args = ", ".join(f"{a.value.name}: {a.value.type}{attr_dict(a.attrs)}"
                         for a in self.arguments)
        res = ", ".join(f"{r.value.type}{attr_dict(r.attrs)}" for r in self.results)
        lines = [f"{indent}func.func @{self.name}({args}) -> ({res}) "
                 "attributes {llvm.emit_c_interface} {"]
        body_indent = indent * 2
        for op in self._live_ops():
            text = op.text
            if op.loc:
                text += f" loc({op.loc})"
            prefix = f"{op.results[0]} = " if op.results else ""
            for i, line in enumerate(text.split("\n")):
                lines.append(body_indent + (prefix if i == 0 else "") + line)
        names = ", ".join(r.value.name for r in self.results)
        types = ", ".join(str(r.value.type) for r in self.results)
        lines.append(f"{body_indent}return {names} : {types}")
        lines.append(f"{indent}}}")
        return _renumber("\n".join(lines))


def _renumber(text: str) -> str:
    """Numbers SSA values densely in order of appearance (dead ops left gaps)."""
    mapping = {}

    def rename(m):
        return mapping.setdefault(m.group(1), f"%{len(mapping)}")
    return re.sub(r"(%\d+)\b", rename, text)


def render_module(functions: Sequence[FunctionBuilder],
                  attributes: Sequence[Tuple[str, str]] = ()) -> str:
    head = "module"
    if attributes:
        head += " attributes {" + ", ".join(f"{k} = {v}" for k, v in attributes) + "}"
    body = "\n".join(f.render() for f in functions)
    return f"{head} {{\n{body}\n}}\n"
