// RUN: streamtensor-opt %s --split-input-file --streamtensor-lower-dataflow-to-func --verify-diagnostics

// Layouts come from dataflow-pack-kernel-interface; one per source.
!t = !dataflow.itensor<16xf32, [4] * [16], (d0) -> (d0)>
func.func @missing_entry(%x: tensor<64xf32>) -> tensor<64xf32> {
  // expected-error @+1 {{'dataflow.kernel' op has a malformed dataflow.source_layouts: expected one layout dictionary per source (1)}}
  %r = dataflow.kernel "k" ins(%x : tensor<64xf32>) -> (tensor<64xf32>) attributes {dataflow.source_layouts = []} {
  ^bb0(%in: !t):
    dataflow.yield %in : !t
  }
  return %r : tensor<64xf32>
}

// -----

// A layout that is not the DMA's walk would read the wrong elements.
!t = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
func.func @wrong_order(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'dataflow.kernel' op entry 0 of dataflow.source_layouts does not describe the walk of '!dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>'; run dataflow-pack-kernel-interface to compute it}}
  %r = dataflow.kernel "k" ins(%x : tensor<64x64xf32>) -> (tensor<64x64xf32>) attributes {dataflow.source_layouts = [{contiguous = true, packed = true, shape = array<i64: 64, 64>, outer_dims_perm = array<i64: 0, 1>, inner_tiles = array<i64: 16, 16>, run = 4096 : i64, lanes = 16 : i64}]} {
  ^bb0(%in: !t):
    dataflow.yield %in : !t
  }
  return %r : tensor<64x64xf32>
}
