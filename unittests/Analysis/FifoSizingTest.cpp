//===- FifoSizingTest.cpp - Sizing strategies and their failure cases -----===//

#include "TestGraphs.h"

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/DataflowGraphRandom.h"
#include "streamtensor/Analysis/FifoSizing.h"

#include "gtest/gtest.h"

using namespace streamtensor;
using llvm::Expected;
using namespace streamtensor::testing;

namespace {

struct Outcome {
  FifoSizingResult sizing;
  SimResult sized;
  SimResult unbounded;
};

/// Sizes `graph` and simulates the result and the unbounded design.
Outcome run(const DataflowGraph &graph, FifoStrategy strategy,
            FifoMode mode = FifoMode::Normal) {
  const TargetDesc &target = getDefaultTargetDesc();
  FifoSizingOptions options;
  options.strategy = strategy;
  options.mode = mode;
  Expected<FifoSizingResult> sizing = sizeFifos(graph, target, options);
  EXPECT_TRUE(bool(sizing)) << toString(sizing.takeError());
  Expected<TimedGraph> timed = buildTimedGraph(graph, target);
  EXPECT_TRUE(bool(timed));
  Outcome outcome{std::move(*sizing), {}, {}};
  SimOptions sim;
  sim.depths = outcome.sizing.depths;
  sim.launch = outcome.sizing.launch;
  outcome.sized = simulate(*timed, sim);
  outcome.unbounded = simulate(*timed, SimOptions());
  return outcome;
}

TEST(FifoSizing, Figure8) {
  DataflowGraph graph = makeFigure8Graph();
  EXPECT_EQ(run(graph, FifoStrategy::Asap).sizing.depths,
            std::vector<int64_t>{3});
  EXPECT_EQ(run(graph, FifoStrategy::AsapNominal).sizing.depths,
            std::vector<int64_t>{3});
  EXPECT_EQ(run(graph, FifoStrategy::SimPeak).sizing.depths,
            std::vector<int64_t>{3});
  EXPECT_EQ(run(graph, FifoStrategy::Naive).sizing.depths,
            std::vector<int64_t>{5});
  Outcome asap = run(graph, FifoStrategy::Asap);
  EXPECT_EQ(asap.sizing.totalBytes, 12);
  EXPECT_EQ(*asap.sizing.delays[0], 3);
}

TEST(FifoSizing, DiamondAsapAvoidsTheDeadlockOfDepthTwo) {
  DataflowGraph graph = makeDiamondGraph();
  Outcome asap = run(graph, FifoStrategy::Asap);
  EXPECT_EQ(asap.sizing.depths, (std::vector<int64_t>{2, 102, 2}));
  EXPECT_FALSE(asap.sized.deadlock);
  EXPECT_EQ(asap.sized.cycles, asap.unbounded.cycles);
  FifoSizingOptions fixed;
  fixed.strategy = FifoStrategy::Fixed;
  fixed.fixedDepth = 2;
  Expected<FifoSizingResult> sizing =
      sizeFifos(graph, getDefaultTargetDesc(), fixed);
  ASSERT_TRUE(bool(sizing));
  Expected<TimedGraph> timed = buildTimedGraph(graph, getDefaultTargetDesc());
  SimOptions options;
  options.depths = sizing->depths;
  EXPECT_TRUE(simulate(*timed, options).deadlock);
}

TEST(FifoSizing, PaperPerEdgeLPUndersizes) {
  DataflowGraph graph = makePerEdgeLPCounterexample();
  Outcome lp = run(graph, FifoStrategy::PaperPerEdgeLp);
  // Edge 0 (s1 -> v) is sized for s1's own delay of 1 cycle, but v waits
  // for the 201-cycle chain from s2.
  EXPECT_EQ(*lp.sizing.delays[0], 1);
  EXPECT_EQ(lp.sizing.depths[0], 2);
  EXPECT_GT(lp.sized.nodes[0].outputStallCycles, 190);
  EXPECT_GT(lp.sized.cycles, lp.unbounded.cycles + 190);

  Outcome asap = run(graph, FifoStrategy::Asap);
  EXPECT_EQ(*asap.sizing.delays[0], 201);
  EXPECT_EQ(asap.sizing.depths[0], 64);
  EXPECT_EQ(asap.sized.nodes[0].outputStallCycles, 0);
  EXPECT_EQ(asap.sized.cycles, asap.unbounded.cycles);
}

TEST(FifoSizing, SumOfDelaysLPUndersizes) {
  DataflowGraph graph = makeSumOfDelaysCounterexample();
  Outcome lp = run(graph, FifoStrategy::SumOfDelaysLp);
  // v has more outputs than inputs, so the LP starts it as late as its
  // consumers allow: one cycle before a and b (ASAP: cycle 1).
  EXPECT_EQ(*lp.sizing.delays[2], 1);
  EXPECT_EQ(lp.sizing.depths[2], 2);
  EXPECT_GT(lp.sized.nodes[1].outputStallCycles, 90);
  EXPECT_GT(lp.sized.cycles, lp.unbounded.cycles + 90);

  Outcome asap = run(graph, FifoStrategy::Asap);
  EXPECT_EQ(*asap.sizing.delays[2], 100);
  EXPECT_EQ(asap.sized.cycles, asap.unbounded.cycles);
  EXPECT_FALSE(asap.sized.deadlock);
}

TEST(FifoSizing, NominalAsapDeadlocksWhenAKernelStarves) {
  DataflowGraph graph = makeStarvationCounterexample();
  Outcome nominal = run(graph, FifoStrategy::AsapNominal);
  // Nominally c starts at 51 and a -> c holds 13 tokens; b really delivers
  // its first token near cycle 200.
  EXPECT_EQ(*nominal.sizing.delays[1], 51);
  EXPECT_EQ(nominal.sizing.depths[1], 13);
  ASSERT_TRUE(nominal.sized.deadlock);
  EXPECT_EQ(nominal.sized.waitCycle, (std::vector<unsigned>{0, 2, 1, 0}));

  Outcome asap = run(graph, FifoStrategy::Asap);
  EXPECT_FALSE(asap.sized.deadlock);
  EXPECT_EQ(asap.sized.cycles, asap.unbounded.cycles);
  EXPECT_GE(asap.sizing.depths[1], asap.unbounded.fifos[1].peakOccupancy);
}

TEST(FifoSizing, LpMinBytesHoldsAKernel) {
  DataflowGraph graph = makeHoldExample();
  Outcome lp = run(graph, FifoStrategy::LpMinBytes);
  ASSERT_TRUE(lp.sizing.asapBytes.has_value());
  EXPECT_TRUE(lp.sizing.lpImproved);
  // v (node 1) waits until its 64-byte outputs can drain at once.
  EXPECT_GT(lp.sizing.launch[1], 250);
  EXPECT_LT(lp.sizing.totalBytes, *lp.sizing.asapBytes / 4);
  EXPECT_FALSE(lp.sized.deadlock);
  EXPECT_LE(double(lp.sized.cycles), 1.01 * double(lp.unbounded.cycles));
  // Without the hold the same depths stall v.
  Expected<TimedGraph> timed = buildTimedGraph(graph, getDefaultTargetDesc());
  SimOptions unheld;
  unheld.depths = lp.sizing.depths;
  EXPECT_GT(simulate(*timed, unheld).nodes[1].outputStallCycles, 0);
}

TEST(FifoSizing, LpMinBytesNeedsNormalMode) {
  FifoSizingOptions options;
  options.strategy = FifoStrategy::LpMinBytes;
  options.mode = FifoMode::Conservative;
  Expected<FifoSizingResult> sizing =
      sizeFifos(makeHoldExample(), getDefaultTargetDesc(), options);
  ASSERT_FALSE(bool(sizing));
  EXPECT_EQ(toString(sizing.takeError()),
            "lp-min-bytes chooses start times on the real schedule and needs "
            "the normal mode");
}

TEST(FifoSizing, StretchToSlowestKernel) {
  DataflowGraph graph = makeFigure8Graph();
  Expected<DataflowGraph> stretched = stretchToSlowestKernel(graph);
  ASSERT_TRUE(bool(stretched));
  // The target takes 5 x 2 cycles, the source 5 x 1: the source slows by 2.
  EXPECT_EQ(stretched->getEdge(0).producerII, 2);
  EXPECT_EQ(stretched->getEdge(0).initialDelay, 6);
  EXPECT_EQ(stretched->getEdge(0).consumerII, 2);
  EXPECT_EQ(stretched->getKernel(0).latency, 16);
}

TEST(FifoSizing, ConservativeIsSmallerAndStillCompletes) {
  unsigned smaller = 0, restored = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    DataflowGraph graph = generateRandomGraph(seed);
    Outcome normal = run(graph, FifoStrategy::Asap);
    Outcome conservative =
        run(graph, FifoStrategy::Asap, FifoMode::Conservative);
    EXPECT_FALSE(conservative.sized.deadlock) << "seed " << seed;
    for (unsigned e = 0; e < graph.getNumEdges(); ++e)
      EXPECT_LE(conservative.sizing.depths[e], normal.sizing.depths[e]);
    smaller += conservative.sizing.totalBytes < normal.sizing.totalBytes;
    restored += conservative.sizing.restoredFifos > 0;
    EXPECT_GE(conservative.sized.cycles, normal.sized.cycles);
  }
  EXPECT_GT(smaller, 30u);
  // The slowed-down model alone under-sizes most of these graphs.
  EXPECT_GT(restored, 20u);
}

