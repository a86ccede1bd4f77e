"""Inputs and reference results of the simulated designs in test/Target.

    tensors.py inputs DESIGN DIR   write DIR/<tensor>.bin for every input and weight
    tensors.py check DESIGN DIR    compare DIR/<tensor>.out.bin with a NumPy reference

Tensors are raw little-endian f32 arrays, as the simulation driver reads and
writes them. `check` prints the max absolute error per output and exits 1 when
it exceeds the tolerance.
"""

import os
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
    return {"y": x - x.sum(dtype=np.float32) / np.float32(x.size)}


def chain_inputs(rng):
    return {"x": rng.standard_normal(32), "w1": rng.standard_normal(32),
            "w2": rng.standard_normal(32)}


def chain_reference(t):
    h = t["x"] * t["w1"]
    return {"h": h, "y": h + t["w2"]}


DESIGNS = {
    "scale": (scale_inputs, scale_reference),
    "center": (center_inputs, center_reference),
    "chain": (chain_inputs, chain_reference),
}


def read(path, shape):
    data = np.fromfile(path, dtype="<f4")
    if data.size != int(np.prod(shape)):
        sys.exit(f"{path}: {data.size} values, expected {int(np.prod(shape))}")
    return data.reshape(shape)


def main(argv):
    if len(argv) != 3 or argv[0] not in ("inputs", "check") or argv[1] not in DESIGNS:
        sys.exit(__doc__)
    command, design, directory = argv
    make_inputs, reference = DESIGNS[design]
    inputs = {name: value.astype("<f4")
              for name, value in make_inputs(np.random.default_rng(2024)).items()}
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
