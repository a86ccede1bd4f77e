// RUN: streamtensor-opt %s --streamtensor-size-fifos | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-size-fifos=strategy=naive | FileCheck %s --check-prefix=NAIVE
// RUN: streamtensor-opt %s --streamtensor-size-fifos=mode=conservative | FileCheck %s --check-prefix=CONS
// RUN: streamtensor-opt %s --streamtensor-size-fifos=output=- -o /dev/null | FileCheck %s --check-prefix=REPORT

// A row of 8 scalars reaches @scale twice: directly through @fork and
// through @rowsum, which needs the whole row before its sum. The direct
// FIFO must hold a row; the DMA FIFOs need two slots; the others are sized
// from the timing of the processes.

// CHECK-LABEL: func.func @top
// CHECK-SAME: dataflow.fifo_bytes = 256 : i64
// CHECK-SAME: dataflow.fifo_default_bytes = 528 : i64
// CHECK-SAME: dataflow.fifo_latency_cycles = [[CYCLES:[0-9]+]] : i64
// CHECK-SAME: dataflow.fifo_mode = "normal"
// CHECK-SAME: dataflow.fifo_strategy = "asap"
// CHECK-SAME: dataflow.fifo_unbounded_latency_cycles = [[CYCLES]] : i64
// CHECK: %[[IN:.*]] = dataflow.stream {dataflow.name = "in"} : !dataflow.stream<f32, 2>
// CHECK: %[[DIRECT:.*]] = dataflow.stream {dataflow.name = "direct"} : !dataflow.stream<f32, [[DIRECT_DEPTH:32]]>
// CHECK: %[[ROW:.*]] = dataflow.stream {dataflow.name = "row"} : !dataflow.stream<f32, [[ROW_DEPTH:27]]>
// CHECK: %[[SUM:.*]] = dataflow.stream {dataflow.name = "sum"} : !dataflow.stream<f32, [[SUM_DEPTH:1]]>
// CHECK: %[[OUT:.*]] = dataflow.stream {dataflow.name = "out"} : !dataflow.stream<f32, 2>
// CHECK: call @top_dma_in0(%arg0, %[[IN]]) : (memref<32xf32>, !dataflow.stream<f32, 2>) -> ()
// CHECK: call @fork(%[[IN]], %[[DIRECT]], %[[ROW]]) : (!dataflow.stream<f32, 2>, !dataflow.stream<f32, [[DIRECT_DEPTH]]>, !dataflow.stream<f32, [[ROW_DEPTH]]>) -> ()
// CHECK: call @top_dma_out0(%[[OUT]], %arg1) : (!dataflow.stream<f32, 2>, memref<32xf32>) -> ()
// CHECK: func.func private @top_dma_in0(%arg0: memref<32xf32>, %arg1: !dataflow.stream<f32, 2>)
// CHECK: dataflow.stream_write %{{.*}} into %arg1 : f32 -> !dataflow.stream<f32, 2>
// CHECK: func.func private @fork(%arg0: !dataflow.stream<f32, 2>, %arg1: !dataflow.stream<f32, [[DIRECT_DEPTH]]>, %arg2: !dataflow.stream<f32, [[ROW_DEPTH]]>)
// CHECK: func.func private @rowsum(%arg0: !dataflow.stream<f32, [[ROW_DEPTH]]>, %arg1: !dataflow.stream<f32, [[SUM_DEPTH]]>)
// CHECK: func.func private @scale(%arg0: !dataflow.stream<f32, [[DIRECT_DEPTH]]>, %arg1: !dataflow.stream<f32, [[SUM_DEPTH]]>, %arg2: !dataflow.stream<f32, 2>)
// CHECK: func.func private @top_dma_out0(%arg0: !dataflow.stream<f32, 2>, %arg1: memref<32xf32>)

// NAIVE: dataflow.fifo_bytes = 528 : i64
// NAIVE: dataflow.stream {dataflow.name = "in"} : !dataflow.stream<f32, 32>
// NAIVE: dataflow.stream {dataflow.name = "sum"} : !dataflow.stream<f32, 4>

