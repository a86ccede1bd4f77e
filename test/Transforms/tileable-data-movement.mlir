// RUN: streamtensor-opt %s --streamtensor-tileable-data-movement | FileCheck %s

// Reshapes and slices between linalg ops become linalg.generic copies with
// linear indexing maps and tile sizes that keep every tile dense; views of
// function arguments and concatenations stay as they are.

// expand [64] -> [4, 16]: the input is read at h * 16 + d; one row of 16 per
// tile matches the producer's default 16-element tiles.
// CHECK-DAG: #[[EXPAND:[a-z0-9]+]] = affine_map<(d0, d1) -> (d1 + d0 * 16)>
// CHECK-DAG: #[[ID2:[a-z0-9]+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[UNIT:[a-z0-9]+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @expand
// CHECK: %[[A:.+]] = linalg.generic
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x16xf32>
// CHECK: %[[C:.+]] = linalg.generic {indexing_maps = [#[[EXPAND]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]] : tensor<64xf32>) outs(%[[E]] : tensor<4x16xf32>)
// CHECK-SAME: streamtensor.data_movement, streamtensor.tile_sizes = array<i64: 1, 0>
// CHECK-NEXT: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[C]]
#id1 = affine_map<(d0) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @expand(%x: tensor<64xf32>) -> tensor<4x16xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  %r = tensor.expand_shape %a [[0, 1]] output_shape [4, 16] : tensor<64xf32> into tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// collapse [4, 16] -> [64]: iterates the expanded shape, writes h * 16 + d.
// CHECK-LABEL: func.func @collapse
// CHECK: %[[A:.+]] = linalg.generic
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[EXPAND]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]] : tensor<4x16xf32>) outs(%{{.+}} : tensor<64xf32>)
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 1, 0>
// CHECK-NOT: tensor.collapse_shape
func.func @collapse(%x: tensor<4x16xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<4x16xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %r = tensor.collapse_shape %a [[0, 1]] : tensor<4x16xf32> into tensor<64xf32>
  return %r : tensor<64xf32>
}

// Unit dimensions drop out of the index: the copy is a projected
// permutation, tiled by 16 along the data.
// CHECK-LABEL: func.func @unit_expand
// CHECK: linalg.generic {indexing_maps = [#[[UNIT]], #[[ID2]]]
// CHECK-SAME: outs(%{{.+}} : tensor<1x64xf32>)
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 0, 16>
func.func @unit_expand(%x: tensor<64xf32>) -> tensor<1x64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  %r = tensor.expand_shape %a [[0, 1]] output_shape [1, 64] : tensor<64xf32> into tensor<1x64xf32>
  return %r : tensor<1x64xf32>
}

// A kernel reads whole streams, so partial slices of a result whose only
// users are slices split the producer instead: each part computes its slice
// from slices of the (argument) inputs, into fresh placeholders.
// CHECK-LABEL: func.func @split_slices
// CHECK-SAME: (%[[X:.+]]: tensor<96xf32>)
// CHECK: %[[X0:.+]] = tensor.extract_slice %[[X]][0] [32] [1] : tensor<96xf32> to tensor<32xf32>
// CHECK-NEXT: %[[E0:.+]] = tensor.empty() : tensor<32xf32>
// CHECK-NEXT: %[[Q:.+]] = linalg.generic {{.+}} ins(%[[X0]] : tensor<32xf32>) outs(%[[E0]] : tensor<32xf32>)
// CHECK: %[[X1:.+]] = tensor.extract_slice %[[X]][32] [64] [1] : tensor<96xf32> to tensor<64xf32>
// CHECK-NEXT: %[[E1:.+]] = tensor.empty() : tensor<64xf32>
// CHECK-NEXT: %[[K:.+]] = linalg.generic {{.+}} ins(%[[X1]] : tensor<64xf32>) outs(%[[E1]] : tensor<64xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[Q]], %[[K]]
func.func @split_slices(%x: tensor<96xf32>) -> (tensor<32xf32>, tensor<64xf32>) {
  %e = tensor.empty() : tensor<96xf32>
  %a = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<96xf32>) outs(%e : tensor<96xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<96xf32>
  %q = tensor.extract_slice %a[0] [32] [1] : tensor<96xf32> to tensor<32xf32>
  %k = tensor.extract_slice %a[32] [64] [1] : tensor<96xf32> to tensor<64xf32>
  return %q, %k : tensor<32xf32>, tensor<64xf32>
}

// A result also used whole is not recomputed: the slice stays.
// CHECK-LABEL: func.func @kept_slice
// CHECK: %[[A:.+]] = linalg.generic
// CHECK: tensor.extract_slice %[[A]][32] [32] [1]
func.func @kept_slice(%x: tensor<96xf32>) -> (tensor<32xf32>, tensor<96xf32>) {
  %e = tensor.empty() : tensor<96xf32>
  %a = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<96xf32>) outs(%e : tensor<96xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<96xf32>
  %q = tensor.extract_slice %a[32] [32] [1] : tensor<96xf32> to tensor<32xf32>
  return %q, %a : tensor<32xf32>, tensor<96xf32>
}

// Views of function arguments are prepared by the host.
// CHECK-LABEL: func.func @argument_view
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0, 1]] : tensor<4x16xf32> into tensor<64xf32>
// CHECK-NOT: streamtensor.data_movement
func.func @argument_view(%x: tensor<4x16xf32>) -> tensor<64xf32> {
  %v = tensor.collapse_shape %x [[0, 1]] : tensor<4x16xf32> into tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%v : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  return %a : tensor<64xf32>
}

// Concatenation (an insert_slice chain into an empty tensor) has no single
// linear copy form: it is left alone.
// CHECK-LABEL: func.func @concat
// CHECK: tensor.insert_slice
// CHECK: tensor.insert_slice
// CHECK-NOT: streamtensor.data_movement
func.func @concat(%cache: tensor<8x16xf32>, %x: tensor<1x16xf32>) -> tensor<9x16xf32> {
  %e = tensor.empty() : tensor<1x16xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x16xf32>) outs(%e : tensor<1x16xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x16xf32>
  %full = tensor.empty() : tensor<9x16xf32>
  %c = tensor.insert_slice %cache into %full[0, 0] [8, 16] [1, 1] : tensor<8x16xf32> into tensor<9x16xf32>
  %r = tensor.insert_slice %a into %c[8, 0] [1, 16] [1, 1] : tensor<1x16xf32> into tensor<9x16xf32>
  return %r : tensor<9x16xf32>
}
