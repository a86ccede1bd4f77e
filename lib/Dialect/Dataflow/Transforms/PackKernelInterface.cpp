//===- PackKernelInterface.cpp - Tiled external layouts for DMAs ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Decides, per kernel source and result, whether the DMA can walk its tensor
// in contiguous runs of a packed layout; computeInterfaceLayout has the rule
// for one access. Here the module-level constraints are added: only
// function arguments and results have a layout the host controls, and one
// argument has one layout, whichever DMA reads it.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/MapVector.h"

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_PACKKERNELINTERFACE
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;

static void keepRowMajor(InterfaceLayout &layout, StringRef reason) {
  layout = InterfaceLayout();
  layout.reason = reason.str();
}

static bool sameLayout(const InterfaceLayout &a, const InterfaceLayout &b) {
  return a.contiguous == b.contiguous && a.shape == b.shape &&
         a.outerDimsPerm == b.outerDimsPerm && a.innerTiles == b.innerTiles;
}

/// Whether `value` only reaches the function's return, possibly through
/// reshapes: then the host alone reads it and may unpack it.
static bool onlyReturned(Value value) {
  SmallVector<Value> worklist{value};
  while (!worklist.empty()) {
    Value current = worklist.pop_back_val();
    for (Operation *user : current.getUsers()) {
      if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(user))
        worklist.push_back(user->getResult(0));
      else if (!isa<func::ReturnOp>(user))
        return false;
    }
  }
  return true;
}

/// The tensor under reshape and static-slice views of `value`.
static Value getViewBase(Value value) {
  while (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp,
                         tensor::ExtractSliceOp>(value.getDefiningOp()))
    value = value.getDefiningOp()->getOperand(0);
  return value;
}

static bool isFunctionArgument(Value value) {
  auto arg = dyn_cast<BlockArgument>(value);
  return arg && isa<func::FuncOp>(arg.getOwner()->getParentOp());
}

namespace {
struct SourceRef {
  unsigned kernel, index;
};
} // namespace

/// The argument or result of `func` named `name` (`streamtensor.name`).
static std::optional<unsigned> findNamed(func::FuncOp func, StringRef name,
                                         bool result) {
  unsigned count = result ? func.getNumResults() : func.getNumArguments();
  for (unsigned i = 0; i < count; ++i) {
    auto attr = result ? func.getResultAttrOfType<StringAttr>(
                             i, "streamtensor.name")
                       : func.getArgAttrOfType<StringAttr>(
                             i, "streamtensor.name");
    if (attr && attr.getValue() == name)
      return i;
  }
  return std::nullopt;
}

/// A layer loop (`streamtensor.layer_loop`, docs/codegen.md) feeds each
/// layer's `chain` output to the next layer as its `chain` input: the two
/// tensors need one layout. Where the DMAs chose different ones, both are
/// kept row-major.
static void keepLayerChainsAlike(
    ArrayRef<KernelOp> kernels,
    std::vector<SmallVector<InterfaceLayout, 4>> &sources,
    std::vector<SmallVector<InterfaceLayout, 4>> &results,
    llvm::MapVector<Value, SmallVector<SourceRef>> &readers) {
  if (kernels.empty())
    return;
  auto module = kernels.front()->getParentOfType<ModuleOp>();
  auto loops =
      module ? module->getAttrOfType<DictionaryAttr>("streamtensor.layer_loop")
             : nullptr;
  if (!loops)
    return;
  for (auto func : module.getOps<func::FuncOp>()) {
    auto entry = loops.getAs<DictionaryAttr>(func.getSymName());
    auto chain = entry ? entry.getAs<ArrayAttr>("chain") : nullptr;
    if (!chain || chain.size() != 2 || func.isExternal())
      continue;
    auto inName = dyn_cast<StringAttr>(chain[0]);
    auto outName = dyn_cast<StringAttr>(chain[1]);
    if (!inName || !outName)
      continue;
    std::optional<unsigned> in = findNamed(func, inName.getValue(), false);
    std::optional<unsigned> out = findNamed(func, outName.getValue(), true);
    if (!in || !out)
      continue;
    auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
    Value written = ret.getOperand(*out);
    while (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
        written.getDefiningOp()))
      written = written.getDefiningOp()->getOperand(0);
    auto result = dyn_cast<OpResult>(written);
    auto kernel = result ? dyn_cast<KernelOp>(result.getOwner()) : nullptr;
    auto refs = readers.find(func.getArgument(*in));
    if (!kernel || refs == readers.end())
      continue;
    unsigned k = llvm::find(kernels, kernel) - kernels.begin();
    if (k == kernels.size())
      continue;
    InterfaceLayout &outLayout = results[k][result.getResultNumber()];
    const SourceRef &first = refs->second.front();
    if (sameLayout(sources[first.kernel][first.index], outLayout))
      continue;
    StringRef reason = "a layer loop feeds it to the next layer as its input "
                       "(or back): kept row-major with it";
    keepRowMajor(outLayout, reason);
    for (const SourceRef &ref : refs->second)
      keepRowMajor(sources[ref.kernel][ref.index], reason);
  }
}

