// RUN: streamtensor-opt %s --dataflow-ensure-single-use | FileCheck %s

!row = !dataflow.itensor<2x8xf32, [4] * [2], (d0) -> (d0, 0)>

// A stream read by two tasks is forked; a placeholder used twice is copied.
// CHECK-LABEL: func.func @shared
// CHECK: ^bb0(%[[IN:.*]]: !dataflow.itensor
// CHECK-NEXT: %[[F:.*]]:2 = dataflow.itensor_fork %[[IN]]
// CHECK-COUNT-2: dataflow.itensor_empty
// CHECK-NOT: dataflow.itensor_fork
// CHECK: dataflow.task "first" inits
// CHECK: dataflow.yield %[[F]]#{{[01]}}
// CHECK: dataflow.task "second" inits
// CHECK: dataflow.yield %[[F]]#{{[01]}}
func.func @shared(%x: tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %r:2 = dataflow.kernel ins(%x : tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  ^bb0(%in: !row):
    %e = dataflow.itensor_empty : !row
    %a = dataflow.task "first" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %in : !row
    }
    %b = dataflow.task "second" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %in : !row
    }
    dataflow.yield %a, %b : !row, !row
  }
  return %r#0, %r#1 : tensor<8x8xf32>, tensor<8x8xf32>
}
