// RUN: streamtensor-opt %s --split-input-file --streamtensor-vectorize-streams=target-cycles=4 | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-vectorize-streams=max-lanes=1 | FileCheck %s --check-prefix=SCALAR
// RUN: streamtensor-opt %s --split-input-file --streamtensor-vectorize-streams | FileCheck %s --check-prefix=FEW

// A producer scales 64 values into a local array and streams them; a
// consumer sums them. Both loops move 16 values a token: the producer's
// copies store into 16 banks, the consumer's copies are summed as a tree
// and added to the accumulator once. The FIFO holds 64 / 16 tokens.
// CHECK-LABEL: func.func private @produce
// CHECK-SAME: !dataflow.stream<vector<16xf32>, 4>
// CHECK: memref.alloc() {dataflow.partition = array<i64: 8>} : memref<64xf32>
// CHECK: scf.for %{{.+}} = %c0 to %c64 step %c16
// CHECK-COUNT-16: arith.mulf
// CHECK: %[[W:.+]] = vector.from_elements
// CHECK-NEXT: dataflow.stream_write %[[W]] into %{{.+}} : vector<16xf32>
// CHECK-NOT: dataflow.stream_write
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
// CHECK-LABEL: func.func private @consume
// CHECK: scf.for
// CHECK-NEXT: %[[R:.+]] = dataflow.stream_read %{{.+}} : !dataflow.stream<vector<16xf32>, 4> -> vector<16xf32>
// CHECK-COUNT-16: vector.extract %[[R]]
// CHECK-COUNT-15: arith.addf %{{.+}}, %{{.+}} : f32
// CHECK: %[[E:.+]] = memref.load %{{.+}}[] : memref<f32>
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[E]], %{{.+}} : f32
// CHECK-NEXT: memref.store %[[S]]
// CHECK-NEXT: }
// CHECK-LABEL: func.func @top
// CHECK: dataflow.stream {dataflow.name = "s"} : !dataflow.stream<vector<16xf32>, 4>
// SCALAR-LABEL: func.func @top
// SCALAR: !dataflow.stream<f32, 64>
// With the default target of 512 tokens, 64 values need no more than one
// lane: the stream stays scalar.
// FEW-LABEL: func.func @top
// FEW: !dataflow.stream<f32, 64>
func.func private @produce(%s: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %cst = arith.constant 2.0 : f32
  %buf = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    %f = arith.index_cast %i : index to i32
    %v = arith.sitofp %f : i32 to f32
    %m = arith.mulf %v, %cst : f32
    memref.store %m, %buf[%i] : memref<64xf32>
    dataflow.stream_write %m into %s : f32 -> !dataflow.stream<f32, 64>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @consume(%s: !dataflow.stream<f32, 64>, %out: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %acc = memref.alloc() : memref<f32>
  memref.store %zero, %acc[] : memref<f32>
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 64> -> f32
    %a = memref.load %acc[] : memref<f32>
    %n = arith.addf %a, %v : f32
    memref.store %n, %acc[] : memref<f32>
  } {dataflow.pipeline_ii = 1 : i64}
  %r = memref.load %acc[] : memref<f32>
  dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 1>
  return
}
func.func private @sink(%s: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %v = dataflow.stream_read %s : !dataflow.stream<f32, 1> -> f32
  return
}
func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 64>
  %t = dataflow.stream {dataflow.name = "t"} : !dataflow.stream<f32, 1>
  call @produce(%s) : (!dataflow.stream<f32, 64>) -> ()
  call @consume(%s, %t) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 1>) -> ()
  call @sink(%t) : (!dataflow.stream<f32, 1>) -> ()
  return
}

// -----

