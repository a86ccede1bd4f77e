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

#include "Placeholders.h"
#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"
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

/// The leading part of a padded result the user sees.
static constexpr llvm::StringLiteral kValidShapeAttr =
    "streamtensor.valid_shape";

/// Output widths divisible by this (8 words of 16 f32 lanes) need no padding.
static constexpr int64_t kWellTiled = 128;

namespace {
struct PadWeightColumnsPass
    : public streamtensor::impl::PadWeightColumnsBase<PadWeightColumnsPass> {
  using PadWeightColumnsBase::PadWeightColumnsBase;
  void runOnOperation() override;
  /// Pads `op`'s weight; adds the generics the padding moved past (erased)
  /// to `erased`.
  void pad(func::FuncOp func, linalg::LinalgOp op,
           llvm::SmallPtrSetImpl<Operation *> &erased);
};
} // namespace

/// The weight argument `op` reads as its second input, used by nothing else.
static BlockArgument getOwnWeight(linalg::LinalgOp op) {
  auto arg = dyn_cast<BlockArgument>(op.getDpsInputOperand(1)->get());
  if (!arg || !arg.hasOneUse())
    return nullptr;
  return isWeightArgument(arg) ? arg : nullptr;
}

/// Adds, after the other arguments, the weight `weight` stored padded with
/// zeros to `padded` along `dim`, with the name and `streamtensor.slice_of`
/// that tell the host how to build it from the user's tensor; null when
/// the weight has no name to refer to.
static BlockArgument addPaddedWeight(func::FuncOp func, BlockArgument weight,
                                     unsigned dim, int64_t padded) {
  Builder b(func.getContext());
  unsigned index = weight.getArgNumber();
  auto name = func.getArgAttrOfType<StringAttr>(index, "streamtensor.name");
  if (!name)
    return nullptr;
  auto weightType = cast<RankedTensorType>(weight.getType());
  SmallVector<int64_t> shape(weightType.getShape());
  shape[dim] = padded;
  auto paddedType = RankedTensorType::get(shape, weightType.getElementType());
  SmallVector<NamedAttribute> attrs;
  for (NamedAttribute attr : func.getArgAttrDict(index))
    if (attr.getName() != "streamtensor.name")
      attrs.push_back(attr);
  std::string paddedName =
      name.str() + "[padded to " + std::to_string(padded) + "]";
  attrs.push_back(
      b.getNamedAttr("streamtensor.name", b.getStringAttr(paddedName)));
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
  return func.getArgument(position);
}

/// The part of `padded` at offset 0 of `type`'s shape: what is left when
/// the padding goes.
static tensor::ExtractSliceOp sliceLeading(OpBuilder &b, Location loc,
                                           Value padded,
                                           RankedTensorType type) {
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes, strides(type.getRank(), b.getIndexAttr(1));
  for (int64_t size : type.getShape())
    sizes.push_back(b.getIndexAttr(size));
  return b.create<tensor::ExtractSliceOp>(loc, type, padded, offsets, sizes,
                                          strides);
}

/// The dimension `slice` cuts (it keeps a leading part of one dimension).
static std::optional<unsigned> getCutDim(tensor::ExtractSliceOp slice) {
  RankedTensorType source = slice.getSourceType();
  if (!slice.hasUnitStride() || !source.hasStaticShape() ||
      slice.getType().getRank() != source.getRank() ||
      llvm::any_of(slice.getStaticOffsets(), [](int64_t o) { return o != 0; }))
    return std::nullopt;
  std::optional<unsigned> cut;
  for (auto [d, size] : llvm::enumerate(slice.getType().getShape())) {
    if (size == source.getDimSize(d))
      continue;
    if (cut)
      return std::nullopt;
    cut = d;
  }
  return cut;
}

/// A weight argument read only by `value`, directly or through a reshape
/// that only adds or drops unit dimensions (a [1, N] scale row read as
/// [N]), with the argument's dimension that `dim` of `value` is.
struct PaddableWeight {
  BlockArgument arg;
  unsigned argDim;
  Operation *reshape = nullptr;
};

