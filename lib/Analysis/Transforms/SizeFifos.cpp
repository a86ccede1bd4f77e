//===- SizeFifos.cpp - Write FIFO depths into the lowered dataflow IR -----===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Times the processes of every dataflow.top function, sizes its FIFOs on
// the dataflow graph (docs/fifo-sizing.md) and rewrites the depth of each
// `!dataflow.stream` type: on the `dataflow.stream` op and on the arguments
// of the process functions it is passed to.
//
//===----------------------------------------------------------------------===//

#include "PassUtils.h"
#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/FifoSizing.h"
#include "streamtensor/Analysis/Passes.h"
#include "streamtensor/Analysis/StreamOrderIR.h"
#include "streamtensor/Analysis/TimingModel.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"


namespace streamtensor {
#define GEN_PASS_DEF_SIZEFIFOS
#include "streamtensor/Analysis/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;
using streamtensor::dataflow::StreamType;
namespace json = llvm::json;

namespace {

struct SizeFifosPass : public streamtensor::impl::SizeFifosBase<SizeFifosPass> {
  using Base::Base;
  void runOnOperation() override;

private:
  LogicalResult sizeTop(func::FuncOp top, const TargetDesc &target,
                        FifoSizingOptions options, json::Array &report);

  /// mode=fit: normal mode unless its FIFOs exceed the on-chip memory.
  bool fitToChip = false;
};

} // namespace

/// Replays the exact order of stream accesses with the chosen depths and
/// grows the FIFOs it finds too small (StreamOrder.h). Returns the grown
/// streams as report entries.
static FailureOr<json::Array>
checkStreamOrder(func::FuncOp top, const TopFunctionGraph &built,
                 bool repair, std::vector<int64_t> &depths) {
  FailureOr<std::unique_ptr<TopStreamOrder>> order = buildTopStreamOrder(built);
  if (failed(order))
    return failure();
  StreamOrderNetwork &network = (*order)->network;
  for (auto [channel, stream] : llvm::enumerate(built.streams))
    network.channels[channel].depth = depths[stream.edge];
  StreamOrderOptions options;
  options.repair = repair;
  StreamOrderResult replay = replayStreamOrder(network, options);
  if (!replay.completed) {
    InFlightDiagnostic diag = mlir::emitError(top.getLoc())
                              << "the FIFO depths chosen for @"
                              << top.getSymName()
                              << " stop the design early: " << replay.reason;
    for (const std::string &wait : replay.waits)
      diag.attachNote() << wait;
    return failure();
  }
  json::Array grown;
  for (unsigned channel : replay.repaired) {
    unsigned edge = built.streams[channel].edge;
    grown.push_back(json::Object{{"name", network.channels[channel].name},
                                 {"model_depth", depths[edge]},
                                 {"depth", replay.depths[channel]}});
    depths[edge] = replay.depths[channel];
  }
  return grown;
}

/// The hold of a call is emitted into its callee's body, so a held call
/// gets a callee no other call shares.
static void giveOwnCallee(func::CallOp call) {
  auto module = call->getParentOfType<ModuleOp>();
  auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
      call, call.getCalleeAttr());
  std::optional<SymbolTable::UseRange> uses =
      SymbolTable::getSymbolUses(callee, module);
  if (!uses || llvm::range_size(*uses) <= 1)
    return;
  func::FuncOp clone = callee.clone();
  SymbolTable(module).insert(clone, std::next(Block::iterator(callee)));
  call.setCallee(clone.getSymName());
}

/// Conservative depths for a design whose normal ones exceed the on-chip
/// memory, if the simulation shows them no more than 1% slower than
/// unbounded FIFOs (`unboundedCycles`).
static std::optional<FifoSizingResult>
sizeToFit(const DataflowGraph &graph, const TimedGraph &timed,
          const TargetDesc &target, const FifoSizingResult &normal,
          const SimOptions &latencyOnly, int64_t unboundedCycles) {
  if (normal.totalBytes <= target.getOnChipMemoryBytes())
    return std::nullopt;
  FifoSizingOptions conservative;
  conservative.mode = FifoMode::Conservative;
  llvm::Expected<FifoSizingResult> sized =
      sizeFifos(graph, target, conservative);
  if (!sized) {
    llvm::consumeError(sized.takeError());
    return std::nullopt;
  }
  SimOptions run = latencyOnly;
  run.depths = sized->depths;
  SimResult withDepths = simulate(timed, run);
  if (withDepths.deadlock || sized->totalBytes >= normal.totalBytes ||
      double(withDepths.cycles) > 1.01 * double(unboundedCycles))
    return std::nullopt;
  return std::move(*sized);
}

