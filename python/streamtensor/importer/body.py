"""Scalar code inside a linalg.generic region (arith and math dialects)."""

from typing import List

from .ir import INT_BITS, FunctionBuilder, constant_op, is_float

_FLOAT_BINARY = {"add": "arith.addf", "sub": "arith.subf", "mul": "arith.mulf",
                 "div": "arith.divf", "max": "arith.maximumf", "min": "arith.minimumf",
                 "pow": "math.powf", "rem": "arith.remf"}
_INT_BINARY = {"add": "arith.addi", "sub": "arith.subi", "mul": "arith.muli",
               "div": "arith.divsi", "max": "arith.maxsi", "min": "arith.minsi",
               "and": "arith.andi", "or": "arith.ori", "xor": "arith.xori",
               "rem": "arith.remsi"}
_CMP_FLOAT = {"eq": "oeq", "ne": "une", "lt": "olt", "le": "ole", "gt": "ogt", "ge": "oge"}
_CMP_INT = {"eq": "eq", "ne": "ne", "lt": "slt", "le": "sle", "gt": "sgt", "ge": "sge"}


class Body:
    """Builds the block of a generic op; every value is (name, element type)."""

    def __init__(self, fb: FunctionBuilder):
        self.fb = fb
        self.lines: List[str] = []
        self.captured: List[str] = []

    def _emit(self, text: str) -> str:
        name = self.fb.fresh()
        self.lines.append(f"{name} = {text}")
        return name

    def const(self, value, elem: str) -> str:
        return self._emit(constant_op(value, elem))

    def binary(self, kind: str, a: str, b: str, elem: str) -> str:
        table = _FLOAT_BINARY if is_float(elem) else _INT_BINARY
        if elem == "i1" and kind in ("max", "or"):
            kind = "or"
        elif elem == "i1" and kind in ("min", "mul", "and"):
            kind = "and"
        return self._emit(f"{table[kind]} {a}, {b} : {elem}")

    def unary(self, op: str, a: str, elem: str) -> str:
        return self._emit(f"{op} {a} : {elem}")

    def neg(self, a: str, elem: str) -> str:
        if is_float(elem):
            return self.unary("arith.negf", a, elem)
        return self.binary("sub", self.const(0, elem), a, elem)

    def cmp(self, pred: str, a: str, b: str, elem: str) -> str:
        if is_float(elem):
            return self._emit(f"arith.cmpf {_CMP_FLOAT[pred]}, {a}, {b} : {elem}")
        return self._emit(f"arith.cmpi {_CMP_INT[pred]}, {a}, {b} : {elem}")

    def select(self, cond: str, a: str, b: str, elem: str) -> str:
        return self._emit(f"arith.select {cond}, {a}, {b} : {elem}")

    def cast(self, a: str, src: str, dst: str) -> str:
        if src == dst:
            return a
        if dst == "i1":
            zero = self.const(0, src)
            return self.cmp("ne", a, zero, src)
        if is_float(src) and is_float(dst):
            op = "arith.extf" if dst == "f64" else "arith.truncf"
        elif is_float(src):
            op = "arith.fptosi"
        elif is_float(dst):
            op = "arith.uitofp" if src == "i1" else "arith.sitofp"
        elif INT_BITS[dst] > INT_BITS[src]:
            op = "arith.extui" if src == "i1" else "arith.extsi"
        else:
            op = "arith.trunci"
        return self._emit(f"{op} {a} : {src} to {dst}")

    def index(self, dim: int) -> str:
        return self._emit(f"linalg.index {dim} : index")

    def index_to(self, idx: str, elem: str) -> str:
        if is_float(elem):
            as_int = self._emit(f"arith.index_cast {idx} : index to i64")
            return self.cast(as_int, "i64", elem)
        return self._emit(f"arith.index_cast {idx} : index to {elem}")

    def to_index(self, a: str, elem: str) -> str:
        return self._emit(f"arith.index_cast {a} : {elem} to index")

    def extract(self, tensor_name: str, tensor_type, indices: List[str]) -> str:
        self.captured.append(tensor_name)
        return self._emit(f"tensor.extract {tensor_name}[{', '.join(indices)}] : {tensor_type}")
