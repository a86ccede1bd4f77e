//===- FifoSizing.cpp - Choosing FIFO depths for a dataflow graph ---------===//

#include "streamtensor/Analysis/FifoSizing.h"

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/FifoLP.h"
#include "streamtensor/Analysis/TokenModelBounds.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <map>

using namespace llvm;
using namespace streamtensor;

StringRef streamtensor::getFifoStrategyName(FifoStrategy strategy) {
  switch (strategy) {
  case FifoStrategy::Asap:
    return "asap";
  case FifoStrategy::LpMinBytes:
    return "lp-min-bytes";
  case FifoStrategy::AsapNominal:
    return "asap-nominal";
  case FifoStrategy::PaperPerEdgeLp:
    return "paper-per-edge-lp";
  case FifoStrategy::SumOfDelaysLp:
    return "sum-of-delays-lp";
  case FifoStrategy::Naive:
    return "naive";
  case FifoStrategy::Fixed:
    return "fixed";
  case FifoStrategy::SimPeak:
    return "sim-peak";
  }
  llvm_unreachable("unknown FIFO strategy");
}

std::optional<FifoStrategy> streamtensor::parseFifoStrategy(StringRef name) {
  return StringSwitch<std::optional<FifoStrategy>>(name)
      .Case("asap", FifoStrategy::Asap)
      .Case("lp-min-bytes", FifoStrategy::LpMinBytes)
      .Case("asap-nominal", FifoStrategy::AsapNominal)
      .Case("paper-per-edge-lp", FifoStrategy::PaperPerEdgeLp)
      .Case("sum-of-delays-lp", FifoStrategy::SumOfDelaysLp)
      .Case("naive", FifoStrategy::Naive)
      .Case("fixed", FifoStrategy::Fixed)
      .Case("sim-peak", FifoStrategy::SimPeak)
      .Default(std::nullopt);
}

StringRef streamtensor::getFifoModeName(FifoMode mode) {
  return mode == FifoMode::Normal ? "normal" : "conservative";
}

int64_t streamtensor::getTotalFifoBytes(const TimedGraph &graph,
                                        ArrayRef<int64_t> depths) {
  int64_t total = 0;
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e)
    total += depths[e] * graph.edges[e].tokenBytes;
  return total;
}

/// Eq. 1/2 at the given producer-to-consumer delay of each edge, with the
/// nominal rates (no stretch).
static void sizeFromNominalDelays(const TimedGraph &graph,
                                  ArrayRef<double> delays,
                                  FifoSizingResult &result) {
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e) {
    const PortSchedule &read = graph.getConsumerSchedule(e);
    TokenLine arrivals{double(graph.getInitialDelay(e)),
                       graph.getProducerSchedule(e).ii()};
    TokenLine reads{delays[e] + read.roundingSlack(), read.ii()};
    result.depths[e] = peakTokens(arrivals, reads, graph.edges[e].tokens);
    result.delays[e] = delays[e];
  }
}

static std::vector<double> delaysFromStarts(const TimedGraph &graph,
                                            ArrayRef<double> start) {
  std::vector<double> delays;
  for (const TimedEdge &edge : graph.edges)
    delays.push_back(start[edge.consumer] - start[edge.producer]);
  return delays;
}

