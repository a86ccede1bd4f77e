// RUN: streamtensor-opt %s --streamtensor-linalg-opt | FileCheck %s --implicit-check-not=tosa.

// TOSA input ends as linalg on tensors; the add+exp chain is one generic.
// CHECK-LABEL: func.func @tosa_chain
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK: math.exp
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @tosa_chain(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %s = tosa.add %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e = tosa.exp %s : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %e : tensor<4x8xf32>
}

// Linalg from elsewhere is accepted; unit dimensions are folded away.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @unit_dims
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
func.func @unit_dims(%x: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %init = tensor.empty() : tensor<1x16xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x16xf32>) outs(%init : tensor<1x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x16xf32>
  return %r : tensor<1x16xf32>
}
