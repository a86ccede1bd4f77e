//===- ReadThroughUnitCollapses.cpp - Reads past collapsed unit dims ------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A generic reading a product's result through a collapse that only drops
// unit dimensions reads the result itself, with 0 at those dimensions of
// its indexing map. Nothing is reshaped (the product and its weight stay as
// they are), and the copy the collapse would become goes.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace streamtensor {
#define GEN_PASS_DEF_READTHROUGHUNITCOLLAPSES
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;

/// The indexing map reading the collapse's source where `map` read its
/// result, or null when the collapse merges dimensions that are not 1.
static AffineMap getUncollapsedMap(tensor::CollapseShapeOp collapse,
                                   AffineMap map) {
  ArrayRef<int64_t> source = collapse.getSrcType().getShape();
  SmallVector<AffineExpr> results;
  for (auto [group, indices] :
       llvm::enumerate(collapse.getReassociationIndices())) {
    // The group's one dimension that is not 1 takes the old index (the
    // first one when all are 1); the others are read at 0.
    int64_t kept = indices.front();
    int64_t wide = 0;
    for (int64_t dim : indices)
      if (source[dim] != 1) {
        kept = dim;
        ++wide;
      }
    if (wide > 1)
      return AffineMap();
    for (int64_t dim : indices)
      results.push_back(dim == kept
                            ? map.getResult(group)
                            : getAffineConstantExpr(0, map.getContext()));
  }
  return AffineMap::get(map.getNumDims(), map.getNumSymbols(), results,
                        map.getContext());
}

namespace {
struct ReadThroughUnitCollapse : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    for (OpOperand *operand : op.getDpsInputOperands()) {
      auto collapse = operand->get().getDefiningOp<tensor::CollapseShapeOp>();
      if (!collapse ||
          !streamtensor::isWeightProduct(collapse.getSrc().getDefiningOp()))
        continue;
      AffineMap map = getUncollapsedMap(
          collapse, op.getMatchingIndexingMap(operand));
      if (!map)
        continue;
      SmallVector<AffineMap> maps = op.getIndexingMapsArray();
      maps[operand->getOperandNumber()] = map;
      rewriter.modifyOpInPlace(op, [&] {
        operand->set(collapse.getSrc());
        op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
      });
      return success();
    }
    return failure();
  }
};

struct ReadThroughUnitCollapsesPass
    : public streamtensor::impl::ReadThroughUnitCollapsesBase<
          ReadThroughUnitCollapsesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ReadThroughUnitCollapse>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
