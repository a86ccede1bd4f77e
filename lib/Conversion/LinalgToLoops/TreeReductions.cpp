//===- TreeReductions.cpp - Fully unrolled sums added as trees ------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A reduction loop unrolled completely (the 16 lanes of a word of a
// transposed weight row) adds every lane into one accumulator element in
// turn: a chain of as many additions as lanes. The copies are instead
// summed pairwise, a tree as deep as the log of the lanes, and added to the
// element once; the loop goes and its parent becomes the pipelined loop.
// The sum is reassociated, which f32 rounding notices only in the last
// bits.
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
#define GEN_PASS_DEF_TREEREDUCTIONS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// Rewrites `loop` when it is a complete unroll of a sum into one element.
static bool rewrite(scf::ForOp loop) {
  auto unroll = loop->getAttrOfType<IntegerAttr>("dataflow.unroll");
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!unroll || !lower || !upper || !step || *step != 1 ||
      loop.getNumResults() != 0 || *upper - *lower != unroll.getInt() ||
      unroll.getInt() < 2)
    return false;
  bool nested = false;
  loop.getBody()->walk([&](scf::ForOp) { nested = true; });
  if (nested)
    return false;
  // The chain: load element, add a term, store it back, the only store.
  Value iv = loop.getInductionVar();
  llvm::DenseMap<Value, bool> cache;
  auto stores = loop.getBody()->getOps<memref::StoreOp>();
  if (!llvm::hasSingleElement(stores))
    return false;
  std::optional<SumChain> chain = matchSumChain(*stores.begin(), iv, loop, cache);
  if (!chain)
    return false;
  auto [load, add, store, term] = *chain;

  OpBuilder b(loop);
  Location loc = loop.getLoc();
  SmallVector<Value> terms;
  // The element's indices do not depend on the lane: any lane's clones of
  // them will do, the last one's below.
  IRMapping mapping;
  for (int64_t lane = *lower; lane < *upper; ++lane) {
    mapping.clear();
    mapping.map(iv, b.create<arith::ConstantIndexOp>(loc, lane));
    for (Operation &op : loop.getBody()->without_terminator()) {
      if (&op == load.getOperation() || &op == add ||
          &op == store.getOperation())
        continue;
      b.clone(op, mapping);
    }
    terms.push_back(mapping.lookupOrDefault(term));
  }
  Value element = b.clone(*load, mapping)->getResult(0);
  Value sum = createAdd(b, loc, element, buildSumTree(b, loc, terms));
  mapping.map(add->getResult(0), sum);
  b.clone(*store, mapping);
  // The parent, now innermost, is the pipelined loop.
  if (auto parent = dyn_cast<scf::ForOp>(loop->getParentOp()))
    parent->setAttr("dataflow.pipeline_ii", b.getI64IntegerAttr(1));
  loop.erase();
  return true;
}

namespace {
struct TreeReductionsPass
    : public streamtensor::impl::TreeReductionsBase<TreeReductionsPass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      (void)rewrite(loop);
  }
};
} // namespace
