// RUN: streamtensor-opt %s --streamtensor-estimate-resources=output=- -o /dev/null | FileCheck %s
// RUN: streamtensor-translate --emit-link-config %s | FileCheck %s --check-prefix=LINK

// Three processes in a chain, each holding a 256K-word array (256 BRAM36):
// no SLR holds two (483 usable), so each gets its own, the chain crossing
// two SLR boundaries, and the design fits the device. The link
// configuration leaves the compute unit unpinned.
// CHECK:      "fits": true,
// CHECK:      "per_slr": {
// CHECK-NEXT:   "SLR0": {
// CHECK-NEXT:     "bram36": 256,
// CHECK:        "SLR1": {
// CHECK-NEXT:     "bram36": 256,
// CHECK:        "SLR2": {
// CHECK-NEXT:     "bram36": 256,
// CHECK:      "slr_assignment": {
// CHECK-NEXT:   "method": "cbc",
// CHECK-NEXT:   "port_crossings": 0,
// CHECK-NEXT:   "slrs_used": 3,
// CHECK-NEXT:   "stream_crossings": 2
// LINK:     nk=big:1:big_1
// LINK-NOT: slr=
// LINK:     # big_1 needs more than one SLR: not pinned to one
// LINK-NOT: slr=

func.func @big() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  %t = dataflow.stream {dataflow.name = "t"} : !dataflow.stream<f32, 2>
  func.call @big_first(%s) : (!dataflow.stream<f32, 2>) -> ()
  func.call @big_second(%s, %t) : (!dataflow.stream<f32, 2>, !dataflow.stream<f32, 2>) -> ()
  func.call @big_third(%t) : (!dataflow.stream<f32, 2>) -> ()
  return
}

func.func private @big_first(%out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<262144xf32>
  %v = memref.load %a[%c0] : memref<262144xf32>
  dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
  return
}

func.func private @big_second(%in: !dataflow.stream<f32, 2>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<262144xf32>
  %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  memref.store %v, %a[%c0] : memref<262144xf32>
  %w = memref.load %a[%c0] : memref<262144xf32>
  dataflow.stream_write %w into %out : f32 -> !dataflow.stream<f32, 2>
  return
}

func.func private @big_third(%in: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<262144xf32>
  %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  memref.store %v, %a[%c0] : memref<262144xf32>
  return
}