LogicalResult SizeFifosPass::sizeTop(func::FuncOp top, const TargetDesc &target,
                                     FifoSizingOptions options,
                                     json::Array &report) {
  FailureOr<TopFunctionGraph> built = graphFromTopFunction(top, target);
  if (failed(built))
    return failure();
  const DataflowGraph &graph = built->graph;

  llvm::Expected<FifoSizingResult> sized = sizeFifos(graph, target, options);
  if (!sized)
    return mlir::emitError(top.getLoc(), "FIFO sizing of @")
           << top.getSymName()
           << " failed: " << llvm::toString(sized.takeError());
  llvm::Expected<TimedGraph> timed = buildTimedGraph(graph, target);
  if (!timed)
    return mlir::emitError(top.getLoc(), "timing the graph of @")
           << top.getSymName()
           << " failed: " << llvm::toString(timed.takeError());
  // Graphs beyond what the simulator runs are sized all the same; only the
  // latency estimate is missing (the order check still rules out deadlock).
  SimOptions latencyOnly;
  latencyOnly.recordPeaks = false;
  bool simulated = fitsSimulator(*timed, latencyOnly);
  SimResult withDepths, unbounded;
  if (simulated)
    unbounded = simulate(*timed, latencyOnly);

  std::optional<int64_t> normalBytes;
  if (fitToChip && simulated && options.strategy != FifoStrategy::Naive)
    if (std::optional<FifoSizingResult> fitted = sizeToFit(
            graph, *timed, target, *sized, latencyOnly, unbounded.cycles)) {
      normalBytes = sized->totalBytes;
      *sized = std::move(*fitted);
      options.mode = FifoMode::Conservative;
      options.strategy = FifoStrategy::Asap;
    }
  // A stream marked `dataflow.max_depth` (a reader's FIFO: its producer
  // has no other work, so holding it back costs nothing but its lead) keeps
  // at most that depth unless the order check needs more.
  std::vector<int64_t> caps(graph.getNumEdges(), 0);
  for (const GraphStream &stream : built->streams)
    if (auto cap = stream.streamOp->getAttrOfType<IntegerAttr>(
            "dataflow.max_depth"))
      if (cap.getInt() > 0) {
        caps[stream.edge] = cap.getInt();
        sized->depths[stream.edge] =
            std::min(sized->depths[stream.edge], cap.getInt());
      }
  int64_t modelBytes = getTotalFifoBytes(*timed, sized->depths);
  FailureOr<json::Array> grown =
      checkStreamOrder(top, *built, repairOrder, sized->depths);
  if (failed(grown))
    return failure();
  int64_t orderBytes = getTotalFifoBytes(*timed, sized->depths);
  // Growing only makes the program-order replay easier: no new order check.
  json::Array stallGrown;
  if (simulated) {
    SimOptions sizedRun = latencyOnly;
    sizedRun.launch = sized->launch;
    std::optional<std::vector<GrownFifo>> grownFifos = growForSchedules(
        *timed, sizedRun, sized->depths, unbounded.cycles, withDepths, caps);
    if (!grownFifos)
      return mlir::emitError(top.getLoc(), "the FIFOs chosen for @")
             << top.getSymName() << " deadlock the simulated design";
    for (const GrownFifo &fifo : *grownFifos)
      stallGrown.push_back(
          json::Object{{"name", timed->edges[fifo.edge].label},
                       {"model_depth", fifo.before},
                       {"depth", fifo.after}});
  }
  sized->totalBytes = getTotalFifoBytes(*timed, sized->depths);

  // Rewrite the stream types; the default is the depth the IR had.
  int64_t defaultBytes = 0;
  json::Array streams;
  for (const GraphStream &stream : built->streams) {
    Value result = stream.streamOp->getResult(0);
    auto type = cast<StreamType>(result.getType());
    const DataflowEdge &edge = graph.getEdge(stream.edge);
    int64_t depth = sized->depths[stream.edge];
    defaultBytes += type.getDepth() * edge.tokenBytes;
    streams.push_back(json::Object{{"name", edge.name},
                                   {"edge", graph.describeEdge(stream.edge)},
                                   {"tokens", edge.tokens},
                                   {"token_bytes", edge.tokenBytes},
                                   {"old_depth", type.getDepth()},
                                   {"depth", depth}});
    result.setType(
        StreamType::get(type.getContext(), type.getElementType(), depth));
  }

  // Holds chosen by lp-min-bytes: the emitted code must enforce them.
  Builder builder(top.getContext());
  json::Array holds;
  for (auto [call, kernel] : built->calls) {
    if (kernel < 0 || sized->launch.empty())
      continue;
    int64_t launch = sized->launch[timed->nodeOfKernel[kernel]];
    if (launch <= 0)
      continue;
    call->setAttr("dataflow.hold_until_cycle",
                  builder.getI64IntegerAttr(launch));
    giveOwnCallee(call);
    holds.push_back(json::Object{{"kernel", graph.getKernel(kernel).name},
                                 {"hold_until_cycle", launch}});
  }

  top->setAttr("dataflow.fifo_strategy",
               builder.getStringAttr(getFifoStrategyName(options.strategy)));
  top->setAttr("dataflow.fifo_mode",
               builder.getStringAttr(getFifoModeName(options.mode)));
  top->setAttr("dataflow.fifo_bytes",
               builder.getI64IntegerAttr(sized->totalBytes));
  top->setAttr("dataflow.fifo_default_bytes",
               builder.getI64IntegerAttr(defaultBytes));
  if (simulated) {
    top->setAttr("dataflow.fifo_latency_cycles",
                 builder.getI64IntegerAttr(withDepths.cycles));
    top->setAttr("dataflow.fifo_unbounded_latency_cycles",
                 builder.getI64IntegerAttr(unbounded.cycles));
  }

  json::Object entry{
      {"function", top.getSymName()},
      {"strategy", getFifoStrategyName(options.strategy)},
      {"mode", getFifoModeName(options.mode)},
      {"kernels", int64_t(graph.getNumKernels())},
      {"streams", std::move(streams)},
      {"total_fifo_bytes", sized->totalBytes},
      {"default_fifo_bytes", defaultBytes},
      {"simulated", simulated},
      {"deadlock", false},
      {"target_on_chip_bytes", target.getOnChipMemoryBytes()},
      {"hbm_bytes_read", built->hbmBytesRead},
      {"hbm_bytes_written", built->hbmBytesWritten},
  };
  if (simulated) {
    entry["latency_cycles"] = withDepths.cycles;
    entry["unbounded_latency_cycles"] = unbounded.cycles;
    entry["latency_ms"] = target.cyclesToMilliseconds(double(withDepths.cycles));
  } else {
    entry["not_simulated"] = llvm::formatv(
        "{0} tokens, more than the {1} the cycle-level simulator runs",
        graph.getTotalTokens(), DataflowGraphLimits::kMaxStreamedTokens).str();
  }
  if (!holds.empty())
    entry["holds"] = std::move(holds);
  entry["order_check"] = json::Object{
      {"grown_streams", std::move(*grown)},
      {"added_bytes", orderBytes - modelBytes}};
  entry["stall_check"] = json::Object{
      {"grown_streams", std::move(stallGrown)},
      {"added_bytes", sized->totalBytes - orderBytes}};
  if (sized->asapBytes)
    entry["asap_fifo_bytes"] = *sized->asapBytes;
  if (normalBytes)
    entry["fit_to_chip"] = json::Object{
        {"normal_fifo_bytes", *normalBytes},
        {"chosen", "conservative: the normal depths exceed the on-chip "
                   "memory, and the conservative ones are within 1% of the "
                   "unbounded latency"}};
  if (options.mode == FifoMode::Conservative)
    entry["conservative_restored_fifos"] = int64_t(sized->restoredFifos);
  report.push_back(std::move(entry));
  return success();
}

