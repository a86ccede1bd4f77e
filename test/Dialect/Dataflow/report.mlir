// RUN: streamtensor-opt %s --dataflow-report=output=- -o /dev/null | FileCheck %s
// RUN: not streamtensor-opt %s --dataflow-report=output=/nonexistent/dir/r.json -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADPATH

// One FIFO edge (p to q) and one converter edge (p to r, 8x2 buffer, two
// halves of 64 bytes): half the task edges are plain FIFOs.
!b = !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
!c = !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>

// CHECK: "converter_bytes": 128
// CHECK: "dma_bytes_per_invocation": 1024
// CHECK: "fifo_bytes": 48
// CHECK: "fifo_edge_share": 0.5
// CHECK: "fifo_edges": 1
// CHECK: "intermediate_bytes_before_fusion": 512
// CHECK: "name": "figure5"
// CHECK: "num_converters": 1
// CHECK: "num_tasks": 3
// CHECK: "task_edges": 2
// BADPATH: error: cannot write report to '/nonexistent/dir/r.json'
func.func @figure5(%x: tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>)
    attributes {dataflow.unfused_intermediate_bytes = 512 : i64} {
  %r:2 = dataflow.kernel "k" ins(%x : tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  ^bb0(%in: !b):
    %e0 = dataflow.itensor_empty : !b
    %p = dataflow.task "p" inits(%e0 : !b) -> (!b) {
    ^bb0(%o: !b):
      dataflow.yield %in : !b
    }
    %f:2 = dataflow.itensor_fork %p : !b -> !b, !b
    %e1 = dataflow.itensor_empty : !b
    %q = dataflow.task "q" inits(%e1 : !b) -> (!b) {
    ^bb0(%o: !b):
      dataflow.yield %f#0 : !b
    }
    %conv = dataflow.itensor_converter %f#1 : !b -> !c
    %e2 = dataflow.itensor_empty : !c
    %s = dataflow.task "r" inits(%e2 : !c) -> (!c) {
    ^bb0(%o: !c):
      dataflow.yield %conv : !c
    }
    dataflow.yield %q, %s : !b, !c
  }
  return %r#0, %r#1 : tensor<8x8xf32>, tensor<8x8xf32>
}
