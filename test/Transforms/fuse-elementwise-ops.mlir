// RUN: streamtensor-opt %s --split-input-file --streamtensor-fuse-elementwise-ops | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --linalg-fuse-elementwise-ops | FileCheck %s --check-prefix=UPSTREAM

// The view after a projection (q_proj(x).view(tokens, heads, head_dim)) is
// not folded into the product: the product keeps its weight as a plain
// argument. Upstream folds it into a 4-D generic reading an expanded weight.
// CHECK-LABEL: func.func @projection_then_view
// CHECK: linalg.matmul_transpose_b ins(%arg0, %arg1 : tensor<4x64xf32>, tensor<64x64xf32>)
// CHECK: tensor.expand_shape
// UPSTREAM-LABEL: func.func @projection_then_view
// UPSTREAM-NOT: linalg.matmul_transpose_b
// UPSTREAM: tensor.expand_shape %arg1
// UPSTREAM: linalg.generic
func.func @projection_then_view(%x: tensor<4x64xf32>, %w: tensor<64x64xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<4x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x64xf32>) -> tensor<4x64xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<4x64xf32>, tensor<64x64xf32>) outs(%f : tensor<4x64xf32>) -> tensor<4x64xf32>
  %v = tensor.expand_shape %y [[0], [1, 2]] output_shape [4, 8, 8] : tensor<4x64xf32> into tensor<4x8x8xf32>
  return %v : tensor<4x8x8xf32>
}

// -----

// A product of two activations (attention scores) still absorbs the view,
// as upstream does: it saves a transpose of the heads.
// CHECK-LABEL: func.func @activation_product_then_view
// CHECK-NOT: linalg.matmul_transpose_b
// CHECK: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
func.func @activation_product_then_view(%x: tensor<4x64xf32>, %k: tensor<64x64xf32>) -> tensor<4x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x64xf32>) -> tensor<4x64xf32>
  %y = linalg.matmul_transpose_b ins(%x, %k : tensor<4x64xf32>, tensor<64x64xf32>) outs(%f : tensor<4x64xf32>) -> tensor<4x64xf32>
  %v = tensor.expand_shape %y [[0], [1, 2]] output_shape [4, 8, 8] : tensor<4x64xf32> into tensor<4x8x8xf32>
  return %v : tensor<4x8x8xf32>
}

// -----

// Element-wise ops still fuse with each other, and a reshape still moves
// to their inputs.
// CHECK-LABEL: func.func @elementwise_chain
// CHECK: tensor.expand_shape %arg0
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise_chain(%a: tensor<4x64xf32>, %b: tensor<4x64xf32>) -> tensor<4x8x8xf32> {
  %e = tensor.empty() : tensor<4x64xf32>
  %m = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x64xf32>, tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %r = arith.mulf %p, %q : f32
    linalg.yield %r : f32
  } -> tensor<4x64xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%m, %a : tensor<4x64xf32>, tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %r = arith.addf %p, %q : f32
    linalg.yield %r : f32
  } -> tensor<4x64xf32>
  %v = tensor.expand_shape %s [[0], [1, 2]] output_shape [4, 8, 8] : tensor<4x64xf32> into tensor<4x8x8xf32>
  return %v : tensor<4x8x8xf32>
}
