//===- StreamOrderTest.cpp - Deadlock check from stream access order ------===//

#include "streamtensor/Analysis/StreamOrder.h"

#include "gtest/gtest.h"

using namespace streamtensor;

namespace {

using Node = StreamAccessProgram::Node;

TEST(StreamAccessProgram, LoopsAroundOneRunBecomeOneRun) {
  StreamAccessProgram program;
  program.openLoop(3);
  program.openLoop(2);
  program.addAccess(0, /*isWrite=*/true, 1);
  program.closeLoop();
  program.closeLoop();
  program.addAccess(0, /*isWrite=*/true, 4);
  ASSERT_EQ(program.getNodes().size(), 1u);
  EXPECT_FALSE(program.getNodes()[0].isLoop);
  EXPECT_EQ(program.getNodes()[0].count, 10);
}

TEST(StreamAccessProgram, InterleavedAccessesKeepTheirLoop) {
  StreamAccessProgram program;
  program.addAccess(1, /*isWrite=*/false, 2);
  program.openLoop(5);
  program.addAccess(0, /*isWrite=*/false, 1);
  program.addAccess(1, /*isWrite=*/false, 1);
  program.closeLoop();
  program.openLoop(0);
  program.addAccess(0, /*isWrite=*/false, 1);
  program.closeLoop();
  program.openLoop(7);
  program.closeLoop();
  // A run after the loop starts a node of its own.
  program.addAccess(1, /*isWrite=*/false, 1);
  llvm::ArrayRef<Node> nodes = program.getNodes();
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_TRUE(nodes[1].isLoop);
  EXPECT_EQ(nodes[1].end, 4u);
  EXPECT_EQ(nodes[4].count, 1);
  EXPECT_EQ(program.countTokens(2, /*writes=*/false),
            (std::vector<int64_t>{5, 8}));
  EXPECT_EQ(program.countTokens(2, /*writes=*/true),
            (std::vector<int64_t>{0, 0}));
}

/// A fork writes `a` and `b` in turn; a reduction reads all of `b` before
/// it writes its result `r`; a join reads `r` and only then `a`. `a` must
/// hold all n tokens, which no averaged rate shows.
struct ForkJoin {
  StreamAccessProgram fork, reduce, join;
  StreamOrderNetwork network;

  ForkJoin(int64_t n, int64_t depthA) {
    fork.openLoop(n);
    fork.addAccess(0, /*isWrite=*/true, 1);
    fork.addAccess(1, /*isWrite=*/true, 1);
    fork.closeLoop();
    reduce.addAccess(0, /*isWrite=*/false, n);
    reduce.addAccess(1, /*isWrite=*/true, 1);
    join.addAccess(0, /*isWrite=*/false, 1);
    join.addAccess(1, /*isWrite=*/false, n);
    network.channels = {{"a", depthA, 4}, {"b", 2, 4}, {"r", 1, 4}};
    network.processes = {{"fork", &fork, {0, 1}},
                         {"reduce", &reduce, {1, 2}},
                         {"join", &join, {2, 0}}};
  }
};

TEST(StreamOrder, ReportsTheWaitCycleWithoutRepair) {
  ForkJoin design(100, 60);
  StreamOrderOptions options;
  options.repair = false;
  StreamOrderResult result = replayStreamOrder(design.network, options);
  EXPECT_FALSE(result.completed);
  EXPECT_NE(result.reason.find("deadlock"), std::string::npos);
  ASSERT_EQ(result.waits.size(), 3u);
  EXPECT_EQ(result.waits[0], "process 'fork' waits to write 'a' (full, 60/60)");
  EXPECT_EQ(result.waits[1], "process 'reduce' waits to read 'b' (empty)");
  EXPECT_EQ(result.waits[2], "process 'join' waits to read 'r' (empty)");
}

TEST(StreamOrder, GrowsOnlyTheFullFifoOfTheCycle) {
  ForkJoin design(100, 60);
  StreamOrderResult result = replayStreamOrder(design.network);
  ASSERT_TRUE(result.completed) << result.reason;
  EXPECT_EQ(result.repaired, (std::vector<unsigned>{0}));
  // 60 + 1 + 2 + ... stops at the 100 tokens the FIFO carries.
  EXPECT_EQ(result.depths, (std::vector<int64_t>{100, 2, 1}));
}

TEST(StreamOrder, GrowthStopsAtTheNeed) {
  // The join reads 10 of `a` before `r`: `a` needs 90 slots. From 80 it
  // grows by 1, 2, 4 and 8 (to 95) and then completes.
  ForkJoin design(100, 80);
  design.join = StreamAccessProgram();
  design.join.addAccess(1, /*isWrite=*/false, 10);
  design.join.addAccess(0, /*isWrite=*/false, 1);
  design.join.addAccess(1, /*isWrite=*/false, 90);
  design.network.processes[2].channelOfPort = {2, 0};
  StreamOrderResult result = replayStreamOrder(design.network);
  ASSERT_TRUE(result.completed) << result.reason;
  EXPECT_EQ(result.depths[0], 95);
}

TEST(StreamOrder, InOrderConsumersNeedNoGrowth) {
  ForkJoin design(100, 1);
  design.join = StreamAccessProgram();
  design.join.openLoop(100);
  design.join.addAccess(1, /*isWrite=*/false, 1);
  design.join.closeLoop();
  design.join.addAccess(0, /*isWrite=*/false, 1);
  // `r` comes last now; `b` and `a` drain in step with the fork.
  StreamOrderResult result = replayStreamOrder(design.network);
  ASSERT_TRUE(result.completed) << result.reason;
  EXPECT_TRUE(result.repaired.empty());
  EXPECT_EQ(result.depths, (std::vector<int64_t>{1, 2, 1}));
}

TEST(StreamOrder, RejectsMismatchedTokenCounts) {
  ForkJoin design(100, 100);
  design.join = StreamAccessProgram();
  design.join.addAccess(0, /*isWrite=*/false, 1);
  design.join.addAccess(1, /*isWrite=*/false, 99);
  StreamOrderResult result = replayStreamOrder(design.network);
  EXPECT_FALSE(result.completed);
  EXPECT_EQ(result.reason,
            "stream 'a' is written 100 times by 'fork' but read 99 times by "
            "'join'");
}

TEST(StreamOrder, RejectsTwoWriters) {
  ForkJoin design(4, 4);
  design.network.processes[1].channelOfPort = {1, 0};
  StreamOrderResult result = replayStreamOrder(design.network);
  EXPECT_FALSE(result.completed);
  EXPECT_EQ(result.reason, "stream 'a' has two writers");
}

TEST(StreamOrder, RejectsUnboundPorts) {
  ForkJoin design(4, 4);
  design.network.processes[0].channelOfPort = {0};
  StreamOrderResult result = replayStreamOrder(design.network);
  EXPECT_FALSE(result.completed);
  EXPECT_EQ(result.reason,
            "process 'fork' accesses port 1, which is bound to no stream");
}

} // namespace
