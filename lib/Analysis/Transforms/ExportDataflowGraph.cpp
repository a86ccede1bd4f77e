//===- ExportDataflowGraph.cpp - Dataflow graph of a top function as JSON -===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Writes the graph the FIFO sizing builds from a dataflow.top function in
// the format of `streamtensor-fifo` (docs/fifo-sizing.md), so the compiled
// design can be simulated and traced outside the compiler.
//
//===----------------------------------------------------------------------===//

#include "PassUtils.h"
#include "streamtensor/Analysis/DataflowGraphJSON.h"
#include "streamtensor/Analysis/Passes.h"
#include "streamtensor/Analysis/TimingModel.h"

namespace streamtensor {
#define GEN_PASS_DEF_EXPORTDATAFLOWGRAPH
#include "streamtensor/Analysis/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

namespace {

struct ExportDataflowGraphPass
    : public streamtensor::impl::ExportDataflowGraphBase<
          ExportDataflowGraphPass> {
  using Base::Base;
  void runOnOperation() override;
};

} // namespace

void ExportDataflowGraphPass::runOnOperation() {
  ModuleOp module = getOperation();
  markAllAnalysesPreserved();
  if (output.empty()) {
    mlir::emitError(module.getLoc(),
                    "streamtensor-export-dataflow-graph needs output=FILE");
    return signalPassFailure();
  }
  FailureOr<TargetDesc> target = loadPassTarget(module, targetFile);
  if (failed(target))
    return signalPassFailure();

  SmallVector<func::FuncOp> tops;
  for (auto func : module.getOps<func::FuncOp>())
    if (func->hasAttr("dataflow.top") &&
        (function.empty() || func.getSymName() == function))
      tops.push_back(func);
  if (tops.empty()) {
    if (function.empty())
      mlir::emitError(module.getLoc(), "no dataflow.top function to export");
    else
      mlir::emitError(module.getLoc(), "no dataflow.top function named '")
          << function << "'";
    return signalPassFailure();
  }
  size_t placeholder = StringRef(output).find("{}");
  if (tops.size() > 1 && placeholder == StringRef::npos) {
    InFlightDiagnostic diag = mlir::emitError(
        module.getLoc(),
        "several dataflow.top functions; choose one with function= or put "
        "'{}' in the output name:");
    for (func::FuncOp top : tops)
      diag << " @" << top.getSymName();
    return signalPassFailure();
  }

  for (func::FuncOp top : tops) {
    FailureOr<TopFunctionGraph> built = graphFromTopFunction(top, *target);
    if (failed(built))
      return signalPassFailure();
    std::string path = output;
    if (placeholder != StringRef::npos)
      path.replace(placeholder, 2, top.getSymName().str());
    if (failed(writePassOutput(module, path, [&](llvm::raw_ostream &os) {
          printDataflowGraph(built->graph, os);
        })))
      return signalPassFailure();
  }
}
