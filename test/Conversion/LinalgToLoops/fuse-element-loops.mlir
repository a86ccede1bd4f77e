// RUN: streamtensor-opt %s --split-input-file --streamtensor-fuse-element-loops | FileCheck %s

// Read a tile from a stream, scale it by a row read from memory, write it:
// one pass. The row's load loop, independent of the stream loop, moves
// ahead of it; both tile buffers go.
// CHECK-LABEL: func.func @read_compute_write
// CHECK: memref.alloc() : memref<9xf32>
// CHECK-NOT: memref.alloc
// CHECK: scf.for
// CHECK: memref.load %arg1
// CHECK: memref.store
// CHECK: scf.for
// CHECK-NEXT: scf.for
// CHECK-NEXT: dataflow.stream_read %arg0
// CHECK-NEXT: memref.load
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: dataflow.stream_write
// CHECK-NOT: scf.for
func.func @read_compute_write(%in: !dataflow.stream<f32, 4>, %m: memref<9xf32>, %out: !dataflow.stream<f32, 4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c9 = arith.constant 9 : index
  %c16 = arith.constant 16 : index
  %a = memref.alloc() : memref<16x9xf32>
  %r = memref.alloc() : memref<16x9xf32>
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c9 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 4> -> f32
      memref.store %v, %a[%i, %j] : memref<16x9xf32>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  %row = memref.alloc() : memref<9xf32>
  scf.for %j = %c0 to %c9 step %c1 {
    %w = memref.load %m[%j] : memref<9xf32>
    memref.store %w, %row[%j] : memref<9xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c9 step %c1 {
      %x = memref.load %a[%i, %j] : memref<16x9xf32>
      %y = memref.load %row[%j] : memref<9xf32>
      %p = arith.mulf %x, %y : f32
      memref.store %p, %r[%i, %j] : memref<16x9xf32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 3 : i64}
  }
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c9 step %c1 {
      %z = memref.load %r[%i, %j] : memref<16x9xf32>
      dataflow.stream_write %z into %out : f32 -> !dataflow.stream<f32, 4>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}

// -----

// Not fused: the second nest reads the buffer transposed, and a nest that
// writes memory the first reads.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-5: scf.for %{{.+}} = %c0 to %c4 step %c1 {
func.func @kept(%in: !dataflow.stream<f32, 4>, %out: !dataflow.stream<f32, 4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = memref.alloc() : memref<4x4xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 4> -> f32
      memref.store %v, %a[%i, %j] : memref<4x4xf32>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %z = memref.load %a[%j, %i] : memref<4x4xf32>
      dataflow.stream_write %z into %out : f32 -> !dataflow.stream<f32, 4>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  scf.for %i = %c0 to %c4 step %c1 {
    %z = memref.load %a[%i, %i] : memref<4x4xf32>
    memref.store %z, %a[%c0, %i] : memref<4x4xf32>
  }
  return
}

// -----

// An accumulator: zeroed by one nest, updated by the next, streamed out by
// a third. The update starts from the zero directly and the last nest takes
// the sum: one pass, no buffer (the unit dimensions have no loops).
// CHECK-LABEL: func.func @accumulate
// CHECK-NOT: memref.alloc
// CHECK: scf.for
// CHECK: %[[V:.+]] = memref.load %arg0
// CHECK: %[[S:.+]] = arith.addi %{{.+}}, %[[V]] : i32
// CHECK: dataflow.stream_write %[[S]]
// CHECK-NOT: scf.for
func.func @accumulate(%x: memref<4xi32>, %out: !dataflow.stream<i32, 2>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i32
  %acc = memref.alloc() : memref<1x1x4xi32>
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %zero, %acc[%c0, %c0, %i] : memref<1x1x4xi32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c4 step %c1 {
    %a = memref.load %acc[%c0, %c0, %i] : memref<1x1x4xi32>
    %v = memref.load %x[%i] : memref<4xi32>
    %s = arith.addi %a, %v : i32
    memref.store %s, %acc[%c0, %c0, %i] : memref<1x1x4xi32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c4 step %c1 {
    %a = memref.load %acc[%c0, %c0, %i] : memref<1x1x4xi32>
    dataflow.stream_write %a into %out : i32 -> !dataflow.stream<i32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

// -----

// A nest that stores the element before reading it reads its own store,
// not the first nest's: nothing fuses.
// CHECK-LABEL: func.func @store_then_load
// CHECK: memref.alloc
// CHECK-COUNT-2: scf.for
func.func @store_then_load(%x: memref<4xi32>, %y: memref<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i32
  %acc = memref.alloc() : memref<4xi32>
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %zero, %acc[%i] : memref<4xi32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c4 step %c1 {
    %v = memref.load %x[%i] : memref<4xi32>
    memref.store %v, %acc[%i] : memref<4xi32>
    %a = memref.load %acc[%i] : memref<4xi32>
    memref.store %a, %y[%i] : memref<4xi32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
