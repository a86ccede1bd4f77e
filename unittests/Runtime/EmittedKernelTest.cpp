#include "EmittedKernels.h"

#include "streamtensor/sim/Error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <vector>

namespace {

using streamtensor::sim::ErrorKind;
using streamtensor::sim::SimulationError;
using testing::HasSubstr;

TEST(EmittedKernelTest, PackedAffineMatchesReference) {
  const int words = 40;
  std::vector<float> input(words * 16), output(words * 16);
  for (std::size_t i = 0; i < input.size(); ++i)
    input[i] = 0.25f * static_cast<float>(i) - 30.0f;
  std::vector<word_t> in(words), out(words);
  for (int w = 0; w < words; ++w)
    for (int lane = 0; lane < 16; ++lane) {
      unsigned bits;
      std::memcpy(&bits, &input[w * 16 + lane], 4);
      in[w].range(32 * lane + 31, 32 * lane) = bits;
    }
  scale_top(in.data(), out.data(), words, 1.5f, -2.0f);
  for (int w = 0; w < words; ++w)
    for (int lane = 0; lane < 16; ++lane) {
      unsigned bits = out[w].range(32 * lane + 31, 32 * lane).to_uint();
      float got;
      std::memcpy(&got, &bits, 4);
      ASSERT_EQ(got, input[w * 16 + lane] * 1.5f - 2.0f) << "word " << w << " lane " << lane;
    }
}

TEST(EmittedKernelTest, MirrorWithSizedFifoMatchesReference) {
  const int n = 48;
  std::vector<float> in(n), out(n);
  for (int i = 0; i < n; ++i)
    in[i] = static_cast<float>(i + 1);
  mirror_top(in.data(), out.data(), n);
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(out[i], in[i] * in[n - 1 - i]);
}

TEST(EmittedKernelTest, MirrorWithShallowFifoReportsDeadlock) {
  const int n = 48;
  std::vector<float> in(n, 1.0f), out(n);
  auto start = std::chrono::steady_clock::now();
  try {
    mirror_top_shallow(in.data(), out.data(), n);
    FAIL() << "the shallow design finished";
  } catch (const SimulationError &e) {
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              3.0);
    EXPECT_EQ(e.kind(), ErrorKind::Deadlock);
    EXPECT_THAT(e.what(), HasSubstr("process 'mirror_top/split' blocked writing to "
                                    "channel 'direct': full (depth 2, occupancy 2/2"));
    EXPECT_THAT(e.what(), HasSubstr("process 'mirror_top/join' blocked reading from "
                                    "channel 'reversed': empty"));
  }
}

} // namespace
