"""Host-side packing of the manifest layouts (driver/layouts.py)."""

import numpy as np

from streamtensor.driver.layouts import pack, unpack

# A 4x6 tensor in tiles of 2x3, the column-tile index outermost.
LAYOUT = {"packed": True, "pack_shape": [4, 6], "inner_tiles": [2, 3],
          "outer_dims_perm": [1, 0], "packed_shape": [2, 2, 2, 3]}


def test_pack_puts_each_tile_contiguously_in_visiting_order():
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    packed = pack(x, LAYOUT)
    assert packed.shape == (2, 2, 2, 3)
    # Tiles in the order (column tile 0, row tile 0), (0, 1), (1, 0), (1, 1).
    expected = [x[0:2, 0:3], x[2:4, 0:3], x[0:2, 3:6], x[2:4, 3:6]]
    assert np.array_equal(packed.reshape(4, 2, 3), np.stack(expected))


def test_unpack_inverts_pack_and_views_keep_their_elements():
    x = np.random.default_rng(0).standard_normal((1, 24)).astype(np.float32)
    assert np.array_equal(unpack(pack(x, LAYOUT), LAYOUT, (1, 24)), x)


def test_row_major_layouts_leave_the_data_alone():
    x = np.arange(8, dtype=np.float32)
    layout = {"packed": False, "contiguous": True, "vector_lanes": 8}
    assert pack(x, layout) is x
    assert np.array_equal(unpack(x, layout, (2, 4)), x.reshape(2, 4))
