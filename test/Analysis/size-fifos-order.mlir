// RUN: streamtensor-opt %s --streamtensor-size-fifos | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-size-fifos=output=- -o /dev/null | FileCheck %s --check-prefix=REPORT
// RUN: streamtensor-opt %s --streamtensor-size-fifos=repair-order=false -verify-diagnostics -o /dev/null

// @rowmax reads all of "row" before it writes its one token, and @shift
// reads that token before anything of "direct". So "direct" must hold the
// whole row. The averaged rates of the timing model miss it (the slow fork
// leaves @rowmax's reads stretched past its write); the stream order check
// finds the wait cycle and grows "direct" until the design completes.

// CHECK-LABEL: func.func @top
// CHECK-SAME: dataflow.fifo_bytes = [[BYTES:[0-9]+]] : i64
// CHECK: dataflow.stream {dataflow.name = "direct"} : !dataflow.stream<f32, 128>
// CHECK: dataflow.stream {dataflow.name = "row"} : !dataflow.stream<f32, 1>
// CHECK: func.func private @fork(%arg0: !dataflow.stream<f32, 2>, %arg1: !dataflow.stream<f32, 128>, %arg2: !dataflow.stream<f32, 1>)

// REPORT:      "order_check": {
// REPORT-NEXT:   "added_bytes": [[ADDED:[1-9][0-9]*]],
// REPORT-NEXT:   "grown_streams": [
// REPORT-NEXT:     {
// REPORT-NEXT:       "depth": 128,
// REPORT-NEXT:       "model_depth": [[MODEL:[0-9]+]],
// REPORT-NEXT:       "name": "direct"
// REPORT-NEXT:     }
// REPORT-NEXT:   ]

// expected-error @+6 {{the FIFO depths chosen for @top stop the design early: deadlock: the processes wait on each other in a cycle}}
// expected-note @+5 {{process 'top_dma_in0' waits to write 'in' (full, 2/2)}}
// expected-note @+4 {{process 'fork' waits to write 'direct' (full}}
// expected-note @+3 {{process 'rowmax' waits to read 'row' (empty)}}
// expected-note @+2 {{process 'shift' waits to read 'max' (empty)}}
// expected-note @+1 {{process 'top_dma_out0' waits to read 'out' (empty)}}
func.func @top(%x: memref<128xf32>, %y: memref<128xf32>) attributes {dataflow.top} {
  %in = dataflow.stream {dataflow.name = "in"} : !dataflow.stream<f32, 128>
  %direct = dataflow.stream {dataflow.name = "direct"} : !dataflow.stream<f32, 128>
  %row = dataflow.stream {dataflow.name = "row"} : !dataflow.stream<f32, 128>
  %max = dataflow.stream {dataflow.name = "max"} : !dataflow.stream<f32, 1>
  %out = dataflow.stream {dataflow.name = "out"} : !dataflow.stream<f32, 128>
  call @top_dma_in0(%x, %in) : (memref<128xf32>, !dataflow.stream<f32, 128>) -> ()
  call @fork(%in, %direct, %row) : (!dataflow.stream<f32, 128>, !dataflow.stream<f32, 128>, !dataflow.stream<f32, 128>) -> ()
  call @rowmax(%row, %max) : (!dataflow.stream<f32, 128>, !dataflow.stream<f32, 1>) -> ()
  call @shift(%direct, %max, %out) : (!dataflow.stream<f32, 128>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 128>) -> ()
  call @top_dma_out0(%out, %y) : (!dataflow.stream<f32, 128>, memref<128xf32>) -> ()
  return
}

func.func private @top_dma_in0(%x: memref<128xf32>, %s: !dataflow.stream<f32, 128>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  scf.for %i = %c0 to %c128 step %c1 {
    %v = memref.load %x[%i] : memref<128xf32>
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 128>
  }
  return
}

func.func private @fork(%in: !dataflow.stream<f32, 128>, %a: !dataflow.stream<f32, 128>, %b: !dataflow.stream<f32, 128>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  scf.for %i = %c0 to %c128 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 128> -> f32
    dataflow.stream_write %v into %a : f32 -> !dataflow.stream<f32, 128>
    dataflow.stream_write %v into %b : f32 -> !dataflow.stream<f32, 128>
  } {dataflow.pipeline_ii = 4 : i64}
  return
}

func.func private @rowmax(%in: !dataflow.stream<f32, 128>, %out: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %acc = memref.alloc() : memref<32xf32>
  %rounds = memref.alloc() : memref<4xf32>
  // Not a perfect nest (the store after the inner loop), so not flattened.
  scf.for %t = %c0 to %c4 step %c1 {
    scf.for %i = %c0 to %c32 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 128> -> f32
      %a = memref.load %acc[%i] : memref<32xf32>
      %m = arith.maximumf %a, %v : f32
      memref.store %m, %acc[%i] : memref<32xf32>
    }
    %first = memref.load %acc[%c0] : memref<32xf32>
    memref.store %first, %rounds[%t] : memref<4xf32>
  }
  %r = memref.load %acc[%c0] : memref<32xf32>
  dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 1>
  return
}

func.func private @shift(%in: !dataflow.stream<f32, 128>, %max: !dataflow.stream<f32, 1>, %out: !dataflow.stream<f32, 128>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  %m = dataflow.stream_read %max : !dataflow.stream<f32, 1> -> f32
  scf.for %i = %c0 to %c128 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 128> -> f32
    %w = arith.subf %v, %m : f32
    dataflow.stream_write %w into %out : f32 -> !dataflow.stream<f32, 128>
  }
  return
}

func.func private @top_dma_out0(%s: !dataflow.stream<f32, 128>, %y: memref<128xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  scf.for %i = %c0 to %c128 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 128> -> f32
    memref.store %v, %y[%i] : memref<128xf32>
  }
  return
}
