//===- TileableDataMovement.cpp - Data movement as tileable copies --------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reshapes and static slices between linalg ops are whole-tensor kernels
// after conversion, and every edge into or out of them needs a full-tensor
// converter. Rewritten as linalg.generic copies with linear indexing maps,
// they are tiled and streamed tile by tile like any other op:
//
//   expand  [T, C] -> [T, H, D]: over (t, h, d), in (t, h * D + d), out id
//   collapse [T, H, D] -> [T, C]: over (t, h, d), in id, out (t, h * D + d)
//   extract_slice at [0, 64]:     over (i, j),    in (i, j + 64),   out id
//
// Each copy carries `streamtensor.tile_sizes` chosen so that every compound
// offset stays linear and every tile is dense (see getGroupTiles), and the
// unit attribute `streamtensor.data_movement`, which tells the layout
// alignment that those sizes are the pass's choice, not the user's.
//
//===----------------------------------------------------------------------===//

#include "Placeholders.h"
#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace streamtensor {
#define GEN_PASS_DEF_TILEABLEDATAMOVEMENT
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using streamtensor::kTileSizesAttr;
using streamtensor::kDataMovementAttr;
using streamtensor::getDefaultTileSize;


/// Tiles for the loops of one reassociation group (outermost first) that
/// together index a flat dimension through `sum d_k * stride_k`. The flat
/// dimension's default tile is split over the group from the innermost loop
/// out: inner loops are covered whole while the tile spans them, the loop
/// where it ends is tiled by the rest, and outer loops take tiles of one.
/// Every tile is then a dense run of the flat dimension at a linear offset.
static void getGroupTiles(ArrayRef<int64_t> shape,
                          SmallVectorImpl<int64_t> &tiles) {
  int64_t flat = 1;
  for (int64_t size : shape)
    flat *= size;
  if (shape.size() == 1) {
    tiles.push_back(getDefaultTileSize(flat));
    return;
  }
  int64_t flatTile = getDefaultTileSize(flat);
  int64_t remaining = flatTile ? flatTile : flat;
  SmallVector<int64_t> group(shape.size(), 0);
  bool dense = true;
  for (int64_t k = shape.size() - 1; k >= 0; --k) {
    int64_t size = shape[k];
    if (remaining % size == 0) {
      group[k] = size;
      remaining /= size;
    } else if (size % remaining == 0) {
      group[k] = remaining;
      remaining = 1;
    } else {
      dense = false;
      break;
    }
  }
  for (auto [k, size] : llvm::enumerate(shape)) {
    // Untiled groups (no dense split) keep their loops whole.
    int64_t tile = dense ? group[k] : size;
    tiles.push_back(tile == size ? 0 : tile);
  }
}

/// Flat index of a reassociation group over loops `first..first+n-1`.
static AffineExpr getGroupExpr(ArrayRef<int64_t> shape, unsigned first,
                               MLIRContext *ctx) {
  AffineExpr expr = getAffineConstantExpr(0, ctx);
  int64_t stride = 1;
  for (int64_t k = shape.size() - 1; k >= 0; --k) {
    // A unit loop is always 0; leaving it out keeps unit-dimension reshapes
    // projected permutations.
    if (shape[k] != 1)
      expr = expr + getAffineDimExpr(first + k, ctx) * stride;
    stride *= shape[k];
  }
  // An all-unit group still needs a loop so its dimension is indexed.
  if (stride == 1)
    expr = getAffineDimExpr(first, ctx);
  return expr;
}

