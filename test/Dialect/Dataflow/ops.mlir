// RUN: streamtensor-opt %s | streamtensor-opt | FileCheck %s
// RUN: streamtensor-opt %s --mlir-print-op-generic | streamtensor-opt | FileCheck %s

// Every dataflow op parses, verifies and prints back to a form that parses
// again, in custom and generic form.

// CHECK-LABEL: func.func @kernel_with_task
// CHECK: dataflow.kernel "k0" ins(%{{.*}} : tensor<8x8xf32>) -> (tensor<8x8xf32>)
// CHECK: ^bb0(%{{.*}}: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>)
// CHECK: dataflow.itensor_empty : !dataflow.itensor<4x2xf32, [4, 2, 2]
// CHECK: dataflow.task "reuse" inits(%{{.*}} : !dataflow.itensor<4x2xf32, [4, 2, 2]
// CHECK: dataflow.itensor_read %{{.*}} init %{{.*}} : tensor<4x2xf32> : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4]{{.*}} -> tensor<4x2xf32>
// CHECK: dataflow.itensor_write %{{.*}} into %{{.*}} : tensor<4x2xf32> -> !dataflow.itensor<4x2xf32, [4, 2, 2]
// CHECK: dataflow.yield %{{.*}} : !dataflow.itensor<4x2xf32, [4, 2, 2]
// CHECK: dataflow.yield %{{.*}} : !dataflow.itensor<4x2xf32, [4, 2, 2]
func.func @kernel_with_task(%src: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = dataflow.kernel "k0" ins(%src : tensor<8x8xf32>) -> (tensor<8x8xf32>) {
  ^bb0(%in: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>):
    %empty = dataflow.itensor_empty : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
    %out = dataflow.task "reuse" inits(%empty : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>) -> (!dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>) {
    ^bb0(%dest: !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>):
      %init = tensor.empty() : tensor<4x2xf32>
      %tile = dataflow.itensor_read %in init %init : tensor<4x2xf32> : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> tensor<4x2xf32>
      %w = dataflow.itensor_write %tile into %dest : tensor<4x2xf32> -> !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
      dataflow.yield %w : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
    }
    dataflow.yield %out : !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
  }
  return %r : tensor<8x8xf32>
}

// A kernel may also pass a tensor through untouched, and a task may carry
// tensors.
// CHECK-LABEL: func.func @tensor_boundary
// CHECK: dataflow.kernel ins(%{{.*}} : tensor<4xf32>) -> (tensor<4xf32>)
// CHECK: dataflow.task inits(%{{.*}} : tensor<4xf32>) -> (tensor<4xf32>)
func.func @tensor_boundary(%src: tensor<4xf32>) -> tensor<4xf32> {
  %r = dataflow.kernel ins(%src : tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: tensor<4xf32>):
    %u = dataflow.task inits(%t : tensor<4xf32>) -> (tensor<4xf32>) {
    ^bb0(%x: tensor<4xf32>):
      dataflow.yield %x : tensor<4xf32>
    }
    dataflow.yield %u : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @itensor_ops
func.func @itensor_ops(
    %b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>,
    %row: !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)>,
    %v: !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)>) {
  // CHECK: dataflow.itensor_instance : !dataflow.itensor<2x2xf32
  %inst = dataflow.itensor_instance : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  // CHECK: dataflow.itensor_cast %{{.*}} : !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)>
  %cast = dataflow.itensor_cast %row : !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)>
  // CHECK: dataflow.itensor_reassociate %{{.*}} -> !dataflow.itensor<8xf32, [8] * [8], (d0) -> (d0)>
  %flat = dataflow.itensor_reassociate %row : !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<8xf32, [8] * [8], (d0) -> (d0)>
  // CHECK: dataflow.itensor_converter %{{.*}} {buffer_loop_level = 1 : i64, buffer_shape = array<i64: 8, 2>}
  %conv = dataflow.itensor_converter %b {buffer_shape = array<i64: 8, 2>, buffer_loop_level = 1} : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
  // CHECK: %{{.*}}:2 = dataflow.itensor_chunk %{{.*}} along 1
  %lo, %hi = dataflow.itensor_chunk %b along 1 : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  // CHECK: dataflow.itensor_concat %{{.*}}, %{{.*}} along 1
  %whole = dataflow.itensor_concat %lo, %hi along 1 : !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  // CHECK: %{{.*}}:2 = dataflow.itensor_fork
  %f0, %f1 = dataflow.itensor_fork %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  // CHECK: dataflow.itensor_join %{{.*}}, %{{.*}} : {{.*}} -> !dataflow.itensor<4x2xf32, [2, 4] * [4, 2], (d0, d1) -> (d0, 0)>
  %joined = dataflow.itensor_join %lo, %hi : !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 4] * [4, 2], (d0, d1) -> (d0, 0)>
  // CHECK: dataflow.itensor_read %{{.*}} : !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)> -> vector<4xf32>
  %vec = dataflow.itensor_read %v : !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)> -> vector<4xf32>
  return
}

// CHECK-LABEL: func.func @stream_ops
func.func @stream_ops(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>,
                      %v: !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)>) {
  // CHECK: dataflow.itensor_to_stream %{{.*}} -> !dataflow.stream<f32, 8>
  %s = dataflow.itensor_to_stream %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.stream<f32, 8>
  // CHECK: dataflow.stream_to_itensor %{{.*}} : !dataflow.stream<f32, 8> -> !dataflow.itensor<4x2xf32
  %back = dataflow.stream_to_itensor %s : !dataflow.stream<f32, 8> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  // CHECK: dataflow.itensor_to_stream %{{.*}} -> !dataflow.stream<vector<4xf32>, 2>
  %vs = dataflow.itensor_to_stream %v : !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)> -> !dataflow.stream<vector<4xf32>, 2>
  // CHECK: dataflow.stream : !dataflow.stream<f32, 32>
  %fifo = dataflow.stream : !dataflow.stream<f32, 32>
  // CHECK: dataflow.stream_read %{{.*}} : !dataflow.stream<f32, 32> -> f32
  %x = dataflow.stream_read %fifo : !dataflow.stream<f32, 32> -> f32
  // CHECK: dataflow.stream_write %{{.*}} into %{{.*}} : f32 -> !dataflow.stream<f32, 32>
  dataflow.stream_write %x into %fifo : f32 -> !dataflow.stream<f32, 32>
  // CHECK: dataflow.stream_cast %{{.*}} : !dataflow.stream<f32, 32> -> !dataflow.stream<f32, 4>
  %shallow = dataflow.stream_cast %fifo : !dataflow.stream<f32, 32> -> !dataflow.stream<f32, 4>
  // CHECK: dataflow.buffer : memref<2x8x2xf32>
  %buf = dataflow.buffer : memref<2x8x2xf32>
  // CHECK: dataflow.buffer {depth = 3 : i64} : memref<8xi8>
  %triple = dataflow.buffer {depth = 3} : memref<8xi8>
  return
}
