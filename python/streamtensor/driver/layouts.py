"""External-memory layouts of the manifest: packing tensors the way the design stores them.

A port whose manifest layout is `packed` holds its tensor as `tensor.pack`
stores it: the tensor viewed as `pack_shape` (row-major, same elements),
cut into tiles of `inner_tiles` on every dimension, the tile indices first in
the dimension order `outer_dims_perm`, then the tile itself (docs/codegen.md).
Widening (`vector_lanes`) groups consecutive elements into memory words and
does not move bytes.
"""

from typing import Dict

import numpy as np


def pack(array: np.ndarray, layout: Dict) -> np.ndarray:
    """The row-major `array` in the port's element order (shape `packed_shape`)."""
    if not layout or not layout.get("packed"):
        return array
    shape, tiles, perm = layout["pack_shape"], layout["inner_tiles"], layout["outer_dims_perm"]
    split = []
    for size, tile in zip(shape, tiles):
        split += [size // tile, tile]
    axes = [2 * dim for dim in perm] + [2 * dim + 1 for dim in range(len(shape))]
    tiled = np.reshape(array, split).transpose(axes)
    return np.ascontiguousarray(tiled).reshape(layout["packed_shape"])


def unpack(port: np.ndarray, layout: Dict, shape) -> np.ndarray:
    """The row-major tensor of `shape` held by a port in `layout`."""
    if not layout or not layout.get("packed"):
        return np.reshape(port, shape)
    pack_shape, tiles, perm = layout["pack_shape"], layout["inner_tiles"], layout["outer_dims_perm"]
    rank = len(pack_shape)
    tiled = np.reshape(port, [pack_shape[d] // tiles[d] for d in perm] + list(tiles))
    # Axis of the tiled view holding each (outer, inner) axis of the split shape.
    axes = []
    for dim in range(rank):
        axes += [perm.index(dim), rank + dim]
    return np.ascontiguousarray(tiled.transpose(axes)).reshape(shape)
