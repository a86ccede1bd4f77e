//===- FuseKernels.cpp - Fuse kernels under a memory budget ---------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Kernels are grouped by the paper's Algorithm 2: in program order, a kernel
// joins the most recently created group among its producers when the group's
// converter bytes stay within the budget. Ops other than kernels that consume
// kernel results are barriers: nothing fuses across them. Groups only ever
// depend on earlier groups, so merging them and sorting the block
// topologically keeps every value defined before its uses.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_FUSEKERNELS
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;

static constexpr int64_t kUnfusable = std::numeric_limits<int64_t>::max() / 4;

/// The value a kernel yields for its result `index`.
static Value getYielded(KernelOp kernel, unsigned index) {
  return cast<YieldOp>(kernel.getBody().front().getTerminator())
      .getOutputs()[index];
}

/// On-chip bytes needed to connect `producer` to `consumer` directly.
static int64_t getConnectionCost(Type producer, Type consumer) {
  auto source = dyn_cast<ITensorType>(producer);
  auto result = dyn_cast<ITensorType>(consumer);
  if (!source || !result)
    return kUnfusable;
  if (source == result || source.isLayoutEquivalentTo(result))
    return 0;
  return computeConverterBuffer(source, result).getBytes(source.getDataType());
}

static int64_t getTensorBytes(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return getSaturatedBytes(tensor.getShape(), tensor.getElementType());
}

namespace {
struct Group {
  SmallVector<KernelOp> members;
  int64_t cost = 0;
  bool barrier = false;
};

/// Builds one kernel out of the members of a group.
class GroupFuser {
public:
  explicit GroupFuser(ArrayRef<KernelOp> members)
      : members(members.begin(), members.end()) {
    for (KernelOp member : members)
      memberSet.insert(member);
  }

  KernelOp fuse(StringRef name);

private:
  bool isInternal(Value value) const {
    return memberSet.contains(value.getDefiningOp());
  }

  SmallVector<KernelOp> members;
  llvm::SmallPtrSet<Operation *, 8> memberSet;
};
} // namespace

KernelOp GroupFuser::fuse(StringRef name) {
  MLIRContext *ctx = members.front().getContext();
  Location loc = FusedLoc::get(
      ctx, llvm::map_to_vector(members, [](KernelOp k) { return k.getLoc(); }));

  // External inputs, read once per (tensor, stream pattern).
  SmallVector<Value> sources;
  SmallVector<Type> argTypes;
  DenseMap<std::pair<Value, Type>, unsigned> argIndex;
  for (KernelOp member : members) {
    Block &body = member.getBody().front();
    for (auto [source, arg] :
         llvm::zip(member.getSources(), body.getArguments())) {
      if (isInternal(source))
        continue;
      auto key = std::make_pair(source, arg.getType());
      if (argIndex.try_emplace(key, sources.size()).second) {
        sources.push_back(source);
        argTypes.push_back(arg.getType());
      }
    }
  }

  // Results still needed outside the group.
  SmallVector<OpResult> exported;
  for (KernelOp member : members)
    for (OpResult result : member->getResults())
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            return !memberSet.contains(user);
          }))
        exported.push_back(result);

  OpBuilder builder(members.back());
  auto fused = builder.create<KernelOp>(
      loc, llvm::map_to_vector(exported, [](OpResult r) { return r.getType(); }),
      sources,
      ArrayRef<NamedAttribute>{
          builder.getNamedAttr("sym_name", builder.getStringAttr(name))});
  Block *body = builder.createBlock(&fused.getBody(), {}, argTypes,
                                    SmallVector<Location>(argTypes.size(), loc));

  // Inline the members in program order, connecting producers to consumers.
  DenseMap<Value, Value> innerResult;
  for (KernelOp member : members) {
    Block &memberBody = member.getBody().front();
    IRMapping mapping;
    for (auto [source, arg] :
         llvm::zip(member.getSources(), memberBody.getArguments())) {
      if (!isInternal(source)) {
        mapping.map(arg, body->getArgument(
                             argIndex.lookup({source, arg.getType()})));
        continue;
      }
      Value produced = innerResult.lookup(source);
      if (produced.getType() != arg.getType()) {
        auto from = cast<ITensorType>(produced.getType());
        auto to = cast<ITensorType>(arg.getType());
        if (from.isLayoutEquivalentTo(to))
          produced = builder.create<ITensorCastOp>(loc, to, produced);
        else
          produced = builder.create<ITensorConverterOp>(
              loc, to, produced, DenseI64ArrayAttr(), IntegerAttr());
      }
      mapping.map(arg, produced);
    }
    for (Operation &op : memberBody.without_terminator())
      builder.clone(op, mapping);
    for (auto [index, result] : llvm::enumerate(member->getResults()))
      innerResult[result] =
          mapping.lookupOrDefault(getYielded(member, index));
  }
  builder.create<YieldOp>(
      loc, llvm::map_to_vector(exported, [&](OpResult r) {
        return innerResult.lookup(r);
      }));

  for (auto [result, replacement] : llvm::zip(exported, fused.getResults()))
    result.replaceAllUsesWith(replacement);
  for (KernelOp member : llvm::reverse(members))
    member.erase();
  return fused;
}

