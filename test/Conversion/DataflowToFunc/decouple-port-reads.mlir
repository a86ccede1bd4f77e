// RUN: streamtensor-opt %s --split-input-file --streamtensor-decouple-port-reads | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-decouple-port-reads="max-depth=16 prefetch-words=0" | FileCheck %s --check-prefix=DEPTH
// RUN: streamtensor-opt %s --split-input-file --streamtensor-decouple-port-reads=max-depth=16 | FileCheck %s --check-prefix=WHOLE
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-decouple-port-reads=max-depth=1 2>&1 | FileCheck %s --check-prefix=BAD

// A product reads a 4-value activation tile, then loads 8 weight words per
// tile. The loads move to a reader whose loops nest perfectly: the address
// arithmetic sits next to the load and the constants in the entry block.
// The product reads the reader's FIFO where it loaded and no longer has the
// port; the top creates the FIFO, capped in depth, and calls the reader
// with the port.
// CHECK-LABEL: func.func private @product(
// CHECK-SAME: %{{.+}}: !dataflow.stream<f32, 4>, %[[W:.+]]: !dataflow.stream<vector<16xi8>, 2>,
// CHECK-NOT: memref.load %[[W]]
// CHECK: scf.for
// CHECK: dataflow.stream_read %{{.+}} : !dataflow.stream<f32, 4>
// CHECK: scf.for
// CHECK: %[[WORD:.+]] = dataflow.stream_read %[[W]] : !dataflow.stream<vector<16xi8>, 2> -> vector<16xi8>
// CHECK-NEXT: vector.extract %[[WORD]][0]
// CHECK-LABEL: func.func private @product_read1(
// CHECK-SAME: %[[P:.+]]: memref<32xvector<16xi8>>, %[[S:.+]]: !dataflow.stream<vector<16xi8>, 2>)
// CHECK-SAME: attributes {dataflow.process}
// CHECK-DAG: arith.constant 8 : index
// CHECK-DAG: arith.constant 4 : index
// CHECK: scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step %{{.+}} {
// CHECK-NEXT: scf.for %[[J:.+]] = %{{.+}} to %{{.+}} step %{{.+}} {
// CHECK-NEXT: %[[BASE:.+]] = arith.muli %[[T]], %{{.+}} : index
// CHECK-NEXT: %[[AT:.+]] = arith.addi %[[BASE]], %[[J]] : index
// CHECK-NEXT: %[[LOADED:.+]] = memref.load %[[P]][%[[AT]]] : memref<32xvector<16xi8>>
// CHECK-NEXT: dataflow.stream_write %[[LOADED]] into %[[S]]
// CHECK-NEXT: } {dataflow.pipeline_ii = 1 : i64}
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-LABEL: func.func @top(
// CHECK-SAME: %[[PORT:.+]]: memref<32xvector<16xi8>>
// CHECK: %[[FIFO:.+]] = dataflow.stream {dataflow.max_depth = 64 : i64, dataflow.name = "product_read1"} : !dataflow.stream<vector<16xi8>, 2>
// CHECK-NEXT: call @product_read1(%[[PORT]], %[[FIFO]])
// CHECK-NEXT: call @product(%{{.+}}, %[[FIFO]], %{{.+}})
// DEPTH: dataflow.max_depth = 16 : i64
// The 32 words are at most prefetch-words (256): the reader may run ahead
// through all of them.
// WHOLE: dataflow.max_depth = 32 : i64
// BAD: max-depth must be at least 2
func.func private @product(%x: !dataflow.stream<f32, 4>, %w: memref<32xvector<16xi8>>, %out: !dataflow.stream<i8, 4>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %tile = memref.alloc() : memref<4xf32>
  scf.for %t = %c0 to %c4 step %c1 {
    scf.for %i = %c0 to %c4 step %c1 {
      %v = dataflow.stream_read %x : !dataflow.stream<f32, 4> -> f32
      memref.store %v, %tile[%i] : memref<4xf32>
    } {dataflow.pipeline_ii = 1 : i64}
    %base = arith.muli %t, %c8 : index
    scf.for %j = %c0 to %c8 step %c1 {
      %at = arith.addi %base, %j : index
      %word = memref.load %w[%at] : memref<32xvector<16xi8>>
      %e = vector.extract %word[0] : i8 from vector<16xi8>
      dataflow.stream_write %e into %out : i8 -> !dataflow.stream<i8, 4>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}
func.func private @source(%x: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %cst = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    dataflow.stream_write %cst into %x : f32 -> !dataflow.stream<f32, 4>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @sink(%s: !dataflow.stream<i8, 4>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<i8, 4> -> i8
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func @top(%w: memref<32xvector<16xi8>> {streamtensor.kind = "weight", streamtensor.name = "w"}) attributes {dataflow.top} {
  %x = dataflow.stream {dataflow.name = "x"} : !dataflow.stream<f32, 4>
  %out = dataflow.stream {dataflow.name = "out"} : !dataflow.stream<i8, 4>
  call @source(%x) : (!dataflow.stream<f32, 4>) -> ()
  call @product(%x, %w, %out) : (!dataflow.stream<f32, 4>, memref<32xvector<16xi8>>, !dataflow.stream<i8, 4>) -> ()
  call @sink(%out) : (!dataflow.stream<i8, 4>) -> ()
  return
}

// -----

// Left alone: a process that reads no stream (a DMA reader already), an
// address computed from streamed data, a port the process also writes, and
// a load outside any loop.
// CHECK-LABEL: func.func private @reader(
// CHECK-SAME: memref<8xf32>
// CHECK: memref.load
// CHECK-LABEL: func.func private @gather(
// CHECK-SAME: memref<8xf32>
// CHECK: memref.load
// CHECK-LABEL: func.func private @update(
// CHECK-SAME: memref<8xf32>
// CHECK: memref.load
// CHECK-LABEL: func.func private @once(
// CHECK-SAME: memref<8xf32>
// CHECK: memref.load
// CHECK-LABEL: func.func @top2(
// CHECK-NOT: max_depth
// CHECK: return
func.func private @reader(%m: memref<8xf32>, %s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %m[%i] : memref<8xf32>
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @gather(%idx: !dataflow.stream<i32, 2>, %m: memref<8xf32>, %s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %r = dataflow.stream_read %idx : !dataflow.stream<i32, 2> -> i32
    %at = arith.index_cast %r : i32 to index
    %v = memref.load %m[%at] : memref<8xf32>
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @update(%in: !dataflow.stream<f32, 2>, %m: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %a = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %b = memref.load %m[%i] : memref<8xf32>
    %c = arith.addf %a, %b : f32
    memref.store %c, %m[%i] : memref<8xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
func.func private @once(%in: !dataflow.stream<f32, 2>, %m: memref<8xf32>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %a = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  %b = memref.load %m[%c0] : memref<8xf32>
  %c = arith.addf %a, %b : f32
  dataflow.stream_write %c into %out : f32 -> !dataflow.stream<f32, 2>
  return
}
func.func @top2(%a: memref<8xf32> {streamtensor.name = "a"}, %b: memref<8xf32> {streamtensor.name = "b"}, %c: memref<8xf32> {streamtensor.name = "c"}, %d: memref<8xf32> {streamtensor.name = "d"}, %idx: !dataflow.stream<i32, 2>, %in: !dataflow.stream<f32, 2>, %in2: !dataflow.stream<f32, 2>, %s: !dataflow.stream<f32, 2>, %s2: !dataflow.stream<f32, 2>, %s3: !dataflow.stream<f32, 2>) attributes {dataflow.top} {
  call @reader(%a, %s) : (memref<8xf32>, !dataflow.stream<f32, 2>) -> ()
  call @gather(%idx, %b, %s2) : (!dataflow.stream<i32, 2>, memref<8xf32>, !dataflow.stream<f32, 2>) -> ()
  call @update(%in, %c) : (!dataflow.stream<f32, 2>, memref<8xf32>) -> ()
  call @once(%in2, %d, %s3) : (!dataflow.stream<f32, 2>, memref<8xf32>, !dataflow.stream<f32, 2>) -> ()
  return
}
