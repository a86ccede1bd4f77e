//===- ITensorInference.h - itensor types of tiled accesses -----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A tile read or written inside a static scf.for nest is one token of an
// itensor: the loops give the iteration space, the slice offsets (affine in
// the induction variables) give the iteration map, and the slice sizes give
// the element shape.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_CONVERSION_ITENSORINFERENCE_H
#define STREAMTENSOR_CONVERSION_ITENSORINFERENCE_H

#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/OpDefinition.h"

namespace streamtensor {

/// The scf.for loops enclosing `op` up to and including `root` (when `root`
/// is a loop), outermost first.
llvm::SmallVector<mlir::scf::ForOp> getEnclosingLoops(mlir::Operation *op,
                                                      mlir::Operation *root);

/// The itensor type of a tile at `offsets` with static `sizes` and unit
/// `strides`, accessed once per iteration of `loops`. Emits an error at `op`
/// and fails when the loops are not static or the offsets are not affine in
/// the induction variables.
mlir::FailureOr<dataflow::ITensorType>
inferITensorType(mlir::Operation *op, llvm::ArrayRef<mlir::scf::ForOp> loops,
                 llvm::ArrayRef<mlir::OpFoldResult> offsets,
                 llvm::ArrayRef<int64_t> sizes,
                 llvm::ArrayRef<mlir::OpFoldResult> strides,
                 mlir::Type dataType);

/// The itensor type streaming all of `tensor` as one token per iteration of
/// `loops`.
mlir::FailureOr<dataflow::ITensorType>
inferWholeTensorType(mlir::Operation *op, llvm::ArrayRef<mlir::scf::ForOp> loops,
                     mlir::RankedTensorType tensor);

} // namespace streamtensor

#endif // STREAMTENSOR_CONVERSION_ITENSORINFERENCE_H
