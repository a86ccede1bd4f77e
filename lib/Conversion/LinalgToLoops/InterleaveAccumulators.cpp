//===- InterleaveAccumulators.cpp - Fold chains split over accumulators ---===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A pipelined loop that folds one value per iteration into one local element
// (a layer norm's sum, the absolute maximum an activation is quantized by)
// cannot start an iteration before the previous fold is stored: its II is
// the local read plus the f32 add or max, 5 to 7 cycles for one token. The
// loop is unrolled by R instead; each copy folds into an accumulator of its
// own, so R chains run interleaved at one token a cycle, and after the loop
// the accumulators are folded into the element as a tree. Sums are
// reassociated (the last bits of f32 rounding); maxima and minima are exact.
//
//===----------------------------------------------------------------------===//

#include "LoopNests.h"
#include "streamtensor/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"

namespace streamtensor {
#define GEN_PASS_DEF_INTERLEAVEACCUMULATORS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

namespace {
/// `element = fold(element, term)` on one local element that every
/// iteration updates: a load, an f32 add, max or min, a store back.
struct FoldChain {
  memref::LoadOp load;
  Operation *fold;
  memref::StoreOp store;
};
} // namespace

static bool isFold(Operation *op) {
  return isa<arith::AddFOp, arith::MaximumFOp, arith::MinimumFOp,
             arith::MaxNumFOp, arith::MinNumFOp>(op);
}

/// The fold chain `store` ends, when its element stays put in `loop` and no
/// other access of the loop touches its array.
static std::optional<FoldChain> matchFoldChain(memref::StoreOp store,
                                               scf::ForOp loop) {
  Value memref = store.getMemRef();
  if (!memref.getDefiningOp<memref::AllocOp>() ||
      !llvm::all_of(store.getIndices(), [&](Value index) {
        return loop.isDefinedOutsideOfLoop(index);
      }))
    return std::nullopt;
  Operation *fold = store.getValue().getDefiningOp();
  if (!fold || !isFold(fold) || !fold->hasOneUse() ||
      fold->getBlock() != loop.getBody())
    return std::nullopt;
  memref::LoadOp load;
  for (Value operand : fold->getOperands())
    if (auto candidate = operand.getDefiningOp<memref::LoadOp>())
      if (candidate.getMemRef() == memref &&
          llvm::equal(candidate.getIndices(), store.getIndices()) &&
          candidate->hasOneUse() && candidate->getBlock() == loop.getBody())
        load = candidate;
  if (!load || fold->getOperand(0) == fold->getOperand(1))
    return std::nullopt;
  // Nothing else in the loop reads or writes the array.
  bool alone = true;
  loop.getBody()->walk([&](Operation *op) {
    if (op == load.getOperation() || op == store.getOperation())
      return;
    if (llvm::is_contained(op->getOperands(), memref))
      alone = false;
  });
  if (!alone)
    return std::nullopt;
  return FoldChain{load, fold, store};
}

/// The largest factor of `trips` from 2 to `most`, or 1.
static int64_t chooseFactor(int64_t trips, int64_t most) {
  for (int64_t factor = std::min(trips, most); factor >= 2; --factor)
    if (trips % factor == 0)
      return factor;
  return 1;
}

/// Folds `values` pairwise with `fold`'s operation.
static Value buildFoldTree(OpBuilder &b, Operation *fold,
                           SmallVector<Value> values) {
  return buildPairwiseTree(std::move(values), [&](Value lhs, Value rhs) {
    OperationState state(fold->getLoc(), fold->getName());
    state.addOperands({lhs, rhs});
    state.addTypes(fold->getResultTypes());
    state.addAttributes(fold->getAttrs());
    return b.create(state)->getResult(0);
  });
}

static bool rewrite(scf::ForOp loop, int64_t maxAccumulators) {
  auto ii = loop->getAttrOfType<IntegerAttr>("dataflow.pipeline_ii");
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!ii || !lower || !upper || !step || *step <= 0 || *upper <= *lower ||
      (*upper - *lower) % *step != 0 || loop.getNumResults() != 0 ||
      !isa<func::FuncOp>(loop->getParentOp()) ||
      llvm::any_of(loop.getBody()->without_terminator(),
                   [](Operation &op) { return op.getNumRegions() != 0; }))
    return false;
  SmallVector<FoldChain> chains;
  for (auto store : loop.getBody()->getOps<memref::StoreOp>())
    if (std::optional<FoldChain> chain = matchFoldChain(store, loop))
      chains.push_back(*chain);
  if (chains.empty())
    return false;
  int64_t factor = chooseFactor((*upper - *lower) / *step, maxAccumulators);
  if (factor < 2)
    return false;

