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

// Two reshapes of one argument share one port; each process reshapes it.
// CHECK-LABEL: func.func @views_k(
// CHECK-SAME: %arg0: tensor<2x8xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
// CHECK-SAME: -> (tensor<16xf32>
// CHECK: call @views_k_first(%arg0
// CHECK: call @views_k_second(%arg0
// CHECK-LABEL: func.func private @views_k_first(%arg0: tensor<2x8xf32>
// CHECK: tensor.collapse_shape %arg0
// CHECK-LABEL: func.func private @views_k_second(%arg0: tensor<2x8xf32>
// CHECK: tensor.expand_shape %arg0
!flat = !dataflow.itensor<16xf32, [] * [], () -> (0)>
!cube = !dataflow.itensor<2x2x4xf32, [] * [], () -> (0, 0, 0)>
func.func @views(%x: tensor<2x8xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
    -> (tensor<16xf32>, tensor<2x2x4xf32>) {
  %flat = tensor.collapse_shape %x [[0, 1]] : tensor<2x8xf32> into tensor<16xf32>
  %cube = tensor.expand_shape %x [[0], [1, 2]] output_shape [2, 2, 4] : tensor<2x8xf32> into tensor<2x2x4xf32>
  %r:2 = dataflow.kernel "k" ins(%flat, %cube : tensor<16xf32>, tensor<2x2x4xf32>) -> (tensor<16xf32>, tensor<2x2x4xf32>) {
  ^bb0(%a: tensor<16xf32>, %b: tensor<2x2x4xf32>):
    %f = dataflow.task "first" inits(%a : tensor<16xf32>) -> (tensor<16xf32>) {
    ^bb0(%d: tensor<16xf32>):
      dataflow.yield %a : tensor<16xf32>
    }
    %s = dataflow.task "second" inits(%b : tensor<2x2x4xf32>) -> (tensor<2x2x4xf32>) {
    ^bb0(%d: tensor<2x2x4xf32>):
      dataflow.yield %b : tensor<2x2x4xf32>
    }
    dataflow.yield %f, %s : tensor<16xf32>, tensor<2x2x4xf32>
  }
  return %r#0, %r#1 : tensor<16xf32>, tensor<2x2x4xf32>
}

// Static slices of an argument (the Q and K columns of a fused projection
// weight) are views too: they share the weight's one port, and each DMA
// reads its own columns.
// CHECK-LABEL: func.func @slices_k(
// CHECK-SAME: %arg0: tensor<4x16xf32> {streamtensor.kind = "weight", streamtensor.name = "w"})
// CHECK: call @slices_k_dma_in0(%arg0
// CHECK: call @slices_k_dma_in1(%arg0
// CHECK-LABEL: func.func private @slices_k_dma_in0(%arg0: tensor<4x16xf32>
// CHECK: tensor.extract_slice %arg0[0, 0] [4, 8] [1, 1]
// CHECK-LABEL: func.func private @slices_k_dma_in1(%arg0: tensor<4x16xf32>
// CHECK: tensor.extract_slice %arg0[0, 8] [4, 8] [1, 1]
!cols = !dataflow.itensor<4x8xf32, [] * [], () -> (0, 0)>
func.func @slices(%w: tensor<4x16xf32> {streamtensor.kind = "weight", streamtensor.name = "w"})
    -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %q = tensor.extract_slice %w[0, 0] [4, 8] [1, 1] : tensor<4x16xf32> to tensor<4x8xf32>
  %k = tensor.extract_slice %w[0, 8] [4, 8] [1, 1] : tensor<4x16xf32> to tensor<4x8xf32>
  %r:2 = dataflow.kernel "k" ins(%q, %k : tensor<4x8xf32>, tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  ^bb0(%a: !cols, %b: !cols):
    %e = dataflow.itensor_empty : !cols
    %f = dataflow.task "first" inits(%e : !cols) -> (!cols) {
    ^bb0(%d: !cols):
      dataflow.yield %a : !cols
    }
    %s = dataflow.task "second" inits(%e : !cols) -> (!cols) {
    ^bb0(%d: !cols):
      dataflow.yield %b : !cols
    }
    dataflow.yield %f, %s : !cols, !cols
  }
  return %r#0, %r#1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// A tensor passed between two kernels (a function split under the memory
// budget) has one name, the producing kernel's, on both ports, and the
// kernels' functions follow the order in which the function calls them.
// CHECK-LABEL: func.func @split(
// CHECK: call @split_a(
// CHECK: call @split_b(
// CHECK-LABEL: func.func @split_a(
// CHECK-SAME: -> (tensor<16xf32> {streamtensor.name = "a.out0"})
// CHECK-LABEL: func.func @split_b(
// CHECK-SAME: %arg0: tensor<16xf32> {streamtensor.kind = "input", streamtensor.name = "a.out0"}
func.func @split(%x: tensor<16xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
    -> (tensor<16xf32> {streamtensor.name = "y"}) {
  %mid = dataflow.kernel "a" ins(%x : tensor<16xf32>) -> (tensor<16xf32>) {
  ^bb0(%in: !t):
    %e = dataflow.itensor_empty : !t
    %o = dataflow.task "copy" inits(%e : !t) -> (!t) {
    ^bb0(%d: !t):
      dataflow.yield %in : !t
    }
    dataflow.yield %o : !t
  }
  %r = dataflow.kernel "b" ins(%mid : tensor<16xf32>) -> (tensor<16xf32>) {
  ^bb0(%in: !t):
    %e = dataflow.itensor_empty : !t
    %o = dataflow.task "copy" inits(%e : !t) -> (!t) {
    ^bb0(%d: !t):
      dataflow.yield %in : !t
    }
    dataflow.yield %o : !t
  }
  return %r : tensor<16xf32>
}