/// A DMA engine serves a single FIFO. When it moves tokens at least as fast
/// as the kernel on the other side accesses them, two slots keep that kernel
/// exactly on its unbounded schedule: a read engine that runs ahead blocks
/// on the full FIFO, and refills a slot the cycle after the kernel frees it,
/// before the kernel's next read (reads are at least one consumer II apart,
/// and the engine's next token is at most that far behind on its own
/// schedule); a write engine reads every token the cycle it becomes
/// readable, since the producer's tokens are at least one producer II apart.
/// Only the engine itself waits, and nothing waits for the engine but that
/// kernel, so this can neither deadlock nor lengthen the run.
static bool isDmaEdgeNoSlowerThanKernel(const TimedGraph &graph,
                                        unsigned edge) {
  const TimedEdge &e = graph.edges[edge];
  const TimedNode &producer = graph.nodes[e.producer];
  const TimedNode &consumer = graph.nodes[e.consumer];
  const PortSchedule &write = graph.getProducerSchedule(edge);
  const PortSchedule &read = graph.getConsumerSchedule(edge);
  // Offsets ceil(k * iiNum / iiDen): the engine is no slower when its rate
  // is at most the kernel's (integer) II.
  if (producer.kind == TimedNodeKind::DmaRead)
    return read.iiDen == 1 && write.iiNum <= read.iiNum * write.iiDen;
  if (consumer.kind == TimedNodeKind::DmaWrite)
    return write.iiDen == 1 && read.iiNum <= write.iiNum * read.iiDen;
  return false;
}

static void sizeFromBounds(const TimedGraph &graph, ArrayRef<int64_t> launch,
                           FifoSizingResult &result) {
  TokenBounds bounds = computeTokenBounds(graph, launch);
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e) {
    result.depths[e] = bounds.getDepth(e, graph.edges[e].tokens);
    if (isDmaEdgeNoSlowerThanKernel(graph, e))
      result.depths[e] = std::min<int64_t>(result.depths[e], 2);
    const TimedEdge &edge = graph.edges[e];
    result.delays[e] =
        bounds.asapStart[edge.consumer] - bounds.asapStart[edge.producer];
  }
}

/// Latest start of each node that keeps the nominal schedule's makespan
/// (latest completion over nodes started ASAP) unchanged.
static std::vector<double> computeLatestStarts(const TimedGraph &graph,
                                               ArrayRef<double> asap) {
  double makespan = 0;
  for (unsigned n = 0, end = graph.nodes.size(); n < end; ++n)
    makespan = std::max(makespan, asap[n] + graph.nodes[n].latency);
  std::vector<double> latest(graph.nodes.size());
  for (auto it = graph.topologicalOrder.rbegin(),
            end = graph.topologicalOrder.rend();
       it != end; ++it) {
    unsigned n = *it;
    latest[n] = makespan - graph.nodes[n].latency;
    for (const TimedPort &output : graph.nodes[n].outputs)
      latest[n] = std::min(latest[n],
                           latest[graph.edges[output.edge].consumer] -
                               graph.getInitialDelay(output.edge));
  }
  return latest;
}

static Error sizeWithMinBytesLP(const TimedGraph &graph,
                                FifoSizingResult &result) {
  sizeFromBounds(graph, {}, result);
  int64_t asapBytes = getTotalFifoBytes(graph, result.depths);
  result.asapBytes = asapBytes;
  // Holds are kept only when a simulation shows they cost no time.
  SimOptions latencyOnly;
  latencyOnly.recordPeaks = false;
  if (!fitsSimulator(graph, latencyOnly))
    return Error::success();

  std::vector<double> asap = computeAsapStarts(graph);
  std::vector<double> latest = computeLatestStarts(graph, asap);
  Expected<std::vector<double>> start = solveMinBytesLP(graph, asap, latest);
  if (!start)
    return start.takeError();
  // Holds are whole cycles; a start at (or within rounding of) ASAP needs
  // no hold at all.
  std::vector<int64_t> launch(graph.nodes.size(), 0);
  for (unsigned n = 0, end = graph.nodes.size(); n < end; ++n) {
    double chosen = std::min((*start)[n], latest[n]);
    if (chosen > asap[n] + 0.5)
      launch[n] = int64_t(std::ceil(chosen - 1e-6));
  }
  SimResult unbounded = simulate(graph, latencyOnly);
  bool exact = hasExactSchedules(graph);
  // With the processes' own schedules both sizings are compared after the
  // growth those schedules need (as the pass grows them).
  std::vector<int64_t> asapDepths = result.depths;
  int64_t reference = unbounded.cycles;
  if (exact) {
    SimResult asapRun;
    if (!growForSchedules(graph, latencyOnly, asapDepths, unbounded.cycles,
                          asapRun))
      return Error::success();
    reference = std::max(reference, asapRun.cycles);
  }
  int64_t asapGrownBytes = getTotalFifoBytes(graph, asapDepths);

  // The latest starts come from the nominal schedule; where kernels stall on
  // slow producers (or access in bursts) a hold can still lengthen the run.
  // Holds that cost time are shortened by what they cost and tried again;
  // they are kept only if the run finishes as early as without them.
  for (unsigned attempt = 0; attempt < 8; ++attempt) {
    FifoSizingResult held = result;
    sizeFromBounds(graph, launch, held);
    SimOptions heldRun = latencyOnly;
    heldRun.launch = launch;
    heldRun.depths = held.depths;
    SimResult withHolds = simulate(graph, heldRun);
    if (exact && !growForSchedules(graph, heldRun, held.depths, reference,
                                   withHolds))
      return Error::success();
    if (getTotalFifoBytes(graph, held.depths) >= asapGrownBytes ||
        withHolds.deadlock)
      return Error::success();
    if (withHolds.cycles <= reference) {
      result.depths = std::move(held.depths);
      result.delays = std::move(held.delays);
      result.launch = std::move(launch);
      result.lpImproved = true;
      return Error::success();
    }
    int64_t late = withHolds.cycles - reference;
    bool any = false;
    for (int64_t &cycle : launch) {
      any |= cycle > 0;
      cycle = std::max<int64_t>(0, cycle - late);
    }
    if (!any)
      return Error::success();
  }
  return Error::success();
}

