#include <hls_stream.h>
#include <hls_vector.h>

#include "streamtensor/sim/Dataflow.h"

#include <gtest/gtest.h>

namespace {

using streamtensor::sim::Dataflow;

TEST(StreamTest, KeepsOrderAndCountsTokens) {
  hls::stream<int, 4> s("order");
  EXPECT_TRUE(s.empty());
  for (int i = 0; i < 4; ++i)
    s.write(i);
  EXPECT_EQ(s.size(), 4u);
  EXPECT_TRUE(s.full());
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(s.read(), i);
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.full());
}

TEST(StreamTest, NonBlockingOperationsRespectDepth) {
  hls::stream<int, 2> s("nb");
  int out = -1;
  EXPECT_FALSE(s.read_nb(out));
  EXPECT_EQ(out, -1);
  EXPECT_TRUE(s.write_nb(1));
  EXPECT_TRUE(s.write_nb(2));
  EXPECT_FALSE(s.write_nb(3));
  EXPECT_EQ(s.size(), 2u);
  EXPECT_TRUE(s.read_nb(out));
  EXPECT_EQ(out, 1);
  EXPECT_TRUE(s.write_nb(3));
  s >> out;
  EXPECT_EQ(out, 2);
  s >> out;
  EXPECT_EQ(out, 3);
}

TEST(StreamTest, StreamOperatorsAndReadIntoReference) {
  hls::stream<float, 3> s;
  s << 1.5f;
  s << 2.5f;
  float a = 0;
  s.read(a);
  EXPECT_EQ(a, 1.5f);
  EXPECT_EQ(s.read(), 2.5f);
}

TEST(StreamTest, PlainStreamIsUnbounded) {
  hls::stream<int> s("unbounded");
  for (int i = 0; i < 10000; ++i)
    s.write(i);
  EXPECT_FALSE(s.full());
  EXPECT_EQ(s.size(), 10000u);
  long long sum = 0;
  while (!s.empty())
    sum += s.read();
  EXPECT_EQ(sum, 9999LL * 10000 / 2);
}

// Processes take hls::stream<T>& whatever depth the caller declared.
void fill(hls::stream<int> &out, int n) {
  for (int i = 0; i < n; ++i)
    out.write(i * i);
}

TEST(StreamTest, SizedStreamBindsToPlainReference) {
  hls::stream<int, 8> s("sized");
  fill(s, 8);
  EXPECT_TRUE(s.full());
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(s.read(), i * i);
}

TEST(StreamTest, BlockingWriteWaitsForConsumer) {
  hls::stream<int, 1> s("handoff");
  long long sum = 0;
  std::size_t maxSize = 0;
  Dataflow df("handoff");
  df.spawn("producer", [&] {
    for (int i = 1; i <= 1000; ++i) {
      s.write(i);
      maxSize = std::max(maxSize, s.size());
    }
  });
  df.spawn("consumer", [&] {
    for (int i = 1; i <= 1000; ++i)
      sum += s.read();
  });
  df.run();
  EXPECT_EQ(sum, 500500);
  EXPECT_LE(maxSize, 1u);
}

TEST(StreamTest, CarriesVectors) {
  hls::stream<hls::vector<float, 4>, 2> s("vectors");
  hls::vector<float, 4> v{1, 2, 3, 4};
  s.write(v + hls::vector<float, 4>(1.0f));
  hls::vector<float, 4> got = s.read();
  EXPECT_EQ(got, (hls::vector<float, 4>{2, 3, 4, 5}));
  EXPECT_THROW((hls::vector<int, 3>{1, 2}), std::invalid_argument);
}

} // namespace
