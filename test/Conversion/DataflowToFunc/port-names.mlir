// RUN: streamtensor-opt %s --streamtensor-lower-dataflow-to-func | FileCheck %s

// Ports read through a reshape of an argument, or returned through one, are
// named after that argument or result: a reshape keeps the bytes.
// CHECK-LABEL: func.func @named_k(
// CHECK-SAME: streamtensor.name = "x"
// CHECK-SAME: -> (tensor<16xf32> {streamtensor.name = "y"})
!t = !dataflow.itensor<16xf32, [] * [], () -> (0)>
func.func @named(%x: tensor<2x8xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
    -> (tensor<2x8xf32> {streamtensor.name = "y"}) {
  %flat = tensor.collapse_shape %x [[0, 1]] : tensor<2x8xf32> into tensor<16xf32>
  %r = dataflow.kernel "k" ins(%flat : tensor<16xf32>) -> (tensor<16xf32>) {
  ^bb0(%in: !t):
    %e = dataflow.itensor_empty : !t
    %o = dataflow.task "copy" inits(%e : !t) -> (!t) {
    ^bb0(%d: !t):
      dataflow.yield %in : !t
    }
    dataflow.yield %o : !t
  }
  %y = tensor.expand_shape %r [[0, 1]] output_shape [2, 8] : tensor<16xf32> into tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}
