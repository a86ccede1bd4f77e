// RUN: streamtensor-opt %s --dataflow-fuse-kernels --split-input-file | FileCheck %s
// RUN: streamtensor-opt %s --dataflow-fuse-kernels=memory-budget=100 --split-input-file | FileCheck %s --check-prefix=TIGHT

// Tasks here only pass their input on: fusion looks at the stream types at
// kernel boundaries, not at what the tasks compute.
!row = !dataflow.itensor<2x8xf32, [4] * [2], (d0) -> (d0, 0)>
!col = !dataflow.itensor<8x2xf32, [4] * [2], (d0) -> (0, d0)>

// Equal types: one kernel, producer task feeding the consumer directly.
// CHECK-LABEL: func.func @same_order
// CHECK-SAME: dataflow.unfused_intermediate_bytes = 256 : i64
// CHECK: %[[K:.*]] = dataflow.kernel "fused_0" ins(%arg0 : tensor<8x8xf32>) -> (tensor<8x8xf32>)
// CHECK: %[[P:.*]] = dataflow.task "p"
// CHECK-NOT: dataflow.itensor_converter
// CHECK: dataflow.task "c"
// CHECK: dataflow.yield %[[P]]
// CHECK-NOT: dataflow.kernel
// CHECK: return %[[K]]
func.func @same_order(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %a = dataflow.kernel "a" ins(%x : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !row):
    %e = dataflow.itensor_empty : !row
    %r = dataflow.task "p" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %in : !row
    }
    dataflow.yield %r : !row
  }
  %b = dataflow.kernel "b" ins(%a : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !row):
    %e = dataflow.itensor_empty : !row
    %r = dataflow.task "c" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %in : !row
    }
    dataflow.yield %r : !row
  }
  return %b : tensor<8x8xf32>
}

// -----

!row = !dataflow.itensor<2x8xf32, [4] * [2], (d0) -> (d0, 0)>
!col = !dataflow.itensor<8x2xf32, [4] * [2], (d0) -> (0, d0)>

// Different orders: a converter joins the two tasks; its whole-tensor
// buffer (2 x 256 bytes) does not fit a 100-byte budget.
// CHECK-LABEL: func.func @reordered
// CHECK: dataflow.kernel "fused_0"
// CHECK: dataflow.itensor_converter %{{.*}} : !dataflow.itensor<2x8xf32, [4] * [2], (d0) -> (d0, 0)> -> !dataflow.itensor<8x2xf32, [4] * [2], (d0) -> (0, d0)>
// TIGHT-LABEL: func.func @reordered
// TIGHT-COUNT-2: dataflow.kernel "{{a|b}}"
// TIGHT-NOT: dataflow.itensor_converter
func.func @reordered(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %a = dataflow.kernel "a" ins(%x : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !row):
    %e = dataflow.itensor_empty : !row
    %r = dataflow.task "p" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %in : !row
    }
    dataflow.yield %r : !row
  }
  %b = dataflow.kernel "b" ins(%a : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !col):
    %e = dataflow.itensor_empty : !col
    %r = dataflow.task "c" inits(%e : !col) -> (!col) {
    ^bb0(%o: !col):
      dataflow.yield %in : !col
    }
    dataflow.yield %r : !col
  }
  return %b : tensor<8x8xf32>
}

// -----

!row = !dataflow.itensor<2x8xf32, [4] * [2], (d0) -> (d0, 0)>

// An input read alike by two members is read once; a result also needed
// outside the group stays a kernel result.
// CHECK-LABEL: func.func @shared_input
// CHECK: %[[K:.*]]:2 = dataflow.kernel "fused_0" ins(%arg0 : tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: !dataflow.itensor<2x8xf32, [4] * [2], (d0) -> (d0, 0)>):
// CHECK: return %[[K]]#0, %[[K]]#1
func.func @shared_input(%x: tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %a = dataflow.kernel "a" ins(%x : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !row):
    %e = dataflow.itensor_empty : !row
    %r = dataflow.task "p" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %in : !row
    }
    dataflow.yield %r : !row
  }
  %b = dataflow.kernel "b" ins(%a, %x : tensor<8x8xf32>, tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !row, %again: !row):
    %e = dataflow.itensor_empty : !row
    %r = dataflow.task "c" inits(%e : !row) -> (!row) {
    ^bb0(%o: !row):
      dataflow.yield %again : !row
    }
    dataflow.yield %r : !row
  }
  return %a, %b : tensor<8x8xf32>, tensor<8x8xf32>
}
