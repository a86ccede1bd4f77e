"""Writer of the packed parameter file (format version 1 of docs/host.md)."""

import struct
from typing import Iterable, Tuple

import numpy as np

ALIGN = 4096
MAGIC = b"STPARAMS"
VERSION = 1
DTYPE_CODES = {np.dtype("<f4"): 1, np.dtype("<f2"): 2, np.dtype("<f8"): 4,
               np.dtype("i1"): 5, np.dtype("u1"): 6, np.dtype("<i2"): 7, np.dtype("<u2"): 8,
               np.dtype("<i4"): 9, np.dtype("<u4"): 10, np.dtype("<i8"): 11, np.dtype("<u8"): 12}


SUB_BYTE_CODES = {4: 13}  # signed 4-bit, two per byte, element 2k in the low nibble


def pack_bits(values: np.ndarray, bits: int) -> np.ndarray:
    """Signed integers of `bits` bits, element 0 in the lowest bits of byte 0."""
    flat = np.asarray(values).reshape(-1).astype(np.int64)
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if flat.size and (flat.min() < low or flat.max() > high):
        raise ValueError(f"values outside the {bits}-bit range [{low}, {high}]")
    fields = (flat & ((1 << bits) - 1)).astype(np.uint8)
    if 8 % bits == 0:
        per_byte = 8 // bits
        padded = np.zeros(-(-flat.size // per_byte) * per_byte, dtype=np.uint8)
        padded[:flat.size] = fields
        lanes = padded.reshape(-1, per_byte)
        packed = np.zeros(lanes.shape[0], dtype=np.uint8)
        for lane in range(per_byte):
            packed |= lanes[:, lane] << np.uint8(lane * bits)
        return packed
    # Fields that straddle bytes: bit by bit.
    packed = np.zeros((flat.size * bits + 7) // 8, dtype=np.uint8)
    positions = np.arange(flat.size, dtype=np.int64) * bits
    for shift in range(bits):
        bit = (fields >> np.uint8(shift)) & np.uint8(1)
        where = positions + shift
        np.bitwise_or.at(packed, where // 8, (bit << (where % 8).astype(np.uint8)))
    return packed


class SubByteArray:
    """A tensor of `bits`-bit integers as stored: packed bytes, logical shape."""

    def __init__(self, values: np.ndarray, bits: int):
        if bits not in SUB_BYTE_CODES:
            raise ValueError(f"no parameter-file code for {bits}-bit integers")
        self.shape = tuple(np.shape(values))
        self.code = SUB_BYTE_CODES[bits]
        self.data = pack_bits(values, bits)
        self.nbytes = self.data.nbytes

    def tobytes(self) -> bytes:
        return self.data.tobytes()


def _align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def _record(name: bytes, code: int, shape: Tuple[int, ...], offset: int, size: int) -> bytes:
    return (struct.pack("<I", len(name)) + name + struct.pack("<BBH", code, len(shape), 0)
            + b"".join(struct.pack("<Q", d) for d in shape) + struct.pack("<QQ", offset, size))


def write_params(path: str, tensors: Iterable[Tuple[str, np.ndarray]]) -> int:
    """Writes (name, array) pairs in order; returns the file size in bytes."""
    entries = []
    for name, array in tensors:
        encoded = name.encode()
        if not 1 <= len(encoded) <= 4096:
            raise ValueError(f"tensor name {name!r}: length must be 1..4096 bytes")
        if isinstance(array, SubByteArray):
            entries.append((encoded, array.code, array.shape, array))
            continue
        array = np.asarray(array)
        dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder == ">" else array.dtype
        code = DTYPE_CODES.get(np.dtype(dtype))
        if code is None:
            raise ValueError(f"tensor {name!r}: dtype {array.dtype} has no parameter-file code")
        entries.append((encoded, code, tuple(int(d) for d in array.shape),
                        np.ascontiguousarray(array, dtype=dtype)))
    index_size = sum(len(_record(n, c, s, 0, 0)) for n, c, s, _ in entries)
    offset = data_offset = _align(32 + index_size)
    offsets = []
    for _, _, _, array in entries:
        offsets.append(offset)
        offset = _align(offset + array.nbytes)
    size = offset
    index = b"".join(_record(n, c, s, o, a.nbytes) for (n, c, s, a), o in zip(entries, offsets))
    with open(path, "wb") as f:
        f.write(MAGIC + struct.pack("<IIQQ", VERSION, len(entries), data_offset, size) + index)
        for (_, _, _, array), start in zip(entries, offsets):
            f.seek(start)
            f.write(array.tobytes())
        f.truncate(size)
    return size
