//===- ExternalSource.h - Function arguments behind views -------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Which tensors live in external memory: function arguments, also when seen
// through reshapes and static slices (which read the argument in place).
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TRANSFORMS_EXTERNALSOURCE_H
#define STREAMTENSOR_LIB_TRANSFORMS_EXTERNALSOURCE_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace streamtensor {

/// The function argument `value` views (through reshapes and static slices),
/// or null when it is computed.
inline mlir::BlockArgument getExternalSource(mlir::Value value) {
  while (mlir::isa_and_nonnull<mlir::tensor::ExtractSliceOp,
                               mlir::tensor::ExpandShapeOp,
                               mlir::tensor::CollapseShapeOp>(
      value.getDefiningOp()))
    value = value.getDefiningOp()->getOperand(0);
  auto arg = mlir::dyn_cast<mlir::BlockArgument>(value);
  if (!arg ||
      !mlir::isa<mlir::FunctionOpInterface>(arg.getOwner()->getParentOp()))
    return nullptr;
  return arg;
}

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_TRANSFORMS_EXTERNALSOURCE_H
