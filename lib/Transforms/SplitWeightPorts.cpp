//===- SplitWeightPorts.cpp - Contractions split over weight column blocks ===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One AXI port reaches one HBM pseudo-channel, 14.4 GB/s: a 16 MB weight
// behind one port takes 1.2 ms to read however fast the datapath is. A
// contraction streaming a large weight is split along the output dimension
// the weight's words run along into several contractions, each reading one
// column block; the blocks are inserted into one result. Each block, a static slice of
// the weight, later becomes a weight of its own with its own port and
// pseudo-channel (--streamtensor-weight-slice-arguments), and the blocks run
// side by side.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

namespace streamtensor {
#define GEN_PASS_DEF_SPLITWEIGHTPORTS
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

namespace {
/// A weight argument seen directly or through one static unit-stride slice.
struct WeightView {
  BlockArgument arg;
  SmallVector<int64_t> offsets;
};
} // namespace

static std::optional<WeightView> getWeightView(Value value) {
  WeightView view;
  if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride() ||
        slice.getType().getRank() != slice.getSourceType().getRank() ||
        llvm::any_of(slice.getStaticOffsets(), ShapedType::isDynamic))
      return std::nullopt;
    view.offsets.assign(slice.getStaticOffsets().begin(),
                        slice.getStaticOffsets().end());
    value = slice.getSource();
  }
  auto arg = dyn_cast<BlockArgument>(value);
  if (!arg || !isWeightArgument(arg))
    return std::nullopt;
  view.arg = arg;
  if (view.offsets.empty())
    view.offsets.assign(cast<RankedTensorType>(arg.getType()).getRank(), 0);
  return view;
}

namespace {
struct SplitWeightPortsPass
    : public streamtensor::impl::SplitWeightPortsBase<SplitWeightPortsPass> {
  using SplitWeightPortsBase::SplitWeightPortsBase;

  /// The sizes of the blocks `op`'s weight is split into along `loop`;
  /// nothing when it is not split.
  struct Split {
    SmallVector<int64_t> sizes;
    OpOperand *weight;
    unsigned loop;
  };
  std::optional<Split> choose(linalg::LinalgOp op, int64_t ports) const;
  void split(linalg::LinalgOp op, const Split &plan);

  void runOnOperation() override {
    if (maxPorts < 1 || portBudget < 0 || minPortBytes < 1 || wordBits < 1) {
      getOperation().emitError(
          "streamtensor-split-weight-ports options must be positive "
          "(port-budget non-negative)");
      return signalPassFailure();
    }
    // The weights of one function read in different phases may each take
    // max-ports; together they spread over the port budget, so a weight
    // alone in its function (an LM head) takes the whole budget.
    int64_t widest = std::max<int64_t>(maxPorts, portBudget);
    SmallVector<linalg::LinalgOp> weights;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (choose(op, widest))
        weights.push_back(op);
    });
    if (weights.empty())
      return;
    int64_t ports = std::max<int64_t>(
        maxPorts, portBudget / static_cast<int64_t>(weights.size()));
    SmallVector<std::pair<linalg::LinalgOp, Split>> work;
    for (linalg::LinalgOp op : weights)
      if (std::optional<Split> plan = choose(op, ports))
        work.push_back({op, *plan});
    for (auto &[op, plan] : work)
      split(op, plan);
  }
};
} // namespace

