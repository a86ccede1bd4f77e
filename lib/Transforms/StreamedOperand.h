//===- StreamedOperand.h - Operands read from external memory ---*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Which tensors live in external memory (function arguments, also when seen
// through reshapes and static slices, which read the argument in place),
// which of them are weights, and along which loop a contraction streams its
// second input: the rules the weight passes share.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TRANSFORMS_STREAMEDOPERAND_H
#define STREAMTENSOR_LIB_TRANSFORMS_STREAMEDOPERAND_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

#include <optional>

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

/// Whether `arg` is a function argument marked `streamtensor.kind =
/// "weight"`.
inline bool isWeightArgument(mlir::BlockArgument arg) {
  auto func =
      mlir::dyn_cast<mlir::FunctionOpInterface>(arg.getOwner()->getParentOp());
  if (!func)
    return false;
  auto kind = func.getArgAttrOfType<mlir::StringAttr>(arg.getArgNumber(),
                                                      "streamtensor.kind");
  return kind && kind.getValue() == "weight";
}

/// A contraction with a weight argument among its inputs (seen through
/// slices and reshapes): a product whose weight the streaming passes plan.
inline bool isWeightProduct(mlir::Operation *op) {
  auto linalgOp = mlir::dyn_cast_or_null<mlir::linalg::LinalgOp>(op);
  if (!linalgOp || !mlir::linalg::isaContractionOpInterface(linalgOp))
    return false;
  return llvm::any_of(linalgOp.getDpsInputs(), [](mlir::Value input) {
    mlir::BlockArgument arg = getExternalSource(input);
    return arg && isWeightArgument(arg);
  });
}

/// The loop along which a contraction streams its second input in memory
/// words, and whether that input is transposed.
struct StreamedLoop {
  /// An output loop of the operand: its contiguous dimension's when that is
  /// an output dimension, else its longest output dimension's (later ones
  /// win ties).
  unsigned loop;
  /// The loop of the operand's contiguous dimension.
  unsigned contiguousLoop;
  /// The contiguous dimension is the reduction (an `nn.Linear` weight, a
  /// key cache): words are rows summed over their lanes.
  bool transposed;
};

/// The streamed loop of `op`'s second input, or nothing when one of its
/// indices is not a loop or it has no output dimension.
inline std::optional<StreamedLoop>
getStreamedLoop(mlir::linalg::LinalgOp op, llvm::ArrayRef<int64_t> ranges) {
  mlir::AffineMap map = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
  mlir::AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  auto iterators = op.getIteratorTypesArray();
  auto isOutput = [&](unsigned loop) {
    return iterators[loop] == mlir::utils::IteratorType::parallel &&
           outMap.isFunctionOfDim(loop);
  };
  std::optional<unsigned> longest;
  for (mlir::AffineExpr expr : map.getResults()) {
    auto dim = mlir::dyn_cast<mlir::AffineDimExpr>(expr);
    if (!dim)
      return std::nullopt;
    unsigned loop = dim.getPosition();
    if (isOutput(loop) && (!longest || ranges[loop] >= ranges[*longest]))
      longest = loop;
  }
  unsigned contiguous =
      mlir::cast<mlir::AffineDimExpr>(map.getResults().back()).getPosition();
  if (isOutput(contiguous))
    return StreamedLoop{contiguous, contiguous, false};
  if (!longest ||
      iterators[contiguous] != mlir::utils::IteratorType::reduction)
    return std::nullopt;
  return StreamedLoop{*longest, contiguous, true};
}

/// Whether `loop` indexes no input of `op` but its second (the weight): a
/// weight product's output columns. A dequantization (per-group sums times
/// per-group scales) looks like a contraction whose weight is the scales,
/// but its sums span the same loop, so cutting or padding the weight alone
/// along it would break the op.
inline bool onlyWeightSpans(mlir::linalg::LinalgOp op, unsigned loop) {
  mlir::AffineExpr dim = mlir::getAffineDimExpr(loop, op->getContext());
  for (mlir::OpOperand *input : op.getDpsInputOperands())
    if (input->getOperandNumber() != 1 &&
        op.getMatchingIndexingMap(input).getResultPosition(dim))
      return false;
  return true;
}

/// Words per pass over a tile's outputs below which the accumulator
/// recurrence sets the II: an f32 sum takes several cycles on the U55C (a
/// multiply-add 7), so a lane's element must come back no sooner than 8
/// words later; an integer sum takes one cycle, so one word a row is enough.
inline int64_t getMinWordsPerRow(mlir::linalg::LinalgOp op) {
  mlir::Type result = mlir::getElementTypeOrSelf(
      op.getDpsInitOperand(0)->get().getType());
  return mlir::isa<mlir::IntegerType>(result) ? 1 : 8;
}

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_TRANSFORMS_STREAMEDOPERAND_H
