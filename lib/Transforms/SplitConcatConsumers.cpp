//===- SplitConcatConsumers.cpp - Consumers of concatenations per piece ---===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A decode step appends the new token's key and value rows to the caches:
//
//   %c = tensor.insert_slice %cache into %empty[0, 0] [512, 64]
//   %k = tensor.insert_slice %row into %c[512, 0] [1, 64]
//
// Streamed whole, %k needs a full-tensor buffer on chip. Split along the
// cache dimension, each part of the consumer reads one piece, and the cache
// part streams straight from external memory.
//
//===----------------------------------------------------------------------===//

#include "Placeholders.h"
#include "StreamedOperand.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace streamtensor {
#define GEN_PASS_DEF_SPLITCONCATCONSUMERS
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;

namespace {

/// A static, unit-stride box of a tensor.
struct Box {
  SmallVector<int64_t> offsets, sizes;

  bool contains(const Box &other) const {
    for (auto [o, s, oo, os] :
         llvm::zip(offsets, sizes, other.offsets, other.sizes))
      if (oo < o || oo + os > o + s)
        return false;
    return true;
  }
  bool isDisjointFrom(const Box &other) const {
    for (auto [o, s, oo, os] :
         llvm::zip(offsets, sizes, other.offsets, other.sizes))
      if (oo >= o + s || o >= oo + os)
        return true;
    return false;
  }
};

template <typename SliceOp> std::optional<Box> getBox(SliceOp op) {
  if (!op.hasUnitStride() ||
      ShapedType::isDynamicShape(op.getStaticOffsets()) ||
      ShapedType::isDynamicShape(op.getStaticSizes()))
    return std::nullopt;
  return Box{SmallVector<int64_t>(op.getStaticOffsets()),
             SmallVector<int64_t>(op.getStaticSizes())};
}

/// A tensor.empty filled by insert_slice ops that tile one dimension.
struct Concat {
  unsigned dim = 0;
  /// Offsets along `dim` where a piece other than the first starts.
  SmallVector<int64_t> boundaries;
};

std::optional<Concat> matchConcat(Value value, Value *base = nullptr);

/// A range of a concatenation along its dimension (a padded product's
/// columns without the padding, or what an earlier split left) concatenates
/// the pieces it reaches.
std::optional<Concat> matchConcatRange(tensor::ExtractSliceOp extract,
                                       Value *base) {
  std::optional<Box> box = getBox(extract);
  if (!box || extract.getType().getRank() != extract.getSourceType().getRank())
    return std::nullopt;
  std::optional<Concat> whole = matchConcat(extract.getSource(), base);
  if (!whole)
    return std::nullopt;
  ArrayRef<int64_t> sourceShape = extract.getSourceType().getShape();
  for (auto [d, offset, size] : llvm::enumerate(box->offsets, box->sizes))
    if (d != whole->dim && (offset != 0 || size != sourceShape[d]))
      return std::nullopt;
  int64_t begin = box->offsets[whole->dim];
  int64_t end = begin + box->sizes[whole->dim];
  Concat range;
  range.dim = whole->dim;
  for (int64_t boundary : whole->boundaries)
    if (boundary > begin && boundary < end)
      range.boundaries.push_back(boundary - begin);
  if (range.boundaries.empty())
    return std::nullopt;
  return range;
}

/// With `anyBase`, the insertions may start from any tensor they cover.
std::optional<Concat> matchConcat(Value value, Value *base) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  if (auto extract = value.getDefiningOp<tensor::ExtractSliceOp>())
    return matchConcatRange(extract, base);
  std::optional<unsigned> dim;
  SmallVector<std::pair<int64_t, int64_t>> pieces;
  Value current = value;
  while (auto insert = current.getDefiningOp<tensor::InsertSliceOp>()) {
    std::optional<Box> box = getBox(insert);
    if (!box)
      return std::nullopt;
    // The piece spans every dimension but one.
    std::optional<unsigned> cut;
    for (auto [d, size] : llvm::enumerate(box->sizes)) {
      if (size == type.getDimSize(d))
        continue;
      if (cut)
        return std::nullopt;
      cut = d;
    }
    if (!cut || (dim && *dim != *cut))
      return std::nullopt;
    dim = cut;
    pieces.push_back({box->offsets[*cut], box->sizes[*cut]});
    current = insert.getDest();
  }
  if (!dim || pieces.size() < 2 ||
      (!base && !current.getDefiningOp<tensor::EmptyOp>()))
    return std::nullopt;
  if (base)
    *base = current;
  llvm::sort(pieces);
  Concat concat;
  concat.dim = *dim;
  int64_t next = 0;
  for (auto [offset, size] : pieces) {
    if (offset != next)
      return std::nullopt;
    if (offset != 0)
      concat.boundaries.push_back(offset);
    next = offset + size;
  }
  if (next != type.getDimSize(*dim))
    return std::nullopt;
  return concat;
}