std::optional<SplitWeightPortsPass::Split>
SplitWeightPortsPass::choose(linalg::LinalgOp op, int64_t ports) const {
  if (ports < 2 || !op.hasPureTensorSemantics() ||
      !linalg::isaContractionOpInterface(op) || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op->getNumResults() != 1 ||
      op->hasAttr("streamtensor.tile_sizes") ||
      op->hasAttr("streamtensor.unroll"))
    return std::nullopt;
  OpOperand *weight = op.getDpsInputOperand(1);
  if (!getWeightView(weight->get()))
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  auto type = cast<RankedTensorType>(weight->get().getType());
  if (!type.getElementType().isIntOrFloat())
    return std::nullopt;
  int64_t bits = type.getElementType().getIntOrFloatBitWidth();
  int64_t lanes = std::max<int64_t>(1, wordBits / bits);
  int64_t bytes = (type.getNumElements() * bits + 7) / 8; // codes are packed

  // The blocks split the loop the weight's words run along.
  std::optional<StreamedLoop> streamed = getStreamedLoop(op, ranges);
  if (!streamed)
    return std::nullopt;
  unsigned loop = streamed->loop;
  if (!onlyWeightSpans(op, loop))
    return std::nullopt;
  int64_t range = ranges[loop];
  // Blocks are whole multiples of a granule of rows; the slowest (largest)
  // block sets the time, so take the fewest blocks that make it smallest.
  // A range with no even split (151,936 = 128 x 1187) gets blocks that
  // differ by one granule. A block row holds at least the words that keep
  // the accumulator recurrence off the II (see
  // --streamtensor-plan-weight-streaming).
  int64_t minWords = getMinWordsPerRow(op);
  int64_t granule = lanes * minWords;
  // Narrow weights hold many lanes a word (128 4-bit codes): where their
  // coarse granule does not divide the range (Qwen2.5's 151,936 rows), the
  // blocks are cut at the granule of 16-lane f32 words instead.
  if (range % granule != 0)
    granule = std::min<int64_t>(lanes, 16) * minWords;
  if (range % granule != 0)
    return std::nullopt;
  // The fewest blocks of whole granules that make the largest smallest.
  auto count = [&](int64_t units) {
    int64_t blocks = 1, largest = units;
    for (int64_t candidate = 2; candidate <= std::min(ports, units);
         ++candidate) {
      if (bytes / candidate < minPortBytes)
        break;
      int64_t size = (units + candidate - 1) / candidate;
      if (size < largest) {
        blocks = candidate;
        largest = size;
      }
    }
    return std::make_pair(blocks, largest);
  };
  int64_t units = range / granule;
  auto [blocks, largest] = count(units);
  // Past max-ports (a weight given the port budget), blocks of 16 granules
  // are taken where they cost the largest block at most an eighth more
  // rows: an odd number of granules a block (Gemma-3's 262,144 rows in 28
  // blocks of 73 or 74) leaves the weight tiles no row count that is a
  // multiple of 16, and the block's scales and sums then move in words of
  // 4 lanes or fewer.
  if (ports > maxPorts && range % (granule * 16) == 0) {
    auto [coarseBlocks, coarseLargest] = count(units / 16);
    if (coarseBlocks >= 2 && 8 * 16 * coarseLargest <= 9 * largest) {
      granule *= 16;
      units /= 16;
      blocks = coarseBlocks;
    }
  }
  if (blocks < 2)
    return std::nullopt;
  Split plan{{}, weight, loop};
  for (int64_t index = 0; index < blocks; ++index)
    plan.sizes.push_back((units / blocks + (index < units % blocks ? 1 : 0)) *
                         granule);
  return plan;
}

void SplitWeightPortsPass::split(linalg::LinalgOp op, const Split &plan) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  WeightView view = *getWeightView(plan.weight->get());
  OpOperand *init = op.getDpsInitOperand(0);
  AffineExpr loopExpr = b.getAffineDimExpr(plan.loop);
  unsigned weightDim =
      *op.getMatchingIndexingMap(plan.weight).getResultPosition(loopExpr);
  unsigned outDim = *op.getMatchingIndexingMap(init).getResultPosition(loopExpr);
  auto weightType = cast<RankedTensorType>(plan.weight->get().getType());
  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  SmallVector<int64_t> starts{0};
  for (int64_t size : plan.sizes)
    starts.push_back(starts.back() + size);

  auto sliceOf = [&](Value source, ArrayRef<int64_t> base,
                     RankedTensorType type, unsigned dim, int64_t index) {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      int64_t offset = base[d] + (d == dim ? starts[index] : 0);
      offsets.push_back(b.getIndexAttr(offset));
      sizes.push_back(b.getIndexAttr(d == dim ? plan.sizes[index]
                                              : type.getDimSize(d)));
      strides.push_back(b.getIndexAttr(1));
    }
    return b.create<tensor::ExtractSliceOp>(loc, source, offsets, sizes,
                                            strides);
  };
  SmallVector<int64_t> zeros(outType.getRank(), 0);
  // The blocks are written into one tensor, as a concatenation lowers.
  Value joined = b.create<tensor::EmptyOp>(loc, outType.getShape(),
                                           outType.getElementType());
  for (int64_t index = 0, e = plan.sizes.size(); index < e; ++index) {
    Value weightBlock =
        sliceOf(view.arg, view.offsets, weightType, weightDim, index);
    // A filled accumulator is filled per block, not sliced from the whole.
    Value initBlock;
    if (auto fill = init->get().getDefiningOp<linalg::FillOp>()) {
      SmallVector<int64_t> shape(outType.getShape());
      shape[outDim] = plan.sizes[index];
      Value empty =
          b.create<tensor::EmptyOp>(loc, shape, outType.getElementType());
      initBlock = b.create<linalg::FillOp>(loc, fill.getInputs(), empty)
                      .getResult(0);
    } else {
      initBlock = sliceOf(init->get(), zeros, outType, outDim, index);
    }
    IRMapping mapping;
    mapping.map(plan.weight->get(), weightBlock);
    mapping.map(init->get(), initBlock);
    Operation *clone = b.clone(*op, mapping);
    clone->getResult(0).setType(cast<RankedTensorType>(initBlock.getType()));
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t d = 0; d < outType.getRank(); ++d) {
      offsets.push_back(b.getIndexAttr(d == outDim ? starts[index] : 0));
      sizes.push_back(b.getIndexAttr(d == outDim ? plan.sizes[index]
                                                 : outType.getDimSize(d)));
      strides.push_back(b.getIndexAttr(1));
    }
    joined = b.create<tensor::InsertSliceOp>(loc, clone->getResult(0), joined,
                                             offsets, sizes, strides);
  }
  op->getResult(0).replaceAllUsesWith(joined);
  op->erase();
}
