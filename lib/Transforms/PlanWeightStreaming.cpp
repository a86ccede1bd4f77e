//===- PlanWeightStreaming.cpp - Word-wide datapaths for streamed weights -===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A contraction that reads its weight from HBM uses each weight element as
// many times as its left-hand side has rows: once, in decode. Its speed is
// the rate at which memory words reach the multiply-adds, so the tile loop
// that walks the weight's contiguous output dimension is unrolled by the
// lanes of one word, and tiled as wide as the on-chip weight tile allows so
// the accumulator element a lane updates recurs only once per tile row.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace streamtensor {
#define GEN_PASS_DEF_PLANWEIGHTSTREAMING
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// The plan grows a tile whose pass over its outputs is shorter than the
/// accumulator recurrence (getMinWordsPerRow), and plans nothing for an f32
/// pass below 2 words (at 2 the II is 4, still 4 multiply-adds per cycle).
static constexpr int64_t kHardMinWordsPerRow = 2;
/// Words of operand a tile should hold to hide the memory latency and the
/// pipeline depths it pays once (about 140 cycles).
static constexpr int64_t kMinTileWords = 1024;

static bool hasDirectives(Operation *op) {
  return op->hasAttr(kTileSizesAttr) || op->hasAttr(kUnrollAttr) ||
         op->hasAttr(kInnerOrderAttr) || op->hasAttr(kPermutationAttr);
}

namespace {
struct Plan {
  SmallVector<int64_t> tiles;
  SmallVector<int64_t> unroll;
  /// Empty for the tiling's default order.
  SmallVector<int64_t> innerOrder;
};

struct PlanWeightStreamingPass
    : public streamtensor::impl::PlanWeightStreamingBase<
          PlanWeightStreamingPass> {
  using PlanWeightStreamingBase::PlanWeightStreamingBase;

  std::optional<Plan> plan(linalg::LinalgOp op) const;

  void runOnOperation() override {
    if (reductionTile < 1 || maxTileBytes < 1 || wordBits < 1) {
      getOperation().emitError("streamtensor-plan-weight-streaming options "
                               "must be positive");
      return signalPassFailure();
    }
    MLIRContext *ctx = &getContext();
    getOperation().walk([&](linalg::LinalgOp op) {
      if (hasDirectives(op))
        return;
      std::optional<Plan> chosen = plan(op);
      if (!chosen)
        return;
      op->setAttr(kTileSizesAttr, DenseI64ArrayAttr::get(ctx, chosen->tiles));
      op->setAttr(kUnrollAttr, DenseI64ArrayAttr::get(ctx, chosen->unroll));
      if (!chosen->innerOrder.empty())
        op->setAttr(kInnerOrderAttr,
                    DenseI64ArrayAttr::get(ctx, chosen->innerOrder));
    });
  }
};
} // namespace

