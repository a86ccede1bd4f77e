// RUN: streamtensor-opt %s --streamtensor-size-fifos="mode=fit output=%t.fit.json" -o %t.mlir
// RUN: FileCheck %s --input-file=%t.fit.json --check-prefix=FIT
// RUN: FileCheck %s --input-file=%t.mlir --check-prefix=IR
// RUN: streamtensor-opt %s --streamtensor-size-fifos="output=-" -o /dev/null | FileCheck %s --check-prefix=NORMAL

// A producer 16 times as fast as its consumer over 12 million scalars:
// normal (asap) depths let the producer run ahead and buffer most of the
// stream, 45 MB, more than the U55C's on-chip memory. With mode=fit the pass falls back to
// the conservative depths, which throttle the producer to the consumer's pace
// at no cost in latency (the consumer sets it).

// NORMAL:     "mode": "normal",
// NORMAL:     "total_fifo_bytes": {{4[0-9][0-9][0-9][0-9][0-9][0-9][0-9],?$}}

// FIT:        "fit_to_chip": {
// FIT-NEXT:     "chosen": "conservative: the normal depths exceed the on-chip memory, and the conservative ones are within 1% of the unbounded latency",
// FIT-NEXT:     "normal_fifo_bytes": {{4[0-9][0-9][0-9][0-9][0-9][0-9][0-9],?$}}
// FIT:        "latency_cycles": [[CYCLES:[0-9]+]],
// FIT:        "mode": "conservative",
// FIT:        "total_fifo_bytes": {{[0-9]}},
// FIT:        "unbounded_latency_cycles": [[CYCLES]]

// IR: dataflow.fifo_mode = "conservative"

func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  call @fast(%s) : (!dataflow.stream<f32, 2>) -> ()
  call @slow(%s) : (!dataflow.stream<f32, 2>) -> ()
  return
}

func.func private @fast(%out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 12000000 : index
  %v = arith.constant 1.0 : f32
  scf.for %i = %c0 to %n step %c1 {
    dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
  }
  return
}

func.func private @slow(%in: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 12000000 : index
  scf.for %i = %c0 to %n step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  } {dataflow.pipeline_ii = 16 : i64}
  return
}
