//===- FifoBench.cpp - Benchmark of FIFO sizing strategies ----------------===//

#include "FifoBench.h"

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/DataflowGraphRandom.h"
#include "streamtensor/Analysis/FifoSizing.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <cmath>

using namespace llvm;
using namespace streamtensor;

namespace {
struct Config {
  std::string name;
  FifoSizingOptions options;
};

struct Totals {
  int64_t bytes = 0;
  unsigned deadlocks = 0;
  /// Graphs finishing more than 1% after the unbounded run.
  unsigned slower = 0;
  double logLatencyRatio = 0;
  double worstLatencyRatio = 1;
  unsigned finished = 0;
  unsigned improved = 0;
  int64_t bytesSaved = 0;
  double seconds = 0;
};
} // namespace

static std::vector<Config> getConfigs() {
  auto make = [](FifoStrategy strategy, FifoMode mode = FifoMode::Normal,
                 int64_t fixedDepth = 2, bool restore = true) {
    FifoSizingOptions options;
    options.strategy = strategy;
    options.mode = mode;
    options.fixedDepth = fixedDepth;
    options.restoreDeadlockedFifos = restore;
    return options;
  };
  return {
      {"asap (ours)", make(FifoStrategy::Asap)},
      {"lp-min-bytes (held starts)", make(FifoStrategy::LpMinBytes)},
      {"asap, conservative", make(FifoStrategy::Asap, FifoMode::Conservative)},
      {"asap, conservative, no restoring",
       make(FifoStrategy::Asap, FifoMode::Conservative, 2, false)},
      {"asap-nominal (no stretch bound)", make(FifoStrategy::AsapNominal)},
      {"paper-per-edge-lp", make(FifoStrategy::PaperPerEdgeLp)},
      {"paper-per-edge-lp, conservative",
       make(FifoStrategy::PaperPerEdgeLp, FifoMode::Conservative)},
      {"sum-of-delays-lp", make(FifoStrategy::SumOfDelaysLp)},
      {"sim-peak (reference)", make(FifoStrategy::SimPeak)},
      {"naive (depth = tokens)", make(FifoStrategy::Naive)},
      {"fixed depth 2 (HLS default)",
       make(FifoStrategy::Fixed, FifoMode::Normal, 2)},
  };
}

bool streamtensor::runRandomFifoBenchmark(
    unsigned graphs, uint64_t seed, const RandomGraphOptions &graphOptions,
    const TargetDesc &target, raw_ostream &os) {
  std::vector<Config> configs = getConfigs();
  std::vector<Totals> totals(configs.size());
  int64_t kernels = 0, edges = 0, tokens = 0;
  double unboundedSeconds = 0;
  using Clock = std::chrono::steady_clock;
  auto secondsSince = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };

  for (unsigned i = 0; i < graphs; ++i) {
    DataflowGraph graph = generateRandomGraph(seed + i, graphOptions);
    Expected<TimedGraph> timed = buildTimedGraph(graph, target);
    if (!timed) {
      os << "graph " << seed + i << ": " << toString(timed.takeError())
         << "\n";
      return false;
    }
    kernels += graph.getNumKernels();
    edges += graph.getNumEdges();
    for (const DataflowEdge &edge : graph.getEdges())
      tokens += edge.tokens;
    Clock::time_point start = Clock::now();
    SimResult unbounded = simulate(*timed, SimOptions());
    unboundedSeconds += secondsSince(start);

    for (auto [config, total] : llvm::zip(configs, totals)) {
      start = Clock::now();
      Expected<FifoSizingResult> sizing =
          sizeFifos(graph, target, config.options);
      if (!sizing) {
        os << "graph " << seed + i << ", " << config.name << ": "
           << toString(sizing.takeError()) << "\n";
        return false;
      }
      SimOptions options;
      options.depths = sizing->depths;
      options.launch = sizing->launch;
      SimResult run = simulate(*timed, options);
      total.seconds += secondsSince(start);
      total.bytes += sizing->totalBytes;
      if (sizing->asapBytes && sizing->lpImproved) {
        ++total.improved;
        total.bytesSaved += *sizing->asapBytes - sizing->totalBytes;
      }
      if (run.deadlock) {
        ++total.deadlocks;
        continue;
      }
      double ratio = double(run.cycles) / double(unbounded.cycles);
      ++total.finished;
      total.logLatencyRatio += std::log(ratio);
      total.worstLatencyRatio = std::max(total.worstLatencyRatio, ratio);
      if (ratio > 1.01)
        ++total.slower;
    }
  }

  auto find = [&](FifoStrategy strategy) -> const Totals & {
    for (auto [config, total] : llvm::zip(configs, totals))
      if (config.options.strategy == strategy &&
          config.options.mode == FifoMode::Normal)
        return total;
    llvm_unreachable("strategy missing from the benchmark");
  };
  const Totals &naive = find(FifoStrategy::Naive);
  os << formatv("Random DAGs{0}: {1} (seeds {2}..{3}), {4} kernels, {5} "
                "edges, {6} tokens in total; target {7} at ",
                graphOptions.noStarvation ? " without starved kernels" : "",
                graphs, seed, seed + graphs - 1, kernels, edges, tokens,
                target.name)
     << format("%g", target.clockMHz) << " MHz.\n\n";
  os << "| strategy | total FIFO bytes | vs naive | deadlocks | "
        "> 1% slower | latency vs unbounded (geomean / worst) | "
        "sizing + simulation time |\n";
  os << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (auto [config, total] : llvm::zip(configs, totals)) {
    std::string latency = "-";
    if (total.finished)
      latency = formatv("{0:F4} / {1:F3}",
                        std::exp(total.logLatencyRatio / total.finished),
                        total.worstLatencyRatio);
    os << formatv("| {0} | {1} | {2:F2}% | {3} | {4} | {5} | {6:F2} s |\n",
                  config.name, total.bytes,
                  100.0 * double(total.bytes) / double(naive.bytes),
                  total.deadlocks, total.slower, latency, total.seconds);
  }
  const Totals &lp = find(FifoStrategy::LpMinBytes);
  os << formatv("\nlp-min-bytes beat asap on {0} of {1} graphs, saving {2} "
                "bytes ({3:F2}% of asap's total).\n",
                lp.improved, graphs, lp.bytesSaved,
                100.0 * double(lp.bytesSaved) /
                    double(find(FifoStrategy::Asap).bytes));
  os << formatv("Unbounded reference runs: {0:F2} s. Latencies are "
                "estimates of the cycle-level model; times are measured on "
                "this machine.\n",
                unboundedSeconds);
  return true;
}
