"""Runs the layer-loop kernel of Inputs/layer-block.mlir through the entry
points of a simulated kernel library and checks it against NumPy."""

import ctypes
import sys

import numpy as np

LAYERS, ROWS, POSITION = 3, 8, 5


def pointer(array):
    return ctypes.c_void_p(array.ctypes.data)


def main(library_path):
    lib = ctypes.CDLL(library_path)
    lib.streamtensor_xrt_sim_arguments.restype = ctypes.c_int
    lib.streamtensor_xrt_sim_arguments.argtypes = [ctypes.c_char_p]
    lib.streamtensor_xrt_sim_run.restype = ctypes.c_char_p
    lib.streamtensor_xrt_sim_run.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    print("arguments", lib.streamtensor_xrt_sim_arguments(b"step_layers"),
          lib.streamtensor_xrt_sim_arguments(b"step"),
          lib.streamtensor_xrt_sim_arguments(b"nope"))

    rng = np.random.default_rng(0)
    x = rng.standard_normal(4).astype(np.float32)
    w = rng.standard_normal((LAYERS, 4)).astype(np.float32)
    bias = rng.standard_normal((LAYERS, 4)).astype(np.float32)
    cache = rng.standard_normal((LAYERS, ROWS, 4)).astype(np.float32)
    copy = np.zeros((LAYERS, 4, ROWS), np.float32)  # column-major, as its layout says
    y = np.zeros(4, np.float32)
    row = np.zeros((1, 4), np.float32)
    position = np.array([POSITION], np.int32)

    expected_cache = cache.copy()
    expected_copy = copy.copy()
    h = x.copy()
    for layer in range(LAYERS):
        product = h * w[layer]
        h = product + expected_cache[layer, 0] + bias[layer]
        expected_cache[layer, POSITION] = product
        expected_copy[layer, :, POSITION] = product

    buffers = [x, w, bias, cache, y, row, copy, position]
    args = (ctypes.c_void_p * len(buffers))(*[pointer(b).value for b in buffers])
    error = lib.streamtensor_xrt_sim_run(b"step_layers", args)
    print("error", error)
    print("y", "ok" if np.array_equal(y, h) else f"differs: {y} vs {h}")
    print("cache", "ok" if np.array_equal(cache, expected_cache) else "differs")
    print("copy", "ok" if np.array_equal(copy, expected_copy) else "differs")
    print("unknown", lib.streamtensor_xrt_sim_run(b"nope", args).decode())


if __name__ == "__main__":
    main(sys.argv[1])
