//===- CycleSimTest.cpp - Token-granular simulator ------------------------===//

#include "TestGraphs.h"

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/CycleSimTrace.h"
#include "streamtensor/Analysis/DataflowGraphRandom.h"

#include "llvm/Support/JSON.h"

#include "gtest/gtest.h"

using namespace streamtensor;
using llvm::Expected;
using namespace streamtensor::testing;

namespace {

TimedGraph timeGraph(const DataflowGraph &graph) {
  Expected<TimedGraph> timed = buildTimedGraph(graph, getDefaultTargetDesc());
  EXPECT_TRUE(bool(timed));
  return std::move(*timed);
}

SimResult simulateWithDepths(const TimedGraph &graph,
                             std::vector<int64_t> depths,
                             bool recordTrace = false) {
  SimOptions options;
  options.depths = depths;
  options.recordTrace = recordTrace;
  return simulate(graph, options);
}

TEST(CycleSim, Figure8Timeline) {
  TimedGraph graph = timeGraph(makeFigure8Graph());
  SimResult run = simulateWithDepths(graph, {3}, /*recordTrace=*/true);
  ASSERT_FALSE(run.deadlock);
  // Source writes in cycles 2..6 (readable 3..7); target reads every other
  // cycle from 3 and completes 10 cycles after it started.
  EXPECT_EQ(run.writeCycles[0], (std::vector<int64_t>{2, 3, 4, 5, 6}));
  EXPECT_EQ(run.readCycles[0], (std::vector<int64_t>{3, 5, 7, 9, 11}));
  EXPECT_EQ(run.fifos[0].peakOccupancy, 3);
  EXPECT_EQ(run.nodes[1].start, 3);
  EXPECT_EQ(run.nodes[1].finish, 13);
  EXPECT_EQ(run.cycles, 13);
  EXPECT_EQ(run.nodes[0].outputStallCycles, 0);
}

TEST(CycleSim, Figure8WithDepthTwoStallsTheSource) {
  TimedGraph graph = timeGraph(makeFigure8Graph());
  SimResult run = simulateWithDepths(graph, {2}, /*recordTrace=*/true);
  ASSERT_FALSE(run.deadlock);
  // Token 3 waits for the read of token 1 (cycle 5), token 4 for token 2.
  EXPECT_EQ(run.writeCycles[0], (std::vector<int64_t>{2, 3, 4, 6, 8}));
  EXPECT_EQ(run.nodes[0].outputStallCycles, 2);
  EXPECT_EQ(run.fifos[0].peakOccupancy, 2);
  // The target is the bottleneck, so the design takes no longer.
  EXPECT_EQ(run.cycles, 13);
}

TEST(CycleSim, DepthOneHalvesThroughput) {
  DataflowGraph graph;
  unsigned p = graph.addKernel("p", 1);
  unsigned c = graph.addKernel("c", 1);
  connect(graph, p, c, 100, 1, 1, 1);
  setMinimumLatencies(graph);
  TimedGraph timed = timeGraph(graph);
  SimResult one = simulateWithDepths(timed, {1});
  SimResult two = simulateWithDepths(timed, {2});
  EXPECT_EQ(two.cycles, 101);
  // A slot freed by a read is reusable only in the next cycle: token k is
  // written in cycle 2k and read in 2k + 1.
  EXPECT_EQ(one.cycles, 200);
  EXPECT_EQ(one.nodes[0].outputStallCycles, 99);
}

TEST(CycleSim, UnboundedNeverStallsOnOutput) {
  TimedGraph graph = timeGraph(makeDiamondGraph());
  SimResult run = simulate(graph, SimOptions());
  ASSERT_FALSE(run.deadlock);
  for (const SimNodeStats &node : run.nodes)
    EXPECT_EQ(node.outputStallCycles, 0);
  EXPECT_EQ(run.fifos[1].peakOccupancy, 102);
}

TEST(CycleSim, ReportsDeadlockWithKernelsAndChannels) {
  TimedGraph graph = timeGraph(makeDiamondGraph());
  SimResult run = simulateWithDepths(graph, {2, 2, 2});
  ASSERT_TRUE(run.deadlock);
  // a is stuck writing the full a -> c, c reading the empty b -> c, and b
  // reading a -> b, which a no longer writes.
  ASSERT_EQ(run.blocked.size(), 3u);
  EXPECT_EQ(run.blocked[0].node, 0u);
  EXPECT_EQ(run.blocked[0].edge, 1u);
  EXPECT_TRUE(run.blocked[0].onFull);
  EXPECT_EQ(run.blocked[0].occupancy, 2);
  EXPECT_EQ(run.blocked[1].node, 1u);
  EXPECT_FALSE(run.blocked[1].onFull);
  EXPECT_EQ(run.blocked[2].node, 2u);
  EXPECT_EQ(run.blocked[2].edge, 2u);
  EXPECT_FALSE(run.blocked[2].onFull);
  EXPECT_EQ(run.waitCycle, (std::vector<unsigned>{0, 2, 1, 0}));
  EXPECT_FALSE(run.nodes[2].finished);
}

TEST(CycleSim, DmaReadRunsAtChannelBandwidth) {
  DataflowGraph graph;
  unsigned k = graph.addKernel("k", 1);
  DataflowEdge edge;
  edge.to = k;
  edge.hbmChannel = 3;
  edge.tokens = 1000;
  edge.consumerII = 1;
  edge.tokenBytes = 64;
  graph.addEdge(edge);
  setMinimumLatencies(graph);
  TimedGraph timed = timeGraph(graph);
  SimResult run = simulate(timed, SimOptions());
  ASSERT_FALSE(run.deadlock);
  // 64 000 bytes at 57.5 bytes/cycle take 1113 cycles, after a 100-cycle
  // access latency; the kernel reading at II 1 waits for each token.
  EXPECT_NEAR(double(run.cycles), 100 + 64000 / 57.5, 3);
  EXPECT_NEAR(double(run.nodes[0].inputStallCycles), 1113 - 1000, 3);
}

TEST(CycleSim, DmaWriteWaitsForAcknowledgement) {
  DataflowGraph graph;
  unsigned k = graph.addKernel("k", 1);
  DataflowEdge edge;
  edge.from = k;
  edge.hbmChannel = 5;
  edge.tokens = 100;
  edge.initialDelay = 1;
  edge.producerII = 4;
  edge.tokenBytes = 64;
  graph.addEdge(edge);
  setMinimumLatencies(graph);
  TimedGraph timed = timeGraph(graph);
  SimResult run = simulate(timed, SimOptions());
  ASSERT_FALSE(run.deadlock);
  // Last token readable at 1 + 99 * 4 = 397, transferred in 2 cycles and
  // acknowledged 100 cycles later.
  EXPECT_EQ(run.cycles, 397 + 2 + 100);
}

TEST(CycleSim, LaunchHoldsANode) {
  TimedGraph graph = timeGraph(makeFigure8Graph());
  SimOptions options;
  std::vector<int64_t> launch = {0, 20};
  options.launch = launch;
  SimResult run = simulate(graph, options);
  EXPECT_EQ(run.nodes[1].start, 20);
  EXPECT_EQ(run.cycles, 30);
  EXPECT_EQ(run.fifos[0].peakOccupancy, 5);
}

TEST(CycleSim, TraceIsChromeTraceJSON) {
  TimedGraph graph = timeGraph(makeFigure8Graph());
  SimResult run = simulateWithDepths(graph, {2}, /*recordTrace=*/true);
  std::string text;
  llvm::raw_string_ostream os(text);
  writeSimulationTrace(graph, run, "figure 8", os);
  Expected<llvm::json::Value> trace = llvm::json::parse(text);
  ASSERT_TRUE(bool(trace)) << toString(trace.takeError());
  const llvm::json::Array *events =
      trace->getAsObject()->getArray("traceEvents");
  ASSERT_TRUE(events);
  unsigned busy = 0, stalls = 0, counters = 0, metadata = 0;
  double lastCounter = -1;
  for (const llvm::json::Value &value : *events) {
    const llvm::json::Object &event = *value.getAsObject();
    llvm::StringRef phase = *event.getString("ph");
    if (phase == "X") {
      EXPECT_GT(*event.getNumber("dur"), 0);
      llvm::StringRef category = *event.getString("cat");
      busy += category == "busy";
      stalls += category == "stall_output";
    } else if (phase == "C") {
      double ts = *event.getNumber("ts");
      EXPECT_GE(ts, lastCounter);
      lastCounter = ts;
      ++counters;
    } else {
      EXPECT_EQ(phase, "M");
      ++metadata;
    }
  }
  EXPECT_EQ(stalls, 2u);
  EXPECT_GE(busy, 3u);
  EXPECT_GE(counters, 5u);
  EXPECT_EQ(metadata, 2u + 2u * 2u);
}

/// Keeping only the tokens in flight changes nothing but the peaks: every
/// cycle, stall and deadlock matches the run that records every token, over
/// random graphs at small and unbounded depths.
TEST(CycleSim, WindowedRunsMatchRecordedRuns) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    TimedGraph graph = timeGraph(generateRandomGraph(seed));
    for (int64_t depth : {int64_t(0), int64_t(2), int64_t(7)}) {
      std::vector<int64_t> depths(depth ? graph.edges.size() : 0, depth);
      SimOptions recorded;
      recorded.depths = depths;
      SimOptions windowed = recorded;
      windowed.recordPeaks = false;
      ASSERT_TRUE(fitsSimulator(graph, windowed));
      SimResult a = simulate(graph, recorded), b = simulate(graph, windowed);
      ASSERT_EQ(a.deadlock, b.deadlock) << "seed " << seed;
      EXPECT_EQ(a.cycles, b.cycles) << "seed " << seed << " depth " << depth;
      for (unsigned n = 0; n < graph.nodes.size(); ++n) {
        EXPECT_EQ(a.nodes[n].finish, b.nodes[n].finish);
        EXPECT_EQ(a.nodes[n].inputStallCycles, b.nodes[n].inputStallCycles);
        EXPECT_EQ(a.nodes[n].outputStallCycles, b.nodes[n].outputStallCycles);
      }
      for (unsigned e = 0; e < graph.edges.size(); ++e) {
        EXPECT_EQ(a.fifos[e].written, b.fifos[e].written);
        EXPECT_EQ(b.fifos[e].peakOccupancy, -1);
      }
    }
  }
}

} // namespace
