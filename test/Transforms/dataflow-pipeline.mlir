// RUN: streamtensor-opt %s --streamtensor-dataflow=stream-weights=0 | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-dataflow="memory-budget=0 stream-weights=0" | FileCheck %s --check-prefix=NOFUSE

// Two chained matmuls with a bias add: with the default budget everything
// fuses into one kernel; the second matmul re-reads each 16-row block of the
// first's result for every column block, so a 16x64 row buffer converts
// the stream (Figure 7 of the paper). The bias add streams in the matmul's
// order: a plain FIFO.
// CHECK-LABEL: func.func @mlp
// CHECK: dataflow.kernel "fused_0"
// CHECK-COUNT-1: dataflow.itensor_converter
// CHECK-SAME: buffer_loop_level = 1 : i64, buffer_shape = array<i64: 16, 64>
// CHECK-NOT: dataflow.kernel
// With no budget for converters, the second matmul stays its own kernel.
// NOFUSE-LABEL: func.func @mlp
// NOFUSE-COUNT-2: dataflow.kernel
// NOFUSE-NOT: dataflow.itensor_converter
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @mlp(%x: tensor<32x64xf32>, %w1: tensor<64x64xf32>, %b: tensor<32x64xf32>, %w2: tensor<64x32xf32>) -> tensor<32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<32x64xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<32x64xf32>) -> tensor<32x64xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<32x64xf32>, tensor<64x64xf32>) outs(%f1 : tensor<32x64xf32>) -> tensor<32x64xf32>
  %hb = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h, %b : tensor<32x64xf32>, tensor<32x64xf32>) outs(%e1 : tensor<32x64xf32>) {
  ^bb0(%u: f32, %v: f32, %o: f32):
    %s = arith.addf %u, %v : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  %e2 = tensor.empty() : tensor<32x32xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<32x32xf32>) -> tensor<32x32xf32>
  %y = linalg.matmul ins(%hb, %w2 : tensor<32x64xf32>, tensor<64x32xf32>) outs(%f2 : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %y : tensor<32x32xf32>
}
