// RUN: streamtensor-opt %s --split-input-file --streamtensor-fold-external-transposes | FileCheck %s

// Decode P x V against a value cache [positions, heads, head_dim]: the
// batched product reads the cache itself, indexed (position, head, dim),
// and the transpose is gone.
// CHECK-DAG: #[[V:.+]] = affine_map<(d0, d1, d2, d3) -> (d3, d0, d2)>
// CHECK-LABEL: func.func @pv
// CHECK-NOT: linalg.transpose
// CHECK: %[[C:.+]] = tensor.expand_shape %arg1
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[V]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%arg0, %[[C]] : tensor<4x1x512xf32>, tensor<512x4x16xf32>)
func.func @pv(%p: tensor<4x1x512xf32>, %v: tensor<512x64xf32>) -> tensor<4x1x16xf32> {
  %zero = arith.constant 0.0 : f32
  %c = tensor.expand_shape %v [[0], [1, 2]] output_shape [512, 4, 16] : tensor<512x64xf32> into tensor<512x4x16xf32>
  %e = tensor.empty() : tensor<4x512x16xf32>
  %t = linalg.transpose ins(%c : tensor<512x4x16xf32>) outs(%e : tensor<4x512x16xf32>) permutation = [1, 0, 2]
  %o = tensor.empty() : tensor<4x1x16xf32>
  %f = linalg.fill ins(%zero : f32) outs(%o : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
  %r = linalg.batch_matmul ins(%p, %t : tensor<4x1x512xf32>, tensor<4x512x16xf32>) outs(%f : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
  return %r : tensor<4x1x16xf32>
}

// -----

// A transpose of a value computed on chip stays, and so does one whose
// result is returned.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-2: linalg.transpose
func.func @kept(%a: tensor<8x4xf32>, %b: tensor<8x4xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = tensor.empty() : tensor<8x4xf32>
  %sum = linalg.add ins(%a, %a : tensor<8x4xf32>, tensor<8x4xf32>) outs(%e : tensor<8x4xf32>) -> tensor<8x4xf32>
  %o = tensor.empty() : tensor<4x8xf32>
  %t = linalg.transpose ins(%sum : tensor<8x4xf32>) outs(%o : tensor<4x8xf32>) permutation = [1, 0]
  %u = linalg.transpose ins(%b : tensor<8x4xf32>) outs(%o : tensor<4x8xf32>) permutation = [1, 0]
  return %t, %u : tensor<4x8xf32>, tensor<4x8xf32>
}
