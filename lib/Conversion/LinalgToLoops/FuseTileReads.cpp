//===- FuseTileReads.cpp - Memory words read where they are used ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A task that reads a tile of external memory first copies it, one word per
// cycle, into a local buffer (`dataflow.word_lanes` loop), then walks the
// buffer in its multiply-add nest: the port idles while the nest computes
// and the nest idles while the port reads. When the nest visits the buffer
// exactly once, in the order the words fill it, with its innermost loop
// unrolled by the lanes of a word (with only work that leaves the memory
// alone between the copy and the nest), the nest can read each word itself: the
// innermost loop then walks words, and its body is repeated once per lane
// with the lane taken from the word. The copy loop and the buffer go.
//
//===----------------------------------------------------------------------===//

#include "LoopNests.h"
#include "streamtensor/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

namespace streamtensor {
#define GEN_PASS_DEF_FUSETILEREADS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

namespace {
/// A copy loop of memory words into a local buffer.
struct WordCopy {
  scf::ForOp loop;
  memref::LoadOp word;
  Value base; // word index of the first word, defined outside the loop
  memref::AllocOp buffer;
  int64_t lanes;
};
} // namespace

static std::optional<WordCopy> matchWordCopy(scf::ForOp loop) {
  auto lanes = loop->getAttrOfType<IntegerAttr>("dataflow.word_lanes");
  if (!lanes || getConstantIntValue(loop.getLowerBound()) != 0 ||
      getConstantIntValue(loop.getStep()) != 1 || loop.getNumResults() != 0)
    return std::nullopt;
  WordCopy copy;
  copy.loop = loop;
  copy.lanes = lanes.getInt();
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      if (copy.word || !isa<BlockArgument>(load.getMemRef()) ||
          load.getIndices().size() != 1)
        return std::nullopt;
      auto add = load.getIndices()[0].getDefiningOp<arith::AddIOp>();
      if (!add)
        return std::nullopt;
      Value iv = loop.getInductionVar();
      Value other = add.getLhs() == iv   ? add.getRhs()
                    : add.getRhs() == iv ? add.getLhs()
                                         : Value();
      if (!other || loop->isAncestor(other.getParentBlock()->getParentOp()))
        return std::nullopt;
      copy.word = load;
      copy.base = other;
    } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
      auto alloc = store.getMemRef().getDefiningOp<memref::AllocOp>();
      if (!alloc || (copy.buffer && copy.buffer != alloc))
        return std::nullopt;
      copy.buffer = alloc;
    }
  }
  if (!copy.word || !copy.buffer)
    return std::nullopt;
  MemRefType type = copy.buffer.getType();
  if (!type.hasStaticShape() || type.getShape().back() % copy.lanes != 0)
    return std::nullopt;
  auto trips = getConstantIntValue(loop.getUpperBound());
  if (!trips || *trips * copy.lanes != type.getNumElements())
    return std::nullopt;
  return copy;
}