namespace {
struct FuseKernelsPass
    : public streamtensor::dataflow::impl::FuseKernelsBase<FuseKernelsPass> {
  using FuseKernelsBase::FuseKernelsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &block = func.getBody().front();

    std::vector<Group> groups;
    DenseMap<Operation *, unsigned> groupOf;
    // Each tensor passed between kernels counts once, however many read it.
    int64_t unfusedBytes = 0;
    DenseSet<Value> intermediates;
    for (Operation &op : block.without_terminator()) {
      auto kernel = dyn_cast<KernelOp>(op);
      if (!kernel) {
        bool consumesKernels = llvm::any_of(op.getOperands(), [&](Value v) {
          return groupOf.count(v.getDefiningOp());
        });
        if (consumesKernels) {
          groupOf[&op] = groups.size();
          groups.push_back(Group{{}, 0, /*barrier=*/true});
        }
        continue;
      }

      // Cost of joining each producer group: its converters' bytes.
      std::map<unsigned, int64_t> candidates;
      Block &body = kernel.getBody().front();
      for (auto [source, arg] :
           llvm::zip(kernel.getSources(), body.getArguments())) {
        Operation *producer = source.getDefiningOp();
        auto group = groupOf.find(producer);
        if (group == groupOf.end())
          continue;
        int64_t cost = kUnfusable;
        if (auto producerKernel = dyn_cast<KernelOp>(producer)) {
          unsigned index = cast<OpResult>(source).getResultNumber();
          cost = getConnectionCost(getYielded(producerKernel, index).getType(),
                                   arg.getType());
          if (intermediates.insert(source).second)
            unfusedBytes =
                saturatingAdd(unfusedBytes, getTensorBytes(source.getType()));
        }
        int64_t &total = candidates[group->second];
        total = std::min(kUnfusable, saturatingAdd(total, cost));
      }

      unsigned target = groups.size();
      int64_t cost = 0;
      if (!candidates.empty()) {
        target = candidates.rbegin()->first;
        cost = candidates.rbegin()->second;
      } else if (!groups.empty()) {
        // A kernel fed only from external memory needs no on-chip buffer to
        // join the latest group; having no producers, it cannot close a
        // cycle. (Algorithm 2 as printed would open a new accelerator.)
        target = groups.size() - 1;
      }
      if (target == groups.size() || groups[target].barrier ||
          saturatingAdd(groups[target].cost, cost) > memoryBudget) {
        groupOf[kernel] = groups.size();
        groups.push_back(Group{{kernel}, 0, false});
      } else {
        groups[target].members.push_back(kernel);
        groups[target].cost += cost;
        groupOf[kernel] = target;
      }
    }

    OpBuilder builder(func);
    func->setAttr("dataflow.unfused_intermediate_bytes",
                  builder.getI64IntegerAttr(unfusedBytes));

    unsigned fusedIndex = 0;
    for (Group &group : groups) {
      if (group.members.size() < 2)
        continue;
      GroupFuser(group.members).fuse("fused_" + std::to_string(fusedIndex++));
    }
    if (!sortTopologically(&block)) {
      func.emitError("fused kernels depend on each other in a cycle");
      return signalPassFailure();
    }
  }
};
} // namespace
