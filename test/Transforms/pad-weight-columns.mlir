// RUN: streamtensor-opt %s --split-input-file --streamtensor-pad-weight-columns | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-pad-weight-columns --streamtensor-weight-slice-arguments | FileCheck %s --check-prefix=SLICED

// An LM head over a vocabulary of 4,000 (no divisor of 128): the weight is
// stored padded with zeros to 4,096 rows, the product computes 4,096
// logits into a padded accumulator, and a slice returns the 4,000 real ones.
// CHECK-LABEL: func.func @lm_head
// CHECK-SAME: (%[[X:.+]]: tensor<1x64xf32>, %[[W:.+]]: tensor<4096x64xf32> {streamtensor.kind = "weight", streamtensor.name = "wte[padded to 4096]", streamtensor.slice_of = {offsets = array<i64: 0, 0>, padding = "zero", sizes = array<i64: 4096, 64>, source = "wte"}})
// CHECK: %[[F:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x4096xf32>)
// CHECK: %[[P:.+]] = linalg.matmul_transpose_b ins(%[[X]], %[[W]] : tensor<1x64xf32>, tensor<4096x64xf32>) outs(%[[F]] : tensor<1x4096xf32>)
// CHECK: %[[S:.+]] = tensor.extract_slice %[[P]][0, 0] [1, 4000] [1, 1]
// CHECK: return %[[S]]
// A slice of the padded weight is a slice of the user's tensor, padded.
// SLICED: streamtensor.slice_of = {offsets = array<i64: 0, 0>, padding = "zero", sizes = array<i64: 4096, 64>, source = "wte"}
func.func @lm_head(%x: tensor<1x64xf32>, %w: tensor<4000x64xf32> {streamtensor.kind = "weight", streamtensor.name = "wte"}) -> tensor<1x4000xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4000xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4000xf32>) -> tensor<1x4000xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x64xf32>, tensor<4000x64xf32>) outs(%f : tensor<1x4000xf32>) -> tensor<1x4000xf32>
  return %y : tensor<1x4000xf32>
}

// -----

// Left alone: a width that 128 divides, and padding above 5%.
// CHECK-LABEL: func.func @kept
// CHECK-NOT: padded
func.func @kept(%x: tensor<1x64xf32>, %w: tensor<6912x64xf32> {streamtensor.kind = "weight", streamtensor.name = "a"}, %v: tensor<1100x64xf32> {streamtensor.kind = "weight", streamtensor.name = "b"}) -> (tensor<1x6912xf32>, tensor<1x1100xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6912xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x6912xf32>) -> tensor<1x6912xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x64xf32>, tensor<6912x64xf32>) outs(%f : tensor<1x6912xf32>) -> tensor<1x6912xf32>
  %e2 = tensor.empty() : tensor<1x1100xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x1100xf32>) -> tensor<1x1100xf32>
  %z = linalg.matmul_transpose_b ins(%x, %v : tensor<1x64xf32>, tensor<1100x64xf32>) outs(%f2 : tensor<1x1100xf32>) -> tensor<1x1100xf32>
  return %y, %z : tensor<1x6912xf32>, tensor<1x1100xf32>
}

// -----

// Left alone: a dequantization (per-group sums times per-group scales,
// summed over the groups) reads the scales like a weight, but its sums
// span the same columns and would not be padded with them.
// CHECK-LABEL: func.func @dequantize
// CHECK-NOT: padded
#sums = affine_map<(g, n) -> (g, n)>
#out = affine_map<(g, n) -> (n)>
func.func @dequantize(%acc: tensor<8x4000xi32>, %scale: tensor<8x4000xf32> {streamtensor.kind = "weight", streamtensor.name = "scale"}) -> tensor<4000xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4000xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4000xf32>) -> tensor<4000xf32>
  %y = linalg.generic {indexing_maps = [#sums, #sums, #out], iterator_types = ["reduction", "parallel"]} ins(%acc, %scale : tensor<8x4000xi32>, tensor<8x4000xf32>) outs(%f : tensor<4000xf32>) {
  ^bb0(%a: i32, %s: f32, %o: f32):
    %af = arith.sitofp %a : i32 to f32
    %p = arith.mulf %af, %s : f32
    %r = arith.addf %o, %p : f32
    linalg.yield %r : f32
  } -> tensor<4000xf32>
  return %y : tensor<4000xf32>
}
