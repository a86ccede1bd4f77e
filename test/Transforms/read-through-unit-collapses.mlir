// RUN: streamtensor-opt %s --split-input-file --streamtensor-read-through-unit-collapses | FileCheck %s

// Per-group sums of a quantized product, [4 groups, 1, 8 outputs], collapsed
// to [4, 8] for their dequantization: the dequantization reads the product's
// result itself, at 0 in the unit dimension; the product keeps its weight.
// CHECK-DAG: #[[SUMS:.+]] = affine_map<(d0, d1) -> (d0, 0, d1)>
// CHECK-LABEL: func.func @group_sums
// CHECK: %[[P:.+]] = linalg.batch_matmul_transpose_b ins(%arg0, %arg1 : tensor<4x1x16xi8>, tensor<4x8x16xi8>)
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.generic {indexing_maps = [#[[SUMS]], {{.+}}], iterator_types = ["reduction", "parallel"]} ins(%[[P]], %arg2 : tensor<4x1x8xi32>, tensor<4x8xf32>)
func.func @group_sums(%x: tensor<4x1x16xi8>, %w: tensor<4x8x16xi8> {streamtensor.kind = "weight", streamtensor.name = "w"},
                      %s: tensor<4x8xf32> {streamtensor.kind = "weight", streamtensor.name = "s"}) -> tensor<8xf32> {
  %zero = arith.constant 0 : i32
  %zf = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x1x8xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<4x1x8xi32>) -> tensor<4x1x8xi32>
  %p = linalg.batch_matmul_transpose_b ins(%x, %w : tensor<4x1x16xi8>, tensor<4x8x16xi8>) outs(%f : tensor<4x1x8xi32>) -> tensor<4x1x8xi32>
  %c = tensor.collapse_shape %p [[0, 1], [2]] : tensor<4x1x8xi32> into tensor<4x8xi32>
  %o = tensor.empty() : tensor<8xf32>
  %of = linalg.fill ins(%zf : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>],
                       iterator_types = ["reduction", "parallel"]}
      ins(%c, %s : tensor<4x8xi32>, tensor<4x8xf32>) outs(%of : tensor<8xf32>) {
  ^bb0(%in: i32, %scale: f32, %out: f32):
    %v = arith.sitofp %in : i32 to f32
    %m = arith.mulf %v, %scale : f32
    %a = arith.addf %out, %m : f32
    linalg.yield %a : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// A collapse that merges two dimensions of more than one element is a real
// reshape; a product of activations is not kept apart by the fusion: both
// stay as they are.
// CHECK-LABEL: func.func @kept
// CHECK: tensor.collapse_shape %{{.+}} {{\[\[}}0, 1], [2]] : tensor<2x2x8xi32>
// CHECK: tensor.collapse_shape %{{.+}} {{\[\[}}0, 1], [2]] : tensor<4x1x8xi32>
func.func @kept(%x: tensor<2x2x16xi8>, %w: tensor<2x8x16xi8> {streamtensor.kind = "weight", streamtensor.name = "w"},
                %y: tensor<4x1x16xi8>, %k: tensor<4x8x16xi8>) -> (tensor<4x8xi32>, tensor<4x8xi32>) {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x2x8xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<2x2x8xi32>) -> tensor<2x2x8xi32>
  %p = linalg.batch_matmul_transpose_b ins(%x, %w : tensor<2x2x16xi8>, tensor<2x8x16xi8>) outs(%f : tensor<2x2x8xi32>) -> tensor<2x2x8xi32>
  %c = tensor.collapse_shape %p [[0, 1], [2]] : tensor<2x2x8xi32> into tensor<4x8xi32>
  %e2 = tensor.empty() : tensor<4x1x8xi32>
  %f2 = linalg.fill ins(%zero : i32) outs(%e2 : tensor<4x1x8xi32>) -> tensor<4x1x8xi32>
  %q = linalg.batch_matmul_transpose_b ins(%y, %k : tensor<4x1x16xi8>, tensor<4x8x16xi8>) outs(%f2 : tensor<4x1x8xi32>) -> tensor<4x1x8xi32>
  %d = tensor.collapse_shape %q [[0, 1], [2]] : tensor<4x1x8xi32> into tensor<4x8xi32>
  %o = tensor.empty() : tensor<4x8xi32>
  %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%c : tensor<4x8xi32>) outs(%o : tensor<4x8xi32>) {
  ^bb0(%in: i32, %out: i32):
    %n = arith.addi %in, %in : i32
    linalg.yield %n : i32
  } -> tensor<4x8xi32>
  %r2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%d : tensor<4x8xi32>) outs(%o : tensor<4x8xi32>) {
  ^bb0(%in: i32, %out: i32):
    %n = arith.addi %in, %in : i32
    linalg.yield %n : i32
  } -> tensor<4x8xi32>
  return %r1, %r2 : tensor<4x8xi32>, tensor<4x8xi32>
}
