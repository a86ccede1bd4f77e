"""Runs MLIR functions on the host CPU through upstream MLIR and LLVM only.

The module is bufferized and lowered to the LLVM dialect with `mlir-opt`,
translated with `mlir-translate`, compiled with `llc` and linked into a
shared object whose `_mlir_ciface_<name>` entry points are called through
ctypes with memref descriptors. Results are returned through out-parameters
(`--buffer-results-to-out-params`), so the caller owns every buffer.

This path shares nothing with StreamTensor's own compiler, which makes it
an independent numerical reference for imported and transformed IR.
"""

import ctypes
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np

LLVM_BIN = os.environ.get("STREAMTENSOR_LLVM_BIN", "/usr/lib/llvm-19/bin")
LLVM_LIB = os.path.join(os.path.dirname(LLVM_BIN), "lib")

# Tensor-level IR down to the LLVM dialect (MLIR 19 pass names).
LOWERING_PASSES = (
    "--one-shot-bufferize=bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map",
    "--buffer-results-to-out-params",
    "--buffer-deallocation-pipeline",
    "--convert-linalg-to-loops",
    "--lower-affine",
    "--convert-scf-to-cf",
    "--expand-strided-metadata",
    "--finalize-memref-to-llvm",
    # math-to-libm rejects ops it has no libm call for (rsqrt), so the LLVM
    # intrinsics go first and libm takes what is left (tanh, erf).
    "--convert-math-to-llvm",
    "--convert-math-to-libm",
    "--convert-arith-to-llvm",
    "--convert-index-to-llvm",
    "--convert-cf-to-llvm",
    "--convert-func-to-llvm",
    "--reconcile-unrealized-casts",
)

# The upstream linalg clean-ups StreamTensor's own pipeline builds on.
LINALG_CLEANUP_PASSES = (
    "--linalg-fuse-elementwise-ops",
    "--linalg-fold-unit-extent-dims",
    "--canonicalize",
    "--cse",
)

_NUMPY_TYPES = {"f32": np.float32, "f64": np.float64, "i64": np.int64, "i32": np.int32,
                "i16": np.int16, "i8": np.int8,
                "i1": np.bool_}


class ToolError(RuntimeError):
    """An external tool failed; the message holds its command and stderr."""


@dataclass(frozen=True)
class TensorSpec:
    shape: tuple
    elem: str

    @property
    def dtype(self):
        return _NUMPY_TYPES[self.elem]


@dataclass(frozen=True)
class Signature:
    name: str
    inputs: List[TensorSpec]
    results: List[TensorSpec]


def tool(name: str) -> str:
    path = os.path.join(LLVM_BIN, name)
    if not os.path.exists(path):
        raise ToolError(f"{path} not found (install mlir-19-tools / llvm-19)")
    return path


def run_tool(cmd: Sequence[str], stdin: Optional[str] = None) -> str:
    proc = subprocess.run(list(cmd), input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        shown = " ".join(os.path.basename(c) if i == 0 else c for i, c in enumerate(cmd))
        raise ToolError(f"{shown} failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
    return proc.stdout


_TENSOR = re.compile(r"^tensor<((?:\d+x)*)(f32|f64|i64|i32|i16|i8|i1)>$")


def _split_top(text: str) -> List[str]:
    """Splits on commas outside (), <>, [], {} and string literals."""
    parts, depth, current, quoted = [], 0, [], False
    for i, ch in enumerate(text):
        if quoted:
            current.append(ch)
            if ch == '"' and text[i - 1] != "\\":
                quoted = False
            continue
        if ch == '"':
            quoted = True
        elif ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def _tensor_spec(text: str, where: str) -> TensorSpec:
    type_text = re.split(r"\s*\{", text, maxsplit=1)[0].strip()
    m = _TENSOR.match(type_text)
    if not m:
        raise ValueError(f"{where}: only statically shaped tensors of f32/f64/i64/i32/i16/i8/i1 "
                         f"can be run, got {type_text}")
    dims = tuple(int(d) for d in m.group(1).split("x") if d)
    return TensorSpec(dims, m.group(2))


def _matching(text: str, start: int) -> int:
    """Index just past the parenthesis group starting at text[start] == '('."""
    depth, quoted = 0, False
    for i in range(start, len(text)):
        ch = text[i]
        if quoted:
            quoted = not (ch == '"' and text[i - 1] != "\\")
        elif ch == '"':
            quoted = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced parentheses in a function signature")


def parse_signatures(mlir_text: str) -> Dict[str, Signature]:
    """Signatures of the public func.func ops in pretty-printed MLIR."""
    sigs = {}
    for m in re.finditer(r"func\.func @([A-Za-z_][\w$.]*)\(", mlir_text):
        name = m.group(1)
        args_end = _matching(mlir_text, m.end() - 1)
        args = _split_top(mlir_text[m.end():args_end - 1])
        inputs = [_tensor_spec(a.split(":", 1)[1], f"@{name} argument {i}")
                  for i, a in enumerate(args)]
        rest = mlir_text[args_end:].lstrip()
        results = []
        if rest.startswith("->"):
            rest = rest[2:].lstrip()
            if rest.startswith("("):
                res_end = _matching(rest, 0)
                res_texts = _split_top(rest[1:res_end - 1])
            else:
                res_texts = [re.match(r"tensor<[^>]*>", rest).group(0)]
            results = [_tensor_spec(r, f"@{name} result {i}") for i, r in enumerate(res_texts)]
        sigs[name] = Signature(name, inputs, results)
    return sigs


def _descriptor_type(rank: int):
    fields = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p),
              ("offset", ctypes.c_int64)]
    if rank:
        fields += [("sizes", ctypes.c_int64 * rank), ("strides", ctypes.c_int64 * rank)]
    return type(f"MemRef{rank}D", (ctypes.Structure,), {"_fields_": fields})


