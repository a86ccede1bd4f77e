//===- EnsureSingleUse.cpp - Fork itensors used more than once ------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "mlir/IR/Builders.h"

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_ENSURESINGLEUSE
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;

/// A placeholder names no data: each further use gets its own copy.
static void duplicatePlaceholder(ITensorEmptyOp empty) {
  SmallVector<OpOperand *> uses;
  for (OpOperand &use : empty.getResult().getUses())
    uses.push_back(&use);
  OpBuilder builder(empty);
  for (OpOperand *use : llvm::drop_begin(uses))
    use->set(builder.clone(*empty)->getResult(0));
}

/// Replaces the uses of `value` by the results of one fork placed right after
/// its definition.
static void forkUses(Value value) {
  if (auto empty = value.getDefiningOp<ITensorEmptyOp>())
    return duplicatePlaceholder(empty);
  SmallVector<OpOperand *> uses;
  for (OpOperand &use : value.getUses())
    uses.push_back(&use);
  OpBuilder builder(value.getContext());
  if (auto arg = dyn_cast<BlockArgument>(value))
    builder.setInsertionPointToStart(arg.getOwner());
  else
    builder.setInsertionPointAfter(value.getDefiningOp());
  SmallVector<Type> types(uses.size(), value.getType());
  auto fork = builder.create<ITensorForkOp>(value.getLoc(), types, value);
  for (auto [use, result] : llvm::zip(uses, fork.getResults()))
    use->set(result);
}

namespace {
struct EnsureSingleUsePass
    : public streamtensor::dataflow::impl::EnsureSingleUseBase<
          EnsureSingleUsePass> {
  void runOnOperation() override {
    SmallVector<Value> shared;
    auto collect = [&](Value value) {
      if (isa<ITensorType>(value.getType()) && !value.hasOneUse() &&
          !value.use_empty())
        shared.push_back(value);
    };
    getOperation()->walk([&](Operation *op) {
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            collect(arg);
      for (Value result : op->getResults())
        collect(result);
    });
    for (Value value : shared)
      forkUses(value);
  }
};
} // namespace
