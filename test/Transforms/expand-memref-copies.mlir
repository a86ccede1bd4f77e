// RUN: streamtensor-opt %s --streamtensor-expand-memref-copies | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-expand-memref-copies --fold-memref-alias-ops | FileCheck %s --check-prefix=FOLDED

// CHECK-LABEL: func.func @into_subview
// CHECK-NOT: memref.copy
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.load %arg0
// CHECK: memref.store %{{.*}}, %{{.*}}[
// After folding, the store indexes the whole buffer at the slice offset.
// FOLDED-LABEL: func.func @into_subview
// FOLDED-NOT: memref.subview
// FOLDED: %[[ROW:.*]] = arith.constant 512 : index
// FOLDED: memref.store %{{.*}}, %arg1[%[[ROW]], 
func.func @into_subview(%src: memref<4x16xf32>, %dst: memref<513x4x16xf32>) {
  %view = memref.subview %dst[512, 0, 0] [1, 4, 16] [1, 1, 1] : memref<513x4x16xf32> to memref<4x16xf32, strided<[16, 1], offset: 32768>>
  memref.copy %src, %view : memref<4x16xf32> to memref<4x16xf32, strided<[16, 1], offset: 32768>>
  return
}

// A result staged in a local buffer and copied out at the end is written
// into the output argument directly.
// CHECK-LABEL: func.func @staged_result
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: memref.store %{{.*}}, %arg1[
func.func @staged_result(%in: memref<4xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %buf = memref.alloc() : memref<4xf32>
  %v = memref.load %in[%c0] : memref<4xf32>
  memref.store %v, %buf[%c0] : memref<4xf32>
  memref.copy %buf, %out : memref<4xf32> to memref<4xf32>
  return
}

// The output is read while the staging buffer is live: the copy stays (as
// loops), so the read still sees the old contents.
// CHECK-LABEL: func.func @output_read_early
// CHECK: memref.alloc
// CHECK: memref.load %arg1
// CHECK: scf.for
func.func @output_read_early(%in: memref<4xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %buf = memref.alloc() : memref<4xf32>
  %old = memref.load %out[%c0] : memref<4xf32>
  memref.store %old, %buf[%c0] : memref<4xf32>
  memref.copy %buf, %out : memref<4xf32> to memref<4xf32>
  return
}
