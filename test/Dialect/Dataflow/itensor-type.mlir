// RUN: streamtensor-opt %s | streamtensor-opt | FileCheck %s

// The itensors of Figure 5 round-trip in the canonical spelling, whitespace
// in the input notwithstanding.

// CHECK-LABEL: func.func private @figure5
// CHECK-SAME: !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
// CHECK-SAME: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
// CHECK-SAME: !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
func.func private @figure5(
    !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>,
    !dataflow.itensor<4x2xf32,[4,2]*[2,4],(d0,d1)->(d1,d0)>,
    !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>)

// CHECK-LABEL: func.func private @vector_token
// CHECK-SAME: !dataflow.itensor<vector<4x2xi8>, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
func.func private @vector_token(
    !dataflow.itensor<vector<4x2xi8>, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>)

// Constants in the map, scaled indices, and an itensor without loops.
// CHECK-LABEL: func.func private @map_forms
// CHECK-SAME: !dataflow.itensor<1x16xf32, [3, 4] * [1, 16], (d0, d1) -> (d0 * 2 + 1, d1)>
// CHECK-SAME: !dataflow.itensor<8x8xbf16, [] * [], () -> (0, 0)>
// CHECK-SAME: !dataflow.itensor<f32, [5] * [1], (d0) -> ()>
func.func private @map_forms(
    !dataflow.itensor<1x16xf32, [3, 4] * [1, 16], (d0, d1) -> (d0 * 2 + 1, d1)>,
    !dataflow.itensor<8x8xbf16, [] * [], () -> (0, 0)>,
    !dataflow.itensor<f32, [5] * [1], (d0) -> ()>)

// CHECK-LABEL: func.func private @streams
// CHECK-SAME: !dataflow.stream<f32, 32>
// CHECK-SAME: !dataflow.stream<vector<16xi32>, 2>
func.func private @streams(!dataflow.stream<f32, 32>,
                   !dataflow.stream<vector<16xi32>, 2>)
