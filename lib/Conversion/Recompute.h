//===- Recompute.h - Values rebuilt instead of streamed ---------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Constants, placeholders and fills of constants are cheaper to rebuild where
// they are used (inside a kernel, inside a process) than to stream from
// external memory.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_CONVERSION_RECOMPUTE_H
#define STREAMTENSOR_LIB_CONVERSION_RECOMPUTE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace streamtensor {

/// Whether `value` is a constant, a `tensor.empty`, or a `linalg.fill` of
/// such values.
bool isRecomputable(mlir::Value value);

/// Clones the producers of the recomputable `value` at `builder` (once per
/// `mapping`) and returns the clone of `value`.
mlir::Value recompute(mlir::OpBuilder &builder, mlir::Value value,
                      mlir::IRMapping &mapping);

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_CONVERSION_RECOMPUTE_H
