"""Inputs and reference results of the simulated designs in test/Target.

    tensors.py inputs DESIGN DIR          write DIR/<tensor>.bin for every input and weight
    tensors.py check DESIGN DIR           compare DIR/<tensor>.out.bin with a NumPy reference
    tensors.py params DESIGN FILE [L]     write the weights as a packed parameter file
                                          (docs/host.md), as layers.<l>.<name> for L layers
    tensors.py dump FILE f32|i32          print the values of a raw tensor file, one a line

Tensors are raw little-endian f32 arrays, as the simulation driver reads and
writes them. `check` prints the max absolute error per output and exits 1 when
it exceeds the tolerance.
"""

import os
import struct
import sys

import numpy as np

TOLERANCE = 1e-5


def scale_inputs(rng):
    return {"x": rng.standard_normal((4, 16)), "scale.weight": rng.standard_normal(16)}


def scale_reference(t):
    return {"y": t["x"] * t["scale.weight"] + np.float32(1.0)}


def center_inputs(rng):
    return {"x": rng.standard_normal(64) + 3.0}


def center_reference(t):
    x = t["x"]
    return {"y": np.maximum(x - x.sum(dtype=np.float32) / np.float32(x.size), np.float32(-1.0))}


def chain_inputs(rng):
    return {"x": rng.standard_normal(32), "w1": rng.standard_normal(32),
            "w2": rng.standard_normal(32)}


def chain_reference(t):
    h = t["x"] * t["w1"]
    return {"h": h, "y": h + t["w2"]}


def packed_inputs(rng):
    return {"w": rng.standard_normal((64, 64))}


def packed_reference(t):
    return {"y": t["w"] * np.float32(2.0)}


# name: (inputs, reference, names of the weights among the inputs)
def ops_inputs(rng):
    return {"a": np.array([-7, 2, 200, -1, 7], dtype="<i4"),
            "f": np.array([-2.5, 0.5, 3.0], dtype="<f4")}


DESIGNS = {
    "scale": (scale_inputs, scale_reference, ["scale.weight"]),
    "center": (center_inputs, center_reference, []),
    "chain": (chain_inputs, chain_reference, ["w1", "w2"]),
    "packed": (packed_inputs, packed_reference, []),
    "ops": (ops_inputs, None, []),
}


def write_params(path, tensors):
    """Packed parameter file, format version 1 of docs/host.md (f32 only)."""
    align = 4096

    def aligned(n):
        return (n + align - 1) // align * align

    def record(name, shape, offset, size):
        encoded = name.encode()
        return (struct.pack("<I", len(encoded)) + encoded
                + struct.pack("<BBH", 1, len(shape), 0)
                + b"".join(struct.pack("<Q", d) for d in shape)
                + struct.pack("<QQ", offset, size))

    index_size = sum(len(record(n, v.shape, 0, 0)) for n, v in tensors)
    offsets, end = [], aligned(32 + index_size)
    data_offset = end
    for _, value in tensors:
        offsets.append(end)
        end = aligned(end + value.nbytes)
    index = b"".join(record(n, v.shape, o, v.nbytes) for (n, v), o in zip(tensors, offsets))
    out = bytearray(end)
    out[:32 + len(index)] = (b"STPARAMS" + struct.pack("<IIQQ", 1, len(tensors), data_offset, end)
                             + index)
    for (_, value), offset in zip(tensors, offsets):
        out[offset:offset + value.nbytes] = value.tobytes()
    with open(path, "wb") as f:
        f.write(out)


def read(path, shape):
    data = np.fromfile(path, dtype="<f4")
    if data.size != int(np.prod(shape)):
        sys.exit(f"{path}: {data.size} values, expected {int(np.prod(shape))}")
    return data.reshape(shape)


def main(argv):
    if len(argv) == 3 and argv[0] == "dump":
        for value in np.fromfile(argv[1], dtype={"f32": "<f4", "i32": "<i4"}[argv[2]]):
            print(f"{value:.7g}" if argv[2] == "f32" else int(value))
        return 0
    if (len(argv) not in (3, 4) or argv[0] not in ("inputs", "check", "params")
            or argv[1] not in DESIGNS or (len(argv) == 4 and argv[0] != "params")):
        sys.exit(__doc__)
    command, design, directory = argv[:3]
    make_inputs, reference, weight_names = DESIGNS[design]
    inputs = {name: value if value.dtype.kind == "i" else value.astype("<f4")
              for name, value in make_inputs(np.random.default_rng(2024)).items()}
    if command == "params":
        weights = [(name, inputs[name]) for name in weight_names]
        if len(argv) == 4:
            weights = [(f"layers.{layer}.{name}", value)
                       for layer in range(int(argv[3])) for name, value in weights]
        write_params(directory, weights)
        return 0
    if command == "inputs":
        os.makedirs(directory, exist_ok=True)
        for name, value in inputs.items():
            value.tofile(os.path.join(directory, name + ".bin"))
        return 0
    failed = False
    for name, expected in reference(inputs).items():
        expected = expected.astype(np.float32)
        got = read(os.path.join(directory, name + ".out.bin"), expected.shape)
        error = float(np.max(np.abs(got - expected)))
        print(f"{name}: max abs error {error:.3g}")
        failed |= not error <= TOLERANCE
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