static std::optional<PaddableWeight> getPaddableWeight(func::FuncOp func,
                                                       Value value,
                                                       unsigned dim) {
  Operation *reshape = nullptr;
  if (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(
          value.getDefiningOp())) {
    reshape = value.getDefiningOp();
    if (!value.hasOneUse())
      return std::nullopt;
    value = reshape->getOperand(0);
  }
  auto arg = dyn_cast<BlockArgument>(value);
  if (!arg || arg.getOwner()->getParentOp() != func.getOperation() ||
      !isWeightArgument(arg) || !arg.hasOneUse() ||
      !cast<RankedTensorType>(arg.getType()).hasStaticShape() ||
      !func.getArgAttr(arg.getArgNumber(), "streamtensor.name"))
    return std::nullopt;
  if (!reshape)
    return PaddableWeight{arg, dim, nullptr};
  // The non-unit dimensions of both sides must be the same, in order.
  auto nonUnit = [](RankedTensorType type) {
    SmallVector<unsigned> dims;
    for (auto [d, size] : llvm::enumerate(type.getShape()))
      if (size != 1)
        dims.push_back(d);
    return dims;
  };
  auto from = cast<RankedTensorType>(arg.getType());
  auto to = cast<RankedTensorType>(reshape->getResult(0).getType());
  SmallVector<unsigned> fromDims = nonUnit(from), toDims = nonUnit(to);
  if (fromDims.size() != toDims.size())
    return std::nullopt;
  for (auto [a, b] : llvm::zip(fromDims, toDims))
    if (from.getDimSize(a) != to.getDimSize(b))
      return std::nullopt;
  auto position = llvm::find(toDims, dim);
  if (position == toDims.end())
    return std::nullopt;
  return PaddableWeight{arg, fromDims[position - toDims.begin()], reshape};
}

/// Whether each index of `map` is a loop, or 0 (a unit dimension).
/// AffineMap::isProjectedPermutation refuses more indices than loops even
/// when the extra ones are zeros.
static bool isDimsOrZeros(AffineMap map) {
  llvm::SmallBitVector seen(map.getNumDims());
  for (AffineExpr expr : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      if (seen.test(dim.getPosition()))
        return false;
      seen.set(dim.getPosition());
      continue;
    }
    auto constant = dyn_cast<AffineConstantExpr>(expr);
    if (!constant || constant.getValue() != 0)
      return false;
  }
  return true;
}

/// The padded rows would reach element-wise work over the logits (a
/// quantized head's dequantization and scaling) through a slice of one
/// value a cycle: where the slice's only user is a generic that is parallel
/// along the cut dimension and whose other operands along it are weights
/// read there only (padded too) or fresh accumulators, the generic runs on
/// the padded rows and the slice moves after it. Returns the moved slice.
static tensor::ExtractSliceOp
sinkSlice(func::FuncOp func, tensor::ExtractSliceOp slice,
          SmallVectorImpl<unsigned> &replaced,
          llvm::SmallPtrSetImpl<Operation *> &erased) {
  std::optional<unsigned> cut = getCutDim(slice);
  if (!cut || !slice->hasOneUse())
    return nullptr;
  OpOperand &use = *slice->getUses().begin();
  auto generic = dyn_cast<linalg::GenericOp>(use.getOwner());
  if (!generic || !generic.hasPureTensorSemantics() ||
      generic->getNumResults() != 1 || generic.isDpsInit(&use) ||
      !generic.getBody()->getOps<linalg::IndexOp>().empty() ||
      !llvm::all_of(generic.getIndexingMapsArray(), isDimsOrZeros))
    return nullptr;
  auto loopExpr = dyn_cast<AffineDimExpr>(
      generic.getMatchingIndexingMap(&use).getResult(*cut));
  if (!loopExpr ||
      generic.getIteratorTypesArray()[loopExpr.getPosition()] !=
          utils::IteratorType::parallel)
    return nullptr;
  int64_t padded = slice.getSourceType().getDimSize(*cut);
  // Tile sizes chosen already must still divide, but a reshape's copy
  // (only unit dimensions added or dropped, as the maps above are) stays
  // dense with any tile: it takes the default tile of the padded width.
  SmallVector<int64_t> retiled;
  if (auto tiles = generic->getAttrOfType<DenseI64ArrayAttr>(kTileSizesAttr)) {
    unsigned loop = loopExpr.getPosition();
    if (loop >= tiles.size() || tiles[loop] < 0)
      return nullptr;
    if (tiles[loop] > 0 && padded % tiles[loop] != 0) {
      if (!generic->hasAttr(kDataMovementAttr))
        return nullptr;
      retiled.assign(tiles.asArrayRef().begin(), tiles.asArrayRef().end());
      retiled[loop] = getDefaultTileSize(padded);
    }
  }

  // Every operand spanning the cut loop, with the dimension it spans there
  // and, for a weight, where to pad it.
  struct Spanning {
    OpOperand *operand;
    unsigned dim;
    std::optional<PaddableWeight> weight;
  };
  SmallVector<Spanning> spanning;
  for (OpOperand &operand : generic->getOpOperands()) {
    std::optional<unsigned> dim =
        generic.getMatchingIndexingMap(&operand).getResultPosition(loopExpr);
    if (!dim)
      continue;
    Value value = operand.get();
    Spanning span{&operand, *dim, std::nullopt};
    bool ok = false;
    if (value == slice.getResult()) {
      ok = *dim == *cut;
    } else if (generic.isDpsInit(&operand)) {
      ok = isPlaceholder(value) &&
           cast<RankedTensorType>(value.getType()).hasStaticShape();
    } else {
      span.weight = getPaddableWeight(func, value, *dim);
      ok = span.weight.has_value();
    }
    if (!ok)
      return nullptr;
    spanning.push_back(span);
  }

  OpBuilder b(generic);
  Location loc = generic.getLoc();
  IRMapping mapping;
  SmallVector<Operation *> reshapes;
  for (const Spanning &span : spanning) {
    Value value = span.operand->get();
    if (value == slice.getResult()) {
      mapping.map(value, slice.getSource());
      continue;
    }
    auto type = cast<RankedTensorType>(value.getType());
    SmallVector<int64_t> shape(type.getShape());
    shape[span.dim] = padded;
    if (!span.weight) {
      mapping.map(value, rebuildPlaceholder(b, loc, value, shape));
      continue;
    }
    const PaddableWeight &weight = *span.weight;
    replaced.push_back(weight.arg.getArgNumber());
    Value paddedValue =
        addPaddedWeight(func, weight.arg, weight.argDim, padded);
    if (weight.reshape) {
      // The same reshape of the padded weight.
      auto paddedType = RankedTensorType::get(shape, type.getElementType());
      if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(weight.reshape))
        paddedValue = b.create<tensor::CollapseShapeOp>(
            loc, paddedType, paddedValue, collapse.getReassociationIndices());
      else
        paddedValue = b.create<tensor::ExpandShapeOp>(
            loc, paddedType, paddedValue,
            cast<tensor::ExpandShapeOp>(weight.reshape)
                .getReassociationIndices());
      reshapes.push_back(weight.reshape);
    }
    mapping.map(value, paddedValue);
  }
  Operation *clone = b.clone(*generic, mapping);
  if (!retiled.empty())
    clone->setAttr(kTileSizesAttr, b.getDenseI64ArrayAttr(retiled));
  Value initValue = mapping.lookup(generic.getDpsInitOperand(0)->get());
  clone->getResult(0).setType(initValue.getType());
  auto outType = cast<RankedTensorType>(generic->getResult(0).getType());
  tensor::ExtractSliceOp moved =
      sliceLeading(b, loc, clone->getResult(0), outType);
  generic->getResult(0).replaceAllUsesWith(moved.getResult());
  erased.insert(generic);
  generic->erase();
  slice->erase();
  for (Operation *reshape : reshapes)
    reshape->erase();
  return moved;
}

