//===- InterfaceLayout.cpp - External-memory layout of a DMA --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace streamtensor::dataflow;

int64_t InterfaceLayout::getTileElements() const {
  int64_t elements = 1;
  for (int64_t tile : innerTiles)
    elements *= tile;
  return elements;
}

SmallVector<int64_t> InterfaceLayout::getPackedShape() const {
  SmallVector<int64_t> packed;
  for (int64_t dim : outerDimsPerm)
    packed.push_back(shape[dim] / innerTiles[dim]);
  llvm::append_range(packed, innerTiles);
  return packed;
}

DictionaryAttr InterfaceLayout::toAttr(MLIRContext *ctx) const {
  Builder b(ctx);
  SmallVector<NamedAttribute> fields{
      b.getNamedAttr("contiguous", b.getBoolAttr(contiguous)),
      b.getNamedAttr("packed", b.getBoolAttr(packed))};
  if (!reason.empty())
    fields.push_back(b.getNamedAttr("reason", b.getStringAttr(reason)));
  if (contiguous) {
    fields.push_back(b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape)));
    fields.push_back(b.getNamedAttr("outer_dims_perm",
                                    b.getDenseI64ArrayAttr(outerDimsPerm)));
    fields.push_back(
        b.getNamedAttr("inner_tiles", b.getDenseI64ArrayAttr(innerTiles)));
    fields.push_back(b.getNamedAttr("run", b.getI64IntegerAttr(run)));
    fields.push_back(b.getNamedAttr("lanes", b.getI64IntegerAttr(lanes)));
  }
  return b.getDictionaryAttr(fields);
}

std::optional<InterfaceLayout> InterfaceLayout::fromAttr(Attribute attr) {
  auto dict = dyn_cast_or_null<DictionaryAttr>(attr);
  if (!dict)
    return std::nullopt;
  InterfaceLayout layout;
  auto contiguous = dict.getAs<BoolAttr>("contiguous");
  auto packed = dict.getAs<BoolAttr>("packed");
  if (!contiguous || !packed)
    return std::nullopt;
  layout.contiguous = contiguous.getValue();
  layout.packed = packed.getValue();
  if (auto reason = dict.getAs<StringAttr>("reason"))
    layout.reason = reason.str();
  if (!layout.contiguous)
    return layout;
  auto shape = dict.getAs<DenseI64ArrayAttr>("shape");
  auto perm = dict.getAs<DenseI64ArrayAttr>("outer_dims_perm");
  auto tiles = dict.getAs<DenseI64ArrayAttr>("inner_tiles");
  auto run = dict.getAs<IntegerAttr>("run");
  auto lanes = dict.getAs<IntegerAttr>("lanes");
  if (!shape || !perm || !tiles || !run || !lanes ||
      perm.size() != shape.size() || tiles.size() != shape.size())
    return std::nullopt;
  layout.shape.assign(shape.asArrayRef().begin(), shape.asArrayRef().end());
  layout.outerDimsPerm.assign(perm.asArrayRef().begin(),
                              perm.asArrayRef().end());
  layout.innerTiles.assign(tiles.asArrayRef().begin(),
                           tiles.asArrayRef().end());
  layout.run = run.getInt();
  layout.lanes = lanes.getInt();
  SmallVector<bool> seen(layout.shape.size(), false);
  for (int64_t dim : layout.outerDimsPerm) {
    if (dim < 0 || dim >= static_cast<int64_t>(seen.size()) || seen[dim])
      return std::nullopt;
    seen[dim] = true;
  }
  for (auto [size, tile] : llvm::zip(layout.shape, layout.innerTiles))
    if (tile <= 0 || size % tile != 0)
      return std::nullopt;
  if (layout.lanes <= 0 || layout.run <= 0 || layout.run % layout.lanes != 0)
    return std::nullopt;
  return layout;
}

namespace {
/// One dimension of a linear layout: `extent` steps of `stride` elements of
/// logical dimension `dim`.
struct LayoutDim {
  int64_t dim, stride, extent;
  bool operator==(const LayoutDim &o) const {
    return dim == o.dim && stride == o.stride && extent == o.extent;
  }
};
} // namespace

/// Drops unit dimensions and merges neighbours that continue each other, so
/// two layouts that order memory identically compare equal.
static SmallVector<LayoutDim> normalize(ArrayRef<LayoutDim> dims) {
  SmallVector<LayoutDim> result;
  for (LayoutDim d : dims) {
    if (d.extent == 1)
      continue;
    if (!result.empty() && result.back().dim == d.dim &&
        result.back().stride == d.stride * d.extent) {
      result.back().stride = d.stride;
      result.back().extent *= d.extent;
      continue;
    }
    result.push_back(d);
  }
  return result;
}

