//===- WidenKernelInterface.cpp - Memory words for contiguous DMAs --------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A DMA over a contiguous run moves whole memory words: as many elements as
// the bus holds when the run is a multiple of that, otherwise the largest
// power of two that divides the run, so no word straddles two runs.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "llvm/ADT/MapVector.h"

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_WIDENKERNELINTERFACE
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;

static int64_t getLanes(int64_t run, Type elementType, int64_t busBits) {
  // Index and other target-sized types have no width in memory.
  if (!elementType.isIntOrFloat())
    return 1;
  int64_t bits = elementType.getIntOrFloatBitWidth();
  int64_t lanes = 1;
  while ((lanes * 2) * bits <= busBits &&
         run % (lanes * 2) == 0)
    lanes *= 2;
  return lanes;
}

static Type getElementType(Value value) {
  return cast<ShapedType>(value.getType()).getElementType();
}

namespace {
struct WidenKernelInterfacePass
    : public streamtensor::dataflow::impl::WidenKernelInterfaceBase<
          WidenKernelInterfacePass> {
  using WidenKernelInterfaceBase::WidenKernelInterfaceBase;

  void runOnOperation() override {
    if (busBits < 8 || !llvm::isPowerOf2_64(busBits)) {
      getOperation().emitError("bus-bits must be a power of two of at least "
                               "8, got ")
          << static_cast<int64_t>(busBits);
      return signalPassFailure();
    }
    bool failedAny = false;
    // Every source reading one buffer uses the narrowest width among them.
    llvm::MapVector<Value, int64_t> bufferLanes;
    std::vector<std::pair<KernelOp, SmallVector<InterfaceLayout>>> sourceLayouts;
    getOperation().walk([&](KernelOp kernel) {
      SmallVector<InterfaceLayout> sources =
          getInterfaceLayouts(kernel, kSourceLayoutsAttr);
      SmallVector<InterfaceLayout> results =
          getInterfaceLayouts(kernel, kResultLayoutsAttr);
      if (sources.size() != kernel.getSources().size() ||
          results.size() != kernel.getNumResults()) {
        kernel.emitOpError("has no interface layouts; run "
                           "dataflow-pack-kernel-interface first");
        failedAny = true;
        return;
      }
      for (auto [layout, source] : llvm::zip(sources, kernel.getSources())) {
        if (!layout.contiguous)
          continue;
        int64_t lanes = getLanes(layout.run, getElementType(source), busBits);
        auto [it, inserted] =
            bufferLanes.try_emplace(getSourceBuffer(source), lanes);
        if (!inserted)
          it->second = std::min(it->second, lanes);
      }
      for (auto [layout, result] : llvm::zip(results, kernel.getResults()))
        if (layout.contiguous)
          layout.lanes = getLanes(layout.run, getElementType(result), busBits);
      kernel->setAttr(kResultLayoutsAttr, toArray(results));
      sourceLayouts.push_back({kernel, sources});
    });
    if (failedAny)
      return signalPassFailure();
    for (auto &[kernel, sources] : sourceLayouts) {
      for (auto [layout, source] : llvm::zip(sources, kernel.getSources()))
        if (layout.contiguous)
          layout.lanes = bufferLanes.lookup(getSourceBuffer(source));
      kernel->setAttr(kSourceLayoutsAttr, toArray(sources));
    }
  }

  ArrayAttr toArray(ArrayRef<InterfaceLayout> layouts) {
    SmallVector<Attribute> attrs;
    for (const InterfaceLayout &layout : layouts)
      attrs.push_back(layout.toAttr(&getContext()));
    return ArrayAttr::get(&getContext(), attrs);
  }
};
} // namespace
