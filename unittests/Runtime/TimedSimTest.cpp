// Cycle counts of the timed simulation against hand-computed schedules.
// Built with -DSTREAMTENSOR_SIM_TIMED, written like emitted code.
#include <hls_stream.h>

#include "streamtensor_dataflow.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

namespace timing = streamtensor::sim::timing;

// HBM read latency 100, 16 bursts of up to 16 beats per port, 57.5 B/cycle
// per pseudo-channel, no launch cost.
void configureMemory() {
  STREAMTENSOR_TIMED_MEMORY(250, 100, 100, 16, 16, 57.5, 1840, 32, 0);
}

class TimedSimTest : public testing::Test {
protected:
  void SetUp() override {
    timing::reset();
    configureMemory();
  }
  timing::RegionResult lastRegion() {
    std::vector<timing::RegionResult> all = timing::regions();
    EXPECT_FALSE(all.empty());
    return all.empty() ? timing::RegionResult{} : all.back();
  }
  const timing::ProcessResult &process(const timing::RegionResult &region,
                                       const std::string &name) {
    for (const timing::ProcessResult &p : region.processes)
      if (p.name == region.name + "/" + name)
        return p;
    ADD_FAILURE() << "no process " << name;
    return region.processes.front();
  }
};

// II 1, iteration latency 5, each iteration writes at offset 4.
void produce(hls::stream<int> &out, int n, int ii) {
  STREAMTENSOR_TIMED_PIPELINE(t, ii, 5);
  for (int i = 0; i < n; ++i) {
    STREAMTENSOR_TIMED_ITERATION(t);
    STREAMTENSOR_TIMED_AT(4);
    out.write(i);
  }
  STREAMTENSOR_TIMED_PIPELINE_END(t);
}

// Iteration latency 2, reads at offset 0.
void consume(hls::stream<int> &in, int n, int ii, long &sum) {
  STREAMTENSOR_TIMED_PIPELINE(t, ii, 2);
  for (int i = 0; i < n; ++i) {
    STREAMTENSOR_TIMED_ITERATION(t);
    STREAMTENSOR_TIMED_AT(0);
    sum += in.read();
  }
  STREAMTENSOR_TIMED_PIPELINE_END(t);
}

TEST_F(TimedSimTest, PipelinedLoop) {
  // Writes issue at 4..103 and are readable a cycle later, so the reader's
  // first iteration waits 5 cycles; it then reads one token per cycle and
  // ends 2 cycles after its last issue (104): 106. The writer ends at 104.
  hls::stream<int, 4> s("s");
  long sum = 0;
  STREAMTENSOR_DATAFLOW_BEGIN("pipe");
  STREAMTENSOR_PROCESS("producer", produce(s, 100, 1));
  STREAMTENSOR_PROCESS("consumer", consume(s, 100, 1, sum));
  STREAMTENSOR_DATAFLOW_END();
  EXPECT_EQ(sum, 4950);
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(region.end - region.start, 106);
  EXPECT_EQ(process(region, "producer").end, 104);
  EXPECT_EQ(process(region, "consumer").stalledOnRead, 5);
  EXPECT_EQ(process(region, "producer").stalledOnWrite, 0);
  // The trace's span of that wait.
  const std::vector<timing::StallSpan> &stalls =
      process(region, "consumer").stalls;
  ASSERT_EQ(stalls.size(), 1u);
  EXPECT_EQ(stalls[0].begin, region.start);
  EXPECT_EQ(stalls[0].end, region.start + 5);
  EXPECT_EQ(stalls[0].kind, 'r');
}

TEST_F(TimedSimTest, ReductionAtItsRecurrenceII) {
  // A loop-carried f32 add: II 5 (the add latency plus the store), 16
  // iterations of latency 7: 15 * 5 + 7.
  float acc[1] = {0};
  auto reduce = [&] {
    STREAMTENSOR_TIMED_PIPELINE(t, 5, 7);
    for (int i = 0; i < 16; ++i) {
      STREAMTENSOR_TIMED_ITERATION(t);
      acc[0] += float(i);
    }
    STREAMTENSOR_TIMED_PIPELINE_END(t);
  };
  STREAMTENSOR_DATAFLOW_BEGIN("reduce");
  STREAMTENSOR_PROCESS("sum", reduce());
  STREAMTENSOR_DATAFLOW_END();
  EXPECT_EQ(acc[0], 120.0f);
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(region.end - region.start, 82);
}

