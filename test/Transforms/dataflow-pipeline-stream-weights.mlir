// RUN: streamtensor-opt %s --streamtensor-dataflow | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-dataflow=stream-weights=0 | FileCheck %s --check-prefix=OFF

// In the default pipeline a decode GEMV reads its weight a 512-bit word per
// cycle: the task multiplies a 1x32 slice of x by a 32x256 weight tile (512
// words) with the 256 columns unrolled by 16. With stream-weights=0 the
// defaults tile both by 16 and unroll by 2.
// CHECK-LABEL: func.func @gemv
// CHECK: linalg.matmul
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 16, 1>
// CHECK-SAME: ins({{.*}} : tensor<1x32xf32>, tensor<32x256xf32>)
// OFF-LABEL: func.func @gemv
// OFF: linalg.matmul
// OFF-SAME: streamtensor.unroll = array<i64: 1, 2, 1>
// OFF-SAME: ins({{.*}} : tensor<1x16xf32>, tensor<16x16xf32>)
func.func @gemv(%x: tensor<1x64xf32>, %w: tensor<64x256xf32>) -> tensor<1x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x256xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x256xf32>) -> tensor<1x256xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x64xf32>, tensor<64x256xf32>) outs(%f : tensor<1x256xf32>) -> tensor<1x256xf32>
  return %y : tensor<1x256xf32>
}