/// Gives every process the stream types of its call sites: in place for the
/// first set of types, in a clone for each further one.
static void updateCallees(ModuleOp module) {
  SymbolTable symbols(module);
  llvm::MapVector<func::FuncOp, SmallVector<func::CallOp>> callsOf;
  module.walk([&](func::CallOp call) {
    auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
    if (callee && callee->hasAttr("dataflow.process"))
      callsOf[callee].push_back(call);
  });
  for (auto &[callee, calls] : callsOf) {
    // Call sites grouped by the argument types they need.
    std::vector<std::pair<SmallVector<Type>, SmallVector<func::CallOp>>>
        byTypes;
    for (func::CallOp call : calls) {
      SmallVector<Type> types(call.getOperandTypes());
      auto it = llvm::find_if(
          byTypes, [&](const auto &group) { return group.first == types; });
      if (it == byTypes.end()) {
        byTypes.push_back({types, {}});
        it = std::prev(byTypes.end());
      }
      it->second.push_back(call);
    }
    for (auto [index, group] : llvm::enumerate(byTypes)) {
      const SmallVector<Type> &types = group.first;
      func::FuncOp target = callee;
      if (index > 0) {
        target = callee.clone();
        symbols.insert(target, std::next(Block::iterator(callee)));
        for (func::CallOp call : group.second)
          call.setCallee(target.getSymName());
      }
      if (llvm::equal(target.getArgumentTypes(), types))
        continue;
      target.setType(FunctionType::get(target.getContext(), types,
                                       target.getResultTypes()));
      Block &entry = target.getBody().front();
      for (auto [arg, type] : llvm::zip(entry.getArguments(), types))
        arg.setType(type);
    }
  }
}

