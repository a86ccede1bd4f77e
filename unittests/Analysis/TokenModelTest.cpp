//===- TokenModelTest.cpp - Eq. 1/2 and the timed graph -------------------===//

#include "TestGraphs.h"

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/TokenModel.h"
#include "streamtensor/Analysis/TokenModelBounds.h"

#include "gtest/gtest.h"

using namespace streamtensor;
using llvm::Expected;
using namespace streamtensor::testing;

namespace {

TEST(PaperEquations, Eq1Figure8) {
  // Source II 1, delay 3, 5 tokens: last token at cycle L = 3 + 4 = 7.
  // Target II 2 starting at delay 3 has read floor(4 / 2) = 2 by then.
  EXPECT_EQ(paperEq1MaxTokens(5, 7, 3, 2), 3);
}

TEST(PaperEquations, Eq1HandComputed) {
  // T = 10, L = 20, delay = 5, II = 3: floor(15 / 3) = 5 read, 5 left.
  EXPECT_EQ(paperEq1MaxTokens(10, 20, 5, 3), 5);
  // The target starts after the source finished: everything waits.
  EXPECT_EQ(paperEq1MaxTokens(10, 20, 25, 3), 10);
  // The target could read more than T in that time: clamped at 0.
  EXPECT_EQ(paperEq1MaxTokens(4, 100, 0, 1), 0);
}

TEST(PaperEquations, Eq2HandComputed) {
  // T = 10, delay 12, D 3, II 2: ceil(9 / 2) = 5 tokens before the target
  // starts.
  EXPECT_EQ(paperEq2MaxTokens(10, 12, 3, 2), 5);
  EXPECT_EQ(paperEq2MaxTokens(10, 3, 3, 2), 0);
  EXPECT_EQ(paperEq2MaxTokens(10, 1000, 3, 2), 10);
}

TEST(PeakTokens, Figure8) {
  EXPECT_EQ(peakTokensForDelay(5, 3, 1, 2, 3), 3);
}

TEST(PeakTokens, FullRateNeedsTwoSlots) {
  // II 1 on both sides: a write sees the occupancy at the start of its
  // cycle, so one token in flight plus the one being written.
  EXPECT_EQ(peakTokensForDelay(100, 4, 1, 1, 4), 2);
  // A producer at half the consumer's rate never finds its token unread.
  EXPECT_EQ(peakTokensForDelay(100, 4, 2, 1, 4), 1);
}

TEST(PeakTokens, Eq1Case) {
  // T 10, D 2, II_p 1, II_c 3, consumer starts at 2. The last token is
  // written in cycle 10; reads at 2, 5, 8 came before: 10 - 3 = 7. The
  // paper's Eq. 1 with L = D + (T-1) II_p = 11 agrees.
  EXPECT_EQ(peakTokensForDelay(10, 2, 1, 3, 2), 7);
  EXPECT_EQ(paperEq1MaxTokens(10, 11, 2, 3), 7);
}

TEST(PeakTokens, Eq2Case) {
  // T 20, D 2, II_p 2, II_c 1, consumer starts at 12: tokens written in
  // cycles 1, 3, ..., 11 plus the one written in cycle 12 before the first
  // read frees anything: 6. The paper's Eq. 2 counts 5 (it omits the token
  // in flight).
  EXPECT_EQ(peakTokensForDelay(20, 2, 2, 1, 12), 6);
  EXPECT_EQ(paperEq2MaxTokens(20, 12, 2, 2), 5);
}

TEST(PeakTokens, ClampedToTokens) {
  EXPECT_EQ(peakTokensForDelay(7, 1, 1, 1, 1000), 7);
  EXPECT_EQ(peakTokensForDelay(1, 1, 1, 1, 1000), 1);
}

/// The discrete Eq. 1/2 is exact: it equals the peak the simulator measures
/// for one producer and one consumer, for any rates and start delays.
TEST(PeakTokens, MatchesSimulatorOnSingleEdges) {
  uint64_t state = 12345;
  auto next = [&](int64_t low, int64_t high) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return low + int64_t((state >> 33) % uint64_t(high - low + 1));
  };
  for (int trial = 0; trial < 400; ++trial) {
    int64_t tokens = next(1, 300), delay = next(1, 40);
    int64_t producerII = next(1, 6), consumerII = next(1, 6);
    int64_t hold = next(0, 1) ? next(0, 400) : 0;
    DataflowGraph graph;
    unsigned p = graph.addKernel("p", 1);
    unsigned c = graph.addKernel("c", 1);
    connect(graph, p, c, tokens, delay, producerII, consumerII);
    setMinimumLatencies(graph);
    Expected<TimedGraph> timed = buildTimedGraph(graph, getDefaultTargetDesc());
    ASSERT_TRUE(bool(timed));
    SimOptions options;
    std::vector<int64_t> launch = {0, hold};
    options.launch = launch;
    SimResult run = simulate(*timed, options);
    double start = std::max<int64_t>(hold, delay);
    EXPECT_EQ(run.fifos[0].peakOccupancy,
              peakTokensForDelay(tokens, delay, producerII, consumerII, start))
        << "T=" << tokens << " D=" << delay << " p=" << producerII
        << " c=" << consumerII << " hold=" << hold;
  }
}

