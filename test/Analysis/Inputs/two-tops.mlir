// Two accelerators, each a source process streaming 16 scalars to a DMA.
func.func @first(%y: memref<16xf32>) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 16>
  call @source(%s) : (!dataflow.stream<f32, 16>) -> ()
  call @first_dma_out0(%s, %y) : (!dataflow.stream<f32, 16>, memref<16xf32>) -> ()
  return
}
func.func @second(%y: memref<16xf32>) attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 16>
  call @source(%s) : (!dataflow.stream<f32, 16>) -> ()
  call @first_dma_out0(%s, %y) : (!dataflow.stream<f32, 16>, memref<16xf32>) -> ()
  return
}
func.func private @source(%s: !dataflow.stream<f32, 16>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    dataflow.stream_write %one into %s : f32 -> !dataflow.stream<f32, 16>
  }
  return
}
func.func private @first_dma_out0(%s: !dataflow.stream<f32, 16>, %y: memref<16xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 16> -> f32
    memref.store %v, %y[%i] : memref<16xf32>
  }
  return
}
