//===- EstimateResources.cpp - Resource report of the lowered design ------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Writes, per dataflow.top function, the resource model's estimate: totals,
// per SLR (a kernel that fits SLR0 sits there, as the link configuration
// says; a larger one is spread over the SLRs by SlrAssignment), what each
// SLR offers after the shell and the routing headroom, whether the design
// fits, and its largest users.
//
//===----------------------------------------------------------------------===//

#include "PassUtils.h"
#include "streamtensor/Analysis/Passes.h"
#include "streamtensor/Analysis/ResourceModel.h"
#include "streamtensor/Analysis/SlrAssignment.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace streamtensor {
#define GEN_PASS_DEF_ESTIMATERESOURCES
#include "streamtensor/Analysis/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;
namespace json = llvm::json;

static json::Object toJSON(const ResourceUsage &usage) {
  return json::Object{{"dsp", usage.dsp},
                      {"bram36", usage.bram36},
                      {"uram", usage.uram},
                      {"lut", usage.lut},
                      {"ff", usage.ff}};
}

static constexpr const char *kResourceNames[] = {"dsp", "bram36", "uram", "lut",
                                                 "ff"};

static int64_t get(const ResourceUsage &usage, StringRef name) {
  if (name == "dsp")
    return usage.dsp;
  if (name == "bram36")
    return usage.bram36;
  if (name == "uram")
    return usage.uram;
  if (name == "lut")
    return usage.lut;
  return usage.ff;
}

/// The processes of `top` with the FIFOs they write and the ports they
/// are first to use, the streams between them and the ports they use.
static SlrProblem buildSlrProblem(func::FuncOp top,
                                  const TopResources &resources,
                                  const TargetDesc &target) {
  SlrProblem problem;
  llvm::DenseMap<Operation *, unsigned> indexOf;
  unsigned next = 0;
  for (Operation &op : top.getBody().front())
    if (isa<func::CallOp>(op))
      indexOf[&op] = next++;
  for (const NamedUsage &process : resources.processes)
    problem.processes.push_back(process.usage);
  problem.portWeight.assign(problem.processes.size(), 0);
  auto users = [&](Value value) {
    SmallVector<unsigned> result;
    for (Operation *user : value.getUsers())
      if (auto it = indexOf.find(user); it != indexOf.end())
        result.push_back(it->second);
    llvm::sort(result);
    return result;
  };
  for (auto [op, fifo] : resources.fifoList) {
    SmallVector<unsigned> ends = users(op->getResult(0));
    if (ends.empty())
      continue;
    problem.processes[ends.front()] += fifo;
    auto type = cast<dataflow::StreamType>(op->getResult(0).getType());
    double weight = double(getElementBits(type.getElementType())) / 512.0;
    for (unsigned other : llvm::drop_begin(ends))
      problem.edges.push_back({ends.front(), other, weight});
  }
  for (auto [port, cost] : resources.portList) {
    SmallVector<unsigned> ends = users(port);
    if (ends.empty())
      continue;
    problem.processes[ends.front()] += cost;
    Type element = cast<MemRefType>(port.getType()).getElementType();
    for (unsigned user : ends)
      problem.portWeight[user] +=
          std::max(1.0 / 16.0, double(getElementBits(element)) / 512.0);
  }
  for (const SlrResources &slr : target.slrs)
    problem.capacity.push_back(getUsableResources(slr, target));
  return problem;
}

namespace {
struct EstimateResourcesPass
    : public streamtensor::impl::EstimateResourcesBase<EstimateResourcesPass> {
  using Base::Base;
  void runOnOperation() override;
};
} // namespace

void EstimateResourcesPass::runOnOperation() {
  ModuleOp module = getOperation();
  markAllAnalysesPreserved();
  if (output.empty()) {
    mlir::emitError(module.getLoc(),
                    "streamtensor-estimate-resources needs output=FILE");
    return signalPassFailure();
  }
  FailureOr<TargetDesc> target = loadPassTarget(module, targetFile);
  if (failed(target))
    return signalPassFailure();
  json::Array functions;
  for (auto top : module.getOps<func::FuncOp>()) {
    if (!top->hasAttr("dataflow.top"))
      continue;
    FailureOr<TopResources> resources = estimateResources(top, *target);
    if (failed(resources))
      return signalPassFailure();
    SlrProblem problem = buildSlrProblem(top, *resources, *target);
    SlrAssignment placed = assignSlrs(problem, slrSeconds);
    const std::vector<ResourceUsage> &used = placed.perSlr;
    json::Object perSlr, usable;
    json::Array over;
    // The largest users of the scarcest resource (DSPs when all fit), in
    // the fullest SLR.
    std::string scarce = "dsp";
    double worst = -1;
    for (auto [index, slr] : llvm::enumerate(target->slrs)) {
      ResourceUsage limit = getUsableResources(slr, *target);
      perSlr[slr.name] = toJSON(used[index]);
      usable[slr.name] = toJSON(limit);
      for (const char *name : kResourceNames) {
        if (get(used[index], name) > get(limit, name))
          over.push_back(json::Object{{"resource", name},
                                      {"slr", slr.name},
                                      {"used", get(used[index], name)},
                                      {"usable", get(limit, name)}});
        int64_t cap = std::max<int64_t>(1, get(limit, name));
        double share = double(get(used[index], name)) / double(cap);
        if (share > worst) {
          worst = share;
          scarce = name;
        }
      }
    }
    std::vector<NamedUsage> sorted = resources->processes;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const NamedUsage &a, const NamedUsage &b) {
                       return get(a.usage, scarce) > get(b.usage, scarce);
                     });
    json::Array largest;
    for (const NamedUsage &process : llvm::ArrayRef(sorted).take_front(5)) {
      json::Object entry = toJSON(process.usage);
      entry["process"] = process.name;
      largest.push_back(std::move(entry));
    }
    json::Array processes;
    for (auto [index, process] : llvm::enumerate(resources->processes)) {
      json::Object entry = toJSON(process.usage);
      entry["process"] = process.name;
      entry["slr"] = target->slrs[placed.slrOf[index]].name;
      processes.push_back(std::move(entry));
    }
    functions.push_back(json::Object{
        {"function", top.getSymName().str()},
        {"total", toJSON(resources->total)},
        {"per_slr", std::move(perSlr)},
        {"slr_assignment",
         json::Object{{"method", placed.method},
                      {"slrs_used", placed.slrsUsed},
                      {"stream_crossings", placed.streamCrossings},
                      {"port_crossings", placed.portCrossings}}},
        {"usable_per_slr", std::move(usable)},
        {"fits", over.empty()},
        {"over", std::move(over)},
        {"scarcest", scarce},
        {"largest", std::move(largest)},
        {"fifos", toJSON(resources->fifos)},
        {"ports", toJSON(resources->ports)},
        {"processes", std::move(processes)},
    });
  }
  json::Object root{
      {"source",
       "resource model (targets/" + target->name + ".json resource_costs)"},
      {"note",
       "estimates of the StreamTensor resource model, not synthesis results"},
      {"functions", std::move(functions)}};
  if (failed(writePassOutput(module, output, [&](raw_ostream &os) {
        os << llvm::formatv("{0:2}", json::Value(std::move(root))) << "\n";
      })))
    return signalPassFailure();
}
