// A three-process pipeline: DMA a 4x16 input into a stream, multiply each
// element by its column's weight and add one, DMA the result out.
func.func @scale(%x: memref<4x16xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                 %w: memref<16xf32> {dataflow.port = 1 : i64, streamtensor.name = "scale.weight", streamtensor.kind = "weight"},
                 %y: memref<4x16xf32> {dataflow.port = 2 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  %s0 = dataflow.stream {dataflow.name = "x_tokens"} : !dataflow.stream<f32, 2>
  %s1 = dataflow.stream {dataflow.name = "y_tokens"} : !dataflow.stream<f32, 2>
  func.call @dma_in_x(%x, %s0) : (memref<4x16xf32>, !dataflow.stream<f32, 2>) -> ()
  func.call @scale_0(%s0, %w, %s1) : (!dataflow.stream<f32, 2>, memref<16xf32>, !dataflow.stream<f32, 2>) -> ()
  func.call @dma_out_y(%s1, %y) : (!dataflow.stream<f32, 2>, memref<4x16xf32>) -> ()
  return
}

func.func private @dma_in_x(%x: memref<4x16xf32>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c16 step %c1 {
      %v = memref.load %x[%i, %j] : memref<4x16xf32>
      dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}

func.func private @scale_0(%in: !dataflow.stream<f32, 2>, %w: memref<16xf32>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant 1.0 : f32
  %buf = memref.alloca() {dataflow.name = "weight_buf", dataflow.partition = array<i64: 4>} : memref<16xf32>
  scf.for %j = %c0 to %c16 step %c1 {
    %v = memref.load %w[%j] : memref<16xf32>
    memref.store %v, %buf[%j] : memref<16xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c16 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
      %wj = memref.load %buf[%j] : memref<16xf32>
      %m = arith.mulf %v, %wj : f32
      %r = arith.addf %m, %one : f32
      dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 2>
    } {dataflow.pipeline_ii = 1 : i64, dataflow.unroll = 4 : i64}
  }
  return
}

func.func private @dma_out_y(%in: !dataflow.stream<f32, 2>, %y: memref<4x16xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c16 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
      memref.store %v, %y[%i, %j] : memref<4x16xf32>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}