/// extract_slice(insert_slice(%src into %dest at R1), R2): a box disjoint
/// from R1 reads %dest only, a box inside R1 reads %src only; a box around
/// R1 is %src inserted into the same box of %dest.
struct ExtractAroundInsert : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp extract,
                                PatternRewriter &rewriter) const override {
    auto insert = extract.getSource().getDefiningOp<tensor::InsertSliceOp>();
    if (!insert)
      return failure();
    std::optional<Box> outer = getBox(extract), inner = getBox(insert);
    if (!outer || !inner)
      return failure();
    if (outer->isDisjointFrom(*inner)) {
      rewriter.modifyOpInPlace(extract, [&] {
        extract.getSourceMutable().assign(insert.getDest());
      });
      return success();
    }
    // A box inside R1 reads %src only.
    if (inner->contains(*outer) &&
        insert.getSourceType().getRank() == insert.getType().getRank()) {
      SmallVector<int64_t> shifted;
      for (auto [o, io] : llvm::zip(outer->offsets, inner->offsets))
        shifted.push_back(o - io);
      rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
          extract, extract.getType(), insert.getSource(),
          getAsIndexOpFoldResult(rewriter.getContext(), shifted),
          extract.getMixedSizes(), extract.getMixedStrides());
      return success();
    }
    if (!outer->contains(*inner) || extract.getType().getRank() !=
                                        extract.getSourceType().getRank())
      return failure();
    SmallVector<int64_t> shifted;
    for (auto [o, io] : llvm::zip(outer->offsets, inner->offsets))
      shifted.push_back(io - o);
    Location loc = extract.getLoc();
    Value dest = rewriter.create<tensor::ExtractSliceOp>(
        loc, insert.getDest(), extract.getMixedOffsets(),
        extract.getMixedSizes(), extract.getMixedStrides());
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        extract, insert.getSource(), dest,
        getAsIndexOpFoldResult(rewriter.getContext(), shifted),
        insert.getMixedSizes(), insert.getMixedStrides());
    return success();
  }
};

/// extract_slice of a fill (linalg.fill of an empty tensor, or a
/// linalg.generic without inputs whose body yields a value from outside) is
/// the fill of the smaller tensor: a part of
/// a split consumer starts from its own fill, not from a slice of a stream.
struct ExtractOfFill : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp extract,
                                PatternRewriter &rewriter) const override {
    if (extract.getSource().getDefiningOp<linalg::FillOp>()) {
      if (extract.getType().getRank() != extract.getSourceType().getRank())
        return failure();
      Value rebuilt = streamtensor::rebuildPlaceholder(
          rewriter, extract.getLoc(), extract.getSource(),
          extract.getType().getShape());
      if (!rebuilt)
        return failure();
      rewriter.replaceOp(extract, rebuilt);
      return success();
    }
    auto fill = extract.getSource().getDefiningOp<linalg::GenericOp>();
    if (!fill || fill.getNumDpsInputs() != 0 || fill.getNumDpsInits() != 1 ||
        !fill.getIndexingMapsArray()[0].isIdentity() ||
        fill.getNumReductionLoops() != 0 ||
        extract.getType().getRank() != extract.getSourceType().getRank())
      return failure();
    auto yield = cast<linalg::YieldOp>(fill.getBody()->getTerminator());
    Value filled = yield.getValues()[0];
    if (filled.getParentBlock() == fill.getBody())
      return failure();
    Value init = rewriter.create<tensor::EmptyOp>(
        extract.getLoc(), extract.getType().getShape(),
        extract.getType().getElementType());
    auto smaller = rewriter.create<linalg::GenericOp>(
        fill.getLoc(), TypeRange{extract.getType()}, ValueRange{},
        ValueRange{init}, fill.getIndexingMapsArray(),
        fill.getIteratorTypesArray(),
        [&](OpBuilder &b, Location loc, ValueRange) {
          b.create<linalg::YieldOp>(loc, filled);
        });
    smaller->setDiscardableAttrs(fill->getDiscardableAttrDictionary());
    rewriter.replaceOp(extract, smaller.getResults());
    return success();
  }
};

struct SplitConcatConsumersPass
    : public streamtensor::impl::SplitConcatConsumersBase<
          SplitConcatConsumersPass> {
  using Base::Base;

  void runOnOperation() override;

private:
  /// Splits one consumer of a large concatenation; false if there is none.
  bool splitOne(RewriterBase &rewriter);
  void startFromEmpty(RewriterBase &rewriter);
};

} // namespace

