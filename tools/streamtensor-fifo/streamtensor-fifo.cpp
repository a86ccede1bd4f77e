//===- streamtensor-fifo.cpp - Size and simulate the FIFOs of a graph -----===//
//
// Reads a dataflow graph (JSON, schema in docs/fifo-sizing.md), sizes its
// FIFOs with the chosen strategy, simulates the design with those depths and
// with unbounded FIFOs, and prints the result as JSON.
//
//===----------------------------------------------------------------------===//

#include "FifoBench.h"

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/CycleSimTrace.h"
#include "streamtensor/Analysis/DataflowGraphJSON.h"
#include "streamtensor/Analysis/DataflowGraphRandom.h"
#include "streamtensor/Analysis/FifoSizing.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using namespace streamtensor;

static cl::OptionCategory category("streamtensor-fifo options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<graph.json | ->"),
                                      cl::cat(category));
static cl::opt<std::string>
    strategyName("strategy",
                 cl::desc("Sizing strategy: asap (default), lp-min-bytes, "
                          "asap-nominal, paper-per-edge-lp, sum-of-delays-lp, "
                          "naive, fixed, sim-peak"),
                 cl::init("asap"), cl::cat(category));
static cl::opt<int64_t>
    fixedDepth("depth",
               cl::desc("Give every FIFO this depth (implies --strategy=fixed)"),
               cl::init(0), cl::cat(category));
static cl::opt<std::string> modeName("mode",
                                     cl::desc("normal (default) or "
                                              "conservative"),
                                     cl::init("normal"), cl::cat(category));
static cl::opt<std::string>
    traceFile("trace",
              cl::desc("Write a Perfetto/Chrome trace of the simulation with "
                       "the sized FIFOs"),
              cl::value_desc("file"), cl::cat(category));
static cl::opt<std::string>
    targetFile("target",
               cl::desc("Target description (default: built-in U55C, "
                        "targets/u55c.json)"),
               cl::value_desc("file"), cl::cat(category));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(category));
static cl::opt<int64_t> emitRandomGraph(
    "emit-random-graph",
    cl::desc("Print the random graph of this seed instead of sizing"),
    cl::init(-1), cl::cat(category));
static cl::opt<unsigned> benchRandom(
    "bench-random",
    cl::desc("Benchmark all strategies on this many random graphs"),
    cl::init(0), cl::cat(category));
static cl::opt<bool> benchNoStarvation(
    "bench-no-starvation",
    cl::desc("Random graphs where no consumer reads faster than its producer "
             "writes"),
    cl::init(false), cl::cat(category));
static cl::opt<uint64_t> benchSeed("seed",
                                   cl::desc("First seed for --bench-random"),
                                   cl::init(1), cl::cat(category));

static int fail(const Twine &message) {
  WithColor::error(errs(), "streamtensor-fifo") << message << "\n";
  return 1;
}

/// Doubles in a readable precision (JSON's default prints 17 digits).
static void writeNumber(json::OStream &out, StringRef key, double value) {
  out.attributeBegin(key);
  out.rawValue([&](raw_ostream &os) { os << format("%.6g", value); });
  out.attributeEnd();
}

static void writeSimulation(json::OStream &out, const TimedGraph &graph,
                            const TargetDesc &target, const SimResult &run,
                            bool details) {
  out.attribute("deadlock", run.deadlock);
  if (!run.deadlock) {
    out.attribute("latency_cycles", run.cycles);
    writeNumber(out, "latency_ms", target.cyclesToMilliseconds(run.cycles));
  } else {
    out.attribute("deadlocked_after_cycle", run.cycles);
    out.attributeArray("blocked", [&] {
      for (const SimBlockedNode &blocked : run.blocked)
        out.object([&] {
          out.attribute("kernel", graph.nodes[blocked.node].name);
          out.attribute("fifo", int64_t(blocked.edge));
          out.attribute("label", graph.edges[blocked.edge].label);
          out.attribute("waits_to", blocked.onFull ? "write" : "read");
          out.attribute("state", blocked.onFull ? "full" : "empty");
          out.attribute("occupancy", blocked.occupancy);
          out.attribute("depth", blocked.depth);
        });
    });
    out.attributeArray("wait_cycle", [&] {
      for (unsigned node : run.waitCycle)
        out.value(graph.nodes[node].name);
    });
  }
  if (!details)
    return;
  out.attributeArray("kernels", [&] {
    for (unsigned n = 0, e = graph.nodes.size(); n < e; ++n) {
      const SimNodeStats &stats = run.nodes[n];
      out.object([&] {
        out.attribute("name", graph.nodes[n].name);
        out.attribute("finished", stats.finished);
        if (!stats.finished)
          return;
        out.attribute("start", stats.start);
        out.attribute("finish", stats.finish);
        out.attribute("busy_cycles", stats.busyCycles);
        out.attribute("input_stall_cycles", stats.inputStallCycles);
        out.attribute("output_stall_cycles", stats.outputStallCycles);
      });
    }
  });
}

