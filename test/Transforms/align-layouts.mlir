// RUN: streamtensor-opt %s --streamtensor-tileable-data-movement --streamtensor-align-layouts | FileCheck %s

// The pass predicts the itensor type each end of an edge will get after
// tiling and conversion, and picks per op the parallel tile-loop order and
// tile sizes that make the most edges layout-equivalent (plain FIFOs).

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>
// The consumer reads the producer's tiles transposed. Both are element-wise
// with 16x16 tiles; one of them walks its tiles column-major so that both
// ends stream the same order (the producer, first in program order, moves).
// CHECK-LABEL: func.func @transposed_read
// CHECK: linalg.generic
// CHECK-SAME: streamtensor.permutation = array<i64: 1, 0>
// CHECK: linalg.generic
// CHECK-NOT: streamtensor.permutation
// CHECK: return
func.func @transposed_read(%x: tensor<32x64xf32>) -> tensor<64x32xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  %e2 = tensor.empty() : tensor<64x32xf32>
  %b = linalg.generic {indexing_maps = [#tr2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<32x64xf32>) outs(%e2 : tensor<64x32xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.addf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64x32xf32>
  return %b : tensor<64x32xf32>
}

// The consumer's order is the user's: the producer follows it.
// CHECK-LABEL: func.func @producer_follows
// CHECK: linalg.generic
// CHECK-SAME: streamtensor.permutation = array<i64: 1, 0>
// CHECK: linalg.generic
// CHECK-SAME: streamtensor.permutation = array<i64: 1, 0>
func.func @producer_follows(%x: tensor<32x64xf32>) -> tensor<32x64xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) attrs = {streamtensor.permutation = array<i64: 1, 0>} {
  ^bb0(%u: f32, %o: f32):
    %s = arith.addf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  return %b : tensor<32x64xf32>
}

// Orders can agree while tile shapes differ: the 4x16 op is untiled by
// default, while the reshape copies around it stream one 16-element row at a
// time. It takes their tile sizes; the element-wise ops at both ends keep
// their defaults (16 elements match one row).
// CHECK-LABEL: func.func @tile_sizes
// CHECK: linalg.generic
// CHECK-NOT: streamtensor.tile_sizes
// CHECK-SAME: {
// CHECK: linalg.generic
// CHECK-SAME: streamtensor.data_movement, streamtensor.tile_sizes = array<i64: 1, 0>
// CHECK: linalg.generic
// CHECK-SAME: {streamtensor.tile_sizes = array<i64: 1, 0>}
// CHECK: linalg.generic
// CHECK-SAME: streamtensor.data_movement, streamtensor.tile_sizes = array<i64: 1, 0>
// CHECK: linalg.generic
// CHECK-NOT: streamtensor.tile_sizes
// CHECK-SAME: {
func.func @tile_sizes(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  %r = tensor.expand_shape %a [[0, 1]] output_shape [4, 16] : tensor<64xf32> into tensor<4x16xf32>
  %e2 = tensor.empty() : tensor<4x16xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%r : tensor<4x16xf32>) outs(%e2 : tensor<4x16xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.addf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %c = tensor.collapse_shape %b [[0, 1]] : tensor<4x16xf32> into tensor<64xf32>
  %d = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%c : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  return %d : tensor<64xf32>
}

// User tile sizes and orders are kept; the consumer adapts both its tile
// sizes (transposed 32x8) and its order.
// CHECK-LABEL: func.func @user_sizes_kept
// CHECK: linalg.generic
// CHECK-SAME: {streamtensor.permutation = array<i64: 0, 1>, streamtensor.tile_sizes = array<i64: 8, 32>}
// CHECK: linalg.generic
// CHECK-SAME: {streamtensor.permutation = array<i64: 1, 0>, streamtensor.tile_sizes = array<i64: 32, 8>}
func.func @user_sizes_kept(%x: tensor<32x64xf32>) -> tensor<64x32xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) attrs = {streamtensor.tile_sizes = array<i64: 8, 32>, streamtensor.permutation = array<i64: 0, 1>} {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  %e2 = tensor.empty() : tensor<64x32xf32>
  %b = linalg.generic {indexing_maps = [#tr2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<32x64xf32>) outs(%e2 : tensor<64x32xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.addf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64x32xf32>
  return %b : tensor<64x32xf32>
}