bool streamtensor::hasExactSchedules(const TimedGraph &graph) {
  for (const TimedNode &node : graph.nodes)
    for (const auto *ports : {&node.inputs, &node.outputs})
      for (const TimedPort &port : *ports)
        if (port.schedule.exact)
          return true;
  return false;
}

Expected<FifoSizingResult>
streamtensor::sizeFifos(const TimedGraph &graph,
                        const FifoSizingOptions &options) {
  unsigned numEdges = graph.edges.size();
  FifoSizingResult result;
  result.depths.assign(numEdges, 1);
  result.delays.assign(numEdges, std::nullopt);
  result.launch.assign(graph.nodes.size(), 0);

  switch (options.strategy) {
  case FifoStrategy::Asap:
    sizeFromBounds(graph, {}, result);
    break;
  case FifoStrategy::LpMinBytes:
    if (Error error = sizeWithMinBytesLP(graph, result))
      return std::move(error);
    break;
  case FifoStrategy::AsapNominal:
    sizeFromNominalDelays(graph,
                          delaysFromStarts(graph, computeAsapStarts(graph)),
                          result);
    break;
  case FifoStrategy::PaperPerEdgeLp: {
    Expected<std::vector<double>> delays = solvePaperPerEdgeLP(graph);
    if (!delays)
      return delays.takeError();
    sizeFromNominalDelays(graph, *delays, result);
    break;
  }
  case FifoStrategy::SumOfDelaysLp: {
    Expected<std::vector<double>> start = solveSumOfDelaysLP(graph);
    if (!start)
      return start.takeError();
    sizeFromNominalDelays(graph, delaysFromStarts(graph, *start), result);
    break;
  }
  case FifoStrategy::Naive:
    for (unsigned e = 0; e < numEdges; ++e)
      result.depths[e] = graph.edges[e].tokens;
    break;
  case FifoStrategy::Fixed:
    if (options.fixedDepth < 1)
      return createStringError(inconvertibleErrorCode(),
                               "a fixed FIFO depth must be at least 1");
    result.depths.assign(numEdges, options.fixedDepth);
    break;
  case FifoStrategy::SimPeak: {
    if (!fitsSimulator(graph, SimOptions()))
      return createStringError(inconvertibleErrorCode(),
                               "sim-peak needs a simulation, and the graph "
                               "carries more tokens than the simulator "
                               "records");
    SimResult run = simulate(graph, SimOptions());
    for (unsigned e = 0; e < numEdges; ++e)
      result.depths[e] = std::max<int64_t>(1, run.fifos[e].peakOccupancy);
    break;
  }
  }
  result.totalBytes = getTotalFifoBytes(graph, result.depths);
  return result;
}

