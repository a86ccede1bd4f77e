// RUN: streamtensor-opt %s --streamtensor-lower-dataflow-to-func=fold-inputs=false | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-lower-dataflow-to-func | FileCheck %s --check-prefix=FOLD
// RUN: streamtensor-opt %s --streamtensor-lower-dataflow | FileCheck %s --check-prefix=LOWERED

// A task scaling 2x2 tiles, a layout converter and a fork between DMAs.
!b = !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
!c = !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>

// The host wrapper keeps its signature and calls the accelerator.
// CHECK-LABEL: func.func @figure5
// CHECK: %[[R:.*]]:2 = call @figure5_k(%arg0)
// CHECK: return %[[R]]#0, %[[R]]#1

// The top function names its ports after the wrapper's arguments and results.
// CHECK-LABEL: func.func @figure5_k(%arg0: tensor<8x8xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
// CHECK-SAME: -> (tensor<8x8xf32> {streamtensor.name = "y"}, tensor<8x8xf32> {streamtensor.name = "z"})
// CHECK-SAME: attributes {dataflow.top}
// Unsized streams hold every scalar of their edge (64 for 8x8); the
// converter's output is twice that: the stream repeats each column block.
// CHECK: %[[IN:.*]] = dataflow.stream {dataflow.name = "dma_in0"} : !dataflow.stream<f32, 64>
// CHECK: call @figure5_k_dma_in0(%arg0, %[[IN]])
// CHECK: %[[P:.*]] = dataflow.stream {dataflow.name = "scale_out0"} : !dataflow.stream<f32, 64>
// CHECK: call @figure5_k_scale(%[[IN]], %[[P]])
// CHECK: call @figure5_k_fork0(%[[P]], %[[F0:.*]], %[[F1:.*]]) :
// CHECK: %[[C:.*]] = dataflow.stream {dataflow.name = "convert1"} : !dataflow.stream<f32, 128>
// CHECK: call @figure5_k_convert1(%[[F1]], %[[C]])
// CHECK: call @figure5_k_dma_out0(%[[F0]]) : {{.*}} -> tensor<8x8xf32>
// CHECK: call @figure5_k_dma_out1(%[[C]]) : {{.*}} -> tensor<8x8xf32>

// CHECK-LABEL: func.func private @figure5_k_scale
// CHECK-SAME: attributes {dataflow.process}
// CHECK: dataflow.stream_read
// CHECK: arith.mulf
// CHECK: dataflow.stream_write

// The converter fills an 8x2 buffer under the shared column loop, then
// drains it in the consumer's order.
// CHECK-LABEL: func.func private @figure5_k_convert1
// CHECK: scf.for
// CHECK: tensor.empty() : tensor<8x2xf32>
// CHECK: dataflow.stream_read
// CHECK: tensor.insert
// CHECK: tensor.extract
// CHECK: dataflow.stream_write

// Folded: the only reader of the input fetches its tiles from the port.
// FOLD-LABEL: func.func @figure5_k(
// FOLD-NOT: dma_in
// FOLD: call @figure5_k_scale(%arg0, %{{.*}}) : (tensor<8x8xf32>, !dataflow.stream<f32, 64>) -> ()
// FOLD-LABEL: func.func private @figure5_k_scale(%arg0: tensor<8x8xf32>
// FOLD: tensor.extract_slice %arg0[{{.*}}] [4, 2] [1, 1]
// FOLD-NOT: dataflow.stream_read
// FOLD: dataflow.stream_write

// After bufferization the processes only load, store and use streams.
// LOWERED-LABEL: func.func @figure5_k(
// LOWERED-SAME: %arg0: memref<8x8xf32>
// LOWERED-SAME: %arg1: memref<8x8xf32> {streamtensor.name = "y"}
// LOWERED-SAME: attributes {dataflow.top}
// Output DMAs write the result ports themselves.
// LOWERED: call @figure5_k_dma_out0(%{{.*}}, %arg1)
// LOWERED-NOT: tensor.
// LOWERED-NOT: memref.copy
// LOWERED-NOT: memref.subview
// LOWERED-NOT: iter_args
// LOWERED-NOT: linalg.
func.func @figure5(%x: tensor<8x8xf32> {streamtensor.kind = "input", streamtensor.name = "x"})
    -> (tensor<8x8xf32> {streamtensor.name = "y"}, tensor<8x8xf32> {streamtensor.name = "z"}) {
  %r:2 = dataflow.kernel "k" ins(%x : tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  ^bb0(%in: !b):
    %c0 = arith.constant 0 : index
    %c2 = arith.constant 2 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %two = arith.constant 2.0 : f32
    %e0 = dataflow.itensor_empty : !b
    %p = dataflow.task "scale" inits(%e0 : !b) -> (!b) {
    ^bb0(%o: !b):
      %r0 = scf.for %i = %c0 to %c8 step %c2 iter_args(%a0 = %o) -> (!b) {
        %r1 = scf.for %j = %c0 to %c8 step %c4 iter_args(%a1 = %a0) -> (!b) {
          %init = tensor.empty() : tensor<4x2xf32>
          %t = dataflow.itensor_read %in init %init : tensor<4x2xf32> : !b -> tensor<4x2xf32>
          %out = tensor.empty() : tensor<4x2xf32>
          %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
              ins(%t : tensor<4x2xf32>) outs(%out : tensor<4x2xf32>) {
          ^bb0(%v: f32, %unused: f32):
            %m = arith.mulf %v, %two : f32
            linalg.yield %m : f32
          } -> tensor<4x2xf32>
          %w = dataflow.itensor_write %s into %a1 : tensor<4x2xf32> -> !b
          scf.yield %w : !b
        }
        scf.yield %r1 : !b
      }
      dataflow.yield %r0 : !b
    }
    %f:2 = dataflow.itensor_fork %p : !b -> !b, !b
    %conv = dataflow.itensor_converter %f#1 : !b -> !c
    dataflow.yield %f#0, %conv : !b, !c
  }
  return %r#0, %r#1 : tensor<8x8xf32>, tensor<8x8xf32>
}
