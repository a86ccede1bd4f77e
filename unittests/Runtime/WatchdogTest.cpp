#include <hls_stream.h>

#include "streamtensor/sim/Dataflow.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <dirent.h>

namespace {

using streamtensor::sim::Dataflow;
using streamtensor::sim::ErrorKind;
using streamtensor::sim::SimulationError;
using testing::HasSubstr;
using Clock = std::chrono::steady_clock;

int threadCount() {
  int n = 0;
  if (DIR *dir = opendir("/proc/self/task")) {
    while (dirent *e = readdir(dir))
      n += e->d_name[0] != '.';
    closedir(dir);
  }
  return n;
}

// split feeds `join` directly and through `hold`, which needs all n tokens
// before it emits any (a reduction or transpose buffer). The direct edge
// must buffer what split produces meanwhile: with fewer than n - 1 slots the
// graph deadlocks.
template <int DirectDepth> long long reconverge(int n) {
  hls::stream<int, DirectDepth> direct("direct");
  hls::stream<int, 2> toHold("to_hold");
  hls::stream<int, 64> held("held");
  long long sum = 0;
  Dataflow df("reconverge");
  df.spawn("split", [&] {
    for (int i = 0; i < n; ++i) {
      direct.write(i);
      toHold.write(i);
    }
  });
  df.spawn("hold", [&] {
    int buffer[64];
    for (int i = 0; i < n; ++i)
      buffer[i] = toHold.read();
    for (int i = 0; i < n; ++i)
      held.write(buffer[n - 1 - i]);
  });
  df.spawn("join", [&] {
    for (int i = 0; i < n; ++i)
      sum += direct.read() * held.read();
  });
  df.run();
  return sum;
}

TEST(WatchdogTest, SufficientDepthCompletes) {
  const int n = 32;
  long long expect = 0;
  for (int i = 0; i < n; ++i)
    expect += i * (n - 1 - i);
  EXPECT_EQ(reconverge<n>(n), expect);
}

TEST(WatchdogTest, ShallowReconvergentEdgeDeadlocksAndIsReported) {
  int threadsBefore = threadCount();
  auto start = Clock::now();
  try {
    reconverge<2>(32);
    FAIL() << "the shallow graph finished";
  } catch (const SimulationError &e) {
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_LT(seconds, 3.0);
    EXPECT_EQ(e.kind(), ErrorKind::Deadlock);
    std::string report = e.what();
    EXPECT_THAT(report, HasSubstr("process 'reconverge/split' blocked writing to "
                                  "channel 'direct': full (depth 2, occupancy 2/2"));
    EXPECT_THAT(report, HasSubstr("process 'reconverge/join' blocked reading from "
                                  "channel 'held': empty (depth 64, occupancy 0/64"));
    EXPECT_THAT(report, HasSubstr("process 'reconverge/hold' blocked reading from "
                                  "channel 'to_hold': empty"));
    EXPECT_THAT(report, HasSubstr("process 'main' waits for dataflow region 'reconverge'"));
  }
  EXPECT_EQ(threadCount(), threadsBefore);
  EXPECT_TRUE(streamtensor::sim::takePendingErrors().empty());
}

TEST(WatchdogTest, DriverBlockedOnFullStreamIsADeadlock) {
  hls::stream<int, 2> in("tb_in");
  in.write(1);
  in.write(2);
  try {
    in.write(3);
    FAIL() << "write to a full stream with no consumer returned";
  } catch (const SimulationError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Deadlock);
    EXPECT_THAT(e.what(), HasSubstr("process 'main' blocked writing to channel 'tb_in': full "
                                    "(depth 2, occupancy 2/2"));
  }
}

TEST(WatchdogTest, SlowProcessIsNotADeadlock) {
  hls::stream<int, 1> s("slow");
  Dataflow df("slow");
  df.spawn("busy", [&] {
    // Computes for longer than the watchdog's quiet time before writing.
    auto until = Clock::now() + std::chrono::milliseconds(600);
    volatile unsigned spin = 0;
    while (Clock::now() < until)
      spin = spin + 1;
    s.write(1);
  });
  int got = 0;
  df.spawn("waiter", [&] { got = s.read(); });
  df.run();
  EXPECT_EQ(got, 1);
}

TEST(WatchdogTest, StreamsWorkAgainAfterADeadlock) {
  EXPECT_THROW(reconverge<1>(16), SimulationError);
  long long expect = 0;
  for (int i = 0; i < 16; ++i)
    expect += i * (15 - i);
  EXPECT_EQ(reconverge<16>(16), expect);
}

} // namespace
