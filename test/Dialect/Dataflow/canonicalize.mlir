// RUN: streamtensor-opt %s --canonicalize --cse | FileCheck %s

// CHECK-LABEL: func.func @identity_converter
// CHECK-NEXT: return %arg0
func.func @identity_converter(%a: !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>)
    -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)> {
  %b = dataflow.itensor_converter %a : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return %b : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
}

// A cast there and back folds away.
// CHECK-LABEL: func.func @cast_round_trip
// CHECK-NEXT: return %arg0
func.func @cast_round_trip(%x: !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)>)
    -> !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)> {
  %y = dataflow.itensor_cast %x : !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)> -> !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)>
  %z = dataflow.itensor_cast %y : !dataflow.itensor<1x8xf32, [2, 4] * [4, 1], (d0, d1) -> (d0 + d1, 0)> -> !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)>
  return %z : !dataflow.itensor<1x8xf32, [8] * [1], (d0) -> (d0, 0)>
}

// Duplicate converters of one producer are merged; FIFO instances are not.
// CHECK-LABEL: func.func @duplicates
// CHECK-COUNT-1: dataflow.itensor_converter
// CHECK-COUNT-2: dataflow.itensor_instance
func.func @duplicates(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>)
    -> (!dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>,
        !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>,
        !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>,
        !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>) {
  %c0 = dataflow.itensor_converter %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  %c1 = dataflow.itensor_converter %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  %i0 = dataflow.itensor_instance : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  %i1 = dataflow.itensor_instance : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return %c0, %c1, %i0, %i1 : !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>, !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>, !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>, !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
}
