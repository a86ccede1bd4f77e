//===- DataflowDialect.h - Dataflow dialect ---------------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWDIALECT_H
#define STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "streamtensor/Dialect/Dataflow/DataflowDialect.h.inc"

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWDIALECT_H
