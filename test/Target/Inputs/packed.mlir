// A 64x64 tensor streamed in 16x16 tiles, column of tiles by column of
// tiles, doubled and written back: at the dataflow level, for
// packed-ports.test to lower with the pack and widen passes. The task reads
// its tiles straight from the packed port (itensor folding).
!t = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
func.func @packed(%w: tensor<64x64xf32> {streamtensor.kind = "input", streamtensor.name = "w"})
    -> (tensor<64x64xf32> {streamtensor.name = "y"}) {
  %r = dataflow.kernel "k" ins(%w : tensor<64x64xf32>) -> (tensor<64x64xf32>) {
  ^bb0(%in: !t):
    %e = dataflow.itensor_empty : !t
    %o = dataflow.task "double" inits(%e : !t) -> (!t) {
    ^bb0(%d: !t):
      %c0 = arith.constant 0 : index
      %c16 = arith.constant 16 : index
      %c64 = arith.constant 64 : index
      %r0 = scf.for %i = %c0 to %c64 step %c16 iter_args(%a0 = %d) -> (!t) {
        %r1 = scf.for %j = %c0 to %c64 step %c16 iter_args(%a1 = %a0) -> (!t) {
          %init = tensor.empty() : tensor<16x16xf32>
          %tile = dataflow.itensor_read %in init %init : tensor<16x16xf32> : !t -> tensor<16x16xf32>
          %out = tensor.empty() : tensor<16x16xf32>
          %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
              ins(%tile : tensor<16x16xf32>) outs(%out : tensor<16x16xf32>) {
          ^bb0(%v: f32, %acc: f32):
            %m = arith.addf %v, %v : f32
            linalg.yield %m : f32
          } -> tensor<16x16xf32>
          %next = dataflow.itensor_write %s into %a1 : tensor<16x16xf32> -> !t
          scf.yield %next : !t
        }
        scf.yield %r1 : !t
      }
      dataflow.yield %r0 : !t
    }
    dataflow.yield %o : !t
  }
  return %r : tensor<64x64xf32>
}
