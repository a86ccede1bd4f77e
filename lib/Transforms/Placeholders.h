//===- Placeholders.h - Tensors that hold no data yet -----------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A `tensor.empty`, or a constant `linalg.fill` of one, is a destination, not
// data: where a pass needs it at another shape (a slice of it, a padded
// copy), it builds a new one rather than slicing or copying the old.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TRANSFORMS_PLACEHOLDERS_H
#define STREAMTENSOR_LIB_TRANSFORMS_PLACEHOLDERS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace streamtensor {

/// Whether `value` is a `tensor.empty` or a `linalg.fill` of one.
inline bool isPlaceholder(mlir::Value value) {
  auto fill = value.getDefiningOp<mlir::linalg::FillOp>();
  mlir::Value destination = fill ? fill.getOutputs()[0] : value;
  return bool(destination.getDefiningOp<mlir::tensor::EmptyOp>());
}

/// `value` rebuilt at `shape` when it is a placeholder; null otherwise
/// (nothing is built then).
inline mlir::Value rebuildPlaceholder(mlir::OpBuilder &b, mlir::Location loc,
                                      mlir::Value value,
                                      llvm::ArrayRef<int64_t> shape) {
  if (!isPlaceholder(value))
    return nullptr;
  auto fill = value.getDefiningOp<mlir::linalg::FillOp>();
  mlir::Type element = mlir::getElementTypeOrSelf(value.getType());
  mlir::Value empty = b.create<mlir::tensor::EmptyOp>(loc, shape, element);
  if (!fill)
    return empty;
  return b.create<mlir::linalg::FillOp>(loc, fill.getInputs(), empty)
      .getResult(0);
}

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_TRANSFORMS_PLACEHOLDERS_H