TEST(FifoSizing, ConservativeWithoutRestoringDeadlocks) {
  FifoSizingOptions options;
  options.mode = FifoMode::Conservative;
  options.restoreDeadlockedFifos = false;
  const TargetDesc &target = getDefaultTargetDesc();
  unsigned deadlocks = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    DataflowGraph graph = generateRandomGraph(seed);
    Expected<FifoSizingResult> sizing = sizeFifos(graph, target, options);
    ASSERT_TRUE(bool(sizing));
    EXPECT_EQ(sizing->restoredFifos, 0u);
    Expected<TimedGraph> timed = buildTimedGraph(graph, target);
    SimOptions sim;
    sim.depths = sizing->depths;
    deadlocks += simulate(*timed, sim).deadlock;
  }
  EXPECT_GT(deadlocks, 10u);
}

TEST(FifoSizing, StrategyNames) {
  for (FifoStrategy strategy :
       {FifoStrategy::Asap, FifoStrategy::LpMinBytes, FifoStrategy::AsapNominal,
        FifoStrategy::PaperPerEdgeLp, FifoStrategy::SumOfDelaysLp,
        FifoStrategy::Naive, FifoStrategy::Fixed, FifoStrategy::SimPeak})
    EXPECT_EQ(parseFifoStrategy(getFifoStrategyName(strategy)), strategy);
  EXPECT_FALSE(parseFifoStrategy("fastest").has_value());
}

} // namespace
