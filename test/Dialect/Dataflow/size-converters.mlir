// RUN: streamtensor-opt %s --dataflow-size-converters | FileCheck %s

// Figure 5 of the paper, all over tensor<8x8xf32>:
//   (a) 2x2 tiles, row-major; (b) 4x2 tiles, column of tiles first;
//   (c) like (b) but every column of tiles streamed twice.

// b to c: each 8x2 column block is held while c reads it twice.
// CHECK-LABEL: func.func @figure5_b_to_c
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_loop_level = 1 : i64, buffer_shape = array<i64: 8, 2>
func.func @figure5_b_to_c(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>)
    -> !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)> {
  %c = dataflow.itensor_converter %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
  return %c : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
}

// a to b: no dimension can be reduced, the whole tensor is buffered.
// CHECK-LABEL: func.func @figure5_a_to_b
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_loop_level = 0 : i64, buffer_shape = array<i64: 8, 8>
func.func @figure5_a_to_b(%a: !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>)
    -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> {
  %b = dataflow.itensor_converter %a : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
}

// a to a: equal types need no converter.
// CHECK-LABEL: func.func @figure5_a_to_a
// CHECK-NOT: dataflow.itensor_converter
// CHECK: return %arg0
func.func @figure5_a_to_a(%a: !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>)
    -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)> {
  %same = dataflow.itensor_converter %a : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return %same : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
}

// Figure 7 style, over tensor<64x64xf32>: each 16-row block is streamed twice
// by the consumer, so a 16x64 block sits inside the shared row-block loop.
// CHECK-LABEL: func.func @figure7_row_block
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_loop_level = 1 : i64, buffer_shape = array<i64: 16, 64>
func.func @figure7_row_block(%x: !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d0, d1)>)
    -> !dataflow.itensor<16x16xf32, [4, 2, 4] * [16, 1, 16], (d0, d1, d2) -> (d0, d2)> {
  %y = dataflow.itensor_converter %x : !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d0, d1)> -> !dataflow.itensor<16x16xf32, [4, 2, 4] * [16, 1, 16], (d0, d1, d2) -> (d0, d2)>
  return %y : !dataflow.itensor<16x16xf32, [4, 2, 4] * [16, 1, 16], (d0, d1, d2) -> (d0, d2)>
}

// The same stream written with a split loop is a cast, not a converter.
// CHECK-LABEL: func.func @equivalent_becomes_cast
// CHECK-NOT: dataflow.itensor_converter
// CHECK: dataflow.itensor_cast
func.func @equivalent_becomes_cast(%x: !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)>)
    -> !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)> {
  %y = dataflow.itensor_converter %x : !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)>
  return %y : !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)>
}

// Converters inside kernels and tasks are sized too.
// CHECK-LABEL: func.func @nested
// CHECK: dataflow.task
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_shape = array<i64: 8, 2>
func.func @nested(%t: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = dataflow.kernel ins(%t : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>):
    %e = dataflow.itensor_empty : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
    %c = dataflow.task inits(%e : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>) -> (!dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>) {
    ^bb0(%unused: !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>):
      %conv = dataflow.itensor_converter %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
      dataflow.yield %conv : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
    }
    dataflow.yield %c : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
  }
  return %r : tensor<8x8xf32>
}

// The whole tensor as one token to row-major tiles of 29 (50,257 = 29 x
// 1,733): the same scalars in the same order, so nothing is buffered.
// CHECK-LABEL: func.func @same_order_forwards
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_loop_level = 0 : i64, buffer_shape = array<i64: 1>
func.func @same_order_forwards(%a: !dataflow.itensor<50257xf32, [] * [], () -> (0)>)
    -> !dataflow.itensor<29xf32, [1733] * [29], (d0) -> (d0)> {
  %b = dataflow.itensor_converter %a : !dataflow.itensor<50257xf32, [] * [], () -> (0)> -> !dataflow.itensor<29xf32, [1733] * [29], (d0) -> (d0)>
  return %b : !dataflow.itensor<29xf32, [1733] * [29], (d0) -> (d0)>
}

// Rows of 64 to blocks of two whole rows: still row-major on both sides.
// CHECK-LABEL: func.func @row_blocks_forward
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_shape = array<i64: 1, 1>
func.func @row_blocks_forward(%a: !dataflow.itensor<1x64xf32, [8] * [1], (d0) -> (d0, 0)>)
    -> !dataflow.itensor<2x64xf32, [4] * [2], (d0) -> (d0, 0)> {
  %b = dataflow.itensor_converter %a : !dataflow.itensor<1x64xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<2x64xf32, [4] * [2], (d0) -> (d0, 0)>
  return %b : !dataflow.itensor<2x64xf32, [4] * [2], (d0) -> (d0, 0)>
}

// Column blocks are not row-major: a 2x32 token holds parts of two rows.
// CHECK-LABEL: func.func @column_blocks_buffer
// CHECK: dataflow.itensor_converter
// CHECK-SAME: buffer_shape = array<i64: 8, 64>
func.func @column_blocks_buffer(%a: !dataflow.itensor<1x64xf32, [8] * [1], (d0) -> (d0, 0)>)
    -> !dataflow.itensor<8x32xf32, [2] * [32], (d0) -> (0, d0)> {
  %b = dataflow.itensor_converter %a : !dataflow.itensor<1x64xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<8x32xf32, [2] * [32], (d0) -> (0, d0)>
  return %b : !dataflow.itensor<8x32xf32, [2] * [32], (d0) -> (0, d0)>
}