static void writeReport(raw_ostream &os, const TimedGraph &timed,
                        const TargetDesc &target,
                        const FifoSizingOptions &options,
                        const FifoSizingResult &sizing, const SimResult &sized,
                        const SimResult &unbounded,
                        const std::vector<GrownFifo> &stallGrown,
                        int64_t modelBytes) {
  json::OStream out(os, 2);
  std::vector<int64_t> naive = timed.getTokensPerEdge();
  out.object([&] {
    out.attribute("graph", inputFile == "-" ? std::string("<stdin>")
                                            : inputFile.getValue());
    out.attribute("target", target.name);
    writeNumber(out, "clock_mhz", target.clockMHz);
    out.attribute("strategy", getFifoStrategyName(options.strategy));
    out.attribute("mode", getFifoModeName(options.mode));
    out.attributeArray("fifos", [&] {
      for (unsigned e = 0, end = timed.edges.size(); e < end; ++e) {
        const TimedEdge &edge = timed.edges[e];
        out.object([&] {
          out.attribute("edge", int64_t(e));
          out.attribute("label", edge.label);
          out.attribute("from", timed.nodes[edge.producer].name);
          out.attribute("to", timed.nodes[edge.consumer].name);
          out.attribute("tokens", edge.tokens);
          out.attribute("token_bytes", edge.tokenBytes);
          out.attribute("depth", sizing.depths[e]);
          out.attribute("bytes", sizing.depths[e] * edge.tokenBytes);
          if (sizing.delays[e])
            writeNumber(out, "delay", *sizing.delays[e]);
          out.attribute("peak_sized", sized.fifos[e].peakOccupancy);
          out.attribute("peak_unbounded", unbounded.fifos[e].peakOccupancy);
        });
      }
    });
    out.attribute("total_fifo_bytes", sizing.totalBytes);
    if (!stallGrown.empty())
      out.attribute("model_fifo_bytes", modelBytes);
    if (!stallGrown.empty())
      out.attributeArray("stall_check", [&] {
      for (const GrownFifo &fifo : stallGrown)
        out.object([&] {
          out.attribute("fifo", int64_t(fifo.edge));
          out.attribute("label", timed.edges[fifo.edge].label);
          out.attribute("model_depth", fifo.before);
          out.attribute("depth", fifo.after);
        });
    });
    out.attribute("naive_fifo_bytes", getTotalFifoBytes(timed, naive));
    if (options.mode == FifoMode::Conservative)
      out.attribute("conservative_restored_fifos",
                    int64_t(sizing.restoredFifos));
    if (sizing.asapBytes) {
      out.attributeObject("lp_min_bytes", [&] {
        out.attribute("asap_fifo_bytes", *sizing.asapBytes);
        out.attribute("bytes_saved_vs_asap",
                      *sizing.asapBytes - sizing.totalBytes);
        out.attribute("improved", sizing.lpImproved);
        out.attributeArray("holds", [&] {
          for (unsigned n = 0, e = timed.nodes.size(); n < e; ++n)
            if (sizing.launch[n] > 0)
              out.object([&] {
                out.attribute("kernel", timed.nodes[n].name);
                out.attribute("hold_until_cycle", sizing.launch[n]);
              });
        });
      });
    }
    out.attributeObject("simulation", [&] {
      std::string model;
      raw_string_ostream(model)
          << "estimate of the cycle-level model of " << target.name << " at "
          << format("%g", target.clockMHz) << " MHz, not a measurement";
      out.attribute("model", model);
      out.attributeObject("sized", [&] {
        writeSimulation(out, timed, target, sized, /*details=*/true);
      });
      out.attributeObject("unbounded", [&] {
        writeSimulation(out, timed, target, unbounded, /*details=*/false);
      });
    });
  });
  os << "\n";
}

