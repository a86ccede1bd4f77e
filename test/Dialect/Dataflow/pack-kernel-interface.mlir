// RUN: streamtensor-opt %s --split-input-file --dataflow-pack-kernel-interface | FileCheck %s

// A 64x64 weight walked column of tiles by column of tiles: packed into
// tiles of 16x16 with the column-tile index outermost (4x4x16x16, permuted),
// and the whole walk is one contiguous run. The result is already streamed
// in row-major order: contiguous, not packed.
!t = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
!r = !dataflow.itensor<1x16xf32, [4] * [16], (d0) -> (0, d0)>
// CHECK-LABEL: func.func @transposed_walk
// CHECK: dataflow.result_layouts = [{contiguous = true, inner_tiles = array<i64: 1, 16>, lanes = 1 : i64, outer_dims_perm = array<i64: 0, 1>, packed = false, reason = "row-major order is already the tile order", run = 64 : i64, shape = array<i64: 1, 64>}]
// CHECK-SAME: dataflow.source_layouts = [{contiguous = true, inner_tiles = array<i64: 16, 16>, lanes = 1 : i64, outer_dims_perm = array<i64: 1, 0>, packed = true, run = 4096 : i64, shape = array<i64: 64, 64>}]
func.func @transposed_walk(%w: tensor<64x64xf32>) -> tensor<1x64xf32> {
  %r = dataflow.kernel "k" ins(%w : tensor<64x64xf32>) -> (tensor<1x64xf32>) {
  ^bb0(%in: !t):
    %e = dataflow.itensor_empty : !r
    %o = dataflow.task "t" inits(%e : !r) -> (!r) {
    ^bb0(%out: !r):
      dataflow.yield %out : !r
    }
    dataflow.yield %o : !r
  }
  return %r : tensor<1x64xf32>
}

// -----

// The middle loop re-reads the same tiles: the tensor is still packed
// (reuse needs no duplicate), but only the innermost loop's tiles are one
// run (4 tiles of 256 elements).
!t = !dataflow.itensor<16x16xf32, [4, 2, 4] * [16, 1, 16], (d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @reuse
// CHECK: dataflow.result_layouts
// CHECK-SAME: dataflow.source_layouts = [{contiguous = true, inner_tiles = array<i64: 16, 16>, lanes = 1 : i64, outer_dims_perm = array<i64: 0, 1>, packed = true, run = 1024 : i64, shape = array<i64: 64, 64>}]
func.func @reuse(%w: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = dataflow.kernel "k" ins(%w : tensor<64x64xf32>) -> (tensor<64x64xf32>) {
  ^bb0(%in: !t):
    dataflow.yield %in : !t
  }
  return %r : tensor<64x64xf32>
}

// -----

// Accesses that cannot be packed keep the row-major layout, with the reason.
!overlap = !dataflow.itensor<16xf32, [8] * [8], (d0) -> (d0)>
!diagonal = !dataflow.itensor<4x4xf32, [4] * [4], (d0) -> (d0, d0)>
!whole = tensor<8xf32>
// CHECK-LABEL: func.func @unpackable
// CHECK: dataflow.result_layouts
// CHECK-SAME: dataflow.source_layouts = [{contiguous = false, packed = false, reason = "dimension 0 is walked in steps of 8 by tiles of 16 (overlapping or sparse tiles)"}, {contiguous = false, packed = false, reason = "one loop walks several dimensions (diagonal access)"}, {contiguous = false, packed = false, reason = "read whole by a task, not streamed by a DMA"}]
func.func @unpackable(%a: tensor<72xf32>, %b: tensor<16x16xf32>, %c: tensor<8xf32>) -> tensor<72xf32> {
  %r = dataflow.kernel "k" ins(%a, %b, %c : tensor<72xf32>, tensor<16x16xf32>, tensor<8xf32>) -> (tensor<72xf32>) {
  ^bb0(%x: !overlap, %y: !diagonal, %z: !whole):
    dataflow.yield %x : !overlap
  }
  return %r : tensor<72xf32>
}

// -----

// Only function arguments and returned results get a layout the host
// controls; one argument read in two tile orders stays row-major for both.
!rows = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d0, d1)>
!cols = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @module_constraints
// CHECK: dataflow.kernel "producer"
// CHECK-SAME: dataflow.result_layouts = [{contiguous = false, packed = false, reason = "read by another kernel or on the host; kept row-major in memory"}]
// CHECK-SAME: dataflow.source_layouts = [{contiguous = false, packed = false, reason = "read by several DMAs in different tile orders"}, {contiguous = false, packed = false, reason = "read by several DMAs in different tile orders"}]
// CHECK: dataflow.kernel "consumer"
// CHECK-SAME: dataflow.source_layouts = [{contiguous = false, packed = false, reason = "produced inside the design (by a kernel or on the host); kept row-major in memory"}]
func.func @module_constraints(%w: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %p = dataflow.kernel "producer" ins(%w, %w : tensor<64x64xf32>, tensor<64x64xf32>) -> (tensor<64x64xf32>) {
  ^bb0(%a: !rows, %b: !cols):
    dataflow.yield %a : !rows
  }
  %c = dataflow.kernel "consumer" ins(%p : tensor<64x64xf32>) -> (tensor<64x64xf32>) {
  ^bb0(%a: !rows):
    dataflow.yield %a : !rows
  }
  return %c : tensor<64x64xf32>
}

// -----

// A layer loop feeds y back as the next layer's x. The DMA would read x in
// packed column tiles and write y row-major: x is kept row-major with y.
// Without the layer loop the same kernel packs x.
!t = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
!r = !dataflow.itensor<1x16xf32, [4] * [16], (d0) -> (0, d0)>
// CHECK-LABEL: func.func @chained
// CHECK: dataflow.result_layouts = [{contiguous = false, packed = false, reason = "a layer loop feeds it to the next layer as its input (or back): kept row-major with it"}]
// CHECK-SAME: dataflow.source_layouts = [{contiguous = false, packed = false, reason = "a layer loop feeds it to the next layer as its input (or back): kept row-major with it"}]
// CHECK-LABEL: func.func @unchained
// CHECK: dataflow.source_layouts = [{contiguous = true, inner_tiles = array<i64: 16, 16>
module attributes {streamtensor.layer_loop = {chained = {chain = ["x", "y"], layers = 2 : i64}}} {
  func.func @chained(%x: tensor<64x64xf32> {streamtensor.name = "x"}) -> (tensor<1x64xf32> {streamtensor.name = "y"}) {
    %r = dataflow.kernel "k" ins(%x : tensor<64x64xf32>) -> (tensor<1x64xf32>) {
    ^bb0(%in: !t):
      %e = dataflow.itensor_empty : !r
      %o = dataflow.task "t" inits(%e : !r) -> (!r) {
      ^bb0(%out: !r):
        dataflow.yield %out : !r
      }
      dataflow.yield %o : !r
    }
    return %r : tensor<1x64xf32>
  }
  func.func @unchained(%x: tensor<64x64xf32> {streamtensor.name = "x"}) -> (tensor<1x64xf32> {streamtensor.name = "y"}) {
    %r = dataflow.kernel "k" ins(%x : tensor<64x64xf32>) -> (tensor<1x64xf32>) {
    ^bb0(%in: !t):
      %e = dataflow.itensor_empty : !r
      %o = dataflow.task "t" inits(%e : !r) -> (!r) {
      ^bb0(%out: !r):
        dataflow.yield %out : !r
      }
      dataflow.yield %o : !r
    }
    return %r : tensor<1x64xf32>
  }
}
