// RUN: streamtensor-opt %s --dataflow-report=output=- -o /dev/null | FileCheck %s
// RUN: not streamtensor-opt %s --dataflow-report=output=/nonexistent/dir/r.json -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADPATH
// RUN: streamtensor-opt %s --dataflow-report=output=- -o /dev/null | FileCheck %s --check-prefix=RAW
// RUN: streamtensor-opt %s --dataflow-pack-kernel-interface --dataflow-widen-kernel-interface --dataflow-report=output=- -o /dev/null | FileCheck %s --check-prefix=PACKED

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

// Every DMA carries its external-memory layout. Before the pack pass all are
// row-major element by element; after pack and widen, the input (columns of
// tiles outer) and both outputs are packed and moved in 512-bit words.
// RAW: "dmas": [
// RAW: "layout": {
// RAW-NEXT: "contiguous": false,
// RAW-NEXT: "packed": false,
// RAW-NEXT: "reason": "interface not packed (dataflow-pack-kernel-interface has not run)",
// RAW-NEXT: "vector_lanes": 1,
// RAW-NEXT: "word_bits": 32
// RAW: "packed_dmas": 0
// RAW: "widened_dmas": 0
// PACKED: "bytes_per_invocation": 256,
// PACKED-NEXT: "direction": "in",
// PACKED-NEXT: "layout": {
// PACKED-NEXT: "contiguous": true,
// PACKED-NEXT: "contiguous_elements": 64,
// PACKED-NEXT: "inner_tiles": [
// PACKED-NEXT: 4,
// PACKED-NEXT: 2
// PACKED-NEXT: ],
// PACKED-NEXT: "outer_dims_perm": [
// PACKED-NEXT: 1,
// PACKED-NEXT: 0
// PACKED-NEXT: ],
// PACKED-NEXT: "packed": true,
// PACKED-NEXT: "packed_shape": [
// PACKED-NEXT: 4,
// PACKED-NEXT: 2,
// PACKED-NEXT: 4,
// PACKED-NEXT: 2
// PACKED-NEXT: ],
// PACKED-NEXT: "vector_lanes": 16,
// PACKED-NEXT: "word_bits": 512
// PACKED: "packed_dmas": 3
// PACKED: "widened_dmas": 3
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