void SizeFifosPass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<TargetDesc> target = loadPassTarget(module, targetFile);
  if (failed(target))
    return signalPassFailure();

  FifoSizingOptions options;
  std::optional<FifoStrategy> parsed = parseFifoStrategy(strategy);
  if (!parsed) {
    mlir::emitError(module.getLoc(), "unknown FIFO sizing strategy '")
        << strategy << "' (expected asap, lp-min-bytes or naive)";
    return signalPassFailure();
  }
  if (*parsed != FifoStrategy::Asap && *parsed != FifoStrategy::LpMinBytes &&
      *parsed != FifoStrategy::Naive) {
    mlir::emitError(module.getLoc(), "FIFO sizing strategy '")
        << strategy
        << "' can under-size FIFOs and is refused in the compile flow "
           "(use asap, lp-min-bytes or naive)";
    return signalPassFailure();
  }
  options.strategy = *parsed;
  if (mode == "normal" || mode == "fit")
    options.mode = FifoMode::Normal;
  else if (mode == "conservative")
    options.mode = FifoMode::Conservative;
  else {
    mlir::emitError(module.getLoc(), "unknown FIFO sizing mode '")
        << mode << "' (expected normal, conservative or fit)";
    return signalPassFailure();
  }
  fitToChip = mode == "fit";

  SmallVector<func::FuncOp> tops;
  for (auto func : module.getOps<func::FuncOp>())
    if (func->hasAttr("dataflow.top"))
      tops.push_back(func);

  json::Array report;
  bool failedAny = false;
  for (func::FuncOp top : tops)
    failedAny |= failed(sizeTop(top, *target, options, report));
  if (failedAny)
    return signalPassFailure();
  updateCallees(module);

  if (!output.empty() &&
      failed(writePassOutput(module, output, [&](llvm::raw_ostream &os) {
        os << llvm::formatv("{0:2}", json::Value(json::Object{
                                         {"functions", std::move(report)}}))
           << "\n";
      })))
    return signalPassFailure();
}
