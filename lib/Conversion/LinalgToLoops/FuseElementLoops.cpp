//===- FuseElementLoops.cpp - One pass over a tile instead of several -----===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A task body lowered tile by tile reads a tile from its stream into a
// buffer, computes another buffer from it, then writes that to its output
// stream: three loop nests one after the other, each as long as the tile.
// When a nest writes a buffer element at its induction variables and the
// next nest of the same bounds reads it at its own, the two are one nest
// with the value passed directly: each element is read, computed and
// written in one pipeline iteration, and the buffer goes. An accumulator
// initialised by one nest and updated by the next is passed the same way.
//
//===----------------------------------------------------------------------===//

#include "LoopNests.h"
#include "streamtensor/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

namespace streamtensor {
#define GEN_PASS_DEF_FUSEELEMENTLOOPS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// The perfect nest under `outermost`, outermost first; empty when a loop
/// carries values or has non-constant bounds.
static SmallVector<scf::ForOp> getConstantNest(scf::ForOp outermost) {
  SmallVector<scf::ForOp> nest = getPerfectNest(outermost);
  for (scf::ForOp loop : nest)
    if (loop.getNumResults() != 0 || !getConstantIntValue(loop.getLowerBound()) ||
        !getConstantIntValue(loop.getUpperBound()) ||
        !getConstantIntValue(loop.getStep()))
      return {};
  // The innermost body holds no loops of its own.
  bool nested = false;
  nest.back().getBody()->walk([&](scf::ForOp) { nested = true; });
  if (nested)
    return {};
  return nest;
}

static bool sameBounds(MutableArrayRef<scf::ForOp> a, MutableArrayRef<scf::ForOp> b) {
  if (a.size() != b.size())
    return false;
  for (auto [x, y] : llvm::zip(a, b))
    if (getConstantIntValue(x.getLowerBound()) !=
            getConstantIntValue(y.getLowerBound()) ||
        getConstantIntValue(x.getUpperBound()) !=
            getConstantIntValue(y.getUpperBound()) ||
        getConstantIntValue(x.getStep()) != getConstantIntValue(y.getStep()))
      return false;
  return true;
}

/// Whether `indices` are the nest's induction variables in order; unit
/// dimensions of `memref`, indexed by 0, have no loop.
static bool isIndexedByNest(Value memref, ValueRange indices,
                            MutableArrayRef<scf::ForOp> nest) {
  ArrayRef<int64_t> shape = cast<MemRefType>(memref.getType()).getShape();
  size_t next = 0;
  for (auto [dim, index] : llvm::enumerate(indices)) {
    if (shape[dim] == 1 && getConstantIntValue(index) == 0)
      continue;
    if (next == nest.size() || index != nest[next].getInductionVar())
      return false;
    ++next;
  }
  return next == nest.size();
}

/// Every value (memref, stream) an operation or the operations nested in
/// it touch.
static void collectTouched(Operation *op, llvm::SetVector<Value> &touched) {
  op->walk([&](Operation *nested) {
    for (Value operand : nested->getOperands())
      if (isa<MemRefType>(operand.getType()) ||
          !isa<IntegerType, IndexType, FloatType, VectorType>(operand.getType()))
        touched.insert(operand);
  });
}

/// Fuses `second` into `first` when `first` fills a local buffer at its
/// induction variables that only `second` reads, at its own (and may
/// update there, as an accumulator initialised by `first`). Operations
/// between the two move before `first` when they touch nothing it does.
static bool tryFuse(scf::ForOp first, scf::ForOp second) {
  SmallVector<scf::ForOp> a = getConstantNest(first);
  SmallVector<scf::ForOp> b = getConstantNest(second);
  if (a.empty() || b.empty() || !sameBounds(a, b))
    return false;
  Block *bodyA = a.back().getBody();
  Block *bodyB = b.back().getBody();
  // The buffer passed between them.
  memref::StoreOp store;
  for (Operation &op : bodyA->without_terminator()) {
    auto candidate = dyn_cast<memref::StoreOp>(op);
    if (!candidate ||
        !isIndexedByNest(candidate.getMemRef(), candidate.getIndices(), a))
      continue;
    auto alloc = candidate.getMemRef().getDefiningOp<memref::AllocOp>();
    if (!alloc)
      continue;
    // The second nest reads the buffer at its own induction variables and
    // may write it back there after reading (an accumulator it starts
    // from what the first nest stored). Then what reads the buffer after
    // the second nest sees what that nest stored, fused or not.
    Operation *firstStore = nullptr, *lastLoad = nullptr;
    bool usedLater = false;
    bool onlyHere = llvm::all_of(alloc->getUsers(), [&](Operation *user) {
      if (user == candidate.getOperation())
        return true;
      if (user->getBlock() != bodyB) {
        Operation *top = first->getBlock()->findAncestorOpInBlock(*user);
        bool later = top && second->isBeforeInBlock(top);
        usedLater |= later;
        return later;
      }
      if (auto load = dyn_cast<memref::LoadOp>(user)) {
        if (!lastLoad || lastLoad->isBeforeInBlock(load))
          lastLoad = load;
        return isIndexedByNest(load.getMemRef(), load.getIndices(), b);
      }
      auto other = dyn_cast<memref::StoreOp>(user);
      if (!other || !isIndexedByNest(other.getMemRef(), other.getIndices(), b))
        return false;
      if (!firstStore || other->isBeforeInBlock(firstStore))
        firstStore = other;
      return true;
    });
    if ((firstStore && lastLoad && firstStore->isBeforeInBlock(lastLoad)) ||
        (usedLater && !firstStore))
      onlyHere = false;
    if (onlyHere) {
      store = candidate;
      break;
    }
  }
  if (!store)
    return false;
  Value buffer = store.getMemRef();
  // The first nest may write nothing else the second reads.
  llvm::SetVector<Value> touchedA, touchedB;
  collectTouched(first, touchedA);
  collectTouched(second, touchedB);
  bool conflict = false;
  first->walk([&](memref::StoreOp other) {
    if (other != store && touchedB.contains(other.getMemRef()))
      conflict = true;
  });
  // Nor may the second write what the first reads: its writes would land
  // before the first's later reads.
  second->walk([&](memref::StoreOp other) {
    if (other.getMemRef() != buffer && touchedA.contains(other.getMemRef()))
      conflict = true;
  });
  if (conflict)
    return false;
  // What lies between must be independent of the first nest.
  SmallVector<Operation *> between;
  for (Operation *op = first->getNextNode(); op != second.getOperation();
       op = op->getNextNode()) {
    if (!op)
      return false;
    llvm::SetVector<Value> touched;
    collectTouched(op, touched);
    if (llvm::any_of(touched, [&](Value v) { return touchedA.contains(v); }) ||
        touched.contains(buffer))
      return false;
    between.push_back(op);
  }
  for (Operation *op : between)
    op->moveBefore(first);

  // The second body joins the first, with the stored value in place of the
  // buffer's loads.
  IRMapping mapping;
  for (auto [x, y] : llvm::zip(a, b))
    mapping.map(y.getInductionVar(), x.getInductionVar());
  OpBuilder builder(bodyA->getTerminator());
  for (Operation &op : bodyB->without_terminator()) {
    if (auto load = dyn_cast<memref::LoadOp>(op); load && load.getMemRef() == buffer) {
      mapping.map(load.getResult(), store.getValue());
      continue;
    }
    builder.clone(op, mapping);
  }
  Operation *alloc = buffer.getDefiningOp();
  store.erase();
  second.erase();
  if (alloc->use_empty())
    alloc->erase();
  // Unroll factors of either nest no longer describe the fused body; the
  // pipeline keeps its II of one.
  for (scf::ForOp loop : a)
    loop->removeAttr("dataflow.unroll");
  return true;
}

namespace {
struct FuseElementLoopsPass
    : public streamtensor::impl::FuseElementLoopsBase<FuseElementLoopsPass> {
  void runOnOperation() override {
    bool changed = true;
    while (changed) {
      changed = false;
      SmallVector<Block *> blocks;
      getOperation().walk([&](Block *block) { blocks.push_back(block); });
      for (Block *block : blocks) {
        SmallVector<scf::ForOp> loops(block->getOps<scf::ForOp>());
        for (size_t i = 0; i + 1 < loops.size() && !changed; ++i)
          for (size_t j = i + 1; j < loops.size() && !changed; ++j)
            changed = tryFuse(loops[i], loops[j]);
        if (changed)
          break;
      }
    }
  }
};
} // namespace
