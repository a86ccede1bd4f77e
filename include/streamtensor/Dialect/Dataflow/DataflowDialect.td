//===- DataflowDialect.td - Dataflow dialect definition ----*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWDIALECT_TD
#define STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWDIALECT_TD

include "mlir/IR/OpBase.td"

def Dataflow_Dialect : Dialect {
  let name = "dataflow";
  let cppNamespace = "::streamtensor::dataflow";
  let summary = "Stream dataflow: iterative tensors, FIFOs, kernels and tasks";
  let description = [{
    The dataflow dialect describes an accelerator as a graph of tasks that
    communicate through streams. The central type, `!dataflow.itensor`, says
    exactly in which order and in which tiles a tensor is streamed, so
    producers and consumers can be connected by FIFOs when their orders agree
    and by a layout converter when they do not.
  }];
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Defined next to the type storage classes.
    void registerTypes();
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWDIALECT_TD
