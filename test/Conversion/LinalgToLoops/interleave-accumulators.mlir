// RUN: streamtensor-opt %s --split-input-file --streamtensor-interleave-accumulators | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-interleave-accumulators=max-accumulators=3 | FileCheck %s --check-prefix=THREE
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-interleave-accumulators=max-accumulators=0 2>&1 | FileCheck %s --check-prefix=BAD

// A sum of 64 streamed values into one element: 8 accumulators (the first
// the element itself, the others from zero), the loop over groups of 8
// iterations at II 8, each copy reading its token and adding into its own
// accumulator; after the loop the 8 are summed pairwise into the element.
// CHECK-LABEL: func.func @sum
// CHECK: %[[E:.+]] = memref.load %[[ACC:.+]][] : memref<f32>
// CHECK: %[[A0:.+]] = memref.alloc() : memref<f32>
// CHECK: memref.store %[[E]], %[[A0]][]
// CHECK: %[[A1:.+]] = memref.alloc() : memref<f32>
// CHECK: memref.store %[[Z:.+]], %[[A1]][]
// CHECK-COUNT-6: memref.alloc() : memref<f32>
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %[[C8:.+]] {
// CHECK: dataflow.stream_read
// CHECK: memref.load %[[A0]][]
// CHECK: arith.addf
// CHECK: memref.store %{{.+}}, %[[A0]][]
// CHECK: arith.addi %[[I]]
// CHECK: dataflow.stream_read
// CHECK: memref.load %[[A1]][]
// CHECK-COUNT-6: dataflow.stream_read
// CHECK: } {dataflow.pipeline_ii = 8 : i64}
// CHECK-COUNT-7: arith.addf
// CHECK: memref.store %{{.+}}, %[[ACC]][]
// THREE-LABEL: func.func @sum
// THREE: } {dataflow.pipeline_ii = 2 : i64}
// BAD: max-accumulators must be positive
func.func @sum(%in: !dataflow.stream<f32, 2>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %acc = memref.alloc() : memref<f32>
  memref.store %zero, %acc[] : memref<f32>
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %a = memref.load %acc[] : memref<f32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %acc[] : memref<f32>
  } {dataflow.pipeline_ii = 1 : i64}
  %r = memref.load %acc[] : memref<f32>
  dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 2>
  return
}

// -----

// A maximum starts every accumulator from the element (max is idempotent)
// and keeps the operand order; 6 trips take the largest divisor up to 8.
// CHECK-LABEL: func.func @absmax
// CHECK: memref.store %{{.+}}, %[[BUF:.+]][] : memref<f32>
// CHECK: %[[E:.+]] = memref.load %[[BUF]][] : memref<f32>
// CHECK-COUNT-6: memref.store %[[E]], %{{.+}}[] : memref<f32>
// CHECK: scf.for
// CHECK-COUNT-6: arith.maximumf %{{.+}}, %{{.+}} : f32
// CHECK: } {dataflow.pipeline_ii = 6 : i64}
// CHECK-COUNT-5: arith.maximumf
// CHECK-NOT: arith.maximumf
// THREE-LABEL: func.func @absmax
// THREE: } {dataflow.pipeline_ii = 3 : i64}
func.func @absmax(%in: !dataflow.stream<f32, 2>, %acc: memref<f32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c96 = arith.constant 96 : index
  %buf = memref.alloc() : memref<f32>
  %first = memref.load %acc[] : memref<f32>
  memref.store %first, %buf[] : memref<f32>
  scf.for %i = %c0 to %c96 step %c16 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %m = math.absf %v : f32
    %a = memref.load %buf[] : memref<f32>
    %s = arith.maximumf %a, %m : f32
    memref.store %s, %buf[] : memref<f32>
  } {dataflow.pipeline_ii = 1 : i64}
  %r = memref.load %buf[] : memref<f32>
  memref.store %r, %acc[] : memref<f32>
  return
}

// -----

// Kept: an element that moves with the loop, another access of the array
// in the loop, a prime trip count, an integer sum, and a loop that is not
// pipelined.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-5: dataflow.pipeline_ii = 1
// CHECK-NOT: memref.alloc() : memref<f32>
func.func @kept(%in: !dataflow.stream<f32, 2>, %ints: !dataflow.stream<i32, 2>, %row: memref<8xf32>, %acc: memref<f32>, %iacc: memref<i32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c11 = arith.constant 11 : index
  %c8 = arith.constant 8 : index
  %buf = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %a = memref.load %buf[%i] : memref<8xf32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %buf[%i] : memref<8xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  %one = memref.alloc() : memref<f32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %a = memref.load %one[] : memref<f32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %one[] : memref<f32>
    memref.store %s, %row[%i] : memref<8xf32>
    %again = memref.load %one[] : memref<f32>
    memref.store %again, %row[%c0] : memref<8xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  %two = memref.alloc() : memref<f32>
  scf.for %i = %c0 to %c11 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %a = memref.load %two[] : memref<f32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %two[] : memref<f32>
  } {dataflow.pipeline_ii = 1 : i64}
  %ibuf = memref.alloc() : memref<i32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %ints : !dataflow.stream<i32, 2> -> i32
    %a = memref.load %ibuf[] : memref<i32>
    %s = arith.addi %a, %v : i32
    memref.store %s, %ibuf[] : memref<i32>
  } {dataflow.pipeline_ii = 1 : i64}
  %three = memref.alloc() : memref<f32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %a = memref.load %three[] : memref<f32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %three[] : memref<f32>
  }
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    memref.store %v, %row[%i] : memref<8xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