Expected<DataflowGraph>
streamtensor::stretchToSlowestKernel(const DataflowGraph &graph) {
  // A kernel's pace is set by its busiest port: tokens x II on that side.
  unsigned numKernels = graph.getNumKernels();
  if (numKernels == 0)
    return graph;
  std::vector<int64_t> span(numKernels, 1);
  for (const DataflowEdge &edge : graph.getEdges()) {
    if (!edge.isDmaRead())
      span[edge.from] =
          std::max(span[edge.from], edge.tokens * edge.producerII);
    if (!edge.isDmaWrite())
      span[edge.to] = std::max(span[edge.to], edge.tokens * edge.consumerII);
  }
  int64_t slowest = *std::max_element(span.begin(), span.end());

  DataflowGraph stretched;
  for (unsigned k = 0; k < numKernels; ++k)
    stretched.addKernel(graph.getKernel(k).name, graph.getKernel(k).latency);
  auto scale = [&](int64_t value, int kernel) {
    double factor = double(slowest) / double(span[kernel]);
    double scaled = std::min(double(value) * factor,
                             double(DataflowGraphLimits::kMaxCycles));
    return std::max<int64_t>(1, std::llround(scaled));
  };
  for (DataflowEdge edge : graph.getEdges()) {
    if (!edge.isDmaRead()) {
      edge.initialDelay = scale(edge.initialDelay, edge.from);
      edge.producerII = scale(edge.producerII, edge.from);
    }
    if (!edge.isDmaWrite())
      edge.consumerII = scale(edge.consumerII, edge.to);
    // The stretched view is a pace, not the processes' own cycles.
    edge.producerSchedule = AccessSchedule();
    edge.consumerSchedule = AccessSchedule();
    stretched.addEdge(edge);
  }
  // Latencies scale too, but never below what the new schedule needs.
  for (unsigned k = 0; k < numKernels; ++k) {
    DataflowKernel &kernel = stretched.getKernel(k);
    kernel.latency = std::max(scale(kernel.latency, k),
                              stretched.getMinimumLatency(k).first);
  }
  if (Error error = stretched.verify())
    return createStringError(inconvertibleErrorCode(),
                             "conservative mode slows every kernel to the "
                             "slowest kernel's pace, and then " +
                                 toString(std::move(error)));
  return std::move(stretched);
}

/// Conservative depths assume every kernel runs at the slowest one's pace,
/// but the hardware runs them at full speed, so a FIFO can fill before a
/// slower path delivers and deadlock the design. Simulate the real
/// schedule; every FIFO that is full in a deadlock gets its normal-mode
/// depth back, until the design completes.
static void repairConservativeDepths(const TimedGraph &graph,
                                     ArrayRef<int64_t> normalDepths,
                                     FifoSizingResult &result) {
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e)
    result.depths[e] = std::min(result.depths[e], normalDepths[e]);
  while (true) {
    SimOptions options;
    options.depths = result.depths;
    options.recordPeaks = false;
    SimResult run = simulate(graph, options);
    if (!run.deadlock)
      return;
    bool changed = false;
    for (const SimBlockedNode &blocked : run.blocked) {
      if (!blocked.onFull ||
          result.depths[blocked.edge] >= normalDepths[blocked.edge])
        continue;
      result.depths[blocked.edge] = normalDepths[blocked.edge];
      ++result.restoredFifos;
      changed = true;
    }
    // Nothing left to restore: the normal sizing deadlocks as well.
    if (!changed)
      return;
  }
}

