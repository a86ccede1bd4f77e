// RUN: streamtensor-opt %s --streamtensor-estimate-resources=output=- -o /dev/null | FileCheck %s

// Integer products are priced at the width their operands carry: the four
// unrolled products of an int8 activation and a 4-bit code, widened to
// int32 for the sum, are 8-bit LUT multipliers (no DSP); the one product of
// two full int32 values takes the 3 DSPs of a 32-bit multiplier.
// CHECK:        "processes": [
// CHECK-NEXT:     {
// CHECK-NEXT:       "bram36": 0,
// CHECK-NEXT:       "dsp": 3,
// CHECK:            "process": "top_dot",

func.func @top(%x: memref<64xi8> {dataflow.port = 0 : i64, streamtensor.name = "x"},
               %w: memref<64xi8> {dataflow.port = 1 : i64, streamtensor.name = "w"},
               %y: memref<2xi32> {dataflow.port = 2 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @top_dot(%x, %w, %y) : (memref<64xi8>, memref<64xi8>, memref<2xi32>) -> ()
  return
}

func.func private @top_dot(%x: memref<64xi8>, %w: memref<64xi8>, %y: memref<2xi32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0 : i32
  %acc = memref.alloca() : memref<1xi32>
  memref.store %zero, %acc[%c0] : memref<1xi32>
  scf.for %i = %c0 to %c64 step %c1 {
    %a = memref.load %x[%i] : memref<64xi8>
    %b = memref.load %w[%i] : memref<64xi8>
    %b4 = arith.trunci %b : i8 to i4
    %a32 = arith.extsi %a : i8 to i32
    %b32 = arith.extsi %b4 : i4 to i32
    %p = arith.muli %a32, %b32 : i32
    %s = memref.load %acc[%c0] : memref<1xi32>
    %t = arith.addi %s, %p : i32
    memref.store %t, %acc[%c0] : memref<1xi32>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  %r = memref.load %acc[%c0] : memref<1xi32>
  %sq = arith.muli %r, %r : i32
  memref.store %sq, %y[%c0] : memref<2xi32>
  return
}