def _descriptor(array: np.ndarray):
    desc = _descriptor_type(array.ndim)()
    ptr = array.ctypes.data_as(ctypes.c_void_p)
    desc.allocated = ptr
    desc.aligned = ptr
    desc.offset = 0
    if array.ndim:
        desc.sizes[:] = list(array.shape)
        desc.strides[:] = [s // array.itemsize for s in array.strides]
    return desc


class CompiledModule:
    """A shared object built from an MLIR module; call functions by name."""

    def __init__(self, library: ctypes.CDLL, signatures: Dict[str, Signature]):
        self._lib = library
        self.signatures = signatures

    def run(self, name: str, inputs: Sequence[np.ndarray]) -> List[np.ndarray]:
        if name not in self.signatures:
            raise KeyError(f"no function @{name}; have {sorted(self.signatures)}")
        sig = self.signatures[name]
        if len(inputs) != len(sig.inputs):
            raise ValueError(f"@{name} takes {len(sig.inputs)} inputs, got {len(inputs)}")
        arrays = []
        for i, (x, spec) in enumerate(zip(inputs, sig.inputs)):
            # np.ascontiguousarray would turn rank-0 arrays into rank-1 ones.
            x = np.array(x, dtype=spec.dtype, order="C", copy=True)
            if x.shape != spec.shape:
                raise ValueError(f"@{name} input {i}: shape {x.shape}, expected {spec.shape}")
            arrays.append(x)
        outputs = [np.zeros(spec.shape, dtype=spec.dtype) for spec in sig.results]
        descriptors = [_descriptor(a) for a in arrays + outputs]
        entry = getattr(self._lib, f"_mlir_ciface_{name}")
        entry.restype = None
        entry(*[ctypes.byref(d) for d in descriptors])
        return outputs


def lower_to_llvm_dialect(mlir_text: str, pre_passes: Sequence[str] = (),
                          opt_tool: Optional[str] = None) -> str:
    """Optional `pre_passes` (run by `opt_tool`, default mlir-opt), then lowering."""
    if pre_passes:
        mlir_text = run_tool([opt_tool or tool("mlir-opt"), *pre_passes], stdin=mlir_text)
    return run_tool([tool("mlir-opt"), *LOWERING_PASSES], stdin=mlir_text)


def compile_module(mlir_text: str, pre_passes: Sequence[str] = (),
                   opt_tool: Optional[str] = None) -> CompiledModule:
    """Builds a CPU shared object for every func.func in `mlir_text`."""
    # Pretty-print first so the signature parser sees canonical syntax.
    canonical = run_tool([tool("mlir-opt")], stdin=mlir_text)
    signatures = parse_signatures(canonical)
    llvm_dialect = lower_to_llvm_dialect(canonical, pre_passes, opt_tool)
    workdir = tempfile.mkdtemp(prefix="streamtensor-cpu-")
    try:
        ll = os.path.join(workdir, "module.ll")
        obj = os.path.join(workdir, "module.o")
        so = os.path.join(workdir, "module.so")
        run_tool([tool("mlir-translate"), "--mlir-to-llvmir", "-o", ll], stdin=llvm_dialect)
        run_tool([tool("llc"), "-O2", "-filetype=obj", "-relocation-model=pic", ll, "-o", obj])
        cc = shutil.which("cc") or shutil.which("gcc")
        if cc is None:
            raise ToolError("no C compiler (cc) on PATH to link the shared object")
        run_tool([cc, "-shared", obj, "-o", so, f"-L{LLVM_LIB}", f"-Wl,-rpath,{LLVM_LIB}",
                  "-lmlir_c_runner_utils", "-lm"])
        # The loaded library stays valid after its file is removed.
        library = ctypes.CDLL(so)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return CompiledModule(library, signatures)