std::optional<Plan>
PlanWeightStreamingPass::plan(linalg::LinalgOp op) const {
  if (!op.hasPureTensorSemantics() || !linalg::isaContractionOpInterface(op) ||
      op.getNumDpsInputs() != 2 || op.getNumReductionLoops() != 1)
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  // The streamed operand: the right-hand input (the weight of x @ W, the
  // keys of q K^T, the values of P V), read from external memory.
  OpOperand *streamed = op.getDpsInputOperand(1);
  if (!getExternalSource(streamed->get()))
    return std::nullopt;
  Type element = getElementTypeOrSelf(streamed->get().getType());
  if (!element.isIntOrFloat())
    return std::nullopt;
  int64_t bits = element.getIntOrFloatBitWidth();
  int64_t lanes = wordBits / bits;
  int64_t bytes = (bits + 7) / 8;
  if (lanes < 2)
    return std::nullopt;

  // The lanes run along the operand's streamed loop (StreamedOperand.h).
  // For a transposed operand the reduction is tiled by exactly the lanes so
  // each word is one row of the tile.
  AffineMap map = op.getMatchingIndexingMap(streamed);
  std::optional<StreamedLoop> streamedLoop = getStreamedLoop(op, ranges);
  if (!streamedLoop)
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  auto isReduction = [&](unsigned loop) {
    return iterators[loop] == utils::IteratorType::reduction;
  };
  unsigned laneLoop = streamedLoop->loop;
  unsigned contiguousLoop = streamedLoop->contiguousLoop;
  bool transposed = streamedLoop->transposed;
  if (ranges[transposed ? contiguousLoop : laneLoop] % lanes != 0)
    return std::nullopt;

  Plan plan;
  plan.unroll.assign(ranges.size(), 1);
  int64_t otherTileElements = 1;
  for (auto [loop, range] : llvm::enumerate(ranges)) {
    int64_t tile = getDefaultTileSize(range);
    if (isReduction(loop)) {
      if (transposed)
        tile = range == lanes ? 0 : lanes;
      else if (range > reductionTile && range % reductionTile == 0)
        tile = reductionTile;
    } else if (loop != laneLoop && map.isFunctionOfDim(loop)) {
      // Other dimensions of the operand (heads of a batched product) are
      // walked one at a time unless the rows are too short (below).
      tile = range > 1 ? 1 : 0;
    }
    plan.tiles.push_back(tile);
    if (loop != laneLoop && map.isFunctionOfDim(loop))
      otherTileElements *= tile ? tile : range;
  }
  // The widest multiple of the lanes dividing the dimension whose tile of
  // the operand fits the budget.
  auto extent = [&](unsigned loop) {
    return plan.tiles[loop] ? plan.tiles[loop] : ranges[loop];
  };
  // With a transposed operand the words run along the reduction, so the
  // output tile need not be a multiple of the lanes.
  int64_t range = ranges[laneLoop];
  int64_t step = transposed ? 1 : lanes;
  int64_t widest = 0;
  for (int64_t tile = step; tile <= range; tile += step)
    if (range % tile == 0 && otherTileElements * tile * bytes <= maxTileBytes)
      widest = tile;
  if (widest == 0)
    return std::nullopt;
  // A lane's accumulator element comes back once per pass over the output
  // elements of the tile; a pass shorter than the f32 multiply-add latency
  // would stall the pipeline. Short rows (64 values of one head) take more
  // of the operand's other dimensions (more heads) into the tile.
  auto passLength = [&]() {
    int64_t words = transposed ? widest : widest / lanes;
    for (unsigned loop = 0; loop < ranges.size(); ++loop)
      if (!isReduction(loop) && loop != laneLoop)
        words *= extent(loop);
    return words;
  };
  for (AffineExpr expr : llvm::reverse(map.getResults())) {
    if (passLength() >= getMinWordsPerRow(op))
      break;
    unsigned loop = cast<AffineDimExpr>(expr).getPosition();
    if (loop == laneLoop || isReduction(loop) || ranges[loop] <= 1)
      continue;
    int64_t others = otherTileElements / extent(loop);
    for (int64_t tile = ranges[loop]; tile > extent(loop); --tile)
      if (ranges[loop] % tile == 0 &&
          others * tile * widest * bytes <= maxTileBytes) {
        otherTileElements = others * tile;
        plan.tiles[loop] = tile == ranges[loop] ? 0 : tile;
        break;
      }
  }
  if (passLength() < std::min(kHardMinWordsPerRow, getMinWordsPerRow(op)))
    return std::nullopt;
  // Each tile pays the memory latency and the pipelines' depths once: a
  // narrow tile (a column block of a split weight) takes more rows of the
  // reduction, up to kMinTileWords words, within the budget.
  if (!transposed)
    for (unsigned loop = 0; loop < ranges.size(); ++loop) {
      if (!isReduction(loop) || !plan.tiles[loop])
        continue;
      int64_t tile = plan.tiles[loop];
      int64_t others = otherTileElements / tile;
      while (tile * widest / lanes < kMinTileWords && tile * 2 < ranges[loop] &&
             ranges[loop] % (tile * 2) == 0 &&
             others * tile * 2 * widest * bytes <= maxTileBytes)
        tile *= 2;
      plan.tiles[loop] = tile;
      otherTileElements = others * tile;
    }
  plan.tiles[laneLoop] = widest == range ? 0 : widest;
  if (!transposed) {
    plan.unroll[laneLoop] = lanes;
    return plan;
  }
  // A transposed operand's word is one row of the tile: the reduction over
  // its lanes is unrolled innermost and summed as a tree, one output
  // element per cycle.
  plan.unroll[contiguousLoop] = lanes;
  for (unsigned loop = 0; loop < ranges.size(); ++loop)
    if (loop != contiguousLoop)
      plan.innerOrder.push_back(loop);
  plan.innerOrder.push_back(contiguousLoop);
  return plan;
}
