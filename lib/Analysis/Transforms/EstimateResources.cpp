//===- EstimateResources.cpp - Resource report of the lowered design ------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Writes, per dataflow.top function, the resource model's estimate: totals,
// per SLR (each compute unit is placed whole in one SLR, SLR0, as the link
// configuration says), what each SLR offers after the shell and the routing
// headroom, whether the design fits, and its largest users.
//
//===----------------------------------------------------------------------===//

#include "PassUtils.h"
#include "streamtensor/Analysis/Passes.h"
#include "streamtensor/Analysis/ResourceModel.h"
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
  return json::Object{{"dsp", usage.dsp},   {"bram36", usage.bram36},
                      {"uram", usage.uram}, {"lut", usage.lut},
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
    // The compute unit sits in the first SLR.
    const SlrResources &home = target->slrs.front();
    json::Object perSlr, usable;
    for (const SlrResources &slr : target->slrs) {
      perSlr[slr.name] = toJSON(&slr == &home ? resources->total
                                              : ResourceUsage());
      usable[slr.name] = toJSON(getUsableResources(slr, *target));
    }
    ResourceUsage limit = getUsableResources(home, *target);
    json::Array over;
    for (const char *name : kResourceNames)
      if (get(resources->total, name) > get(limit, name))
        over.push_back(json::Object{{"resource", name},
                                    {"slr", home.name},
                                    {"used", get(resources->total, name)},
                                    {"usable", get(limit, name)}});
    // The largest users of the scarcest resource (DSPs when all fit).
    std::string scarce = "dsp";
    double worst = -1;
    for (const char *name : kResourceNames) {
      int64_t cap = std::max<int64_t>(1, get(limit, name));
      double share = double(get(resources->total, name)) / double(cap);
      if (share > worst) {
        worst = share;
        scarce = name;
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
    for (const NamedUsage &process : resources->processes) {
      json::Object entry = toJSON(process.usage);
      entry["process"] = process.name;
      processes.push_back(std::move(entry));
    }
    functions.push_back(json::Object{
        {"function", top.getSymName().str()},
        {"total", toJSON(resources->total)},
        {"per_slr", std::move(perSlr)},
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
      {"source", "resource model (targets/" + target->name + ".json resource_costs)"},
      {"note", "estimates of the StreamTensor resource model, not synthesis results"},
      {"functions", std::move(functions)}};
  if (failed(writePassOutput(module, output, [&](raw_ostream &os) {
        os << llvm::formatv("{0:2}", json::Value(std::move(root))) << "\n";
      })))
    return signalPassFailure();
}
