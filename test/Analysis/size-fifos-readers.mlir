// RUN: streamtensor-opt %s --streamtensor-size-fifos | FileCheck %s

// Two readers load 256 words each from a port (a perfect nest whose
// memory-bound II is fractional: 64 B words over a 57.5 B/cycle channel)
// for a consumer that starts only after a slow token arrives. Unbounded,
// each reader would run far ahead; the one marked dataflow.max_depth is
// held to 4 words, the other gets what the lead needs.
// CHECK-LABEL: func.func @top
// CHECK: dataflow.stream {dataflow.max_depth = 4 : i64, dataflow.name = "capped"} : !dataflow.stream<vector<16xf32>, 4>
// CHECK: dataflow.stream {dataflow.name = "free"} : !dataflow.stream<vector<16xf32>, {{[1-9][0-9]+}}>
func.func @top(%a: memref<256xvector<16xf32>> {streamtensor.kind = "weight", streamtensor.name = "a"},
               %b: memref<256xvector<16xf32>> {streamtensor.kind = "weight", streamtensor.name = "b"},
               %out: memref<16xf32> {streamtensor.name = "o"}) attributes {dataflow.top} {
  %go = dataflow.stream {dataflow.name = "go"} : !dataflow.stream<f32, 2>
  %s = dataflow.stream {dataflow.max_depth = 4 : i64, dataflow.name = "capped"} : !dataflow.stream<vector<16xf32>, 2>
  %t = dataflow.stream {dataflow.name = "free"} : !dataflow.stream<vector<16xf32>, 2>
  call @slow(%go) : (!dataflow.stream<f32, 2>) -> ()
  call @read(%a, %s) : (memref<256xvector<16xf32>>, !dataflow.stream<vector<16xf32>, 2>) -> ()
  call @read(%b, %t) : (memref<256xvector<16xf32>>, !dataflow.stream<vector<16xf32>, 2>) -> ()
  call @use(%go, %s, %t, %out) : (!dataflow.stream<f32, 2>, !dataflow.stream<vector<16xf32>, 2>, !dataflow.stream<vector<16xf32>, 2>, memref<16xf32>) -> ()
  return
}
func.func private @slow(%go: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %buf = memref.alloc() : memref<f32>
  %one = arith.constant 1.0 : f32
  memref.store %one, %buf[] : memref<f32>
  scf.for %i = %c0 to %c64 step %c1 {
    %v = memref.load %buf[] : memref<f32>
    %e = math.exp %v : f32
    memref.store %e, %buf[] : memref<f32>
  } {dataflow.pipeline_ii = 1 : i64}
  %r = memref.load %buf[] : memref<f32>
  dataflow.stream_write %r into %go : f32 -> !dataflow.stream<f32, 2>
  return
}
func.func private @read(%m: memref<256xvector<16xf32>>, %s: !dataflow.stream<vector<16xf32>, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c128 = arith.constant 128 : index
  scf.for %i = %c0 to %c32 step %c1 {
    scf.for %j = %c0 to %c8 step %c1 {
      %base = arith.muli %i, %c128 : index
      %word = arith.divui %base, %c16 : index
      %at = arith.addi %word, %j : index
      %v = memref.load %m[%at] : memref<256xvector<16xf32>>
      dataflow.stream_write %v into %s : vector<16xf32> -> !dataflow.stream<vector<16xf32>, 2>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}
func.func private @use(%go: !dataflow.stream<f32, 2>, %s: !dataflow.stream<vector<16xf32>, 2>, %t: !dataflow.stream<vector<16xf32>, 2>, %o: memref<16xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c256 = arith.constant 256 : index
  %g = dataflow.stream_read %go : !dataflow.stream<f32, 2> -> f32
  scf.for %i = %c0 to %c256 step %c1 {
    %u = dataflow.stream_read %s : !dataflow.stream<vector<16xf32>, 2> -> vector<16xf32>
    %v = dataflow.stream_read %t : !dataflow.stream<vector<16xf32>, 2> -> vector<16xf32>
    %x = vector.extract %u[0] : f32 from vector<16xf32>
    %y = vector.extract %v[0] : f32 from vector<16xf32>
    %z = arith.addf %x, %y : f32
    %w = arith.addf %z, %g : f32
    memref.store %w, %o[%c0] : memref<16xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
