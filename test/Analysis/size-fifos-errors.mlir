// RUN: streamtensor-opt %s --split-input-file --verify-diagnostics --streamtensor-size-fifos
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-size-fifos=strategy=paper-per-edge-lp 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-size-fifos=strategy=fixed 2>&1 | FileCheck %s --check-prefix=FIXED
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-size-fifos=strategy=biggest 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-size-fifos=mode=relaxed 2>&1 | FileCheck %s --check-prefix=MODE
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-size-fifos=target=%t.missing.json 2>&1 | FileCheck %s --check-prefix=TARGET

// REFUSED: error: FIFO sizing strategy 'paper-per-edge-lp' can under-size FIFOs and is refused in the compile flow (use asap, lp-min-bytes or naive)
// FIXED: error: FIFO sizing strategy 'fixed' can under-size FIFOs
// UNKNOWN: error: unknown FIFO sizing strategy 'biggest' (expected asap, lp-min-bytes or naive)
// MODE: error: unknown FIFO sizing mode 'relaxed' (expected normal, conservative or fit)
// TARGET: error: cannot load target description: {{.*}}missing.json

// The writer and the reader disagree on the number of tokens.
func.func @top() attributes {dataflow.top} {
  // expected-error @below {{stream 's' is written 8 times by @src but read 4 times by @dst}}
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 8>
  call @src(%s) : (!dataflow.stream<f32, 8>) -> ()
  call @dst(%s) : (!dataflow.stream<f32, 8>) -> ()
  return
}
func.func private @src(%s: !dataflow.stream<f32, 8>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %one = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c8 step %c1 {
    dataflow.stream_write %one into %s : f32 -> !dataflow.stream<f32, 8>
  }
  return
}
func.func private @dst(%s: !dataflow.stream<f32, 8>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 8> -> f32
  }
  return
}

// -----

// A stream without a reader.
func.func @top() attributes {dataflow.top} {
  // expected-error @below {{stream 's' needs one writer and one reader}}
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 1>
  call @src(%s) : (!dataflow.stream<f32, 1>) -> ()
  return
}
func.func private @src(%s: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %one = arith.constant 1.0 : f32
  dataflow.stream_write %one into %s : f32 -> !dataflow.stream<f32, 1>
  return
}

// -----

// Loop bounds must be constants.
func.func @top(%n: index) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 1>
  // expected-error @below {{cannot time process @src}}
  call @src(%s, %n) : (!dataflow.stream<f32, 1>, index) -> ()
  return
}
func.func private @src(%s: !dataflow.stream<f32, 1>, %n: index) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  // expected-error @below {{loop bounds and step must be constants to be timed}}
  scf.for %i = %c0 to %n step %c1 {
    dataflow.stream_write %one into %s : f32 -> !dataflow.stream<f32, 1>
  }
  return
}

// -----

// A DMA process must move exactly one stream.
func.func @top(%x: memref<2xf32>) attributes {dataflow.top} {
  %a = dataflow.stream {dataflow.name = "a"} : !dataflow.stream<f32, 1>
  %b = dataflow.stream {dataflow.name = "b"} : !dataflow.stream<f32, 1>
  // expected-error @below {{DMA process @top_dma_in0 must access exactly one stream}}
  call @top_dma_in0(%x, %a, %b) : (memref<2xf32>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
  return
}
func.func private @top_dma_in0(%x: memref<2xf32>, %a: !dataflow.stream<f32, 1>, %b: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.load %x[%c0] : memref<2xf32>
  %w = memref.load %x[%c1] : memref<2xf32>
  dataflow.stream_write %v into %a : f32 -> !dataflow.stream<f32, 1>
  dataflow.stream_write %w into %b : f32 -> !dataflow.stream<f32, 1>
  return
}

// -----

// Streams go to processes only.
func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 1>
  // expected-error @below {{@helper takes streams but is not a dataflow.process}}
  call @helper(%s) : (!dataflow.stream<f32, 1>) -> ()
  return
}
func.func private @helper(%s: !dataflow.stream<f32, 1>) {
  return
}

// -----

// A stream that both ends only pass to DMA processes.
func.func @top(%x: memref<1xf32>, %y: memref<1xf32>) attributes {dataflow.top} {
  // expected-error @below {{stream 's' connects two DMA processes}}
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 1>
  call @top_dma_in0(%x, %s) : (memref<1xf32>, !dataflow.stream<f32, 1>) -> ()
  call @top_dma_out0(%s, %y) : (!dataflow.stream<f32, 1>, memref<1xf32>) -> ()
  return
}
func.func private @top_dma_in0(%x: memref<1xf32>, %s: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = memref.load %x[%c0] : memref<1xf32>
  dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 1>
  return
}
func.func private @top_dma_out0(%s: !dataflow.stream<f32, 1>, %y: memref<1xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = dataflow.stream_read %s : !dataflow.stream<f32, 1> -> f32
  memref.store %v, %y[%c0] : memref<1xf32>
  return
}
