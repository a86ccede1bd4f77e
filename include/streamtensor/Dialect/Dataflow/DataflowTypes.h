//===- DataflowTypes.h - Dataflow types -------------------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_H
#define STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#define GET_TYPEDEF_CLASSES
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h.inc"

namespace streamtensor::dataflow {
/// Bytes one scalar of `type` takes in memory (index counts as 64 bits).
int64_t getScalarBytes(mlir::Type type);
} // namespace streamtensor::dataflow

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_H