// A DMA writes the 16 lanes of each word it reads: the word is the token.
// A consumer reading 48 values in rows of 16 unrolls the row loop
// completely; the loop around it becomes the pipelined one.
// CHECK-LABEL: func.func private @dma
// CHECK: %[[W:.+]] = memref.load
// CHECK-NEXT: dataflow.stream_write %[[W]] into %{{.+}} : vector<16xf32>
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
// CHECK-LABEL: func.func private @rows
// CHECK: scf.for %{{.+}} = %c0 to %c3 step %c1 {
// CHECK-NOT: scf.for
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
func.func private @dma(%x: memref<3xvector<16xf32>>, %s: !dataflow.stream<f32, 48>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    %w = memref.load %x[%i] : memref<3xvector<16xf32>>
    %e0 = vector.extract %w[0] : f32 from vector<16xf32>
    dataflow.stream_write %e0 into %s : f32 -> !dataflow.stream<f32, 48>
    %e1 = vector.extract %w[1] : f32 from vector<16xf32>
    dataflow.stream_write %e1 into %s : f32 -> !dataflow.stream<f32, 48>
    %e2 = vector.extract %w[2] : f32 from vector<16xf32>
    dataflow.stream_write %e2 into %s : f32 -> !dataflow.stream<f32, 48>
    %e3 = vector.extract %w[3] : f32 from vector<16xf32>
    dataflow.stream_write %e3 into %s : f32 -> !dataflow.stream<f32, 48>
    %e4 = vector.extract %w[4] : f32 from vector<16xf32>
    dataflow.stream_write %e4 into %s : f32 -> !dataflow.stream<f32, 48>
    %e5 = vector.extract %w[5] : f32 from vector<16xf32>
    dataflow.stream_write %e5 into %s : f32 -> !dataflow.stream<f32, 48>
    %e6 = vector.extract %w[6] : f32 from vector<16xf32>
    dataflow.stream_write %e6 into %s : f32 -> !dataflow.stream<f32, 48>
    %e7 = vector.extract %w[7] : f32 from vector<16xf32>
    dataflow.stream_write %e7 into %s : f32 -> !dataflow.stream<f32, 48>
    %e8 = vector.extract %w[8] : f32 from vector<16xf32>
    dataflow.stream_write %e8 into %s : f32 -> !dataflow.stream<f32, 48>
    %e9 = vector.extract %w[9] : f32 from vector<16xf32>
    dataflow.stream_write %e9 into %s : f32 -> !dataflow.stream<f32, 48>
    %e10 = vector.extract %w[10] : f32 from vector<16xf32>
    dataflow.stream_write %e10 into %s : f32 -> !dataflow.stream<f32, 48>
    %e11 = vector.extract %w[11] : f32 from vector<16xf32>
    dataflow.stream_write %e11 into %s : f32 -> !dataflow.stream<f32, 48>
    %e12 = vector.extract %w[12] : f32 from vector<16xf32>
    dataflow.stream_write %e12 into %s : f32 -> !dataflow.stream<f32, 48>
    %e13 = vector.extract %w[13] : f32 from vector<16xf32>
    dataflow.stream_write %e13 into %s : f32 -> !dataflow.stream<f32, 48>
    %e14 = vector.extract %w[14] : f32 from vector<16xf32>
    dataflow.stream_write %e14 into %s : f32 -> !dataflow.stream<f32, 48>
    %e15 = vector.extract %w[15] : f32 from vector<16xf32>
    dataflow.stream_write %e15 into %s : f32 -> !dataflow.stream<f32, 48>
  } {dataflow.pipeline_ii = 16 : i64}
  return
}
func.func private @rows(%s: !dataflow.stream<f32, 48>, %y: memref<3x16xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c3 step %c1 {
    scf.for %j = %c0 to %c16 step %c1 {
      %v = dataflow.stream_read %s : !dataflow.stream<f32, 48> -> f32
      memref.store %v, %y[%i, %j] : memref<3x16xf32>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}
func.func @top(%x: memref<3xvector<16xf32>>, %y: memref<3x16xf32>) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 48>
  call @dma(%x, %s) : (memref<3xvector<16xf32>>, !dataflow.stream<f32, 48>) -> ()
  call @rows(%s, %y) : (!dataflow.stream<f32, 48>, memref<3x16xf32>) -> ()
  return
}

// -----

// The lanes need not be a power of two: rows of 9 go 9 at a time.
// CHECK-LABEL: func.func @top
// CHECK: !dataflow.stream<vector<9xf32>, 9>
func.func private @make(%s: !dataflow.stream<f32, 81>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c81 = arith.constant 81 : index
  %v = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c81 step %c1 {
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 81>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @take(%s: !dataflow.stream<f32, 81>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c9 = arith.constant 9 : index
  scf.for %i = %c0 to %c9 step %c1 {
    scf.for %j = %c0 to %c9 step %c1 {
      %v = dataflow.stream_read %s : !dataflow.stream<f32, 81> -> f32
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}
func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 81>
  call @make(%s) : (!dataflow.stream<f32, 81>) -> ()
  call @take(%s) : (!dataflow.stream<f32, 81>) -> ()
  return
}

// -----

// A stream read outside a loop, or under a condition, keeps scalar tokens,
// and so does every stream of its group.
// CHECK-LABEL: func.func @top
// CHECK: !dataflow.stream<f32, 32>
// CHECK: !dataflow.stream<f32, 32>
func.func private @source(%s: !dataflow.stream<f32, 32>, %t: !dataflow.stream<f32, 32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %v = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c32 step %c1 {
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 32>
    dataflow.stream_write %v into %t : f32 -> !dataflow.stream<f32, 32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @guarded(%s: !dataflow.stream<f32, 32>, %t: !dataflow.stream<f32, 32>, %flag: i1) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 32> -> f32
    scf.if %flag {
      %w = dataflow.stream_read %t : !dataflow.stream<f32, 32> -> f32
    }
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func @top(%flag: i1) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 32>
  %t = dataflow.stream {dataflow.name = "t"} : !dataflow.stream<f32, 32>
  call @source(%s, %t) : (!dataflow.stream<f32, 32>, !dataflow.stream<f32, 32>) -> ()
  call @guarded(%s, %t, %flag) : (!dataflow.stream<f32, 32>, !dataflow.stream<f32, 32>, i1) -> ()
  return
}
