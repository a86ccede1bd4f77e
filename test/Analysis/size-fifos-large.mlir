// RUN: streamtensor-opt %s --streamtensor-size-fifos="strategy=naive output=-" -o %t.mlir | FileCheck %s
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// RUN: not streamtensor-opt %s --streamtensor-size-fifos=mode=conservative -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONS

// 2^32 + 1 tokens on one edge: more than the cycle-level simulator runs.
// The FIFOs are still sized (and the stream order checked); only the
// latency estimate is left out, and the report says why. (Naive depths keep
// the order check to a single step here.)

// CHECK:      "function": "top",
// CHECK:      "not_simulated": "4294967297 tokens, more than the 4294967296 the cycle-level simulator runs",
// CHECK:      "order_check": {
// CHECK:      "simulated": false,
// CHECK:          "depth": 4294967297,
// CHECK-NEXT:     "edge": "source -> sink",
// CHECK-NOT:  "latency_cycles"

// IR: dataflow.fifo_bytes = 17179869188 : i64
// IR-NOT: fifo_latency_cycles

// CONS: error: FIFO sizing of @top failed: conservative mode checks its depths in a simulation, and the graph carries 4294967297 tokens, more than the 4294967296 the simulator runs; use the normal mode

func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  call @source(%s) : (!dataflow.stream<f32, 2>) -> ()
  call @sink(%s) : (!dataflow.stream<f32, 2>) -> ()
  return
}

func.func private @source(%out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 4294967297 : index
  %v = arith.constant 1.0 : f32
  scf.for %i = %c0 to %n step %c1 {
    dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
  }
  return
}

func.func private @sink(%in: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 4294967297 : index
  scf.for %i = %c0 to %n step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  }
  return
}
