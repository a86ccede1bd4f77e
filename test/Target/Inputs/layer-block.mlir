// One layer of a toy model: y = x * w + cache[0] and row = x * w, where the
// cache is an 8x4 input the layer loop appends `row` to.
module attributes {streamtensor.layer_loop = {block = {layers = 3 : i64, chain = ["x", "y"], per_layer = ["bias"], append = [{from = "row", to = "cache"}, {from = "row", to = "copy", shape = array<i64: 8, 4>, layout = {contiguous = true, packed = true, shape = array<i64: 8, 4>, outer_dims_perm = array<i64: 1, 0>, inner_tiles = array<i64: 2, 1>, run = 1, lanes = 1}}]}}} {
func.func @block(%x: memref<4xf32>, %w: memref<4xf32>, %bias: memref<4xf32>, %cache: memref<8x4xf32>, %y: memref<4xf32>, %row: memref<1x4xf32>) {
  func.call @step(%x, %w, %bias, %cache, %y, %row) : (memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}

func.func @step(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %bias: memref<4xf32> {dataflow.port = 2 : i64, streamtensor.name = "bias", streamtensor.kind = "input"},
                %cache: memref<8x4xf32> {dataflow.port = 3 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 4 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %row: memref<1x4xf32> {dataflow.port = 5 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  %s0 = dataflow.stream {dataflow.name = "y_values"} : !dataflow.stream<f32, 2>
  %s1 = dataflow.stream {dataflow.name = "row_values"} : !dataflow.stream<f32, 2>
  func.call @compute(%x, %w, %bias, %cache, %s0, %s1) : (memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<8x4xf32>, !dataflow.stream<f32, 2>, !dataflow.stream<f32, 2>) -> ()
  func.call @store_y(%s0, %y) : (!dataflow.stream<f32, 2>, memref<4xf32>) -> ()
  func.call @store_row(%s1, %row) : (!dataflow.stream<f32, 2>, memref<1x4xf32>) -> ()
  return
}

func.func private @compute(%x: memref<4xf32>, %w: memref<4xf32>, %bias: memref<4xf32>, %cache: memref<8x4xf32>, %y: !dataflow.stream<f32, 2>, %row: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %xv = memref.load %x[%j] : memref<4xf32>
    %wv = memref.load %w[%j] : memref<4xf32>
    %bv = memref.load %bias[%j] : memref<4xf32>
    %cv = memref.load %cache[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %xv, %wv : f32
    %a = arith.addf %m, %cv : f32
    %r = arith.addf %a, %bv : f32
    dataflow.stream_write %r into %y : f32 -> !dataflow.stream<f32, 2>
    dataflow.stream_write %m into %row : f32 -> !dataflow.stream<f32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

func.func private @store_y(%in: !dataflow.stream<f32, 2>, %y: memref<4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    memref.store %v, %y[%j] : memref<4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

func.func private @store_row(%in: !dataflow.stream<f32, 2>, %row: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    memref.store %v, %row[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}