/// Builds `out = copy(in)` over `numLoops` parallel loops.
static linalg::GenericOp buildCopy(RewriterBase &rewriter, Operation *op,
                                   Value input, RankedTensorType resultType,
                                   AffineMap inputMap, AffineMap outputMap,
                                   ArrayRef<int64_t> tiles) {
  Location loc = op->getLoc();
  Value init = rewriter.create<tensor::EmptyOp>(loc, resultType.getShape(),
                                                resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(inputMap.getNumDims(),
                                             utils::IteratorType::parallel);
  auto copy = rewriter.create<linalg::GenericOp>(
      loc, resultType, input, init, ArrayRef<AffineMap>{inputMap, outputMap},
      iterators, [](OpBuilder &b, Location loc, ValueRange args) {
        b.create<linalg::YieldOp>(loc, args[0]);
      });
  copy->setAttr(kTileSizesAttr, rewriter.getDenseI64ArrayAttr(tiles));
  copy->setAttr(kDataMovementAttr, rewriter.getUnitAttr());
  return copy;
}

/// Rewrites an expand_shape or collapse_shape. Both iterate over the
/// expanded shape; the collapsed side is indexed by group expressions.
static LogicalResult rewriteReshape(RewriterBase &rewriter, Operation *op,
                                    Value source, RankedTensorType expanded,
                                    RankedTensorType resultType,
                                    ArrayRef<ReassociationIndices> groups,
                                    bool isExpand) {
  MLIRContext *ctx = op->getContext();
  unsigned numLoops = expanded.getRank();
  SmallVector<AffineExpr> flatExprs;
  SmallVector<int64_t> tiles;
  for (const ReassociationIndices &group : groups) {
    SmallVector<int64_t> shape;
    for (int64_t dim : group)
      shape.push_back(expanded.getDimSize(dim));
    flatExprs.push_back(getGroupExpr(shape, group.front(), ctx));
    getGroupTiles(shape, tiles);
  }
  AffineMap identity = AffineMap::getMultiDimIdentityMap(numLoops, ctx);
  AffineMap flat = AffineMap::get(numLoops, 0, flatExprs, ctx);
  linalg::GenericOp copy =
      buildCopy(rewriter, op, source, resultType, isExpand ? flat : identity,
                isExpand ? identity : flat, tiles);
  rewriter.replaceOp(op, copy->getResults());
  return success();
}

/// A kernel reads a whole source stream (an itensor covering the tensor),
/// so only slices that keep all of their source (dropping unit dimensions)
/// can become streamed copies; a slice of part of a stream would need a task
/// that consumes every token and forwards some, which no linalg op
/// expresses. Partial slices are left to the conversion as whole-tensor
/// kernels.
static bool isWholeSlice(tensor::ExtractSliceOp slice) {
  RankedTensorType source = slice.getSourceType();
  for (int64_t dim = 0; dim < source.getRank(); ++dim)
    if (slice.getStaticOffsets()[dim] != 0 ||
        slice.getStaticSizes()[dim] != source.getDimSize(dim))
      return false;
  return true;
}

static LogicalResult rewriteSlice(RewriterBase &rewriter,
                                  tensor::ExtractSliceOp slice) {
  MLIRContext *ctx = slice.getContext();
  RankedTensorType resultType = slice.getResultType();
  llvm::SmallBitVector dropped = slice.getDroppedDims();
  SmallVector<AffineExpr> exprs;
  unsigned loop = 0;
  for (auto [dim, offset] : llvm::enumerate(slice.getStaticOffsets())) {
    if (dropped[dim])
      exprs.push_back(getAffineConstantExpr(offset, ctx));
    else
      exprs.push_back(getAffineDimExpr(loop++, ctx) + offset);
  }
  unsigned numLoops = resultType.getRank();
  SmallVector<int64_t> tiles;
  for (int64_t size : resultType.getShape())
    tiles.push_back(getDefaultTileSize(size));
  linalg::GenericOp copy = buildCopy(
      rewriter, slice, slice.getSource(), resultType,
      AffineMap::get(numLoops, 0, exprs, ctx),
      AffineMap::getMultiDimIdentityMap(numLoops, ctx), tiles);
  rewriter.replaceOp(slice, copy->getResults());
  return success();
}


/// A partial slice of a linalg result cannot be streamed (a kernel reads
/// its whole source), but when every user of the result is a slice, the
/// producer can compute each slice on its own: the slice is replaced by the
/// producer tiled to it (TilingInterface::generateResultTileValue), which
/// reads slices of the producer's inputs. Repeated up the chain, slices end
/// on function arguments (weights), where they are views the host prepares.
/// Rank-reducing slices keep a unit-dimension collapse, rewritten as a copy.
static bool bubbleUpSlice(RewriterBase &rewriter,
                          tensor::ExtractSliceOp slice) {
  auto result = dyn_cast<OpResult>(slice.getSource());
  if (!result || !slice.hasUnitStride() || isWholeSlice(slice) ||
      ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
      ShapedType::isDynamicShape(slice.getStaticSizes()))
    return false;
  auto producer = dyn_cast<linalg::LinalgOp>(result.getOwner());
  if (!producer || isa<linalg::FillOp>(producer) ||
      !producer.hasPureTensorSemantics() ||
      producer->getNumResults() != 1 ||
      !llvm::all_of(result.getUsers(), [](Operation *user) {
        return isa<tensor::ExtractSliceOp>(user);
      }))
    return false;
  rewriter.setInsertionPoint(slice);
  FailureOr<TilingResult> tiled =
      cast<TilingInterface>(producer.getOperation())
          .generateResultTileValue(rewriter, result.getResultNumber(),
                                   slice.getMixedOffsets(),
                                   slice.getMixedSizes());
  if (failed(tiled) || tiled->tiledValues.size() != 1)
    return false;
  Value value = tiled->tiledValues.front();
  for (Operation *op : tiled->tiledOps) {
    // A slice of a placeholder (or of a constant fill of one) is a smaller
    // placeholder: rebuild it so the destination is not read as data.
    rewriter.setInsertionPoint(op);
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(op))
      for (OpOperand &init : dps.getDpsInitsMutable())
        if (auto initSlice = init.get().getDefiningOp<tensor::ExtractSliceOp>())
          if (Value rebuilt = streamtensor::rebuildPlaceholder(
                  rewriter, initSlice.getLoc(), initSlice.getSource(),
                  initSlice.getResultType().getShape())) {
            rewriter.modifyOpInPlace(op, [&] { init.set(rebuilt); });
            if (initSlice->use_empty())
              rewriter.eraseOp(initSlice);
          }
    // The tile's loops have new ranges: copies get their tiles chosen
    // afresh, other ops fall back to the tiling defaults.
    op->removeAttr(kTileSizesAttr);
    if (auto copy = dyn_cast<linalg::GenericOp>(op);
        copy && copy->hasAttr(kDataMovementAttr)) {
      SmallVector<int64_t> tiles;
      for (int64_t range : copy.getStaticLoopRanges())
        tiles.push_back(getDefaultTileSize(range));
      copy->setAttr(kTileSizesAttr, rewriter.getDenseI64ArrayAttr(tiles));
    }
  }
  rewriter.setInsertionPoint(slice);
  if (value.getType() != slice.getType()) {
    auto type = cast<RankedTensorType>(value.getType());
    std::optional<SmallVector<ReassociationIndices>> groups =
        getReassociationIndicesForReshape(type, slice.getResultType());
    if (!groups)
      return false;
    value = rewriter.create<tensor::CollapseShapeOp>(
        slice.getLoc(), slice.getResultType(), value, *groups);
  }
  rewriter.replaceOp(slice, value);
  if (producer->use_empty())
    rewriter.eraseOp(producer);
  return true;
}

