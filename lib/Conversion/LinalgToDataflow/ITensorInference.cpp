//===- ITensorInference.cpp - itensor types of tiled accesses -------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Conversion/ITensorInference.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AffineExpr.h"

using namespace mlir;
using namespace streamtensor;
using streamtensor::dataflow::ITensorType;

SmallVector<scf::ForOp> streamtensor::getEnclosingLoops(Operation *op,
                                                        Operation *root) {
  SmallVector<scf::ForOp> loops;
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp()) {
    if (auto loop = dyn_cast<scf::ForOp>(parent))
      loops.push_back(loop);
    if (parent == root)
      break;
  }
  std::reverse(loops.begin(), loops.end());
  return loops;
}

namespace {
/// Expresses index values as affine expressions of the loop indices. Loop k
/// contributes `d_k + lowerBound_k`, since an itensor index is `i_k * step_k`.
struct OffsetExpressions {
  ArrayRef<scf::ForOp> loops;
  SmallVector<int64_t> lowerBounds;

  std::optional<AffineExpr> get(OpFoldResult ofr, MLIRContext *ctx) const {
    if (std::optional<int64_t> cst = getConstantIntValue(ofr))
      return getAffineConstantExpr(*cst, ctx);
    Value value = cast<Value>(ofr);
    for (auto [k, loop] : llvm::enumerate(loops))
      if (value == scf::ForOp(loop).getInductionVar())
        return getAffineDimExpr(k, ctx) + lowerBounds[k];
    Operation *def = value.getDefiningOp();
    if (auto apply = dyn_cast_or_null<affine::AffineApplyOp>(def)) {
      SmallVector<AffineExpr> operands;
      for (Value operand : apply.getMapOperands()) {
        std::optional<AffineExpr> expr = get(operand, ctx);
        if (!expr)
          return std::nullopt;
        operands.push_back(*expr);
      }
      AffineMap map = apply.getAffineMap();
      return map.getResult(0).replaceDimsAndSymbols(
          ArrayRef(operands).take_front(map.getNumDims()),
          ArrayRef(operands).drop_front(map.getNumDims()));
    }
    if (isa_and_nonnull<arith::AddIOp, arith::MulIOp>(def)) {
      std::optional<AffineExpr> lhs = get(def->getOperand(0), ctx);
      std::optional<AffineExpr> rhs = get(def->getOperand(1), ctx);
      if (!lhs || !rhs)
        return std::nullopt;
      if (isa<arith::AddIOp>(def))
        return *lhs + *rhs;
      if (!isa<AffineConstantExpr>(*lhs) && !isa<AffineConstantExpr>(*rhs))
        return std::nullopt;
      return *lhs * *rhs;
    }
    return std::nullopt;
  }
};
} // namespace

FailureOr<ITensorType> streamtensor::inferITensorType(
    Operation *op, ArrayRef<scf::ForOp> loops, ArrayRef<OpFoldResult> offsets,
    ArrayRef<int64_t> sizes, ArrayRef<OpFoldResult> strides, Type dataType) {
  MLIRContext *ctx = op->getContext();
  SmallVector<int64_t> tripCounts, steps;
  OffsetExpressions offsetExprs{loops, {}};
  for (scf::ForOp loop : loops) {
    std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
    std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
    std::optional<int64_t> step = getConstantIntValue(loop.getStep());
    if (!lb || !ub || !step || *step <= 0)
      return op->emitError("enclosing loop must have constant bounds and a "
                           "positive constant step to stream this access");
    if ((*ub - *lb) % *step != 0 || *ub <= *lb)
      return op->emitError("enclosing loop range ")
             << (*ub - *lb) << " is not a positive multiple of its step "
             << *step << "; tiles must divide the data";
    tripCounts.push_back((*ub - *lb) / *step);
    steps.push_back(*step);
    offsetExprs.lowerBounds.push_back(*lb);
  }
  for (OpFoldResult stride : strides)
    if (getConstantIntValue(stride) != 1)
      return op->emitError("only unit-stride tiles can be streamed");
  if (llvm::any_of(sizes, ShapedType::isDynamic))
    return op->emitError("only static tile sizes can be streamed");

  SmallVector<AffineExpr> exprs;
  for (OpFoldResult offset : offsets) {
    std::optional<AffineExpr> expr = offsetExprs.get(offset, ctx);
    if (!expr)
      return op->emitError("tile offset is not an affine function of the "
                           "enclosing loop indices");
    exprs.push_back(*expr);
  }
  AffineMap map =
      simplifyAffineMap(AffineMap::get(loops.size(), 0, exprs, ctx));
  ShapedType element = RankedTensorType::get(sizes, dataType);
  return ITensorType::getChecked([&] { return op->emitError(); }, ctx,
                                 element, ArrayRef<int64_t>(tripCounts),
                                 ArrayRef<int64_t>(steps), map);
}

FailureOr<ITensorType>
streamtensor::inferWholeTensorType(Operation *op, ArrayRef<scf::ForOp> loops,
                                   RankedTensorType tensor) {
  MLIRContext *ctx = op->getContext();
  return inferITensorType(
      op, loops,
      getAsIndexOpFoldResult(ctx, SmallVector<int64_t>(tensor.getRank(), 0)),
      tensor.getShape(),
      getAsIndexOpFoldResult(ctx, SmallVector<int64_t>(tensor.getRank(), 1)),
      tensor.getElementType());
}
