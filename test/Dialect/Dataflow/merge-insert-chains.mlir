// RUN: streamtensor-opt %s --split-input-file --dataflow-merge-insert-chains | FileCheck %s

!piece = !dataflow.itensor<4xf32, [] * [], () -> (0)>
!half = !dataflow.itensor<8xf32, [] * [], () -> (0)>
!whole = !dataflow.itensor<16xf32, [] * [], () -> (0)>

// Four pieces joined by a chain of tasks (the first two into a half, the
// half and the third into the whole, then the fourth): one task reads the
// four pieces and inserts each at its final offset, the half's inserts
// flattened into the whole.
// CHECK-LABEL: func.func @chain
// CHECK: ^bb0(%[[P0:arg[0-9]+]]: {{[^%]+}}%[[P1:arg[0-9]+]]: {{[^%]+}}%[[P2:arg[0-9]+]]: {{[^%]+}}%[[P3:arg[0-9]+]]:
// CHECK-NOT: dataflow.task
// CHECK: dataflow.task "join"
// CHECK-NOT: dataflow.task
// CHECK-DAG: %[[A:.+]] = dataflow.itensor_read %[[P0]] init
// CHECK-DAG: %[[B:.+]] = dataflow.itensor_read %[[P1]] init
// CHECK-DAG: %[[C:.+]] = dataflow.itensor_read %[[P2]] init
// CHECK-DAG: %[[D:.+]] = dataflow.itensor_read %[[P3]] init
// CHECK-DAG: tensor.insert_slice %[[A]] into %{{.+}}[0] [4] [1]
// CHECK-DAG: tensor.insert_slice %[[B]] into %{{.+}}[4] [4] [1]
// CHECK-DAG: tensor.insert_slice %[[C]] into %{{.+}}[8] [4] [1]
// CHECK-DAG: %[[LAST:.+]] = tensor.insert_slice %[[D]] into %{{.+}}[12] [4] [1]
// CHECK: dataflow.itensor_write %[[LAST]]
// CHECK-NOT: tensor.insert_slice {{.+}} : tensor<8xf32> into tensor<16xf32>
func.func @chain(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xf32>, %d: tensor<4xf32>) -> tensor<16xf32> {
  %r = dataflow.kernel ins(%a, %b, %c, %d : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<16xf32>) {
  ^bb0(%p0: !piece, %p1: !piece, %p2: !piece, %p3: !piece):
    %e8 = tensor.empty() : tensor<8xf32>
    %e16 = tensor.empty() : tensor<16xf32>
    %i8 = dataflow.itensor_empty : !half
    %h = dataflow.task "half" inits(%i8 : !half) -> (!half) {
    ^bb0(%o: !half):
      %t = tensor.empty() : tensor<4xf32>
      %x = dataflow.itensor_read %p0 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %y = dataflow.itensor_read %p1 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %j = tensor.insert_slice %x into %e8[0] [4] [1] : tensor<4xf32> into tensor<8xf32>
      %k = tensor.insert_slice %y into %j[4] [4] [1] : tensor<4xf32> into tensor<8xf32>
      %w = dataflow.itensor_write %k into %o : tensor<8xf32> -> !half
      dataflow.yield %w : !half
    }
    %i16 = dataflow.itensor_empty : !whole
    %g = dataflow.task "three" inits(%i16 : !whole) -> (!whole) {
    ^bb0(%o: !whole):
      %t = tensor.empty() : tensor<4xf32>
      %hv = dataflow.itensor_read %h init %e8 : tensor<8xf32> : !half -> tensor<8xf32>
      %z = dataflow.itensor_read %p2 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %j = tensor.insert_slice %hv into %e16[0] [8] [1] : tensor<8xf32> into tensor<16xf32>
      %k = tensor.insert_slice %z into %j[8] [4] [1] : tensor<4xf32> into tensor<16xf32>
      %w = dataflow.itensor_write %k into %o : tensor<16xf32> -> !whole
      dataflow.yield %w : !whole
    }
    %i16b = dataflow.itensor_empty : !whole
    %f = dataflow.task "join" inits(%i16b : !whole) -> (!whole) {
    ^bb0(%o: !whole):
      %t = tensor.empty() : tensor<4xf32>
      %z = dataflow.itensor_read %p3 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %gv = dataflow.itensor_read %g init %e16 : tensor<16xf32> : !whole -> tensor<16xf32>
      %k = tensor.insert_slice %z into %gv[12] [4] [1] : tensor<4xf32> into tensor<16xf32>
      %w = dataflow.itensor_write %k into %o : tensor<16xf32> -> !whole
      dataflow.yield %w : !whole
    }
    dataflow.yield %f : !whole
  }
  return %r : tensor<16xf32>
}

