// RUN: streamtensor-opt %s --split-input-file --streamtensor-weight-slice-arguments | FileCheck %s

// The Q, K and V column blocks of a fused weight become three weights; the
// fused one is gone from the signature. Each new weight names its part and
// says where it comes from; two identical slices share one argument.
// CHECK-LABEL: func.func @qkv
// CHECK-SAME: (%{{[^:]+}}: tensor<1x64xf32>,
// CHECK-NOT: tensor<64x192xf32>
// CHECK-SAME: tensor<64x64xf32> {streamtensor.kind = "weight", streamtensor.name = "attn.w[0:64,0:64]", streamtensor.slice_of = {offsets = array<i64: 0, 0>, sizes = array<i64: 64, 64>, source = "attn.w"}}
// CHECK-SAME: streamtensor.name = "attn.w[0:64,64:128]", streamtensor.slice_of = {offsets = array<i64: 0, 64>, sizes = array<i64: 64, 64>, source = "attn.w"}
// CHECK-SAME: streamtensor.name = "attn.w[0:64,128:192]"
// CHECK-NOT: tensor.extract_slice
func.func @qkv(%x: tensor<1x64xf32>, %w: tensor<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "attn.w"}) -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) {
  %q = tensor.extract_slice %w[0, 0] [64, 64] [1, 1] : tensor<64x192xf32> to tensor<64x64xf32>
  %k = tensor.extract_slice %w[0, 64] [64, 64] [1, 1] : tensor<64x192xf32> to tensor<64x64xf32>
  %v = tensor.extract_slice %w[0, 128] [64, 64] [1, 1] : tensor<64x192xf32> to tensor<64x64xf32>
  %q2 = tensor.extract_slice %w[0, 0] [64, 64] [1, 1] : tensor<64x192xf32> to tensor<64x64xf32>
  return %q, %k, %v, %q2 : tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>
}

// -----

// Left alone: a weight also read whole, a strided slice, and an input.
// CHECK-LABEL: func.func @kept
// CHECK-SAME: tensor<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "a"}
// CHECK-SAME: tensor<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "b"}
// CHECK-SAME: tensor<64x192xf32> {streamtensor.kind = "input", streamtensor.name = "c"}
// CHECK-NOT: slice_of
func.func @kept(%a: tensor<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "a"}, %b: tensor<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "b"}, %c: tensor<64x192xf32> {streamtensor.kind = "input", streamtensor.name = "c"}) -> (tensor<64x64xf32>, tensor<64x192xf32>, tensor<64x64xf32>, tensor<64x64xf32>) {
  %s = tensor.extract_slice %a[0, 0] [64, 64] [1, 1] : tensor<64x192xf32> to tensor<64x64xf32>
  %t = tensor.extract_slice %b[0, 0] [64, 64] [1, 2] : tensor<64x192xf32> to tensor<64x64xf32>
  %u = tensor.extract_slice %c[0, 0] [64, 64] [1, 1] : tensor<64x192xf32> to tensor<64x64xf32>
  return %s, %a, %t, %u : tensor<64x64xf32>, tensor<64x192xf32>, tensor<64x64xf32>, tensor<64x64xf32>
}
