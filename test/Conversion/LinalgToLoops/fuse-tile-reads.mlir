// RUN: streamtensor-opt %s --split-input-file --streamtensor-fuse-tile-reads | FileCheck %s

// A 2x32 weight tile copied word by word (16 lanes) into a buffer, then
// walked by a multiply-add nest unrolled by 16: the nest reads each word
// itself, once per iteration over words, and repeats its body per lane;
// the x element it shares across lanes is loaded once.
// CHECK-LABEL: func.func @gemv_tile
// CHECK-NOT: memref<2x32xf32>
// CHECK: scf.for %[[K:.+]] = %c0 to %c2 step %c1 {
// CHECK: scf.for %[[C:.+]] = %{{.+}} to %{{.+}} step %{{.+}} {
// CHECK: %[[W:.+]] = memref.load %arg0[%{{.+}}] : memref<64xvector<16xf32>>
// CHECK: %[[X:.+]] = memref.load %arg1[%[[K]]]
// CHECK-COUNT-16: vector.extract %[[W]]
// CHECK-COUNT-16: arith.mulf %[[X]]
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
// CHECK-NOT: dataflow.word_lanes
func.func @gemv_tile(%w: memref<64xvector<16xf32>>, %x: memref<2xf32>, %acc: memref<32xf32>, %base: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %tile = memref.alloc() {dataflow.partition = array<i64: 1, 16>} : memref<2x32xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<64xvector<16xf32>>
    %row = arith.divui %i, %c2 : index
    %col = arith.remui %i, %c2 : index
    %e = vector.extract %word[0] : f32 from vector<16xf32>
    memref.store %e, %tile[%row, %col] : memref<2x32xf32>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 16 : i64}
  scf.for %k = %c0 to %c2 step %c1 {
    scf.for %n = %c0 to %c32 step %c1 {
      %a = memref.load %x[%k] : memref<2xf32>
      %b = memref.load %tile[%k, %n] : memref<2x32xf32>
      %c = memref.load %acc[%n] : memref<32xf32>
      %m = arith.mulf %a, %b : f32
      %s = arith.addf %c, %m : f32
      memref.store %s, %acc[%n] : memref<32xf32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 16 : i64}
  }
  return
}

// -----

// Kept: the nest reads the tile transposed, not in the order of its words.
// CHECK-LABEL: func.func @transposed_use
// CHECK: memref.alloc
// CHECK-NOT: dataflow.word_lanes
func.func @transposed_use(%w: memref<64xvector<16xf32>>, %acc: memref<32xf32>, %base: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %tile = memref.alloc() : memref<32x2xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<64xvector<16xf32>>
    %e = vector.extract %word[0] : f32 from vector<16xf32>
    memref.store %e, %tile[%i, %c0] : memref<32x2xf32>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 16 : i64}
  scf.for %k = %c0 to %c2 step %c1 {
    scf.for %n = %c0 to %c32 step %c1 {
      %b = memref.load %tile[%n, %k] : memref<32x2xf32>
      memref.store %b, %acc[%n] : memref<32xf32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 16 : i64}
  }
  return
}

// -----

// A transposed weight tile: each word is one row, the nest's innermost
// loop sums the row's 16 lanes into one accumulator element. The row loop
// reads its word itself and adds the 16 products as a tree, once.
// CHECK-LABEL: func.func @row_dot
// CHECK: scf.for %[[N:.+]] = %c0 to %c4 step %c1 {
// CHECK: %[[W:.+]] = memref.load %arg0[%{{.+}}] : memref<64xvector<16xf32>>
// CHECK: %[[E:.+]] = memref.load %arg2[%[[N]]]
// CHECK-COUNT-16: arith.mulf
// CHECK-COUNT-15: arith.addf
// CHECK: arith.addf %[[E]], %{{.+}} : f32
// CHECK: memref.store %{{.+}}, %arg2[%[[N]]]
// CHECK-NOT: memref.store
func.func @row_dot(%w: memref<64xvector<16xf32>>, %x: memref<16xf32>, %acc: memref<4xf32>, %base: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %tile = memref.alloc() : memref<4x16xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<64xvector<16xf32>>
    %e = vector.extract %word[0] : f32 from vector<16xf32>
    memref.store %e, %tile[%i, %c0] : memref<4x16xf32>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 16 : i64}
  scf.for %n = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c16 step %c1 {
      %a = memref.load %x[%k] : memref<16xf32>
      %b = memref.load %tile[%n, %k] : memref<4x16xf32>
      %c = memref.load %acc[%n] : memref<4xf32>
      %m = arith.mulf %a, %b : f32
      %s = arith.addf %c, %m : f32
      memref.store %s, %acc[%n] : memref<4xf32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 16 : i64}
  }
  return
}

// -----

