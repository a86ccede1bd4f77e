// RUN: streamtensor-opt %s --dataflow-pack-kernel-interface --dataflow-widen-kernel-interface --streamtensor-lower-dataflow-to-func | FileCheck %s

// A 64x64 tensor streamed in 16x16 tiles, column of tiles by column of
// tiles. The host packs it (tensor.pack, outer dimensions swapped into the
// visiting order), flattens it and groups it into 512-bit words of 16 f32;
// the DMA reads the 256 words in order, one per 16 cycles, and streams
// their lanes. The output is the mirror image.
// CHECK-LABEL: func.func @transposed(
// CHECK:      %[[EMPTY:.*]] = tensor.empty() : tensor<4x4x16x16xf32>
// CHECK:      %[[PACK:.*]] = tensor.pack %arg0 outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [16, 16] into %[[EMPTY]] : tensor<64x64xf32> -> tensor<4x4x16x16xf32>
// CHECK:      %[[FLAT:.*]] = tensor.collapse_shape %[[PACK]] {{\[\[}}0, 1, 2, 3]] : tensor<4x4x16x16xf32> into tensor<4096xf32>
// CHECK:      %[[LANES:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [256, 16] : tensor<4096xf32> into tensor<256x16xf32>
// CHECK:      %[[WORDS:.*]] = linalg.generic {{.*}} ins(%[[LANES]] : tensor<256x16xf32>) outs({{.*}} : tensor<256xvector<16xf32>>)
// CHECK:        vector.insert
// CHECK:      %[[PORT:.*]] = call @transposed_k(%[[WORDS]]) : (tensor<256xvector<16xf32>>) -> tensor<256xvector<16xf32>>
// CHECK:      linalg.generic {{.*}} ins(%[[PORT]] : tensor<256xvector<16xf32>>) outs({{.*}} : tensor<256x16xf32>)
// CHECK:        vector.extract
// CHECK:      tensor.collapse_shape {{.*}} into tensor<4096xf32>
// CHECK:      tensor.expand_shape {{.*}} into tensor<4x4x16x16xf32>
// CHECK:      %[[LOGICAL:.*]] = tensor.unpack {{.*}} outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [16, 16] into {{.*}} : tensor<4x4x16x16xf32> -> tensor<64x64xf32>
// CHECK:      return %[[LOGICAL]]

// The top's ports carry the layout for the host.
// CHECK-LABEL: func.func @transposed_k(
// CHECK-SAME: %arg0: tensor<256xvector<16xf32>> {dataflow.layout = {contiguous = true, inner_tiles = array<i64: 16, 16>, lanes = 16 : i64, logical_shape = array<i64: 64, 64>, outer_dims_perm = array<i64: 1, 0>, packed = true, run = 4096 : i64, shape = array<i64: 64, 64>}, streamtensor.kind = "weight", streamtensor.name = "w"}
// CHECK-SAME: -> (tensor<256xvector<16xf32>> {dataflow.layout = {{{.*}}logical_shape = array<i64: 64, 64>{{.*}}}, streamtensor.name = "y"})

// Input DMA: contiguous words, every lane streamed in order.
// CHECK-LABEL: func.func private @transposed_k_dma_in0(
// CHECK-SAME: %[[IN:.*]]: tensor<256xvector<16xf32>>
// CHECK:      scf.for %[[W:.*]] = %c0{{.*}} to %c256{{.*}} step %c1
// CHECK:        %[[INDEX:.*]] = arith.addi %{{.*}}, %[[W]]
// CHECK:        %[[WORD:.*]] = tensor.extract %[[IN]][%[[INDEX]]] : tensor<256xvector<16xf32>>
// CHECK:        %[[L0:.*]] = vector.extract %[[WORD]][0] : f32 from vector<16xf32>
// CHECK-NEXT:   dataflow.stream_write %[[L0]]
// CHECK-COUNT-15: vector.extract %[[WORD]]
// CHECK:      } {dataflow.pipeline_ii = 16 : i64}

// Output DMA: sixteen tokens make one word.
// CHECK-LABEL: func.func private @transposed_k_dma_out0(
// CHECK-COUNT-16: dataflow.stream_read
// CHECK:        %[[OUT:.*]] = vector.from_elements {{.*}} : vector<16xf32>
// CHECK:        tensor.insert %[[OUT]] into %{{.*}}[%{{.*}}] : tensor<256xvector<16xf32>>
// CHECK:      } {dataflow.pipeline_ii = 16 : i64}
!t = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
func.func @transposed(%w: tensor<64x64xf32> {streamtensor.kind = "weight", streamtensor.name = "w"})
    -> (tensor<64x64xf32> {streamtensor.name = "y"}) {
  %r = dataflow.kernel "k" ins(%w : tensor<64x64xf32>) -> (tensor<64x64xf32>) {
  ^bb0(%in: !t):
    %e = dataflow.itensor_empty : !t
    %o = dataflow.task "copy" inits(%e : !t) -> (!t) {
    ^bb0(%d: !t):
      dataflow.yield %in : !t
    }
    dataflow.yield %o : !t
  }
  return %r : tensor<64x64xf32>
}

// Tiles re-read by an inner loop: each run is one tile of 24 elements, so
// words hold 8 elements and each tile's run starts at its own offset.
// CHECK-LABEL: func.func private @reread_k_dma_in0(
// CHECK-SAME: tensor<12xvector<8xf32>>
// CHECK:      scf.for %[[T:.*]] = %c0{{.*}} to %c96{{.*}} step %c24
// CHECK-NEXT:   scf.for %{{.*}} = %c0{{.*}} to %c2{{.*}} step %c1
// CHECK:          %[[BASE:.*]] = affine.apply #{{.*}}(%[[T]]
// CHECK:          arith.divui %[[BASE]], %c8
// CHECK:          scf.for %{{.*}} = %c0{{.*}} to %c3{{.*}} step %c1
// CHECK-COUNT-8:    vector.extract
// CHECK:          } {dataflow.pipeline_ii = 8 : i64}
!r = !dataflow.itensor<24xf32, [4, 2] * [24, 1], (d0, d1) -> (d0)>
!o = !dataflow.itensor<24xf32, [4] * [24], (d0) -> (d0)>
func.func @reread(%x: tensor<96xf32>) -> tensor<96xf32> {
  %r = dataflow.kernel "k" ins(%x : tensor<96xf32>) -> (tensor<96xf32>) {
  ^bb0(%in: !r):
    %e = dataflow.itensor_empty : !o
    %o = dataflow.task "drop" inits(%e : !o) -> (!o) {
    ^bb0(%d: !o):
      dataflow.yield %d : !o
    }
    dataflow.yield %o : !o
  }
  return %r : tensor<96xf32>
}