// -----

!piece = !dataflow.itensor<4xf32, [] * [], () -> (0)>
!half = !dataflow.itensor<8xf32, [] * [], () -> (0)>

// Not merged: the joined half is also read by another task, and a task that
// computes besides inserting is no join.
// CHECK-LABEL: func.func @kept
// CHECK: dataflow.task "half"
// CHECK: dataflow.task "join"
// CHECK: dataflow.task "other"
// CHECK: dataflow.task "scaled"
// CHECK: dataflow.task "after"
func.func @kept(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %r:3 = dataflow.kernel ins(%a, %b : tensor<4xf32>, tensor<4xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  ^bb0(%p0: !piece, %p1: !piece):
    %e8 = tensor.empty() : tensor<8xf32>
    %i8 = dataflow.itensor_empty : !half
    %h = dataflow.task "half" inits(%i8 : !half) -> (!half) {
    ^bb0(%o: !half):
      %t = tensor.empty() : tensor<4xf32>
      %x = dataflow.itensor_read %p0 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %j = tensor.insert_slice %x into %e8[0] [4] [1] : tensor<4xf32> into tensor<8xf32>
      %w = dataflow.itensor_write %j into %o : tensor<8xf32> -> !half
      dataflow.yield %w : !half
    }
    %i8b = dataflow.itensor_empty : !half
    %f = dataflow.task "join" inits(%i8b : !half) -> (!half) {
    ^bb0(%o: !half):
      %t = tensor.empty() : tensor<4xf32>
      %y = dataflow.itensor_read %p1 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %hv = dataflow.itensor_read %h init %e8 : tensor<8xf32> : !half -> tensor<8xf32>
      %k = tensor.insert_slice %y into %hv[4] [4] [1] : tensor<4xf32> into tensor<8xf32>
      %w = dataflow.itensor_write %k into %o : tensor<8xf32> -> !half
      dataflow.yield %w : !half
    }
    %i8c = dataflow.itensor_empty : !half
    %g = dataflow.task "other" inits(%i8c : !half) -> (!half) {
    ^bb0(%o: !half):
      %hv = dataflow.itensor_read %h init %e8 : tensor<8xf32> : !half -> tensor<8xf32>
      %w = dataflow.itensor_write %hv into %o : tensor<8xf32> -> !half
      dataflow.yield %w : !half
    }
    %i8d = dataflow.itensor_empty : !half
    %s = dataflow.task "scaled" inits(%i8d : !half) -> (!half) {
    ^bb0(%o: !half):
      %t = tensor.empty() : tensor<4xf32>
      %x = dataflow.itensor_read %p0 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %n = tensor.empty() : tensor<4xf32>
      %m = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>) outs(%n : tensor<4xf32>) -> tensor<4xf32>
      %j = tensor.insert_slice %m into %e8[0] [4] [1] : tensor<4xf32> into tensor<8xf32>
      %w = dataflow.itensor_write %j into %o : tensor<8xf32> -> !half
      dataflow.yield %w : !half
    }
    %i8e = dataflow.itensor_empty : !half
    %u = dataflow.task "after" inits(%i8e : !half) -> (!half) {
    ^bb0(%o: !half):
      %t = tensor.empty() : tensor<4xf32>
      %y = dataflow.itensor_read %p1 init %t : tensor<4xf32> : !piece -> tensor<4xf32>
      %sv = dataflow.itensor_read %s init %e8 : tensor<8xf32> : !half -> tensor<8xf32>
      %k = tensor.insert_slice %y into %sv[4] [4] [1] : tensor<4xf32> into tensor<8xf32>
      %w = dataflow.itensor_write %k into %o : tensor<8xf32> -> !half
      dataflow.yield %w : !half
    }
    dataflow.yield %f, %g, %u : !half, !half, !half
  }
  return %r#0, %r#1, %r#2 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}
