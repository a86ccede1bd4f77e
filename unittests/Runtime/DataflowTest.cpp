#include <hls_stream.h>

#include "streamtensor/sim/Dataflow.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using streamtensor::sim::Dataflow;
using streamtensor::sim::ErrorKind;
using streamtensor::sim::SimulationError;
using streamtensor::sim::takePendingErrors;
using testing::HasSubstr;

// Runs `df` and returns the SimulationError it must throw.
SimulationError runExpectingError(Dataflow &df) {
  try {
    df.run();
  } catch (const SimulationError &e) {
    return e;
  }
  ADD_FAILURE() << "region finished without the expected error";
  return SimulationError(ErrorKind::ProcessFailed, "");
}

TEST(DataflowTest, PipelineThroughShallowStreams) {
  const int n = 20000;
  hls::stream<int, 2> a("a"), b("b");
  long long sum = 0;
  Dataflow df("pipeline");
  df.spawn("source", [&] {
    for (int i = 0; i < n; ++i)
      a.write(i);
  });
  df.spawn("double", [&] {
    for (int i = 0; i < n; ++i)
      b.write(2 * a.read());
  });
  df.spawn("sink", [&] {
    for (int i = 0; i < n; ++i)
      sum += b.read();
  });
  df.run();
  EXPECT_EQ(sum, 2LL * (n - 1) * n / 2);
  EXPECT_TRUE(takePendingErrors().empty());
}

TEST(DataflowTest, NestedRegionRunsInsideAProcess) {
  hls::stream<int, 2> in("in"), mid("mid"), out("out");
  int total = 0;
  Dataflow outer("outer");
  outer.spawn("feed", [&] {
    for (int i = 1; i <= 100; ++i)
      in.write(i);
  });
  outer.spawn("body", [&] {
    Dataflow inner("inner");
    inner.spawn("inc", [&] {
      for (int i = 0; i < 100; ++i)
        mid.write(in.read() + 1);
    });
    inner.spawn("fwd", [&] {
      for (int i = 0; i < 100; ++i)
        out.write(mid.read());
    });
    inner.run();
  });
  outer.spawn("drain", [&] {
    for (int i = 0; i < 100; ++i)
      total += out.read();
  });
  outer.run();
  EXPECT_EQ(total, 5050 + 100);
}

TEST(DataflowTest, SuccessiveRegionsMayReuseOutsideStreams) {
  hls::stream<int> in("layer_in"), out("layer_out");
  for (int layer = 0; layer < 3; ++layer) {
    in.write(layer);
    Dataflow df("layer");
    df.spawn("compute", [&] { out.write(in.read() * 10); });
    df.run();
    EXPECT_EQ(out.read(), layer * 10);
  }
}

TEST(DataflowTest, DetectsMultipleProducers) {
  hls::stream<int, 4> shared("shared");
  Dataflow df("top");
  df.spawn("writer_a", [&] { shared.write(1); });
  df.spawn("writer_b", [&] { shared.write(2); });
  df.spawn("reader", [&] {
    shared.read();
    shared.read();
  });
  SimulationError e = runExpectingError(df);
  EXPECT_EQ(e.kind(), ErrorKind::MultipleProducers);
  EXPECT_THAT(e.what(), HasSubstr("channel 'shared'"));
  EXPECT_THAT(e.what(), HasSubstr("'top/writer_a'"));
  EXPECT_THAT(e.what(), HasSubstr("'top/writer_b'"));
}

TEST(DataflowTest, DetectsMultipleConsumers) {
  hls::stream<int, 4> shared("fanout");
  Dataflow df("top");
  df.spawn("writer", [&] {
    shared.write(1);
    shared.write(2);
  });
  df.spawn("reader_a", [&] { shared.read(); });
  df.spawn("reader_b", [&] { shared.read(); });
  SimulationError e = runExpectingError(df);
  EXPECT_EQ(e.kind(), ErrorKind::MultipleConsumers);
  EXPECT_THAT(e.what(), HasSubstr("channel 'fanout'"));
  EXPECT_THAT(e.what(), HasSubstr("'top/reader_a'"));
  EXPECT_THAT(e.what(), HasSubstr("'top/reader_b'"));
}

TEST(DataflowTest, ReportsTokensLeftInInternalStreams) {
  hls::stream<int, 8> s("surplus");
  Dataflow df("top");
  df.spawn("producer", [&] {
    for (int i = 0; i < 5; ++i)
      s.write(i);
  });
  df.spawn("consumer", [&] {
    for (int i = 0; i < 3; ++i)
      s.read();
  });
  SimulationError e = runExpectingError(df);
  EXPECT_EQ(e.kind(), ErrorKind::LeftoverTokens);
  EXPECT_THAT(e.what(), HasSubstr("channel 'surplus' still holds 2 token(s)"));
  EXPECT_THAT(e.what(), HasSubstr("region 'top'"));
  // Reported once: destroying the stream adds nothing.
  EXPECT_TRUE(takePendingErrors().empty());
}

TEST(DataflowTest, ReportsStreamsDestroyedWithTokens) {
  {
    hls::stream<int, 4> s("forgotten");
    s.write(1);
    s.write(2);
  }
  std::vector<std::string> errors = takePendingErrors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("channel 'forgotten' destroyed while holding 2 token(s)"));
}

TEST(DataflowTest, FailingProcessStopsTheOthers) {
  hls::stream<int, 2> s("never_written");
  Dataflow df("top");
  df.spawn("waiting", [&] { s.read(); });
  df.spawn("broken", [&] { throw std::runtime_error("bad shape"); });
  SimulationError e = runExpectingError(df);
  EXPECT_EQ(e.kind(), ErrorKind::ProcessFailed);
  EXPECT_THAT(e.what(), HasSubstr("process 'top/broken' failed: bad shape"));
}

// HLS processes keep whole buffers as locals; 32 MiB overflows the usual
// 8 MiB thread stack.
TEST(DataflowTest, LargeLocalBuffersFitOnProcessStack) {
  hls::stream<int, 2> s("big");
  int got = 0;
  Dataflow df("stack");
  df.spawn("buffered", [&] {
    volatile char buffer[32 << 20];
    buffer[0] = 1;
    buffer[sizeof buffer - 1] = 2;
    s.write(buffer[0] + buffer[sizeof buffer - 1]);
  });
  df.spawn("reader", [&] { got = s.read(); });
  df.run();
  EXPECT_EQ(got, 3);
}

TEST(DataflowTest, RegionNeverRunIsReported) {
  { Dataflow df("forgot_run"); df.spawn("p", [] {}); }
  std::vector<std::string> errors = takePendingErrors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("region 'forgot_run'"));
}

TEST(DataflowTest, RunMainTurnsErrorsIntoExitCode) {
  EXPECT_EQ(streamtensor::sim::runMain([] {}), 0);
  testing::internal::CaptureStderr();
  int status = streamtensor::sim::runMain([] {
    hls::stream<int, 1> s("tb_in");
    s.write(1);
    s.write(2); // nobody reads: deadlock of the driver itself
  });
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, 1);
  EXPECT_THAT(err, HasSubstr("streamtensor-sim: error: deadlock"));
  EXPECT_THAT(err, HasSubstr("process 'main' blocked writing to channel 'tb_in': full"));
}

} // namespace