/// A slice whose only user is the return is dropped: the function returns
/// the padded tensor and `streamtensor.valid_shape` tells the host which
/// leading part to read. Where the slice cuts a row of the logits, the
/// output port then moves whole words instead of one value a cycle.
static void returnPadded(func::FuncOp func, tensor::ExtractSliceOp slice) {
  if (!getCutDim(slice) || !slice->hasOneUse())
    return;
  OpOperand &use = *slice->getUses().begin();
  auto ret = dyn_cast<func::ReturnOp>(use.getOwner());
  if (!ret || ret->getParentOp() != func.getOperation())
    return;
  unsigned index = use.getOperandNumber();
  if (func.getResultAttr(index, kValidShapeAttr))
    return;
  use.set(slice.getSource());
  SmallVector<Type> results(func.getResultTypes());
  results[index] = slice.getSourceType();
  func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                 results));
  func.setResultAttr(index, kValidShapeAttr,
                     DenseI64ArrayAttr::get(func.getContext(),
                                            slice.getType().getShape()));
  slice->erase();
}

void PadWeightColumnsPass::pad(func::FuncOp func, linalg::LinalgOp op,
                               llvm::SmallPtrSetImpl<Operation *> &erased) {
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

  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  AffineExpr loopExpr = getAffineDimExpr(loop, &getContext());
  unsigned weightDim = *weightMap.getResultPosition(loopExpr);
  unsigned outDim = *outMap.getResultPosition(loopExpr);

  BlockArgument paddedWeight = addPaddedWeight(func, weight, weightDim, padded);
  if (!paddedWeight)
    return;

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
  tensor::ExtractSliceOp slice =
      sliceLeading(builder, loc, clone->getResult(0), outType);
  op->getResult(0).replaceAllUsesWith(slice.getResult());
  op->erase();
  // The padded weights are appended: the replaced ones keep their numbers.
  SmallVector<unsigned> replaced{weight.getArgNumber()};
  tensor::ExtractSliceOp last = slice;
  while (slice) {
    last = slice;
    slice = sinkSlice(func, slice, replaced, erased);
  }
  if (padResults)
    returnPadded(func, last);
  llvm::BitVector unused(func.getNumArguments());
  for (unsigned index : replaced)
    unused.set(index);
  (void)func.eraseArguments(unused);
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
  // Generics a padding moved past are erased: not to be visited again.
  llvm::SmallPtrSet<Operation *, 8> erased;
  for (linalg::LinalgOp op : ops)
    if (!erased.contains(op))
      pad(getOperation(), op, erased);
}