// CONS: dataflow.fifo_mode = "conservative"

// REPORT:      "functions": [
// REPORT:          "default_fifo_bytes": 528,
// REPORT-NEXT:     "function": "top",
// REPORT:          "latency_cycles": [[CYCLES:[0-9]+]],
// REPORT:          "streams": [
// REPORT-NEXT:       {
// REPORT-NEXT:         "depth": 2,
// REPORT-NEXT:         "edge": "hbm:0 -> fork",
// REPORT-NEXT:         "name": "in",
// REPORT-NEXT:         "old_depth": 32,
// REPORT-NEXT:         "token_bytes": 4,
// REPORT-NEXT:         "tokens": 32
// REPORT:          "unbounded_latency_cycles": [[CYCLES]]

func.func @top(%x: memref<32xf32>, %y: memref<32xf32>) attributes {dataflow.top} {
  %in = dataflow.stream {dataflow.name = "in"} : !dataflow.stream<f32, 32>
  %direct = dataflow.stream {dataflow.name = "direct"} : !dataflow.stream<f32, 32>
  %row = dataflow.stream {dataflow.name = "row"} : !dataflow.stream<f32, 32>
  %sum = dataflow.stream {dataflow.name = "sum"} : !dataflow.stream<f32, 4>
  %out = dataflow.stream {dataflow.name = "out"} : !dataflow.stream<f32, 32>
  call @top_dma_in0(%x, %in) : (memref<32xf32>, !dataflow.stream<f32, 32>) -> ()
  call @fork(%in, %direct, %row) : (!dataflow.stream<f32, 32>, !dataflow.stream<f32, 32>, !dataflow.stream<f32, 32>) -> ()
  call @rowsum(%row, %sum) : (!dataflow.stream<f32, 32>, !dataflow.stream<f32, 4>) -> ()
  call @scale(%direct, %sum, %out) : (!dataflow.stream<f32, 32>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 32>) -> ()
  call @top_dma_out0(%out, %y) : (!dataflow.stream<f32, 32>, memref<32xf32>) -> ()
  return
}

func.func private @top_dma_in0(%x: memref<32xf32>, %s: !dataflow.stream<f32, 32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %v = memref.load %x[%i] : memref<32xf32>
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 32>
  }
  return
}

func.func private @fork(%in: !dataflow.stream<f32, 32>, %a: !dataflow.stream<f32, 32>, %b: !dataflow.stream<f32, 32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 32> -> f32
    dataflow.stream_write %v into %a : f32 -> !dataflow.stream<f32, 32>
    dataflow.stream_write %v into %b : f32 -> !dataflow.stream<f32, 32>
  }
  return
}

func.func private @rowsum(%in: !dataflow.stream<f32, 32>, %out: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  %acc = memref.alloc() : memref<1xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %zero, %acc[%c0] : memref<1xf32>
    scf.for %j = %c0 to %c8 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 32> -> f32
      %a = memref.load %acc[%c0] : memref<1xf32>
      %s = arith.addf %a, %v : f32
      memref.store %s, %acc[%c0] : memref<1xf32>
    }
    %r = memref.load %acc[%c0] : memref<1xf32>
    dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 4>
  }
  return
}

func.func private @scale(%in: !dataflow.stream<f32, 32>, %sum: !dataflow.stream<f32, 4>, %out: !dataflow.stream<f32, 32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %s = dataflow.stream_read %sum : !dataflow.stream<f32, 4> -> f32
    scf.for %j = %c0 to %c8 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 32> -> f32
      %w = arith.divf %v, %s : f32
      dataflow.stream_write %w into %out : f32 -> !dataflow.stream<f32, 32>
    }
  }
  return
}

func.func private @top_dma_out0(%s: !dataflow.stream<f32, 32>, %y: memref<32xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 32> -> f32
    memref.store %v, %y[%i] : memref<32xf32>
  }
  return
}