/// Whether the packed layout orders memory exactly like row-major.
static bool isRowMajor(const InterfaceLayout &layout) {
  SmallVector<LayoutDim> packed, rowMajor;
  for (int64_t dim : layout.outerDimsPerm)
    packed.push_back({dim, layout.innerTiles[dim],
                      layout.shape[dim] / layout.innerTiles[dim]});
  for (auto [dim, tile] : llvm::enumerate(layout.innerTiles))
    packed.push_back({static_cast<int64_t>(dim), 1, tile});
  for (auto [dim, size] : llvm::enumerate(layout.shape))
    rowMajor.push_back({static_cast<int64_t>(dim), 1, size});
  return normalize(packed) == normalize(rowMajor);
}

unsigned streamtensor::dataflow::getContiguousLoops(ITensorType type) {
  AffineMap map = type.getIterMap();
  unsigned count = 0;
  for (int k = type.getNumLoops() - 1; k >= 0; --k) {
    if (!map.isFunctionOfDim(k))
      break;
    ++count;
  }
  return count;
}

InterfaceLayout streamtensor::dataflow::computeInterfaceLayout(ITensorType type) {
  InterfaceLayout layout;
  if (type.isVectorElement()) {
    layout.reason = "vector tokens are not streamed by DMAs";
    return layout;
  }
  SmallVector<int64_t> shape = type.getDataShape();
  if (shape.empty()) {
    layout.reason = "scalar tensor";
    return layout;
  }
  ArrayRef<int64_t> tiles = type.getElementShape();
  AffineMap map = type.getIterMap();
  SmallVector<int64_t> loopOf(shape.size(), -1);
  SmallVector<bool> loopUsed(type.getNumLoops(), false);
  for (unsigned dim = 0; dim < shape.size(); ++dim) {
    AffineExpr expr = map.getResult(dim);
    std::string where = "dimension " + std::to_string(dim);
    if (auto constant = dyn_cast<AffineConstantExpr>(expr)) {
      if (constant.getValue() != 0 || tiles[dim] != shape[dim]) {
        layout.reason = where + " is read at a fixed offset by a tile that "
                                "does not cover it";
        return layout;
      }
      continue;
    }
    auto loop = dyn_cast<AffineDimExpr>(expr);
    if (!loop) {
      layout.reason = where + " is reached through an index expression, not "
                              "one loop walking whole tiles";
      return layout;
    }
    unsigned k = loop.getPosition();
    if (loopUsed[k]) {
      layout.reason = "one loop walks several dimensions (diagonal access)";
      return layout;
    }
    loopUsed[k] = true;
    int64_t step = type.getSteps()[k], trips = type.getTripCounts()[k];
    if (step != tiles[dim]) {
      layout.reason = where + " is walked in steps of " + std::to_string(step) +
                      " by tiles of " + std::to_string(tiles[dim]) +
                      " (overlapping or sparse tiles)";
      return layout;
    }
    if (trips * step != shape[dim]) {
      layout.reason = where + " of size " + std::to_string(shape[dim]) +
                      " is not covered by whole tiles of " +
                      std::to_string(tiles[dim]);
      return layout;
    }
    loopOf[dim] = k;
  }
  // Dimensions a single tile covers first (one outer index), then the
  // walked ones in the order of their loops.
  for (unsigned dim = 0; dim < shape.size(); ++dim)
    if (loopOf[dim] < 0)
      layout.outerDimsPerm.push_back(dim);
  SmallVector<unsigned> walked;
  for (unsigned dim = 0; dim < shape.size(); ++dim)
    if (loopOf[dim] >= 0)
      walked.push_back(dim);
  llvm::sort(walked, [&](unsigned a, unsigned b) { return loopOf[a] < loopOf[b]; });
  llvm::append_range(layout.outerDimsPerm, walked);
  layout.shape = shape;
  layout.innerTiles.assign(tiles.begin(), tiles.end());
  layout.contiguous = true;
  layout.run = layout.getTileElements();
  unsigned contiguousLoops = getContiguousLoops(type);
  for (unsigned k = type.getNumLoops() - contiguousLoops; k < type.getNumLoops(); ++k)
    layout.run *= type.getTripCounts()[k];
  layout.packed = !isRowMajor(layout);
  if (!layout.packed)
    layout.reason = "row-major order is already the tile order";
  return layout;
}

Value streamtensor::dataflow::getSourceBuffer(Value value) {
  while (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
      value.getDefiningOp()))
    value = value.getDefiningOp()->getOperand(0);
  return value;
}

SmallVector<InterfaceLayout>
streamtensor::dataflow::getInterfaceLayouts(Operation *op, StringRef name) {
  SmallVector<InterfaceLayout> layouts;
  auto array = op->getAttrOfType<ArrayAttr>(name);
  if (!array)
    return layouts;
  for (Attribute attr : array) {
    std::optional<InterfaceLayout> layout = InterfaceLayout::fromAttr(attr);
    if (!layout)
      return {};
    layouts.push_back(*layout);
  }
  return layouts;
}
