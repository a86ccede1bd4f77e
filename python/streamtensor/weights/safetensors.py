"""Reader and writer for the safetensors format.

Layout: an 8-byte little-endian header length N, N bytes of JSON mapping
each tensor name to {"dtype", "shape", "data_offsets": [begin, end]}
(offsets relative to the end of the header; an optional "__metadata__"
entry maps strings to strings), then the raw little-endian tensor data.
"""

import json
import os
import struct
import tempfile
from dataclasses import dataclass
from typing import Dict, Iterator, Mapping, Optional, Tuple

import numpy as np

# numpy has no bfloat16: BF16 is read as uint16 bit patterns and widened.
_NUMPY = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "BF16": np.uint16,
          "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8,
          "BOOL": np.bool_}
_MAX_HEADER = 100 * 1024 * 1024


class SafetensorsError(ValueError):
    """A malformed or inconsistent safetensors file."""


@dataclass(frozen=True)
class TensorInfo:
    name: str
    dtype: str
    shape: Tuple[int, ...]
    begin: int   # absolute file offsets
    end: int


def _bf16_to_f32(bits: np.ndarray) -> np.ndarray:
    return (bits.astype(np.uint32) << 16).view(np.float32)


def _f32_to_bf16(values: np.ndarray) -> np.ndarray:
    """Round-to-nearest-even truncation of f32 to bf16 bit patterns."""
    bits = np.ascontiguousarray(values, dtype=np.float32).view(np.uint32)
    rounding = ((bits >> 16) & 1) + 0x7FFF
    return ((bits + rounding) >> 16).astype(np.uint16)


class SafetensorsFile:
    """Lazily reads tensors from one .safetensors file."""

    def __init__(self, path: str):
        self.path = path
        try:
            size = os.path.getsize(path)
            with open(path, "rb") as f:
                prefix = f.read(8)
                if len(prefix) < 8:
                    raise SafetensorsError(f"{path}: file too short for a safetensors header")
                (header_len,) = struct.unpack("<Q", prefix)
                if header_len > min(size - 8, _MAX_HEADER):
                    raise SafetensorsError(f"{path}: header length {header_len} exceeds the "
                                           f"file size {size}")
                raw = f.read(header_len)
        except OSError as err:
            raise SafetensorsError(f"{path}: {err.strerror or err}") from err
        try:
            header = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise SafetensorsError(f"{path}: header is not valid JSON: {err}") from err
        if not isinstance(header, dict):
            raise SafetensorsError(f"{path}: header must be a JSON object")
        self.metadata = header.pop("__metadata__", None) or {}
        if not isinstance(self.metadata, dict):
            raise SafetensorsError(f"{path}: __metadata__ must be an object")
        data_start = 8 + header_len
        self._tensors: Dict[str, TensorInfo] = {}
        for name, entry in header.items():
            self._tensors[name] = self._parse_entry(name, entry, data_start, size)
        spans = sorted((t.begin, t.end, t.name) for t in self._tensors.values())
        for (b0, e0, n0), (b1, _, n1) in zip(spans, spans[1:]):
            if b1 < e0:
                raise SafetensorsError(f"{path}: data of {n0!r} and {n1!r} overlap")

    def _parse_entry(self, name, entry, data_start: int, size: int) -> TensorInfo:
        where = f"{self.path}: tensor {name!r}"
        if not isinstance(entry, dict):
            raise SafetensorsError(f"{where}: entry must be an object")
        dtype, shape, offsets = entry.get("dtype"), entry.get("shape"), entry.get("data_offsets")
        if dtype not in _NUMPY:
            raise SafetensorsError(f"{where}: unsupported dtype {dtype!r}")
        if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
            raise SafetensorsError(f"{where}: shape must be a list of non-negative integers")
        if not (isinstance(offsets, list) and len(offsets) == 2 and
                all(isinstance(o, int) for o in offsets) and 0 <= offsets[0] <= offsets[1]):
            raise SafetensorsError(f"{where}: data_offsets must be [begin, end] with "
                                   "0 <= begin <= end")
        begin, end = data_start + offsets[0], data_start + offsets[1]
        if end > size:
            raise SafetensorsError(f"{where}: data ends at byte {end}, past the file end {size}")
        expected = int(np.prod(shape, dtype=np.int64)) * np.dtype(_NUMPY[dtype]).itemsize
        if end - begin != expected:
            raise SafetensorsError(f"{where}: {end - begin} data bytes, but {dtype} {shape} "
                                   f"needs {expected}")
        return TensorInfo(name, dtype, tuple(shape), begin, end)

    def __contains__(self, name: str) -> bool:
        return name in self._tensors

    def __iter__(self) -> Iterator[str]:
        return iter(self._tensors)

    def keys(self):
        return list(self._tensors)

    def info(self, name: str) -> TensorInfo:
        if name not in self._tensors:
            raise KeyError(f"{self.path}: no tensor {name!r}")
        return self._tensors[name]

    def raw(self, name: str) -> np.ndarray:
        """The stored values (BF16 as uint16 bit patterns)."""
        t = self.info(name)
        with open(self.path, "rb") as f:
            f.seek(t.begin)
            data = f.read(t.end - t.begin)
        dtype = np.dtype(_NUMPY[t.dtype]).newbyteorder("<")
        return np.frombuffer(data, dtype=dtype).reshape(t.shape).astype(dtype.newbyteorder("="))

    def get(self, name: str) -> np.ndarray:
        """The tensor as numpy; floating-point formats widen to at least f32."""
        t = self.info(name)
        values = self.raw(name)
        if t.dtype == "BF16":
            return _bf16_to_f32(values)
        if t.dtype == "F16":
            return values.astype(np.float32)
        return values


_WRITE_DTYPES = {np.dtype(np.float64): "F64", np.dtype(np.float32): "F32",
                 np.dtype(np.float16): "F16", np.dtype(np.int64): "I64",
                 np.dtype(np.int32): "I32", np.dtype(np.int16): "I16", np.dtype(np.int8): "I8",
                 np.dtype(np.uint8): "U8", np.dtype(np.bool_): "BOOL"}


def save_file(tensors: Mapping[str, np.ndarray], path: str,
              metadata: Optional[Mapping[str, str]] = None,
              bf16: Tuple[str, ...] = ()) -> None:
    """Writes numpy arrays (names in `bf16` are stored as bfloat16), atomically."""
    header: Dict[str, object] = {}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        array = np.asarray(array)
        if name in bf16:
            dtype, data = "BF16", _f32_to_bf16(array).astype("<u2").tobytes()
        else:
            if array.dtype not in _WRITE_DTYPES:
                raise SafetensorsError(f"tensor {name!r}: cannot store dtype {array.dtype}")
            dtype = _WRITE_DTYPES[array.dtype]
            data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)

    def write(f):
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)

    if os.path.exists(path) and not os.path.isfile(path):
        # A device or FIFO: renaming over it would replace it.
        with open(path, "wb") as f:
            write(f)
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".safetensors-")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
