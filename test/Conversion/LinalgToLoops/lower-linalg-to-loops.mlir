// RUN: streamtensor-opt %s --streamtensor-lower-linalg-to-loops | FileCheck %s

// The intra-tile order puts the reduction outermost; the unrolled parallel
// loops split the arrays they index; the innermost loop is pipelined.
// CHECK-LABEL: func.func @tile_matmul
// CHECK-NOT: linalg.
// CHECK: memref.alloc() {dataflow.partition = array<i64: 2, 1>} : memref<16x16xf32>
// CHECK: memref.alloc() {dataflow.partition = array<i64: 1, 2>} : memref<16x16xf32>
// CHECK: memref.alloc() {dataflow.partition = array<i64: 2, 2>} : memref<16x16xf32>
// CHECK: scf.for %[[K:.*]] =
// CHECK: scf.for %[[I:.*]] =
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[AI:.*]] = affine.apply #{{.*}}(%[[I]])
// CHECK: %[[AK:.*]] = affine.apply #{{.*}}(%[[K]])
// CHECK: memref.load %{{.*}}[%[[AI]], %[[AK]]]
// CHECK: } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 2 : i64}
// CHECK: } {dataflow.unroll = 2 : i64}
// CHECK-NOT: dataflow.unroll
// CHECK: return
func.func @tile_matmul() {
  %a = memref.alloc() : memref<16x16xf32>
  %b = memref.alloc() : memref<16x16xf32>
  %c = memref.alloc() : memref<16x16xf32>
  linalg.matmul {streamtensor.inner_order = array<i64: 2, 0, 1>, streamtensor.unroll = array<i64: 2, 2, 1>}
      ins(%a, %b : memref<16x16xf32>, memref<16x16xf32>) outs(%c : memref<16x16xf32>)
  return
}

// Without directives: upstream loop order, only the innermost is pipelined.
// CHECK-LABEL: func.func @plain
// CHECK: scf.for
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
// CHECK-NOT: dataflow.unroll
func.func @plain(%x: memref<8xf32>, %y: memref<8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : memref<8xf32>) outs(%y : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  }
  return
}

// A word loop (`dataflow.word_lanes`) gives every lane of a word its own
// bank: a word within a row splits the columns by the lanes; a word of whole
// rows (128 4-bit codes over rows of 16) splits the columns completely and
// the rows by the rows it holds; rows that a word's rows do not divide stay
// whole.
// CHECK-LABEL: func.func @word_loops
// CHECK: memref.alloc() {dataflow.partition = array<i64: 1, 16>} : memref<4x64xf32>
// CHECK: memref.alloc() {dataflow.partition = array<i64: 1, 8, 16>} : memref<1x16x16xi4>
// CHECK: memref.alloc() : memref<4x16xi4>
func.func @word_loops(%v: f32, %c: i4) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %a = memref.alloc() : memref<4x64xf32>
  %b = memref.alloc() : memref<1x16x16xi4>
  %n = memref.alloc() : memref<4x16xi4>
  scf.for %w = %c0 to %c2 step %c1 {
    memref.store %v, %a[%w, %w] : memref<4x64xf32>
  } {dataflow.word_lanes = 16 : i64}
  scf.for %w = %c0 to %c2 step %c1 {
    memref.store %c, %b[%c0, %w, %w] : memref<1x16x16xi4>
    memref.store %c, %n[%w, %w] : memref<4x16xi4>
  } {dataflow.word_lanes = 128 : i64}
  return
}
