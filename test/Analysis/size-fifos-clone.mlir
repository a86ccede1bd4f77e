// RUN: streamtensor-opt %s --streamtensor-size-fifos | FileCheck %s

// @source feeds a DMA in @fast (two slots suffice) and a slow reduction in
// @slow (the FIFO must hold the run-ahead). The two call sites need
// different argument types, so the second gets a clone of @source.

// CHECK-LABEL: func.func @fast
// CHECK: dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
// CHECK: call @source(%{{.*}}) : (!dataflow.stream<f32, 2>) -> ()
// CHECK-LABEL: func.func @slow
// CHECK: dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, [[DEPTH:[0-9]+]]>
// CHECK: call @[[CLONE:source_[0-9]+]](%{{.*}}) : (!dataflow.stream<f32, [[DEPTH]]>) -> ()
// CHECK: func.func private @source(%arg0: !dataflow.stream<f32, 2>)
// CHECK: func.func private @[[CLONE]](%arg0: !dataflow.stream<f32, [[DEPTH]]>)
// CHECK-SAME: dataflow.process
// CHECK: dataflow.stream_write %{{.*}} into %arg0 : f32 -> !dataflow.stream<f32, [[DEPTH]]>

func.func @fast(%y: memref<16xf32>) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 16>
  call @source(%s) : (!dataflow.stream<f32, 16>) -> ()
  call @fast_dma_out0(%s, %y) : (!dataflow.stream<f32, 16>, memref<16xf32>) -> ()
  return
}
func.func @slow(%y: memref<1xf32>) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 16>
  %t = dataflow.stream {dataflow.name = "t"} : !dataflow.stream<f32, 1>
  call @source(%s) : (!dataflow.stream<f32, 16>) -> ()
  call @sum(%s, %t) : (!dataflow.stream<f32, 16>, !dataflow.stream<f32, 1>) -> ()
  call @slow_dma_out0(%t, %y) : (!dataflow.stream<f32, 1>, memref<1xf32>) -> ()
  return
}
func.func private @source(%s: !dataflow.stream<f32, 16>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    dataflow.stream_write %one into %s : f32 -> !dataflow.stream<f32, 16>
  }
  return
}
func.func private @sum(%in: !dataflow.stream<f32, 16>, %out: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %acc = memref.alloca() : memref<f32>
  memref.store %zero, %acc[] : memref<f32>
  scf.for %i = %c0 to %c16 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 16> -> f32
    %a = memref.load %acc[] : memref<f32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %acc[] : memref<f32>
  }
  %r = memref.load %acc[] : memref<f32>
  dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 1>
  return
}
func.func private @fast_dma_out0(%s: !dataflow.stream<f32, 16>, %y: memref<16xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 16> -> f32
    memref.store %v, %y[%i] : memref<16xf32>
  }
  return
}
func.func private @slow_dma_out0(%s: !dataflow.stream<f32, 1>, %y: memref<1xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = dataflow.stream_read %s : !dataflow.stream<f32, 1> -> f32
  memref.store %v, %y[%c0] : memref<1xf32>
  return
}
