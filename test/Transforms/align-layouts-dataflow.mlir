// RUN: streamtensor-opt %s --streamtensor-dataflow --dataflow-report=output=- -o /dev/null | FileCheck %s
// RUN: streamtensor-opt %s --pass-pipeline="builtin.module(func.func(streamtensor-tile-linalg,streamtensor-convert-linalg-to-dataflow,dataflow-fuse-kernels))" | FileCheck %s --check-prefix=UNALIGNED

// Producer/consumer pairs whose default tilings stream in different orders
// or tile shapes (a transposed read; an untiled 4x16 op between reshapes of
// 16-element tiles). Tiled and fused as they are, they need converters;
// with the reshapes turned into copies and the layouts aligned before
// tiling, every edge is a plain FIFO.
// UNALIGNED-COUNT-3: dataflow.itensor_converter
// CHECK-NOT: "converter_bytes": {{[1-9]}}
// CHECK: "fifo_edge_share": 1,
// CHECK: "name": "transposed_read",
// CHECK-NEXT: "num_converters": 0,
// CHECK-NOT: "converter_bytes": {{[1-9]}}
// CHECK: "fifo_edge_share": 1,
// CHECK: "name": "tile_sizes",
// CHECK-NEXT: "num_converters": 0,

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed_read(%x: tensor<32x64xf32>) -> tensor<64x32xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  %e2 = tensor.empty() : tensor<64x32xf32>
  %b = linalg.generic {indexing_maps = [#tr2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<32x64xf32>) outs(%e2 : tensor<64x32xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.addf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64x32xf32>
  return %b : tensor<64x32xf32>
}

func.func @tile_sizes(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  %r = tensor.expand_shape %a [[0, 1]] output_shape [4, 16] : tensor<64xf32> into tensor<4x16xf32>
  %e2 = tensor.empty() : tensor<4x16xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%r : tensor<4x16xf32>) outs(%e2 : tensor<4x16xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.addf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %c = tensor.collapse_shape %b [[0, 1]] : tensor<4x16xf32> into tensor<64xf32>
  %d = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%c : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%u: f32, %o: f32):
    %s = arith.mulf %u, %u : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  return %d : tensor<64xf32>
}
