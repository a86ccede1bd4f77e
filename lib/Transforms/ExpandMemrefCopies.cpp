//===- ExpandMemrefCopies.cpp - memref.copy to element loops --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace streamtensor {
#define GEN_PASS_DEF_EXPANDMEMREFCOPIES
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;

/// Whether `copy` moves a local allocation, dead afterwards, into a function
/// argument that nothing touches while the allocation is live: the writers of
/// the allocation can then write into the argument directly.
static bool isForwardable(memref::CopyOp copy) {
  auto alloc = copy.getSource().getDefiningOp<memref::AllocOp>();
  auto target = dyn_cast<BlockArgument>(copy.getTarget());
  if (!alloc || !target || alloc.getType() != copy.getTarget().getType() ||
      !alloc.getType().getLayout().isIdentity())
    return false;
  Block *body = copy->getBlock();
  if (alloc->getBlock() != body || target.getOwner() != body ||
      !isa<func::FuncOp>(body->getParentOp()))
    return false;
  for (Operation *user : alloc->getUsers()) {
    Operation *top = body->findAncestorOpInBlock(*user);
    if (user != copy && (!top || !top->isBeforeInBlock(copy)))
      return false;
  }
  for (Operation *user : target.getUsers()) {
    Operation *top = body->findAncestorOpInBlock(*user);
    if (user != copy && top && alloc->isBeforeInBlock(top) &&
        top->isBeforeInBlock(copy))
      return false;
  }
  return true;
}

namespace {
struct ExpandMemrefCopiesPass
    : public streamtensor::impl::ExpandMemrefCopiesBase<
          ExpandMemrefCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    for (memref::CopyOp &copy : copies) {
      if (!isForwardable(copy))
        continue;
      Operation *alloc = copy.getSource().getDefiningOp();
      Value target = copy.getTarget();
      copy.erase();
      alloc->getResult(0).replaceAllUsesWith(target);
      alloc->erase();
      copy = nullptr;
    }
    for (memref::CopyOp copy : copies) {
      if (!copy)
        continue;
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