TEST(TimedGraph, KernelSchedules) {
  Expected<TimedGraph> timed =
      buildTimedGraph(makeFigure8Graph(), getDefaultTargetDesc());
  ASSERT_TRUE(bool(timed));
  ASSERT_EQ(timed->nodes.size(), 2u);
  // D 3: written in cycle 2, readable in 3.
  EXPECT_EQ(timed->getProducerSchedule(0).offset(0), 2);
  EXPECT_EQ(timed->getProducerSchedule(0).offset(4), 6);
  EXPECT_EQ(timed->getConsumerSchedule(0).offset(4), 8);
  EXPECT_EQ(timed->getInitialDelay(0), 3);
}

TEST(TimedGraph, DmaRateFromChannelShare) {
  // Two 64-byte streams share pseudo-channel 0: 57.5 bytes/cycle at 250 MHz
  // split in two, so 64 / 28.75 = 2.226 cycles per token.
  DataflowGraph graph;
  unsigned k = graph.addKernel("k", 1);
  for (int i = 0; i < 2; ++i) {
    DataflowEdge edge;
    edge.to = k;
    edge.hbmChannel = 0;
    edge.tokens = 1000;
    edge.consumerII = 1;
    edge.tokenBytes = 64;
    graph.addEdge(edge);
  }
  setMinimumLatencies(graph);
  Expected<TimedGraph> timed = buildTimedGraph(graph, getDefaultTargetDesc());
  ASSERT_TRUE(bool(timed));
  EXPECT_NEAR(timed->getProducerSchedule(0).ii(), 64.0 / 28.75, 1e-3);
  // First token: access latency (100 cycles) plus one transfer (3 cycles).
  EXPECT_EQ(timed->getInitialDelay(0), 103);
}

TEST(TimedGraph, RejectsMissingHbmChannel) {
  DataflowGraph graph;
  unsigned k = graph.addKernel("k", 1);
  DataflowEdge edge;
  edge.to = k;
  edge.hbmChannel = 40;
  edge.tokens = 10;
  edge.consumerII = 1;
  graph.addEdge(edge);
  setMinimumLatencies(graph);
  Expected<TimedGraph> timed = buildTimedGraph(graph, getDefaultTargetDesc());
  ASSERT_FALSE(bool(timed));
  EXPECT_EQ(toString(timed.takeError()),
            "edge 0 (hbm:40 -> k): target 'u55c' has 32 HBM pseudo-channels");
}

TEST(TokenBounds, AsapStartsOfDiamond) {
  Expected<TimedGraph> timed =
      buildTimedGraph(makeDiamondGraph(), getDefaultTargetDesc());
  ASSERT_TRUE(bool(timed));
  std::vector<double> start = computeAsapStarts(*timed);
  EXPECT_EQ(start, (std::vector<double>{0, 2, 102}));
  TokenBounds bounds = computeTokenBounds(*timed);
  // a -> c waits 102 cycles at II 1: tokens readable at 2..102 plus the one
  // written in cycle 102.
  EXPECT_EQ(bounds.getDepth(1, 500), 102);
  EXPECT_EQ(bounds.getDepth(0, 500), 2);
  EXPECT_EQ(bounds.getDepth(2, 500), 2);
}

} // namespace
