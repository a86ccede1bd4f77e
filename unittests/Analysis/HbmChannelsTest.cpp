//===- HbmChannelsTest.cpp - Tensors over HBM pseudo-channels -------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/HbmChannels.h"
#include "gtest/gtest.h"

#include <set>

using namespace streamtensor;

TEST(HbmChannels, LargeTensorsGetChannelsOfTheirOwn) {
  // Four weights of 512 KiB and six 4 KiB biases over four channels: each
  // weight alone, the biases together on the channels' remaining room.
  std::vector<int64_t> bytes = {4096, 524288, 4096, 524288, 4096,
                                524288, 4096, 524288, 4096, 4096};
  std::vector<unsigned> channel = assignHbmChannels(bytes, 4);
  std::set<unsigned> weightChannels;
  for (size_t t = 0; t < bytes.size(); ++t)
    if (bytes[t] == 524288)
      weightChannels.insert(channel[t]);
  EXPECT_EQ(weightChannels.size(), 4u);
}

TEST(HbmChannels, SmallTensorsShareBeforeLargeOnesDo) {
  // Three channels, two large tensors: the small ones go to the free
  // channel rather than halving a large one's bandwidth.
  std::vector<int64_t> bytes = {1 << 20, 1 << 20, 4096, 4096, 4096};
  std::vector<unsigned> channel = assignHbmChannels(bytes, 3);
  EXPECT_NE(channel[0], channel[1]);
  for (size_t t = 2; t < bytes.size(); ++t) {
    EXPECT_NE(channel[t], channel[0]);
    EXPECT_NE(channel[t], channel[1]);
  }
}

TEST(HbmChannels, MoreLargeTensorsThanChannelsPairUp) {
  // Five equal tensors over four channels: one channel takes two, the
  // others one each.
  std::vector<int64_t> bytes(5, 1 << 20);
  std::vector<unsigned> channel = assignHbmChannels(bytes, 4);
  std::vector<int> perChannel(4, 0);
  for (unsigned c : channel)
    ++perChannel[c];
  EXPECT_EQ(*std::max_element(perChannel.begin(), perChannel.end()), 2);
  EXPECT_EQ(*std::min_element(perChannel.begin(), perChannel.end()), 1);
}

TEST(HbmChannels, FixedChannelsAreKeptAndCounted) {
  // Tensor 0 is fixed to channel 1; the next large tensor avoids it.
  std::vector<int64_t> bytes = {1 << 20, 1 << 20};
  std::vector<std::optional<unsigned>> fixed = {1u, std::nullopt};
  std::vector<unsigned> channel = assignHbmChannels(bytes, 2, fixed);
  EXPECT_EQ(channel[0], 1u);
  EXPECT_EQ(channel[1], 0u);
}

TEST(HbmChannels, SameInputSameChannels) {
  std::vector<int64_t> bytes = {300, 100, 200, 100, 300, 50};
  EXPECT_EQ(assignHbmChannels(bytes, 2), assignHbmChannels(bytes, 2));
}