namespace {

struct PackKernelInterfacePass
    : public streamtensor::dataflow::impl::PackKernelInterfaceBase<
          PackKernelInterfacePass> {
  void runOnOperation() override {
    SmallVector<KernelOp> kernels;
    getOperation().walk([&](KernelOp kernel) { kernels.push_back(kernel); });
    std::vector<SmallVector<InterfaceLayout, 4>> sources(kernels.size()),
        results(kernels.size());
    llvm::MapVector<Value, SmallVector<SourceRef>> readers;

    for (auto [k, kernel] : llvm::enumerate(kernels)) {
      Block &body = kernel.getBody().front();
      for (auto [index, source] : llvm::enumerate(kernel.getSources())) {
        InterfaceLayout layout;
        if (auto type = dyn_cast<ITensorType>(body.getArgument(index).getType()))
          layout = computeInterfaceLayout(type);
        else
          layout.reason = "read whole by a task, not streamed by a DMA";
        Value buffer = getSourceBuffer(source);
        // A static slice of an argument (Q, K or V columns of a fused
        // projection weight) is read in place through a view.
        if (layout.contiguous && isa_and_nonnull<tensor::ExtractSliceOp>(
                                     buffer.getDefiningOp()))
          keepRowMajor(layout, "a slice of an argument, read in place "
                               "through a view; kept row-major in memory");
        else if (layout.contiguous && !isFunctionArgument(buffer))
          keepRowMajor(layout, "produced inside the design (by a kernel or "
                               "on the host); kept row-major in memory");
        sources[k].push_back(layout);
        // Grouped by the memory they read, slices included: a tensor read
        // both through a slice view and whole has one (row-major) port.
        readers[getViewBase(source)].push_back(
            {static_cast<unsigned>(k), static_cast<unsigned>(index)});
      }
      auto yield = cast<YieldOp>(body.getTerminator());
      for (auto [index, output] : llvm::enumerate(yield.getOutputs())) {
        InterfaceLayout layout;
        if (auto type = dyn_cast<ITensorType>(output.getType()))
          layout = computeInterfaceLayout(type);
        else
          layout.reason = "written whole by a task, not streamed by a DMA";
        if (layout.contiguous && !onlyReturned(kernel.getResult(index)))
          keepRowMajor(layout, "read by another kernel or on the host; kept "
                               "row-major in memory");
        results[k].push_back(layout);
      }
    }

    // One buffer has one layout: DMAs that disagree (or read different
    // slices of it) all read row-major.
    for (auto &[buffer, refs] : readers) {
      const InterfaceLayout &first = sources[refs[0].kernel][refs[0].index];
      bool agree = llvm::all_of(refs, [&](SourceRef ref) {
        return sameLayout(sources[ref.kernel][ref.index], first);
      });
      if (agree)
        continue;
      for (SourceRef ref : refs)
        keepRowMajor(sources[ref.kernel][ref.index],
                     "read by several DMAs in different tile orders");
    }

    keepLayerChainsAlike(kernels, sources, results, readers);

    MLIRContext *ctx = &getContext();
    auto toArray = [&](ArrayRef<InterfaceLayout> layouts) {
      SmallVector<Attribute> attrs;
      for (const InterfaceLayout &layout : layouts)
        attrs.push_back(layout.toAttr(ctx));
      return ArrayAttr::get(ctx, attrs);
    };
    for (auto [k, kernel] : llvm::enumerate(kernels)) {
      kernel->setAttr(kSourceLayoutsAttr, toArray(sources[k]));
      kernel->setAttr(kResultLayoutsAttr, toArray(results[k]));
    }
  }
};
} // namespace
