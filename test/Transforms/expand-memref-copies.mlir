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