/// Whether `op` moves data between linalg ops: its source is computed by a
/// linalg op, or its result feeds one and its source is not a function
/// argument (pure views of arguments are prepared by the host).
static bool isBetweenLinalgOps(Operation *op, Value source) {
  if (isa<BlockArgument>(source))
    return false;
  Operation *def = source.getDefiningOp();
  if (isa<linalg::LinalgOp>(def))
    return true;
  if (def->hasTrait<OpTrait::ConstantLike>())
    return false;
  return llvm::any_of(op->getUsers(), [](Operation *user) {
    return isa<linalg::LinalgOp>(user);
  });
}

static bool isStaticTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape();
}

namespace {
struct TileableDataMovementPass
    : public streamtensor::impl::TileableDataMovementBase<
          TileableDataMovementPass> {
  using TileableDataMovementBase::TileableDataMovementBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    IRRewriter rewriter(&getContext());
    // Program order: a rewritten copy makes the next op of a chain (a slice
    // of an expanded result, say) sit between linalg ops too.
    SmallVector<Operation *> ops;
    for (Operation &op : func.getBody().front())
      ops.push_back(&op);
    rewriteAll(rewriter, ops);
    // Split producers along the partial slices of their results, then turn
    // the reshapes this leaves (and any newly exposed ones) into copies.
    bool changed = splitProducers;
    while (changed) {
      changed = false;
      SmallVector<tensor::ExtractSliceOp> slices;
      func.walk([&](tensor::ExtractSliceOp slice) {
        if (slice->getParentOp() == func)
          slices.push_back(slice);
      });
      for (tensor::ExtractSliceOp slice : slices)
        changed |= bubbleUpSlice(rewriter, slice);
    }
    ops.clear();
    for (Operation &op : func.getBody().front())
      ops.push_back(&op);
    rewriteAll(rewriter, ops);
  }

  void rewriteAll(IRRewriter &rewriter, ArrayRef<Operation *> ops) {
    for (Operation *op : ops) {
      rewriter.setInsertionPoint(op);
      if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
        if (!isStaticTensor(expand.getSrcType()) ||
            !isStaticTensor(expand.getResultType()) ||
            !isBetweenLinalgOps(op, expand.getSrc()))
          continue;
        (void)rewriteReshape(rewriter, op, expand.getSrc(),
                             expand.getResultType(), expand.getResultType(),
                             expand.getReassociationIndices(),
                             /*isExpand=*/true);
        continue;
      }
      if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
        if (!isStaticTensor(collapse.getSrcType()) ||
            !isStaticTensor(collapse.getResultType()) ||
            !isBetweenLinalgOps(op, collapse.getSrc()))
          continue;
        (void)rewriteReshape(rewriter, op, collapse.getSrc(),
                             collapse.getSrcType(), collapse.getResultType(),
                             collapse.getReassociationIndices(),
                             /*isExpand=*/false);
        continue;
      }
      if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
        if (!slice.hasUnitStride() || !isStaticTensor(slice.getSourceType()) ||
            !isStaticTensor(slice.getResultType()) ||
            ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
            !isWholeSlice(slice) || !isBetweenLinalgOps(op, slice.getSource()))
          continue;
        (void)rewriteSlice(rewriter, slice);
        continue;
      }
    }
  }
};
} // namespace
