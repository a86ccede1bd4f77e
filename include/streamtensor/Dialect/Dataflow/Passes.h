//===- Passes.h - Dataflow dialect passes -----------------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_PASSES_H
#define STREAMTENSOR_DIALECT_DATAFLOW_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace streamtensor::dataflow {

#define GEN_PASS_DECL
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"

} // namespace streamtensor::dataflow

#endif // STREAMTENSOR_DIALECT_DATAFLOW_PASSES_H
