// RUN: streamtensor-opt %s --split-input-file --streamtensor-tree-reductions | FileCheck %s

// A row of a transposed weight dotted with x, its 4 lanes unrolled
// completely: the products are summed pairwise and added to the
// accumulator once; the row loop becomes the pipelined loop.
// CHECK-LABEL: func.func @dot
// CHECK: scf.for %[[N:.+]] = %c0 to %c8 step %c1 {
// CHECK-COUNT-4: arith.mulf
// CHECK: %[[E:.+]] = memref.load %arg2[%[[N]]]
// CHECK: %[[A:.+]] = arith.addf %{{.+}}, %{{.+}} : f32
// CHECK: %[[B:.+]] = arith.addf %{{.+}}, %{{.+}} : f32
// CHECK: %[[T:.+]] = arith.addf %[[A]], %[[B]] : f32
// CHECK: %[[S:.+]] = arith.addf %[[E]], %[[T]] : f32
// CHECK: memref.store %[[S]], %arg2[%[[N]]]
// CHECK-NOT: scf.for
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
func.func @dot(%x: memref<4xf32>, %w: memref<8x4xf32>, %acc: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.for %n = %c0 to %c8 step %c1 {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %x[%k] : memref<4xf32>
      %b = memref.load %w[%n, %k] : memref<8x4xf32>
      %c = memref.load %acc[%n] : memref<8xf32>
      %m = arith.mulf %a, %b : f32
      %s = arith.addf %c, %m : f32
      memref.store %s, %acc[%n] : memref<8xf32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}

// -----

// Kept: a partial unroll, and a loop whose store moves with it.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-2: dataflow.unroll
func.func @kept(%x: memref<4xf32>, %acc: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %k = %c0 to %c4 step %c1 {
    %a = memref.load %x[%k] : memref<4xf32>
    %c = memref.load %acc[%c0] : memref<8xf32>
    %s = arith.addf %c, %a : f32
    memref.store %s, %acc[%c0] : memref<8xf32>
  } {dataflow.unroll = 2 : i64}
  scf.for %k = %c0 to %c4 step %c1 {
    %a = memref.load %x[%k] : memref<4xf32>
    %c = memref.load %acc[%k] : memref<8xf32>
    %s = arith.addf %c, %a : f32
    memref.store %s, %acc[%k] : memref<8xf32>
  } {dataflow.unroll = 4 : i64}
  return
}

// -----

// Integer sums are added as trees too (exactly: integer addition
// reassociates).
// CHECK-LABEL: func.func @dot_integer
// CHECK-COUNT-4: arith.muli
// CHECK: %[[E:.+]] = memref.load %arg2[%{{.+}}]
// CHECK: %[[A:.+]] = arith.addi %{{.+}}, %{{.+}} : i32
// CHECK: %[[B:.+]] = arith.addi %{{.+}}, %{{.+}} : i32
// CHECK: %[[T:.+]] = arith.addi %[[A]], %[[B]] : i32
// CHECK: arith.addi %[[E]], %[[T]] : i32
// CHECK-NOT: scf.for
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
func.func @dot_integer(%x: memref<4xi32>, %w: memref<8x4xi32>, %acc: memref<8xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.for %n = %c0 to %c8 step %c1 {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %x[%k] : memref<4xi32>
      %b = memref.load %w[%n, %k] : memref<8x4xi32>
      %c = memref.load %acc[%n] : memref<8xi32>
      %m = arith.muli %a, %b : i32
      %s = arith.addi %c, %m : i32
      memref.store %s, %acc[%n] : memref<8xi32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}