bool SplitConcatConsumersPass::splitOne(RewriterBase &rewriter) {
  linalg::LinalgOp target;
  unsigned loop = 0;
  int64_t point = 0;
  getOperation().walk([&](linalg::LinalgOp op) {
    if (!isa<TilingInterface>(op.getOperation()))
      return WalkResult::advance();
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    for (OpOperand *input : op.getDpsInputOperands()) {
      std::optional<Concat> concat = matchConcat(input->get());
      if (!concat)
        continue;
      auto type = cast<RankedTensorType>(input->get().getType());
      int64_t concatBytes = streamtensor::dataflow::getSaturatedBytes(
          type.getShape(), type.getElementType());
      if (concatBytes < minBytes)
        continue;
      if (shrinkingOnly) {
        auto result = dyn_cast<RankedTensorType>(op->getResult(0).getType());
        if (op->getNumResults() != 1 || !result ||
            streamtensor::dataflow::getSaturatedBytes(
                result.getShape(), result.getElementType()) >= concatBytes)
          continue;
      }
      AffineExpr expr =
          op.getMatchingIndexingMap(input).getResult(concat->dim);
      auto dimExpr = dyn_cast<AffineDimExpr>(expr);
      // The loop must walk the concatenated dimension exactly.
      if (!dimExpr ||
          ranges[dimExpr.getPosition()] != type.getDimSize(concat->dim))
        continue;
      // A product with a weight streams it in its own order: split along
      // its reduction by the pieces of its other operand, it would be a
      // chain of partial products each reading a slice of the weight once
      // per row (GPT-2 Medium's 32-token prefill: 27 -> 458 ms in the timed
      // simulation). Splits along its outputs (a dequantization of
      // per-group sums joined from column blocks) stay.
      if (op.getIteratorTypesArray()[dimExpr.getPosition()] ==
              utils::IteratorType::reduction &&
          streamtensor::isWeightProduct(op))
        continue;
      target = op;
      loop = dimExpr.getPosition();
      point = concat->boundaries.front();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (!target)
    return false;
  rewriter.setInsertionPoint(target);
  auto [first, second] =
      linalg::splitOp(rewriter, cast<TilingInterface>(target.getOperation()),
                      loop, rewriter.getIndexAttr(point));
  if (!first || !second)
    return false;
  // A tile size chosen for the whole range may not divide a part's.
  for (TilingInterface part : {first, second}) {
    auto op = cast<linalg::LinalgOp>(part.getOperation());
    auto sizes =
        op->getAttrOfType<DenseI64ArrayAttr>(streamtensor::kTileSizesAttr);
    if (!sizes || loop >= sizes.size())
      continue;
    int64_t range = op.getStaticLoopRanges()[loop];
    SmallVector<int64_t> adjusted(sizes.asArrayRef());
    if (adjusted[loop] > 0 && range % adjusted[loop] != 0) {
      adjusted[loop] = streamtensor::getDefaultTileSize(range);
      op->setAttr(streamtensor::kTileSizesAttr,
                  rewriter.getDenseI64ArrayAttr(adjusted));
    }
  }
  return true;
}

void SplitConcatConsumersPass::runOnOperation() {
  MLIRContext *ctx = &getContext();
  RewritePatternSet patterns(ctx);
  patterns.add<ExtractAroundInsert, ExtractOfFill>(ctx);
  tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::InsertSliceOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::populateFoldTensorEmptyPatterns(patterns);
  tensor::populateMergeConsecutiveInsertExtractSlicePatterns(patterns);
  FrozenRewritePatternSet frozen(std::move(patterns));

  IRRewriter rewriter(ctx);
  // Each split folds one piece off a concatenation; the bound only guards
  // against a pattern that would undo another.
  int splits = 0;
  for (; splits < 1024 && splitOne(rewriter); ++splits)
    if (failed(applyPatternsAndFoldGreedily(getOperation(), frozen)))
      return signalPassFailure();
  if (splits == 1024) {
    getOperation().emitError("more than 1024 concatenation splits; stopping");
    return signalPassFailure();
  }
  if (splits)
    startFromEmpty(rewriter);
}

/// The parts of a split parallel loop overwrite all of the consumer's init:
/// the concatenation of their results starts from an empty tensor instead,
/// so the init (often a fill) is not streamed for nothing.
void SplitConcatConsumersPass::startFromEmpty(RewriterBase &rewriter) {
  SmallVector<std::pair<tensor::InsertSliceOp, Value>> concats;
  getOperation().walk([&](tensor::InsertSliceOp insert) {
    Value base;
    if (matchConcat(insert.getResult(), &base) &&
        !base.getDefiningOp<tensor::EmptyOp>())
      concats.push_back({insert, base});
  });
  for (auto [outer, base] : concats) {
    tensor::InsertSliceOp innermost = outer;
    while (innermost.getDest() != base)
      innermost = innermost.getDest().getDefiningOp<tensor::InsertSliceOp>();
    auto type = cast<RankedTensorType>(base.getType());
    rewriter.setInsertionPoint(innermost);
    Value empty = rewriter.create<tensor::EmptyOp>(
        innermost.getLoc(), type.getShape(), type.getElementType());
    rewriter.modifyOpInPlace(innermost, [&] {
      innermost.getDestMutable().assign(empty);
    });
  }
}
