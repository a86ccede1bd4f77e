//===- ExpandMemrefCopies.cpp - memref.copy to element loops --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace streamtensor {
#define GEN_PASS_DEF_EXPANDMEMREFCOPIES
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;

namespace {
struct ExpandMemrefCopiesPass
    : public streamtensor::impl::ExpandMemrefCopiesBase<
          ExpandMemrefCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    for (memref::CopyOp copy : copies) {
      auto type = cast<MemRefType>(copy.getSource().getType());
      if (!type.hasStaticShape()) {
        copy.emitOpError("copies of dynamically shaped memrefs cannot be "
                         "expanded into loops");
        return signalPassFailure();
      }
      OpBuilder builder(copy);
      Location loc = copy.getLoc();
      SmallVector<Value> lbs, ubs, steps;
      for (int64_t size : type.getShape()) {
        lbs.push_back(builder.create<arith::ConstantIndexOp>(loc, 0));
        ubs.push_back(builder.create<arith::ConstantIndexOp>(loc, size));
        steps.push_back(builder.create<arith::ConstantIndexOp>(loc, 1));
      }
      scf::buildLoopNest(builder, loc, lbs, ubs, steps,
                         [&](OpBuilder &b, Location l, ValueRange ivs) {
                           Value value = b.create<memref::LoadOp>(
                               l, copy.getSource(), ivs);
                           b.create<memref::StoreOp>(l, value,
                                                     copy.getTarget(), ivs);
                         });
      copy.erase();
    }
  }
};
} // namespace
