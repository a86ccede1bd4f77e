//===- ITensorTypeTest.cpp - itensor type queries -------------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ITensorTestSupport.h"
#include "gtest/gtest.h"

using namespace streamtensor::dataflow;
using streamtensor::testing::ITensorTest;

namespace {

// The three itensors of the paper's Figure 5, all over tensor<8x8xf32>.
constexpr const char *kFigure5a =
    "!dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>";
constexpr const char *kFigure5b =
    "!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>";
constexpr const char *kFigure5c =
    "!dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>";

using Offsets = llvm::SmallVector<llvm::SmallVector<int64_t>>;

Offsets firstOffsets(ITensorType type, int64_t count) {
  Offsets offsets;
  for (int64_t token = 0; token < count; ++token)
    offsets.push_back(type.getTokenOffset(token));
  return offsets;
}

TEST_F(ITensorTest, DataShapeOfFigure5) {
  for (const char *text : {kFigure5a, kFigure5b, kFigure5c})
    EXPECT_EQ(parse(text).getDataShape(), (llvm::SmallVector<int64_t>{8, 8}))
        << text;
}

TEST_F(ITensorTest, DataShapeWithConstantAndScaledResults) {
  ITensorType type = parse("!dataflow.itensor<1x16xf32, [3, 4] * [1, 16], "
                           "(d0, d1) -> (d0 * 2 + 1, d1)>");
  EXPECT_EQ(type.getDataShape(), (llvm::SmallVector<int64_t>{6, 64}));
}

TEST_F(ITensorTest, TokenCounts) {
  EXPECT_EQ(parse(kFigure5a).getNumTokens(), 16);
  EXPECT_EQ(parse(kFigure5b).getNumTokens(), 8);
  EXPECT_EQ(parse(kFigure5c).getNumTokens(), 16);
}

TEST_F(ITensorTest, OffsetsFollowIterationOrder) {
  EXPECT_EQ(firstOffsets(parse(kFigure5b), 4),
            (Offsets{{0, 0}, {4, 0}, {0, 2}, {4, 2}}));
  // Every column of tiles is streamed twice.
  EXPECT_EQ(firstOffsets(parse(kFigure5c), 6),
            (Offsets{{0, 0}, {4, 0}, {0, 0}, {4, 0}, {0, 2}, {4, 2}}));
  EXPECT_EQ(parse(kFigure5b).getIterationIndices(3),
            (llvm::SmallVector<int64_t>{2, 4}));
}

TEST_F(ITensorTest, ReuseLoops) {
  EXPECT_TRUE(parse(kFigure5a).getReuseLoops().empty());
  EXPECT_EQ(parse(kFigure5c).getReuseLoops(),
            (llvm::SmallVector<unsigned>{1}));
}

TEST_F(ITensorTest, RegularTiling) {
  EXPECT_TRUE(parse(kFigure5a).isRegularTiling());
  EXPECT_TRUE(parse(kFigure5b).isRegularTiling());
  EXPECT_TRUE(parse(kFigure5c).isRegularTiling());
  // Overlapping tiles: step 1 under a 4-wide element.
  EXPECT_FALSE(parse("!dataflow.itensor<4x2xf32, [5, 4] * [1, 2], "
                     "(d0, d1) -> (d0, d1)>")
                   .isRegularTiling());
  // Not a projected permutation.
  EXPECT_FALSE(parse("!dataflow.itensor<1x1xf32, [4, 4] * [1, 1], "
                     "(d0, d1) -> (d0 + d1, d1)>")
                   .isRegularTiling());
}

TEST_F(ITensorTest, ElementBytes) {
  EXPECT_EQ(parse(kFigure5b).getElementBytes(), 32);
  EXPECT_EQ(parse("!dataflow.itensor<vector<4x2xi8>, [4, 2] * [2, 4], "
                  "(d0, d1) -> (d1, d0)>")
                .getElementBytes(),
            8);
}

TEST_F(ITensorTest, VectorTokensKeepDataSemantics) {
  ITensorType vector = parse("!dataflow.itensor<vector<4x2xf32>, [4, 2] * "
                             "[2, 4], (d0, d1) -> (d1, d0)>");
  EXPECT_TRUE(vector.isVectorElement());
  EXPECT_EQ(vector.getDataShape(), parse(kFigure5b).getDataShape());
  EXPECT_TRUE(vector.isLayoutEquivalentTo(parse(kFigure5b)));
}

TEST_F(ITensorTest, EqualTypesAreEquivalent) {
  for (const char *text : {kFigure5a, kFigure5b, kFigure5c})
    EXPECT_TRUE(parse(text).isLayoutEquivalentTo(parse(text))) << text;
}

TEST_F(ITensorTest, SplitLoopIsEquivalent) {
  ITensorType flat = parse("!dataflow.itensor<1x8xf32, [8] * [1], "
                           "(d0) -> (d0, 0)>");
  ITensorType split = parse("!dataflow.itensor<1x8xf32, [2, 4] * [4, 1], "
                            "(d0, d1) -> (d0 + d1, 0)>");
  ITensorType unitLoop = parse("!dataflow.itensor<1x8xf32, [1, 8] * [1, 1], "
                               "(d0, d1) -> (d1, 0)>");
  EXPECT_TRUE(flat.isLayoutEquivalentTo(split));
  EXPECT_TRUE(split.isLayoutEquivalentTo(flat));
  EXPECT_TRUE(flat.isLayoutEquivalentTo(unitLoop));
}

TEST_F(ITensorTest, ReorderedLoopsAreNotEquivalent) {
  EXPECT_FALSE(parse(kFigure5b).isLayoutEquivalentTo(parse(
      "!dataflow.itensor<4x2xf32, [2, 4] * [4, 2], (d0, d1) -> (d0, d1)>")));
  EXPECT_FALSE(parse(kFigure5a).isLayoutEquivalentTo(parse(kFigure5b)));
  // Same tokens streamed once versus twice.
  EXPECT_FALSE(parse(kFigure5b).isLayoutEquivalentTo(parse(kFigure5c)));
}

// Equivalence must agree with enumerating both token sequences.
TEST_F(ITensorTest, EquivalenceMatchesEnumeration) {
  std::vector<ITensorType> types = {
      parse(kFigure5b),
      parse(kFigure5c),
      parse("!dataflow.itensor<4x2xf32, [2, 4] * [4, 2], (d0, d1) -> (d0, d1)>"),
      parse("!dataflow.itensor<4x2xf32, [8] * [1], "
            "(d0) -> (0, 0)>"),
      parse("!dataflow.itensor<4x2xf32, [2, 2, 2] * [2, 4, 2], "
            "(d0, d1, d2) -> (d1, d0 * 2 + d2)>"),
      parse("!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>"),
      parse("!dataflow.itensor<4x2xf32, [2, 2, 2] * [4, 2, 4], "
            "(d0, d1, d2) -> (d2, d0 + d1)>"),
  };
  for (ITensorType lhs : types) {
    for (ITensorType rhs : types) {
      bool enumerated = lhs.getNumTokens() == rhs.getNumTokens() &&
                        firstOffsets(lhs, lhs.getNumTokens()) ==
                            firstOffsets(rhs, rhs.getNumTokens());
      EXPECT_EQ(lhs.isLayoutEquivalentTo(rhs), enumerated)
          << "lhs " << debugString(lhs) << " rhs " << debugString(rhs);
    }
  }
}

TEST_F(ITensorTest, PrintsInCanonicalSyntax) {
  EXPECT_EQ(debugString(parse("!dataflow.itensor<4x2xf32,[4,2]*[2,4],"
                              "(d0,d1)->(d1,d0)>")),
            "!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>");
}

} // namespace
