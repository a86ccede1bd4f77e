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

/// Sizes multiply without wrapping: a product past INT64_MAX is INT64_MAX,
/// which no memory budget admits (a 2^32 x 2^32 tensor must not count as 0
/// bytes).
int64_t saturatingMul(int64_t a, int64_t b);
int64_t saturatingAdd(int64_t a, int64_t b);
int64_t saturatingProduct(llvm::ArrayRef<int64_t> values);
/// Bytes of a static shape of `element` scalars, saturated.
int64_t getSaturatedBytes(llvm::ArrayRef<int64_t> shape, mlir::Type element);
} // namespace streamtensor::dataflow

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_H