TEST_F(TimedSimTest, UnrolledPipeline) {
  // Unrolled by 2 at II 2 (one stream, two writes per pipeline iteration):
  // the copies issue one cycle apart, so writes land at 0, 1, ..., 7; the
  // last pipeline iteration issues at 6 and the loop ends its depth (the
  // iteration latency 3 plus the second copy's cycle) later: 10.
  hls::stream<int, 16> s("s");
  std::vector<int> got;
  auto produce = [&] {
    STREAMTENSOR_TIMED_UNROLLED_PIPELINE(t, 2, 4, 2);
    for (int i = 0; i < 8; ++i) {
      STREAMTENSOR_TIMED_ITERATION(t);
      STREAMTENSOR_TIMED_AT(0);
      s.write(i);
    }
    STREAMTENSOR_TIMED_PIPELINE_END(t);
  };
  auto consume = [&] {
    for (int i = 0; i < 8; ++i)
      got.push_back(s.read());
  };
  STREAMTENSOR_DATAFLOW_BEGIN("unrolled");
  STREAMTENSOR_PROCESS("producer", produce());
  STREAMTENSOR_PROCESS("consumer", consume());
  STREAMTENSOR_DATAFLOW_END();
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(process(region, "producer").end, 10);
  // The consumer has no schedule of its own: it reads each token as it
  // becomes readable, the last at 8.
  EXPECT_EQ(process(region, "consumer").end, 8);
  EXPECT_EQ(got.size(), 8u);
}

// Producer at II 1 (iteration latency 1, writes at offset 0) against a
// consumer at II 3.
void fastProducer(hls::stream<int> &out) {
  STREAMTENSOR_TIMED_PIPELINE(t, 1, 1);
  for (int i = 0; i < 10; ++i) {
    STREAMTENSOR_TIMED_ITERATION(t);
    STREAMTENSOR_TIMED_AT(0);
    out.write(i);
  }
  STREAMTENSOR_TIMED_PIPELINE_END(t);
}
void slowConsumer(hls::stream<int> &in) {
  STREAMTENSOR_TIMED_PIPELINE(t, 3, 1);
  for (int i = 0; i < 10; ++i) {
    STREAMTENSOR_TIMED_ITERATION(t);
    STREAMTENSOR_TIMED_AT(0);
    in.read();
  }
  STREAMTENSOR_TIMED_PIPELINE_END(t);
}

TEST_F(TimedSimTest, FifoOfDepthFour) {
  // Reads at r(k) = 1 + 3k. Writes 0..5 go straight in; write k >= 4 waits
  // for the slot read k - 4 frees at r(k - 4) + 1 = 3k - 10: writes 6..9
  // land at 8, 11, 14, 17, each 2 cycles late.
  hls::stream<int, 4> s("s");
  STREAMTENSOR_DATAFLOW_BEGIN("depth4");
  STREAMTENSOR_PROCESS("producer", fastProducer(s));
  STREAMTENSOR_PROCESS("consumer", slowConsumer(s));
  STREAMTENSOR_DATAFLOW_END();
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(region.end - region.start, 29);
  EXPECT_EQ(process(region, "producer").end, 18);
  EXPECT_EQ(process(region, "producer").stalledOnWrite, 8);
  // Four waits of 2 cycles, one per late write (6..9), not merged: the
  // writes between them issue on time.
  EXPECT_EQ(process(region, "producer").stalls.size(), 4u);
  EXPECT_EQ(process(region, "consumer").stalledOnRead, 1);
}

TEST_F(TimedSimTest, FifoOfDepthOne) {
  // Write k waits for read k - 1: w = 0, 2, 5, 8, ..., 26 (1 + 8 * 2 cycles
  // of stall); the reader still reads at 1, 4, ..., 28.
  hls::stream<int, 1> s("s");
  STREAMTENSOR_DATAFLOW_BEGIN("depth1");
  STREAMTENSOR_PROCESS("producer", fastProducer(s));
  STREAMTENSOR_PROCESS("consumer", slowConsumer(s));
  STREAMTENSOR_DATAFLOW_END();
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(region.end - region.start, 29);
  EXPECT_EQ(process(region, "producer").end, 27);
  EXPECT_EQ(process(region, "producer").stalledOnWrite, 17);
}