/// Fuses `copy` into the nest that reads its buffer, if the nest reads it
/// once in the order the copy writes it.
static bool fuse(WordCopy copy) {
  memref::AllocOp buffer = copy.buffer;
  MemRefType type = buffer.getType();
  memref::LoadOp use;
  for (Operation *user : buffer->getUsers()) {
    if (copy.loop->isAncestor(user))
      continue;
    auto load = dyn_cast<memref::LoadOp>(user);
    if (!load || use)
      return false;
    use = load;
  }
  if (!use)
    return false;
  // The nest that reads the buffer, after the copy, one loop per buffer
  // dimension, each walking its dimension from 0 by 1, indexing the buffer
  // in nest order. What runs between (an accumulator's initialisation) must
  // not touch the memory the copy reads, so the words can be read later.
  Operation *next = copy.loop->getNextNode();
  Value port = copy.word.getMemRef();
  while (next && !next->isAncestor(use)) {
    bool touchesPort = false;
    next->walk([&](Operation *op) {
      touchesPort |= llvm::is_contained(op->getOperands(), port);
    });
    if (touchesPort || next->hasTrait<OpTrait::IsTerminator>())
      return false;
    next = next->getNextNode();
  }
  auto outermost = dyn_cast_or_null<scf::ForOp>(next);
  if (!outermost)
    return false;
  // Unit dimensions of the buffer have no loop (canonicalization removed
  // it) and are indexed by 0.
  SmallVector<int64_t> dims;
  for (int64_t dim = 0; dim < type.getRank(); ++dim) {
    if (type.getDimSize(dim) > 1)
      dims.push_back(dim);
    else if (getConstantIntValue(use.getIndices()[dim]) != 0)
      return false;
  }
  SmallVector<scf::ForOp> nest = getPerfectNest(outermost);
  if (nest.size() != dims.size() || dims.empty() ||
      dims.back() != type.getRank() - 1)
    return false;
  for (auto [position, loop] : llvm::enumerate(nest)) {
    int64_t dim = dims[position];
    if (use.getIndices()[dim] != loop.getInductionVar() ||
        getConstantIntValue(loop.getLowerBound()) != 0 ||
        getConstantIntValue(loop.getStep()) != 1 ||
        getConstantIntValue(loop.getUpperBound()) != type.getDimSize(dim) ||
        loop.getNumResults() != 0)
      return false;
  }
  scf::ForOp inner = nest.back();
  auto unroll = inner->getAttrOfType<IntegerAttr>("dataflow.unroll");
  if (!unroll || unroll.getInt() != copy.lanes ||
      use->getParentOp() != inner.getOperation())
    return false;
  // Lanes run side by side: a store every lane makes to the same element
  // is only safe as a sum (a transposed weight's row dotted with x), which
  // is added as a tree below, not as a chain through the element.
  Value oldIV = inner.getInductionVar();
  llvm::DenseMap<Value, bool> cache;
  std::optional<SumChain> chain;
  for (auto store : inner.getBody()->getOps<memref::StoreOp>()) {
    if (llvm::any_of(store.getIndices(), [&](Value index) {
          return dependsOnValue(index, oldIV, inner, cache);
        }))
      continue;
    std::optional<SumChain> found = matchSumChain(store, oldIV, inner, cache);
    if (!found || chain)
      return false;
    chain = found;
  }

  // The innermost loop walks words; the word's index is its position in
  // the buffer's row-major order over the lanes.
  OpBuilder b(inner);
  Location loc = inner.getLoc();
  int64_t lanes = copy.lanes;
  int64_t chunks = type.getShape().back() / lanes;
  // A row of one word needs no loop over its words: the body goes into the
  // loop over the rows, which becomes the one to pipeline.
  OpBuilder body(inner);
  Value chunk;
  if (chunks == 1 && nest.size() > 1) {
    nest[nest.size() - 2]->setAttr("dataflow.pipeline_ii",
                                   b.getI64IntegerAttr(1));
    chunk = b.create<arith::ConstantIndexOp>(loc, 0);
  } else {
    auto newInner = b.create<scf::ForOp>(
        loc, b.create<arith::ConstantIndexOp>(loc, 0),
        b.create<arith::ConstantIndexOp>(loc, chunks),
        b.create<arith::ConstantIndexOp>(loc, 1));
    newInner->setAttr("dataflow.pipeline_ii", b.getI64IntegerAttr(1));
    body = OpBuilder::atBlockBegin(newInner.getBody());
    chunk = newInner.getInductionVar();
  }
  Value row = body.create<arith::ConstantIndexOp>(loc, 0);
  for (size_t position = 0; position + 1 < nest.size(); ++position) {
    Value size = body.create<arith::ConstantIndexOp>(
        loc, type.getDimSize(dims[position]));
    row = body.create<arith::AddIOp>(
        loc, body.create<arith::MulIOp>(loc, row, size),
        nest[position].getInductionVar());
  }
  Value chunksValue = body.create<arith::ConstantIndexOp>(loc, chunks);
  Value index = body.create<arith::AddIOp>(
      loc, copy.base,
      body.create<arith::AddIOp>(
          loc, body.create<arith::MulIOp>(loc, row, chunksValue), chunk));
  Value word = body.create<memref::LoadOp>(loc, copy.word.getMemRef(),
                                           ValueRange{index});
  // Operations independent of the lane are cloned once, the others once
  // per lane with the lane's element in place of the buffer load.
  IRMapping shared;
  SmallVector<IRMapping> perLane(lanes);
  Value lanesValue = body.create<arith::ConstantIndexOp>(loc, lanes);
  Value first = body.create<arith::MulIOp>(loc, chunk, lanesValue);
  for (int64_t lane = 0; lane < lanes; ++lane) {
    perLane[lane].map(
        oldIV, body.create<arith::AddIOp>(
                   loc, first, body.create<arith::ConstantIndexOp>(loc, lane)));
  }
  Operation *chainAdd = chain ? chain->add : nullptr;
  Operation *chainStore = chain ? chain->store.getOperation() : nullptr;
  for (Operation &op : inner.getBody()->without_terminator()) {
    if (&op == chainAdd || &op == chainStore)
      continue;
    bool varies = &op == use.getOperation() ||
                  llvm::any_of(op.getOperands(), [&](Value operand) {
                    return dependsOnValue(operand, oldIV, inner, cache) ||
                           (operand.getDefiningOp() == use.getOperation());
                  });
    if (!varies) {
      Operation *clone = body.clone(op, shared);
      for (IRMapping &lane : perLane)
        for (auto [from, to] : llvm::zip(op.getResults(), clone->getResults()))
          lane.map(from, to);
      continue;
    }
    for (int64_t lane = 0; lane < lanes; ++lane) {
      if (&op == use.getOperation()) {
        perLane[lane].map(use.getResult(), body.create<vector::ExtractOp>(
                                               loc, word, lane));
        continue;
      }
      body.clone(op, perLane[lane]);
    }
  }
  if (chain) {
    SmallVector<Value> terms;
    for (IRMapping &lane : perLane)
      terms.push_back(lane.lookupOrDefault(chain->term));
    Value sum = createAdd(body, loc,
                          shared.lookupOrDefault(chain->load.getResult()),
                          buildSumTree(body, loc, terms));
    IRMapping final(shared);
    final.map(chain->add->getResult(0), sum);
    body.clone(*chainStore, final);
  }
  inner.erase();
  copy.loop.erase();
  buffer.erase();
  return true;
}

namespace {
struct FuseTileReadsPass
    : public streamtensor::impl::FuseTileReadsBase<FuseTileReadsPass> {
  void runOnOperation() override {
    SmallVector<WordCopy> copies;
    getOperation().walk([&](scf::ForOp loop) {
      if (std::optional<WordCopy> copy = matchWordCopy(loop))
        copies.push_back(*copy);
    });
    for (WordCopy &copy : copies)
      (void)fuse(copy);
    getOperation().walk(
        [](scf::ForOp loop) { loop->removeAttr("dataflow.word_lanes"); });
  }
};
} // namespace
