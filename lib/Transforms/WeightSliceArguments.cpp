//===- WeightSliceArguments.cpp - Static weight slices as own arguments ---===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A weight read only through static slices (the Q, K and V columns of a
// fused projection, or the column blocks a contraction is split into) is
// stored as one tensor per slice: each slice then gets its own port, its own
// packed layout and its own HBM pseudo-channel, instead of all slices
// sharing one row-major port. Weights are prepared offline, so the slicing
// costs nothing at run time; `streamtensor.slice_of` tells the host which
// part of the user's tensor each new argument holds.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/MapVector.h"

namespace streamtensor {
#define GEN_PASS_DEF_WEIGHTSLICEARGUMENTS
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// The static offsets and sizes of a unit-stride, rank-preserving slice, or
/// nothing.
static std::optional<std::pair<SmallVector<int64_t>, SmallVector<int64_t>>>
getStaticBox(tensor::ExtractSliceOp slice) {
  if (!slice.hasUnitStride() || slice.getType().getRank() !=
                                    slice.getSourceType().getRank())
    return std::nullopt;
  ArrayRef<int64_t> offsets = slice.getStaticOffsets();
  ArrayRef<int64_t> sizes = slice.getStaticSizes();
  if (llvm::any_of(offsets, ShapedType::isDynamic) ||
      llvm::any_of(sizes, ShapedType::isDynamic))
    return std::nullopt;
  return std::make_pair(SmallVector<int64_t>(offsets),
                        SmallVector<int64_t>(sizes));
}

static std::string getSliceName(StringRef source, ArrayRef<int64_t> offsets,
                                ArrayRef<int64_t> sizes) {
  std::string name = source.str() + "[";
  for (auto [dim, offset] : llvm::enumerate(offsets)) {
    if (dim)
      name += ",";
    name += std::to_string(offset) + ":" + std::to_string(offset + sizes[dim]);
  }
  return name + "]";
}

namespace {
struct WeightSliceArgumentsPass
    : public streamtensor::impl::WeightSliceArgumentsBase<
          WeightSliceArgumentsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    MLIRContext *ctx = &getContext();
    Builder b(ctx);
    llvm::BitVector erased(func.getNumArguments());
    unsigned originalArgs = func.getNumArguments();
    for (unsigned index = 0; index < originalArgs; ++index) {
      BlockArgument arg = func.getArgument(index);
      auto name = func.getArgAttrOfType<StringAttr>(index, "streamtensor.name");
      if (!isWeightArgument(arg) || !name || arg.use_empty())
        continue;
      // Every use a static slice; identical slices share one argument. The
      // new arguments follow the slices' program order.
      using Box = std::pair<SmallVector<int64_t>, SmallVector<int64_t>>;
      bool onlySlices = llvm::all_of(arg.getUsers(), [&](Operation *user) {
        auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
        return slice && slice.getSource() == arg && getStaticBox(slice);
      });
      if (!onlySlices)
        continue;
      llvm::MapVector<Operation *, Box> slices;
      func.walk([&](tensor::ExtractSliceOp slice) {
        if (slice.getSource() == arg)
          slices.insert({slice.getOperation(), *getStaticBox(slice)});
      });
      std::map<Box, BlockArgument> created;
      for (auto &[op, box] : slices) {
        auto slice = cast<tensor::ExtractSliceOp>(op);
        auto [it, inserted] = created.try_emplace(box, BlockArgument());
        if (inserted) {
          // A slice of a weight that is itself a part of a user tensor (a
          // padded weight) is a part of that tensor.
          StringAttr source = name;
          SmallVector<int64_t> offsets = box.first;
          SmallVector<NamedAttribute> sliceFields;
          if (auto parent = func.getArgAttrOfType<DictionaryAttr>(
                  index, "streamtensor.slice_of")) {
            auto parentSource = parent.getAs<StringAttr>("source");
            auto parentOffsets = parent.getAs<DenseI64ArrayAttr>("offsets");
            if (parentSource && parentOffsets &&
                parentOffsets.size() == int64_t(offsets.size())) {
              source = parentSource;
              for (auto [offset, base] :
                   llvm::zip(offsets, parentOffsets.asArrayRef()))
                offset += base;
            }
            if (Attribute padding = parent.get("padding"))
              sliceFields.push_back(b.getNamedAttr("padding", padding));
          }
          sliceFields.push_back(b.getNamedAttr("source", source));
          sliceFields.push_back(
              b.getNamedAttr("offsets", b.getDenseI64ArrayAttr(offsets)));
          sliceFields.push_back(
              b.getNamedAttr("sizes", b.getDenseI64ArrayAttr(box.second)));
          NamedAttribute sliceOf = b.getNamedAttr(
              "streamtensor.slice_of", b.getDictionaryAttr(sliceFields));
          SmallVector<NamedAttribute> attrs;
          if (DictionaryAttr old = func.getArgAttrDict(index))
            for (NamedAttribute attr : old)
              if (attr.getName() != "streamtensor.name" &&
                  attr.getName() != "streamtensor.slice_of")
                attrs.push_back(attr);
          attrs.push_back(b.getNamedAttr(
              "streamtensor.name",
              b.getStringAttr(getSliceName(name.getValue(), box.first,
                                           box.second))));
          attrs.push_back(sliceOf);
          unsigned position = func.getNumArguments();
          func.insertArgument(position, slice.getType(),
                              b.getDictionaryAttr(attrs), slice.getLoc());
          it->second = func.getArgument(position);
        }
        slice.replaceAllUsesWith(Value(it->second));
        slice.erase();
      }
      erased.resize(func.getNumArguments());
      erased.set(index);
    }
    erased.resize(func.getNumArguments());
    if (erased.any())
      func.eraseArguments(erased);
  }
};
} // namespace