// The same with int8 codes and an int32 accumulator: the lanes' products
// are added as an integer tree (exact), once per row.
// CHECK-LABEL: func.func @row_dot_integer
// CHECK: %[[E:.+]] = memref.load %arg2[%{{.+}}] : memref<4xi32>
// CHECK-COUNT-4: arith.muli
// CHECK-COUNT-3: arith.addi %{{.+}}, %{{.+}} : i32
// CHECK: %[[S:.+]] = arith.addi %[[E]], %{{.+}} : i32
// CHECK: memref.store %[[S]], %arg2[%{{.+}}]
// CHECK-NOT: memref.store
func.func @row_dot_integer(%w: memref<16xvector<4xi8>>, %x: memref<4xi32>, %acc: memref<4xi32>, %base: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %tile = memref.alloc() : memref<4x4xi8>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<16xvector<4xi8>>
    %e = vector.extract %word[0] : i8 from vector<4xi8>
    memref.store %e, %tile[%i, %c0] : memref<4x4xi8>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 4 : i64}
  scf.for %n = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %x[%k] : memref<4xi32>
      %b = memref.load %tile[%n, %k] : memref<4x4xi8>
      %c = memref.load %acc[%n] : memref<4xi32>
      %bw = arith.extsi %b : i8 to i32
      %m = arith.muli %a, %bw : i32
      %s = arith.addi %c, %m : i32
      memref.store %s, %acc[%n] : memref<4xi32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}

// -----

// Every lane would overwrite the same element with something that is not
// a sum: running the lanes side by side would lose all but one, so the
// tile is not fused.
// CHECK-LABEL: func.func @lanes_overwrite_one_element
// CHECK: memref.alloc() : memref<4x4xi8>
// CHECK: arith.maxsi
// CHECK: dataflow.unroll = 4
func.func @lanes_overwrite_one_element(%w: memref<16xvector<4xi8>>, %acc: memref<4xi32>, %base: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %tile = memref.alloc() : memref<4x4xi8>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<16xvector<4xi8>>
    %e = vector.extract %word[0] : i8 from vector<4xi8>
    memref.store %e, %tile[%i, %c0] : memref<4x4xi8>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 4 : i64}
  scf.for %n = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c4 step %c1 {
      %b = memref.load %tile[%n, %k] : memref<4x4xi8>
      %c = memref.load %acc[%n] : memref<4xi32>
      %bw = arith.extsi %b : i8 to i32
      %m = arith.maxsi %c, %bw : i32
      memref.store %m, %acc[%n] : memref<4xi32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}

// -----

// An accumulator initialised between the copy and the nest does not touch
// the weight's memory: the nest still reads the words itself. A row of one
// word leaves the loop over the rows to pipeline.
// CHECK-LABEL: func.func @init_between
// CHECK-NOT: memref.alloc() : memref<4x4xi8>
// CHECK: scf.for
// CHECK: memref.store %{{.+}}, %arg2
// CHECK: scf.for %[[N:.+]] =
// CHECK: memref.load %arg0
// CHECK-COUNT-4: vector.extract
// CHECK: } {dataflow.pipeline_ii = 1 : i64}
func.func @init_between(%w: memref<16xvector<4xi8>>, %x: memref<4xi32>, %acc: memref<4xi32>, %base: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i32
  %tile = memref.alloc() : memref<4x4xi8>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<16xvector<4xi8>>
    %e = vector.extract %word[0] : i8 from vector<4xi8>
    memref.store %e, %tile[%i, %c0] : memref<4x4xi8>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 4 : i64}
  scf.for %n = %c0 to %c4 step %c1 {
    memref.store %zero, %acc[%n] : memref<4xi32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %n = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %x[%k] : memref<4xi32>
      %b = memref.load %tile[%n, %k] : memref<4x4xi8>
      %c = memref.load %acc[%n] : memref<4xi32>
      %bw = arith.extsi %b : i8 to i32
      %m = arith.muli %a, %bw : i32
      %s = arith.addi %c, %m : i32
      memref.store %s, %acc[%n] : memref<4xi32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}

// -----

// Work between the copy and the nest that writes the weight's memory keeps
// the copy: the words must be read before it.
// CHECK-LABEL: func.func @port_written_between
// CHECK: %[[TILE:.+]] = memref.alloc() : memref<4x4xi8>
// CHECK: memref.store %{{.+}}, %[[TILE]]
// CHECK: memref.store %arg4, %arg0
// CHECK: memref.load %[[TILE]]
func.func @port_written_between(%w: memref<16xvector<4xi8>>, %x: memref<4xi32>, %acc: memref<4xi32>, %base: index, %v: vector<4xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %tile = memref.alloc() : memref<4x4xi8>
  scf.for %i = %c0 to %c4 step %c1 {
    %idx = arith.addi %base, %i : index
    %word = memref.load %w[%idx] : memref<16xvector<4xi8>>
    %e = vector.extract %word[0] : i8 from vector<4xi8>
    memref.store %e, %tile[%i, %c0] : memref<4x4xi8>
  } {dataflow.pipeline_ii = 1 : i64, dataflow.word_lanes = 4 : i64}
  memref.store %v, %w[%base] : memref<16xvector<4xi8>>
  scf.for %n = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %x[%k] : memref<4xi32>
      %b = memref.load %tile[%n, %k] : memref<4x4xi8>
      %c = memref.load %acc[%n] : memref<4xi32>
      %bw = arith.extsi %b : i8 to i32
      %m = arith.muli %a, %bw : i32
      %s = arith.addi %c, %m : i32
      memref.store %s, %acc[%n] : memref<4xi32>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}