static Expected<FifoSizingOptions> getSizingOptions() {
  FifoSizingOptions options;
  std::optional<FifoStrategy> strategy = parseFifoStrategy(strategyName);
  if (!strategy)
    return createStringError(inconvertibleErrorCode(),
                             "unknown strategy '" + strategyName +
                                 "' (expected asap, lp-min-bytes, "
                                 "asap-nominal, paper-per-edge-lp, "
                                 "sum-of-delays-lp, naive, fixed or "
                                 "sim-peak)");
  options.strategy = *strategy;
  if (fixedDepth.getNumOccurrences()) {
    if (fixedDepth < 1)
      return createStringError(inconvertibleErrorCode(),
                               "--depth must be at least 1");
    if (strategyName.getNumOccurrences() &&
        options.strategy != FifoStrategy::Fixed)
      return createStringError(inconvertibleErrorCode(),
                               "--depth gives every FIFO the same depth and "
                               "only goes with --strategy=fixed");
    options.strategy = FifoStrategy::Fixed;
    options.fixedDepth = fixedDepth;
  } else if (options.strategy == FifoStrategy::Fixed) {
    return createStringError(inconvertibleErrorCode(),
                             "--strategy=fixed needs --depth=N");
  }
  if (modeName == "normal")
    options.mode = FifoMode::Normal;
  else if (modeName == "conservative")
    options.mode = FifoMode::Conservative;
  else
    return createStringError(inconvertibleErrorCode(),
                             "unknown mode '" + modeName +
                                 "' (expected normal or conservative)");
  return options;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Sizes the FIFOs of a dataflow graph and simulates the design.\n");

  TargetDesc target = getDefaultTargetDesc();
  if (!targetFile.empty()) {
    Expected<TargetDesc> loaded = loadTargetDesc(targetFile);
    if (!loaded)
      return fail(toString(loaded.takeError()));
    target = std::move(*loaded);
  }

  std::error_code ec;
  ToolOutputFile output(outputFile, ec, sys::fs::OF_Text);
  if (ec)
    return fail("cannot open '" + outputFile + "': " + ec.message());

  if (emitRandomGraph >= 0) {
    printDataflowGraph(generateRandomGraph(emitRandomGraph), output.os());
    output.keep();
    return 0;
  }
  if (benchRandom > 0) {
    RandomGraphOptions graphOptions;
    graphOptions.noStarvation = benchNoStarvation;
    bool ok = runRandomFifoBenchmark(benchRandom, benchSeed, graphOptions,
                                     target, output.os());
    output.keep();
    return ok ? 0 : 1;
  }
  if (inputFile.empty())
    return fail("no input graph (see --help)");

  Expected<FifoSizingOptions> options = getSizingOptions();
  if (!options)
    return fail(toString(options.takeError()));
  Expected<DataflowGraph> graph = loadDataflowGraph(inputFile);
  if (!graph)
    return fail(toString(graph.takeError()));
  // Graph-level checks passed; what fails now depends on the target (an HBM
  // channel it lacks) or on the solver, so name the graph file.
  Expected<TimedGraph> timed = buildTimedGraph(*graph, target);
  if (!timed)
    return fail(inputFile + ": " + toString(timed.takeError()));
  Expected<FifoSizingResult> sizing = sizeFifos(*graph, target, *options);
  if (!sizing)
    return fail(inputFile + ": " + toString(sizing.takeError()));

  // Graphs exported from the IR carry the processes' own access cycles;
  // their pipelines can stall as a whole and their bursts outrun the sizing
  // bounds, which the pass covers by growing FIFOs (growForSchedules). That
  // applies to the strategies the pass offers; the comparison strategies
  // and hand-written graphs keep their plain sizing, deadlocks included.
  SimResult unbounded = simulate(*timed, SimOptions());
  std::vector<GrownFifo> stallGrown;
  int64_t modelBytes = sizing->totalBytes;
  bool grows = hasExactSchedules(*timed) &&
               (options->strategy == FifoStrategy::Asap ||
                options->strategy == FifoStrategy::LpMinBytes);
  SimOptions sizedOptions;
  sizedOptions.launch = sizing->launch;
  if (grows && fitsSimulator(*timed, sizedOptions)) {
    SimResult run;
    if (std::optional<std::vector<GrownFifo>> grown = growForSchedules(
            *timed, sizedOptions, sizing->depths, unbounded.cycles, run))
      stallGrown = std::move(*grown);
    sizing->totalBytes = getTotalFifoBytes(*timed, sizing->depths);
  }
  sizedOptions.depths = sizing->depths;
  sizedOptions.recordTrace = !traceFile.empty();
  SimResult sized = simulate(*timed, sizedOptions);

  if (!traceFile.empty()) {
    ToolOutputFile trace(traceFile, ec, sys::fs::OF_Text);
    if (ec)
      return fail("cannot open '" + traceFile + "': " + ec.message());
    std::string title;
    raw_string_ostream(title)
        << inputFile << ", " << getFifoStrategyName(options->strategy)
        << " sizing, model of " << target.name << " at "
        << format("%g", target.clockMHz) << " MHz";
    writeSimulationTrace(*timed, sized, title, trace.os());
    trace.keep();
  }
  writeReport(output.os(), *timed, target, *options, *sizing, sized,
              unbounded, stallGrown, modelBytes);
  output.keep();
  return 0;
}
