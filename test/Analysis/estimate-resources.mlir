// RUN: streamtensor-opt %s --streamtensor-estimate-resources=output=- -o /dev/null | FileCheck %s
// RUN: not streamtensor-opt %s --streamtensor-estimate-resources -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOOUT

// One process multiplies and adds in a loop unrolled by 4 at II 1: four f32
// multipliers (3 DSPs each) and four adders (2 each), 20 DSPs. Its 4096-word
// array split in 4 banks of 1024 words takes 4 BRAM36; the 16-word array
// sits in LUTs. The 2-deep FIFO is a shift register; each of the two ports
// takes 2 BRAM36 of buffering. Everything is placed in SLR0.
// CHECK:      "functions": [
// CHECK:        "fifos": {
// CHECK-NEXT:     "bram36": 0,
// CHECK:        "fits": true,
// CHECK:        "function": "top",
// CHECK:        "per_slr": {
// CHECK-NEXT:     "SLR0": {
// CHECK-NEXT:       "bram36": 8,
// CHECK-NEXT:       "dsp": 20,
// CHECK:          "SLR1": {
// CHECK-NEXT:       "bram36": 0,
// CHECK-NEXT:       "dsp": 0,
// CHECK:        "ports": {
// CHECK-NEXT:     "bram36": 4,
// CHECK:        "processes": [
// CHECK-NEXT:     {
// CHECK-NEXT:       "bram36": 4,
// CHECK-NEXT:       "dsp": 20,
// CHECK:            "process": "top_mac",
// CHECK:            "process": "top_sink",
// CHECK:        "total": {
// CHECK-NEXT:     "bram36": 8,
// CHECK-NEXT:     "dsp": 20,
// CHECK:      "note": "estimates of the StreamTensor resource model, not synthesis results"
// NOOUT: streamtensor-estimate-resources needs output=FILE

func.func @top(%x: memref<4096xf32> {dataflow.port = 0 : i64, streamtensor.name = "x"},
               %y: memref<16xf32> {dataflow.port = 1 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  func.call @top_mac(%x, %s) : (memref<4096xf32>, !dataflow.stream<f32, 2>) -> ()
  func.call @top_sink(%s, %y) : (!dataflow.stream<f32, 2>, memref<16xf32>) -> ()
  return
}

func.func private @top_mac(%x: memref<4096xf32>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4096 = arith.constant 4096 : index
  %buf = memref.alloc() {dataflow.partition = array<i64: 4>} : memref<4096xf32>
  %v = memref.load %x[%c0] : memref<4096xf32>
  scf.for %i = %c0 to %c4096 step %c1 {
    %w = memref.load %buf[%i] : memref<4096xf32>
    %m = arith.mulf %v, %w : f32
    %a = arith.addf %m, %v : f32
    memref.store %a, %buf[%i] : memref<4096xf32>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  %r = memref.load %buf[%c0] : memref<4096xf32>
  dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 2>
  return
}

func.func private @top_sink(%in: !dataflow.stream<f32, 2>, %y: memref<16xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %small = memref.alloc() : memref<16xf32>
  %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  memref.store %v, %small[%c0] : memref<16xf32>
  %w = memref.load %small[%c0] : memref<16xf32>
  memref.store %w, %y[%c0] : memref<16xf32>
  return
}