// Reads n elements `stride` apart in a pipelined loop whose schedule holds
// the HBM read latency (iteration latency 101).
template <typename T>
void readPort(T *port, int n, int stride, T &sum) {
  STREAMTENSOR_TIMED_PIPELINE(t, 1, 101);
  for (int i = 0; i < n; ++i) {
    STREAMTENSOR_TIMED_ITERATION(t);
    STREAMTENSOR_TIMED_AT(0);
    sum += STREAMTENSOR_LOAD(port, i * stride);
  }
  STREAMTENSOR_TIMED_PIPELINE_END(t);
}

TEST_F(TimedSimTest, BurstRead) {
  // Contiguous: one beat per cycle, the latency hidden by the pipeline:
  // 63 + 101 cycles; 64 beats in bursts of 16.
  std::vector<float> data(64, 1.0f);
  float *port = data.data();
  float sum = 0;
  STREAMTENSOR_TIMED_PORT(port, 64, "in", 0, 1);
  STREAMTENSOR_DATAFLOW_BEGIN("burst");
  STREAMTENSOR_PROCESS("read", readPort(port, 64, 1, sum));
  STREAMTENSOR_DATAFLOW_END();
  EXPECT_EQ(sum, 64.0f);
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(region.end - region.start, 164);
  EXPECT_EQ(process(region, "read").waitingOnMemory, 0);
  ASSERT_EQ(region.ports.size(), 1u);
  EXPECT_EQ(region.ports[0].bytesRead, 256u);
  EXPECT_EQ(region.ports[0].bursts, 4u);
}

TEST_F(TimedSimTest, StridedRead) {
  // Every access is a burst of its own; 16 may be in flight, so each group
  // of 16 waits until the previous group's data is back, 100 cycles after
  // its first request: issues at 100 * (k / 16) + k % 16, the last at 315,
  // plus the iteration latency: 416 (252 cycles waiting on memory).
  std::vector<float> data(64 * 16, 1.0f);
  float *port = data.data();
  float sum = 0;
  STREAMTENSOR_TIMED_PORT(port, 64 * 16, "in", 0, 1);
  STREAMTENSOR_DATAFLOW_BEGIN("strided");
  STREAMTENSOR_PROCESS("read", readPort(port, 64, 16, sum));
  STREAMTENSOR_DATAFLOW_END();
  timing::RegionResult region = lastRegion();
  EXPECT_EQ(region.end - region.start, 416);
  EXPECT_EQ(process(region, "read").waitingOnMemory, 252);
  EXPECT_EQ(region.ports[0].bursts, 64u);
}

struct Word {
  char bytes[64];
};

double twoBundles(int channelA, int channelB) {
  std::vector<Word> a(256), b(256);
  Word *portA = a.data(), *portB = b.data();
  Word sinkA{}, sinkB{};
  auto read = [](Word *port, Word &sink) {
    STREAMTENSOR_TIMED_PIPELINE(t, 1, 101);
    for (int i = 0; i < 256; ++i) {
      STREAMTENSOR_TIMED_ITERATION(t);
      STREAMTENSOR_TIMED_AT(0);
      sink.bytes[0] ^= STREAMTENSOR_LOAD(port, i).bytes[0];
    }
    STREAMTENSOR_TIMED_PIPELINE_END(t);
  };
  STREAMTENSOR_TIMED_PORT(portA, 256, "a", channelA, 1);
  STREAMTENSOR_TIMED_PORT(portB, 256, "b", channelB, 1);
  STREAMTENSOR_DATAFLOW_BEGIN("bundles");
  STREAMTENSOR_PROCESS("a", read(portA, sinkA));
  STREAMTENSOR_PROCESS("b", read(portB, sinkB));
  STREAMTENSOR_DATAFLOW_END();
  std::vector<timing::RegionResult> all = timing::regions();
  return double(all.back().end - all.back().start);
}

TEST_F(TimedSimTest, TwoBundlesOnOnePseudoChannel) {
  // 2 x 256 beats of 64 B through one 57.5 B/cycle channel: 570 cycles of
  // transfer, then the latency of the last iteration (101).
  double shared = twoBundles(0, 0);
  EXPECT_NEAR(shared, 32768 / 57.5 + 101, 4);
  // Apart, each is limited by its channel alone: 285 + 101.
  timing::reset();
  configureMemory();
  double apart = twoBundles(0, 1);
  EXPECT_NEAR(apart, 16384 / 57.5 + 101, 4);
}

} // namespace
