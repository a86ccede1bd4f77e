// RUN: streamtensor-opt %s --streamtensor-lower-dataflow-to-func | FileCheck %s

// Rows of 64 regrouped into blocks of two rows: the scalars keep their
// order, so the converter is no process and buffers nothing; the output
// DMA reads the input DMA's stream.
!rows = !dataflow.itensor<1x64xf32, [8] * [1], (d0) -> (d0, 0)>
!blocks = !dataflow.itensor<2x64xf32, [4] * [2], (d0) -> (d0, 0)>

// CHECK-LABEL: func.func @regroup_k
// CHECK: %[[S:.+]] = dataflow.stream {dataflow.name = "dma_in0"}
// CHECK-NOT: convert
// CHECK: call @regroup_k_dma_out0(%[[S]]
// CHECK-NOT: func.func private @regroup_k_convert
func.func @regroup(%x: tensor<8x64xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
    -> (tensor<8x64xf32> {streamtensor.name = "y"}) {
  %r = dataflow.kernel "k" ins(%x : tensor<8x64xf32>) -> (tensor<8x64xf32>) {
  ^bb0(%in: !rows):
    %conv = dataflow.itensor_converter %in : !rows -> !blocks
    dataflow.yield %conv : !blocks
  }
  return %r : tensor<8x64xf32>
}