  OpBuilder b(loop);
  Location loc = loop.getLoc();
  // Each chain's accumulators: the element itself first (loaded before the
  // loop), then fresh ones holding a neutral start: zero for a sum, the
  // element again for a maximum or minimum.
  SmallVector<SmallVector<Value>> accumulators;
  for (FoldChain &chain : chains) {
    auto type = cast<FloatType>(chain.load.getType());
    Value element = b.create<memref::LoadOp>(loc, chain.load.getMemRef(),
                                             chain.load.getIndices());
    Value start = isa<arith::AddFOp>(chain.fold)
                      ? b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, 0.0))
                      : element;
    SmallVector<Value> list;
    for (int64_t copy = 0; copy < factor; ++copy) {
      Value acc = b.create<memref::AllocOp>(loc, MemRefType::get({}, type));
      b.create<memref::StoreOp>(loc, copy == 0 ? element : start, acc);
      list.push_back(acc);
    }
    accumulators.push_back(list);
  }

  // The loop over groups of `factor` iterations, the body copied once per
  // iteration of the group, each copy on its own accumulators.
  Value newStep = b.create<arith::ConstantIndexOp>(loc, *step * factor);
  auto group = b.create<scf::ForOp>(loc, loop.getLowerBound(),
                                    loop.getUpperBound(), newStep);
  for (NamedAttribute attr : loop->getAttrs())
    if (!group->hasAttr(attr.getName()))
      group->setAttr(attr.getName(), attr.getValue());
  group->setAttr("dataflow.pipeline_ii",
                 b.getI64IntegerAttr(ii.getInt() * factor));
  OpBuilder body = OpBuilder::atBlockBegin(group.getBody());
  Value base = group.getInductionVar();
  for (int64_t copy = 0; copy < factor; ++copy) {
    IRMapping mapping;
    Value iv = base;
    if (copy > 0)
      iv = body.create<arith::AddIOp>(
          loc, base, body.create<arith::ConstantIndexOp>(loc, copy * *step));
    mapping.map(loop.getInductionVar(), iv);
    for (Operation &op : loop.getBody()->without_terminator()) {
      auto chain = llvm::find_if(chains, [&](FoldChain &c) {
        return c.load.getOperation() == &op || c.store.getOperation() == &op;
      });
      if (chain == chains.end()) {
        body.clone(op, mapping);
        continue;
      }
      Value acc = accumulators[chain - chains.begin()][copy];
      if (chain->load.getOperation() == &op)
        mapping.map(op.getResult(0), body.create<memref::LoadOp>(loc, acc));
      else
        body.create<memref::StoreOp>(
            loc, mapping.lookup(chain->store.getValue()), acc);
    }
  }

  b.setInsertionPointAfter(group);
  for (auto [chain, list] : llvm::zip(chains, accumulators)) {
    SmallVector<Value> values;
    for (Value acc : list)
      values.push_back(b.create<memref::LoadOp>(loc, acc));
    b.create<memref::StoreOp>(loc, buildFoldTree(b, chain.fold, values),
                              chain.load.getMemRef(), chain.load.getIndices());
  }
  loop.erase();
  return true;
}

namespace {
struct InterleaveAccumulatorsPass
    : public streamtensor::impl::InterleaveAccumulatorsBase<
          InterleaveAccumulatorsPass> {
  using InterleaveAccumulatorsBase::InterleaveAccumulatorsBase;
  void runOnOperation() override {
    if (maxAccumulators < 1) {
      getOperation().emitError(
          "streamtensor-interleave-accumulators: max-accumulators must be "
          "positive");
      return signalPassFailure();
    }
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      (void)rewrite(loop, maxAccumulators);
  }
};
} // namespace
