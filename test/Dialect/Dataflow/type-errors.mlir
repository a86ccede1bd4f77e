// RUN: streamtensor-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{itensor element must be a static tile such as 4x2xf32 or a vector type}}
func.func private @tensor_element(!dataflow.itensor<tensor<4xf32>, [2] * [4], (d0) -> (d0)>)

// -----

// expected-error @+1 {{expected static shape}}
func.func private @dynamic_element(!dataflow.itensor<?x2xf32, [2] * [4], (d0) -> (d0, 0)>)

// -----

// expected-error @+1 {{itensor tile elements must be integers, floats or index}}
func.func private @bad_scalar(!dataflow.itensor<4x!dataflow.stream<f32, 1>, [2] * [4], (d0) -> (d0)>)

// -----

// expected-error @+1 {{itensor iteration space has 2 trip counts but 1 steps}}
func.func private @arity(!dataflow.itensor<4xf32, [2, 2] * [4], (d0, d1) -> (d0)>)

// -----

// expected-error @+1 {{itensor trip count of loop 1 must be positive, got 0}}
func.func private @zero_trip(!dataflow.itensor<4xf32, [2, 0] * [4, 1], (d0, d1) -> (d0)>)

// -----

// expected-error @+1 {{itensor step of loop 0 must be positive, got -4}}
func.func private @negative_step(!dataflow.itensor<4xf32, [2] * [-4], (d0) -> (d0)>)

// -----

// expected-error @+1 {{itensor iteration map must not have symbols}}
func.func private @symbols(!dataflow.itensor<4xf32, [2] * [4], (d0)[s0] -> (d0 + s0)>)

// -----

// expected-error @+1 {{itensor iteration map has 1 inputs but the iteration space has 2 loops}}
func.func private @map_inputs(!dataflow.itensor<4xf32, [2, 2] * [4, 8], (d0) -> (d0)>)

// -----

// expected-error @+1 {{itensor iteration map has 1 results but the element has rank 2}}
func.func private @map_results(!dataflow.itensor<4x2xf32, [2] * [4], (d0) -> (d0)>)

// -----

// expected-error @+1 {{itensor iteration map must be linear in the loop indices}}
func.func private @nonlinear(!dataflow.itensor<4xf32, [8] * [4], (d0) -> (d0 mod 16)>)

// -----

// expected-error @+1 {{itensor iteration map gives a negative offset on data dimension 0}}
func.func private @negative_offset(!dataflow.itensor<4xf32, [2] * [4], (d0) -> (d0 - 4)>)

// -----

// expected-error @+1 {{stream depth must be at least 1, got 0}}
func.func private @stream_depth(!dataflow.stream<f32, 0>)

// -----

// expected-error @+1 {{stream element must be a scalar or a vector, got 'tensor<4xf32>'}}
func.func private @stream_element(!dataflow.stream<tensor<4xf32>, 2>)

// -----

// expected-error @+1 {{expected '*'}}
func.func private @missing_star(!dataflow.itensor<4xf32, [2], [4], (d0) -> (d0)>)
