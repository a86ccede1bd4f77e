// RUN: streamtensor-opt %s --streamtensor-vectorize-streams=target-cycles=128 | FileCheck %s

// A join reads four pieces of 64 values one after another and writes 256.
// Each piece alone fits 128 tokens scalar, but the join passes 512 tokens
// per call (256 in, 256 out): its groups take the lanes its total needs, 4,
// so that the join, too, runs in about 128 cycles.
// CHECK-LABEL: func.func private @piece0
// CHECK: dataflow.stream_write %{{.+}} into %{{.+}} : vector<4xf32>
// CHECK-LABEL: func.func private @join
// CHECK-COUNT-4: dataflow.stream_read %{{.+}} : !dataflow.stream<vector<4xf32>, {{[0-9]+}}> -> vector<4xf32>
// CHECK: dataflow.stream_write %{{.+}} into %{{.+}} : vector<4xf32>
// CHECK-LABEL: func.func @top
// CHECK-COUNT-4: !dataflow.stream<vector<4xf32>, 16>
func.func private @piece0(%s: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %f = arith.index_cast %i : index to i32
    %v = arith.sitofp %f : i32 to f32
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 64>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @piece1(%s: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %f = arith.index_cast %i : index to i32
    %v = arith.sitofp %f : i32 to f32
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 64>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @piece2(%s: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %f = arith.index_cast %i : index to i32
    %v = arith.sitofp %f : i32 to f32
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 64>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @piece3(%s: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %f = arith.index_cast %i : index to i32
    %v = arith.sitofp %f : i32 to f32
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 64>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @join(%a: !dataflow.stream<f32, 64>, %b: !dataflow.stream<f32, 64>, %c: !dataflow.stream<f32, 64>, %d: !dataflow.stream<f32, 64>, %out: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %c192 = arith.constant 192 : index
  %c256 = arith.constant 256 : index
  %buf = memref.alloc() : memref<256xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %a : !dataflow.stream<f32, 64> -> f32
    memref.store %v, %buf[%i] : memref<256xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %b : !dataflow.stream<f32, 64> -> f32
    %at = arith.addi %i, %c64 : index
    memref.store %v, %buf[%at] : memref<256xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %c : !dataflow.stream<f32, 64> -> f32
    %at = arith.addi %i, %c128 : index
    memref.store %v, %buf[%at] : memref<256xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %d : !dataflow.stream<f32, 64> -> f32
    %at = arith.addi %i, %c192 : index
    memref.store %v, %buf[%at] : memref<256xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c256 step %c1 {
    %v = memref.load %buf[%i] : memref<256xf32>
    dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 256>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @sink(%s: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c256 = arith.constant 256 : index
  scf.for %i = %c0 to %c256 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 256> -> f32
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func @top() attributes {dataflow.top} {
  %a = dataflow.stream {dataflow.name = "a"} : !dataflow.stream<f32, 64>
  %b = dataflow.stream {dataflow.name = "b"} : !dataflow.stream<f32, 64>
  %c = dataflow.stream {dataflow.name = "c"} : !dataflow.stream<f32, 64>
  %d = dataflow.stream {dataflow.name = "d"} : !dataflow.stream<f32, 64>
  %o = dataflow.stream {dataflow.name = "o"} : !dataflow.stream<f32, 256>
  call @piece0(%a) : (!dataflow.stream<f32, 64>) -> ()
  call @piece1(%b) : (!dataflow.stream<f32, 64>) -> ()
  call @piece2(%c) : (!dataflow.stream<f32, 64>) -> ()
  call @piece3(%d) : (!dataflow.stream<f32, 64>) -> ()
  call @join(%a, %b, %c, %d, %o) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 256>) -> ()
  call @sink(%o) : (!dataflow.stream<f32, 256>) -> ()
  return
}
