//===- ConverterSizingTest.cpp - Converter buffer sizing ------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ITensorTestSupport.h"
#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "mlir/IR/Builders.h"
#include "gtest/gtest.h"

#include <limits>

using namespace streamtensor::dataflow;
using streamtensor::testing::ITensorTest;

namespace {

using Shape = llvm::SmallVector<int64_t>;

constexpr const char *kFigure5a =
    "!dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>";
constexpr const char *kFigure5b =
    "!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>";
constexpr const char *kFigure5c =
    "!dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>";

class ConverterSizingTest : public ITensorTest {
protected:
  ConverterBuffer size(const char *source, const char *result) {
    return computeConverterBuffer(parse(source), parse(result));
  }
};

TEST_F(ConverterSizingTest, Figure5BToCHoldsOneColumnBlock) {
  ConverterBuffer buffer = size(kFigure5b, kFigure5c);
  EXPECT_EQ(buffer.shape, (Shape{8, 2}));
  EXPECT_EQ(buffer.loopLevel, 1);
  // Two halves of 8x2 f32.
  EXPECT_EQ(buffer.getBytes(mlir::Float32Type::get(&context)), 128);
}

TEST_F(ConverterSizingTest, Figure5AToBBuffersWholeTensor) {
  ConverterBuffer buffer = size(kFigure5a, kFigure5b);
  EXPECT_EQ(buffer.shape, (Shape{8, 8}));
  EXPECT_EQ(buffer.loopLevel, 0);
}

TEST_F(ConverterSizingTest, Figure7RowBlockStreamedTwice) {
  ConverterBuffer buffer = size(
      "!dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d0, d1)>",
      "!dataflow.itensor<16x16xf32, [4, 2, 4] * [16, 1, 16], "
      "(d0, d1, d2) -> (d0, d2)>");
  EXPECT_EQ(buffer.shape, (Shape{16, 64}));
  EXPECT_EQ(buffer.loopLevel, 1);
}

TEST_F(ConverterSizingTest, UnsharedOuterLoopBlocksInnerOnes) {
  // Loop 1 is shared but loop 0 is not, so the buffer cannot sit inside
  // loop 1: everything is buffered.
  ConverterBuffer buffer = size(
      "!dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>",
      "!dataflow.itensor<2x2xf32, [2, 4, 2] * [1, 2, 4], "
      "(d0, d1, d2) -> (d2, d1)>");
  EXPECT_EQ(buffer.shape, (Shape{8, 8}));
  EXPECT_EQ(buffer.loopLevel, 0);
}

TEST_F(ConverterSizingTest, SharedConstantDimensionNeedsNoLoop) {
  // Data dimension 0 is pinned to 0 on both sides: a single row is held.
  ConverterBuffer buffer = size(
      "!dataflow.itensor<1x4xf32, [4] * [4], (d0) -> (0, d0)>",
      "!dataflow.itensor<1x4xf32, [2, 2] * [4, 8], (d0, d1) -> (0, d0 + d1)>");
  EXPECT_EQ(buffer.shape, (Shape{1, 16}));
  EXPECT_EQ(buffer.loopLevel, 0);
}

TEST_F(ConverterSizingTest, SharedLoopNeedsEqualTripAndStep) {
  ITensorType b = parse(kFigure5b), c = parse(kFigure5c);
  EXPECT_TRUE(isSharedLoop(b, c, 0));
  EXPECT_FALSE(isSharedLoop(b, c, 1));
  EXPECT_FALSE(isSharedLoop(b, c, 2));
  // Same trip count and step, but the loop walks different data dimensions.
  EXPECT_FALSE(isSharedLoop(parse(kFigure5a), b, 0));
}

TEST_F(ConverterSizingTest, IrregularTilingBuffersWholeTensor) {
  ConverterBuffer buffer = size(
      "!dataflow.itensor<4x2xf32, [5, 4] * [1, 2], (d0, d1) -> (d0, d1)>",
      "!dataflow.itensor<4x2xf32, [5, 4] * [1, 2], (d0, d1) -> (d0, d1 * 1)>");
  EXPECT_EQ(buffer.shape, (Shape{8, 8}));
  EXPECT_EQ(buffer.loopLevel, 0);
}

// Head x sequence x head_dim with head_dim held whole (more data dimensions
// than loops): the shared head loop bounds the buffer to one head. Both
// sides stream the scalars row-major, only cut into different tokens, so
// the lowering builds no buffer: the converter forwards them.
TEST_F(ConverterSizingTest, UntiledInnerDimensionKeepsTheSharedLoop3D) {
  const char *source =
      "!dataflow.itensor<1x8x64xf32, [4, 2] * [1, 8], (d0, d1) -> (d0, d1, 0)>";
  const char *result =
      "!dataflow.itensor<1x4x64xf32, [4, 4] * [1, 4], (d0, d1) -> (d0, d1, 0)>";
  ConverterBuffer buffer = size(source, result);
  EXPECT_FALSE(buffer.forwards);
  EXPECT_EQ(buffer.shape, (Shape{1, 16, 64}));
  EXPECT_EQ(buffer.loopLevel, 1);
  ConverterBuffer built =
      computeBuiltConverterBuffer(parse(source), parse(result));
  EXPECT_TRUE(built.forwards);
  EXPECT_EQ(built.shape, (Shape{1, 1, 1}));
  EXPECT_EQ(built.getBytes(mlir::Float32Type::get(&context)), 0);
}

// The same heads with head_dim cut in two on one side: the shared head and
// sequence-block loops bound the buffer to one block of 8 rows.
TEST_F(ConverterSizingTest, SplitInnerDimensionKeepsTwoSharedLoops) {
  ConverterBuffer buffer = size(
      "!dataflow.itensor<1x8x64xf32, [4, 2] * [1, 8], (d0, d1) -> (d0, d1, 0)>",
      "!dataflow.itensor<1x8x32xf32, [4, 2, 2] * [1, 8, 32], "
      "(d0, d1, d2) -> (d0, d1, d2)>");
  EXPECT_FALSE(buffer.forwards);
  EXPECT_EQ(buffer.shape, (Shape{1, 8, 64}));
  EXPECT_EQ(buffer.loopLevel, 2);
}

TEST_F(ConverterSizingTest, UntiledInnerDimensionKeepsTheSharedLoops4D) {
  // Batch and heads are shared; the sequence is re-tiled.
  ConverterBuffer shared =
      size("!dataflow.itensor<1x1x8x64xf32, [2, 4, 2] * [1, 1, 8], "
           "(d0, d1, d2) -> (d0, d1, d2, 0)>",
           "!dataflow.itensor<1x1x4x64xf32, [2, 4, 4] * [1, 1, 4], "
           "(d0, d1, d2) -> (d0, d1, d2, 0)>");
  EXPECT_EQ(shared.shape, (Shape{1, 1, 16, 64}));
  EXPECT_EQ(shared.loopLevel, 2);
  // Heads and sequence swapped on one side: only batch is shared, so one
  // batch's heads and sequence are held.
  ConverterBuffer buffer =
      size("!dataflow.itensor<1x1x8x64xf32, [2, 4, 2] * [1, 1, 8], "
           "(d0, d1, d2) -> (d0, d1, d2, 0)>",
           "!dataflow.itensor<1x1x4x64xf32, [2, 4, 4] * [1, 4, 1], "
           "(d0, d1, d2) -> (d0, d2, d1, 0)>");
  EXPECT_EQ(buffer.shape, (Shape{1, 4, 16, 64}));
  EXPECT_EQ(buffer.loopLevel, 1);
}

TEST_F(ConverterSizingTest, RegularTilingAllowsMoreDimensionsThanLoops) {
  EXPECT_TRUE(parse("!dataflow.itensor<1x8x64xf32, [4, 2] * [1, 8], "
                    "(d0, d1) -> (d0, d1, 0)>")
                  .isRegularTiling());
  EXPECT_TRUE(parse("!dataflow.itensor<4x64xf32, [1] * [1], (d0) -> (0, 0)>")
                  .isRegularTiling());
  // A loop used twice, a non-zero constant and a step that leaves gaps are
  // not regular.
  EXPECT_FALSE(parse("!dataflow.itensor<1x1x64xf32, [4] * [1], "
                     "(d0) -> (d0, d0, 0)>")
                   .isRegularTiling());
  EXPECT_FALSE(parse("!dataflow.itensor<1x8xf32, [4] * [1], (d0) -> (d0, 8)>")
                   .isRegularTiling());
  EXPECT_FALSE(parse("!dataflow.itensor<1x8x64xf32, [4, 2] * [2, 8], "
                     "(d0, d1) -> (d0, d1, 0)>")
                   .isRegularTiling());
}

/// Sizes past 2^63 saturate instead of wrapping: a full-tensor buffer of a
/// 2^32 x 2^32 f32 tensor must not cost 0 bytes and pass any budget.
TEST_F(ConverterSizingTest, HugeBuffersSaturateInsteadOfWrapping) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  ConverterBuffer buffer;
  buffer.shape = {int64_t(1) << 32, int64_t(1) << 32};
  EXPECT_EQ(buffer.getNumElements(), kMax);
  EXPECT_EQ(buffer.getBytes(mlir::Float32Type::get(&context)), kMax);
  EXPECT_EQ(saturatingAdd(kMax, 1), kMax);
  EXPECT_EQ(saturatingMul(int64_t(1) << 40, int64_t(1) << 30), kMax);
  EXPECT_EQ(saturatingProduct({3, 5, 7}), 105);
  ITensorType huge = parse("!dataflow.itensor<65536x65536xf32, [65536, 65536] "
                           "* [65536, 65536], (d0, d1) -> (d0, d1)>");
  EXPECT_EQ(huge.getNumTokens(), int64_t(1) << 32);
  EXPECT_EQ(huge.getElementBytes(), int64_t(1) << 34);
}

} // namespace