Expected<FifoSizingResult>
streamtensor::sizeFifos(const DataflowGraph &graph, const TargetDesc &target,
                        const FifoSizingOptions &options) {
  Expected<TimedGraph> timed = buildTimedGraph(graph, target);
  if (!timed)
    return timed.takeError();
  FifoSizingOptions normalOptions = options;
  normalOptions.mode = FifoMode::Normal;
  Expected<FifoSizingResult> normal = sizeFifos(*timed, normalOptions);
  if (!normal || options.mode == FifoMode::Normal)
    return normal;
  // Holds chosen on the slowed-down schedule would be wrong for the real one.
  if (options.strategy == FifoStrategy::LpMinBytes)
    return createStringError(inconvertibleErrorCode(),
                             "lp-min-bytes chooses start times on the real "
                             "schedule and needs the normal mode");
  SimOptions latencyOnly;
  latencyOnly.recordPeaks = false;
  if (options.restoreDeadlockedFifos && !fitsSimulator(*timed, latencyOnly))
    return createStringError(
        inconvertibleErrorCode(),
        formatv("conservative mode checks its depths in a simulation, and "
                "the graph carries {0} tokens, more than the {1} the "
                "simulator runs; use the normal mode",
                graph.getTotalTokens(),
                DataflowGraphLimits::kMaxStreamedTokens));
  Expected<DataflowGraph> stretched = stretchToSlowestKernel(graph);
  if (!stretched)
    return stretched.takeError();
  Expected<TimedGraph> stretchedTimed = buildTimedGraph(*stretched, target);
  if (!stretchedTimed)
    return stretchedTimed.takeError();
  Expected<FifoSizingResult> result = sizeFifos(*stretchedTimed, options);
  if (!result)
    return result.takeError();
  if (options.restoreDeadlockedFifos)
    repairConservativeDepths(*timed, normal->depths, *result);
  else
    for (unsigned e = 0, end = timed->edges.size(); e < end; ++e)
      result->depths[e] = std::min(result->depths[e], normal->depths[e]);
  result->totalBytes = getTotalFifoBytes(*timed, result->depths);
  return result;
}

std::optional<std::vector<GrownFifo>>
streamtensor::growForSchedules(const TimedGraph &graph, SimOptions options,
                               std::vector<int64_t> &depths,
                               int64_t unboundedCycles, SimResult &result,
                               ArrayRef<int64_t> slowdownCaps) {
  std::map<unsigned, int64_t> before;
  // Doubles one FIFO, remembering its first depth; false if it is full size.
  auto grow = [&](unsigned edge) {
    int64_t tokens = graph.edges[edge].tokens;
    if (depths[edge] >= tokens)
      return false;
    before.try_emplace(edge, depths[edge]);
    depths[edge] = std::min(tokens, 2 * depths[edge]);
    return true;
  };
  auto run = [&] {
    options.depths = depths;
    result = simulate(graph, options);
  };

  // Deadlocks first. Each round at least doubles one FIFO, which bounds the
  // rounds by the graph's size.
  for (unsigned round = 0;; ++round) {
    run();
    if (!result.deadlock)
      break;
    bool grew = false;
    for (unsigned node : result.waitCycle)
      for (const SimBlockedNode &blocked : result.blocked)
        if (blocked.node == node && blocked.onFull)
          grew |= grow(blocked.edge);
    if (!grew || round > 64 * graph.edges.size())
      return std::nullopt;
  }
  // Then slowdowns.
  for (unsigned round = 0; round < 64 &&
                           double(result.cycles) > 1.01 * double(unboundedCycles);
       ++round) {
    bool grew = false;
    for (unsigned e = 0, end = graph.edges.size(); e < end; ++e) {
      bool capped = e < slowdownCaps.size() && slowdownCaps[e] > 0 &&
                    depths[e] >= slowdownCaps[e];
      if (result.fifos[e].fullStallCycles > 0 && !capped)
        grew |= grow(e);
    }
    if (!grew)
      break;
    run();
    if (result.deadlock)
      break;
  }

  std::vector<GrownFifo> grown;
  for (auto [edge, depth] : before)
    grown.push_back({edge, depth, depths[edge]});
  return grown;
}
