//===- MergeInsertChains.cpp - Joins of column blocks in one task ---------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A result assembled from pieces (the column blocks of a weight split over
// ports) arrives as a chain of insert_slice tasks, each holding the whole
// tensor: it reads the tensor so far, inserts its piece and writes the
// whole again, so the join takes one pass over the tensor per piece, one
// after the other. Merged, one task reads every piece and writes the
// tensor once.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

#include <algorithm>

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_MERGEINSERTCHAINS
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;

/// The insert_slice result a task writes as its only output when the task
/// does nothing else: read pieces (and tensors so far), insert them, write.
static tensor::InsertSliceOp getJoinedValue(TaskOp task) {
  if (task->getNumResults() != 1 || task.getInits().size() != 1)
    return nullptr;
  Block &body = task.getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());
  if (yield.getOutputs().size() != 1)
    return nullptr;
  auto write = yield.getOutputs()[0].getDefiningOp<ITensorWriteOp>();
  if (!write || write.getDest() != body.getArgument(0) ||
      !write.getResult().hasOneUse())
    return nullptr;
  auto insert = write.getValue().getDefiningOp<tensor::InsertSliceOp>();
  if (!insert || insert->getBlock() != &body)
    return nullptr;
  for (Operation &op : body.without_terminator())
    if (!isa<tensor::EmptyOp, ITensorReadOp, tensor::InsertSliceOp,
             ITensorWriteOp>(op))
      return nullptr;
  return insert;
}

/// Moves the reads and inserts of the join task that `read` reads whole
/// into the task around `read`, in its place; false if it is no such read.
static bool inlineJoin(ITensorReadOp read) {
  auto producer = read.getSource().getDefiningOp<TaskOp>();
  if (!producer || !producer->getResult(0).hasOneUse() ||
      producer->getBlock() != read->getParentOp()->getBlock())
    return false;
  tensor::InsertSliceOp joined = getJoinedValue(producer);
  if (!joined || joined.getResult().getType() != read.getType())
    return false;
  OpBuilder builder(read);
  IRMapping mapping;
  for (Operation &op : producer.getBody().front().without_terminator())
    if (!isa<ITensorWriteOp>(op))
      builder.clone(op, mapping);
  read.replaceAllUsesWith(mapping.lookup(joined.getResult()));
  read.erase();
  producer.erase();
  return true;
}

/// An insert at static offsets, unit strides and the destination's rank:
/// its offsets compose with those of an insert around it.
static bool hasPlainOffsets(tensor::InsertSliceOp insert) {
  return insert.hasUnitStride() &&
         !ShapedType::isDynamicShape(insert.getStaticOffsets()) &&
         insert.getSourceType().getRank() == insert.getDestType().getRank();
}

/// The pieces inserted into a `tensor.empty` to build `value`, in order, with
/// their static offsets; nothing when it is built otherwise.
static std::optional<SmallVector<tensor::InsertSliceOp>>
getPiecesOverEmpty(Value value) {
  SmallVector<tensor::InsertSliceOp> pieces;
  while (auto insert = value.getDefiningOp<tensor::InsertSliceOp>()) {
    if (!hasPlainOffsets(insert) || !insert.getResult().hasOneUse())
      return std::nullopt;
    pieces.push_back(insert);
    value = insert.getDest();
  }
  if (pieces.empty() || !value.getDefiningOp<tensor::EmptyOp>())
    return std::nullopt;
  std::reverse(pieces.begin(), pieces.end());
  return pieces;
}

/// Inserting a tensor assembled from pieces over an empty one inserts the
/// pieces themselves at the combined offsets: the join copies each value
/// once instead of once per level of nesting.
static bool flattenNestedInsert(tensor::InsertSliceOp outer) {
  if (!hasPlainOffsets(outer))
    return false;
  std::optional<SmallVector<tensor::InsertSliceOp>> pieces =
      getPiecesOverEmpty(outer.getSource());
  if (!pieces)
    return false;
  OpBuilder builder(outer);
  Value dest = outer.getDest();
  for (tensor::InsertSliceOp piece : *pieces) {
    SmallVector<int64_t> offsets;
    for (auto [base, inner] :
         llvm::zip(outer.getStaticOffsets(), piece.getStaticOffsets()))
      offsets.push_back(base + inner);
    SmallVector<int64_t> strides(offsets.size(), 1);
    dest = builder.create<tensor::InsertSliceOp>(
        piece.getLoc(), piece.getSource(), dest, ValueRange(), ValueRange(),
        ValueRange(), offsets, piece.getStaticSizes(), strides);
  }
  outer.replaceAllUsesWith(dest);
  outer.erase();
  for (tensor::InsertSliceOp piece : llvm::reverse(*pieces))
    piece.erase();
  return true;
}

namespace {
struct MergeInsertChainsPass
    : public streamtensor::dataflow::impl::MergeInsertChainsBase<
          MergeInsertChainsPass> {
  void runOnOperation() override {
    // Repeated until nothing merges: each merge removes one task.
    bool changed = true;
    while (changed) {
      changed = false;
      getOperation()->walk([&](TaskOp task) {
        if (!getJoinedValue(task))
          return WalkResult::advance();
        for (auto read : task.getBody().front().getOps<ITensorReadOp>())
          if (inlineJoin(read)) {
            changed = true;
            return WalkResult::interrupt();
          }
        for (auto insert : task.getBody().front().getOps<tensor::InsertSliceOp>())
          if (flattenNestedInsert(insert)) {
            changed = true;
            return WalkResult::interrupt();
          }
        return WalkResult::advance();
      });
    }
  }
};
} // namespace
