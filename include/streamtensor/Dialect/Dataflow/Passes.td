//===- Passes.td - Dataflow dialect passes -----------------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_PASSES_TD
#define STREAMTENSOR_DIALECT_DATAFLOW_PASSES_TD

include "mlir/Pass/PassBase.td"

def SizeConverters : Pass<"dataflow-size-converters"> {
  let summary = "Compute the minimal ping-pong buffer of each itensor_converter";
  let description = [{
    Records on every `dataflow.itensor_converter` the shape of one half of
    its ping-pong buffer (`buffer_shape`) and the number of shared outer loops
    around it (`buffer_loop_level`). A data dimension is buffered at element
    size when both sides tile it alike under a loop they share; the shared
    loops must form an outer prefix of both iteration spaces. Converters
    between equal types are removed, and converters between layout-equivalent
    types become `itensor_cast`.
  }];
}

#endif // STREAMTENSOR_DIALECT_DATAFLOW_PASSES_TD
