//===- LowerPackUnpack.cpp - Host-side pack/unpack to linalg --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace streamtensor {
#define GEN_PASS_DEF_LOWERPACKUNPACK
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;

/// Top and process functions run on the accelerator.
static bool onAccelerator(Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  return func && (func->hasAttr("dataflow.top") ||
                  func->hasAttr("dataflow.process"));
}

namespace {
struct LowerPackUnpackPass
    : public streamtensor::impl::LowerPackUnpackBase<LowerPackUnpackPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<tensor::PackOp, tensor::UnPackOp>(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (Operation *op : ops) {
      if (onAccelerator(op)) {
        op->emitOpError("packs data on the accelerator; only host-side "
                        "functions may pack or unpack");
        return signalPassFailure();
      }
      rewriter.setInsertionPoint(op);
      bool lowered = true;
      if (auto pack = dyn_cast<tensor::PackOp>(op))
        lowered = succeeded(linalg::lowerPack(rewriter, pack));
      else
        lowered = succeeded(
            linalg::lowerUnPack(rewriter, cast<tensor::UnPackOp>(op)));
      if (!lowered) {
        op->emitOpError("cannot be lowered to reshapes and a transpose");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
