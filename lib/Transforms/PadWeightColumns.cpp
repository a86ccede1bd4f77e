//===- PadWeightColumns.cpp - Weights padded to a tileable output width ---===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A contraction's output dimension with no good divisor (GPT-2's vocabulary
// of 50,257 = 29 x 1,733) can only be tiled by an awkward factor, and then
// neither streams whole memory words nor splits over ports. The weight is
// stored padded with zeros to a multiple of `multiple` along that
// dimension (offline, as weights are prepared); the contraction computes the
// padded outputs and a slice drops them, so the zeros never reach a user.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

namespace streamtensor {
#define GEN_PASS_DEF_PADWEIGHTCOLUMNS
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// Output widths divisible by this (8 words of 16 f32 lanes) need no padding.
static constexpr int64_t kWellTiled = 128;

namespace {
struct PadWeightColumnsPass
    : public streamtensor::impl::PadWeightColumnsBase<PadWeightColumnsPass> {
  using PadWeightColumnsBase::PadWeightColumnsBase;
  void runOnOperation() override;
  void pad(func::FuncOp func, linalg::LinalgOp op);
};
} // namespace

/// The weight argument `op` reads as its second input, used by nothing else.
static BlockArgument getOwnWeight(linalg::LinalgOp op) {
  auto arg = dyn_cast<BlockArgument>(op.getDpsInputOperand(1)->get());
  if (!arg || !arg.hasOneUse())
    return nullptr;
  return isWeightArgument(arg) ? arg : nullptr;
}

void PadWeightColumnsPass::pad(func::FuncOp func, linalg::LinalgOp op) {
  BlockArgument weight = getOwnWeight(op);
  if (!weight || op->hasAttr("streamtensor.tile_sizes") ||
      !linalg::isaContractionOpInterface(op) || op.getNumDpsInits() != 1 ||
      op->getNumResults() != 1 || !op.hasPureTensorSemantics())
    return;
  auto init = op.getDpsInitOperand(0);
  if (!init->get().getDefiningOp<linalg::FillOp>())
    return;
  AffineMap weightMap = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
  AffineMap outMap = op.getMatchingIndexingMap(init);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  // The dimension the weight is streamed along is the one to pad.
  std::optional<StreamedLoop> streamed = getStreamedLoop(op, ranges);
  if (!streamed)
    return;
  unsigned loop = streamed->loop;
  int64_t range = ranges[loop];
  // A dimension with a divisor of 8 words of 16 lanes tiles well as it is.
  if (range <= multiple || range % kWellTiled == 0)
    return;
  int64_t padded = (range + multiple - 1) / multiple * multiple;
  if (double(padded - range) > maxPadFraction * double(range))
    return;

  if (!onlyWeightSpans(op, loop))
    return;

  auto weightType = cast<RankedTensorType>(weight.getType());
  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  AffineExpr loopExpr = getAffineDimExpr(loop, &getContext());
  unsigned weightDim = *weightMap.getResultPosition(loopExpr);
  unsigned outDim = *outMap.getResultPosition(loopExpr);

  // The padded weight replaces the user's, and says which part it holds.
  Builder b(&getContext());
  unsigned index = weight.getArgNumber();
  SmallVector<int64_t> shape(weightType.getShape());
  shape[weightDim] = padded;
  auto paddedType = RankedTensorType::get(shape, weightType.getElementType());
  auto name = func.getArgAttrOfType<StringAttr>(index, "streamtensor.name");
  if (!name)
    return;
  SmallVector<NamedAttribute> attrs;
  for (NamedAttribute attr : func.getArgAttrDict(index))
    if (attr.getName() != "streamtensor.name")
      attrs.push_back(attr);
  std::string paddedName = name.str() + "[padded to " + std::to_string(padded) + "]";
  attrs.push_back(b.getNamedAttr("streamtensor.name", b.getStringAttr(paddedName)));
  attrs.push_back(b.getNamedAttr(
      "streamtensor.slice_of",
      b.getDictionaryAttr(
          {b.getNamedAttr("source", name),
           b.getNamedAttr("offsets", b.getDenseI64ArrayAttr(
                                         SmallVector<int64_t>(shape.size(), 0))),
           b.getNamedAttr("sizes", b.getDenseI64ArrayAttr(shape)),
           b.getNamedAttr("padding", b.getStringAttr("zero"))})));
  unsigned position = func.getNumArguments();
  func.insertArgument(position, paddedType, b.getDictionaryAttr(attrs),
                      weight.getLoc());
  Value paddedWeight = func.getArgument(position);

  // The contraction on the padded weight, into a padded accumulator.
  OpBuilder builder(op);
  Location loc = op.getLoc();
  auto fill = init->get().getDefiningOp<linalg::FillOp>();
  SmallVector<int64_t> outShape(outType.getShape());
  outShape[outDim] = padded;
  Value empty =
      builder.create<tensor::EmptyOp>(loc, outShape, outType.getElementType());
  Value paddedInit =
      builder.create<linalg::FillOp>(loc, fill.getInputs(), empty).getResult(0);
  IRMapping mapping;
  mapping.map(weight, paddedWeight);
  mapping.map(init->get(), paddedInit);
  Operation *clone = builder.clone(*op, mapping);
  clone->getResult(0).setType(cast<RankedTensorType>(paddedInit.getType()));
  SmallVector<OpFoldResult> offsets(outType.getRank(), builder.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes, strides(outType.getRank(),
                                           builder.getIndexAttr(1));
  for (int64_t size : outType.getShape())
    sizes.push_back(builder.getIndexAttr(size));
  Value result = builder.create<tensor::ExtractSliceOp>(
      loc, outType, clone->getResult(0), offsets, sizes, strides);
  op->getResult(0).replaceAllUsesWith(result);
  op->erase();
  func.eraseArgument(index);
}

void PadWeightColumnsPass::runOnOperation() {
  if (multiple < 1 || maxPadFraction < 0) {
    getOperation().emitError("streamtensor-pad-weight-columns options must be "
                             "positive");
    return signalPassFailure();
  }
  SmallVector<linalg::LinalgOp> ops;
  getOperation().walk([&](linalg::LinalgOp op) {
    if (op.getNumDpsInputs() == 2)
      ops.push_back(op);
  });
  for (linalg::LinalgOp op : ops)
    pad(getOperation(), op);
}
