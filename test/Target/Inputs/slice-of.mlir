func.func @top(%w: memref<8x8xf32> {dataflow.port = 0 : i64, streamtensor.kind = "weight", streamtensor.name = "attn.w[0:8,8:16]", streamtensor.slice_of = {source = "attn.w", offsets = array<i64: 0, 8>, sizes = array<i64: 8, 8>}},
               %y: memref<8x8xf32> {dataflow.port = 1 : i64, streamtensor.kind = "output", streamtensor.name = "y", streamtensor.valid_shape = array<i64: 8, 5>}) attributes {dataflow.top} {
  func.call @copy(%w, %y) : (memref<8x8xf32>, memref<8x8xf32>) -> ()
  return
}
func.func private @copy(%w: memref<8x8xf32>, %y: memref<8x8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    scf.for %j = %c0 to %c8 step %c1 {
      %v = memref.load %w[%i, %j] : memref<8x8xf32>
      memref.store %v, %y[%i, %j] : memref<8x8xf32>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  return
}
