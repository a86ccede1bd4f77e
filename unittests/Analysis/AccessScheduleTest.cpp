//===- AccessScheduleTest.cpp - Access cycles of one stream ---------------===//

#include "streamtensor/Analysis/AccessSchedule.h"

#include "gtest/gtest.h"

using namespace streamtensor;

namespace {

std::vector<int64_t> cycles(const AccessSchedule &schedule) {
  std::vector<int64_t> all;
  for (int64_t k = 0; k < schedule.getTokens(); ++k)
    all.push_back(schedule.at(k));
  return all;
}

/// A pipelined loop of 4 iterations at II 3 reading at offset 2: one run.
TEST(AccessScheduleTest, RepeatedSingleAccessIsOneRun) {
  AccessSchedule schedule = AccessSchedule::single(2);
  schedule.repeat(4, 3);
  ASSERT_EQ(schedule.getSegments().size(), 1u);
  EXPECT_EQ(cycles(schedule), (std::vector<int64_t>{2, 5, 8, 11}));
}

/// Two rows of 3 reads (II 1) with 10 cycles of other work per row: two
/// runs, the second row's reads after the first row's work.
TEST(AccessScheduleTest, RowsWithWorkBetweenKeepTheirGaps) {
  AccessSchedule row = AccessSchedule::single(0);
  row.repeat(3, 1);
  row.repeat(2, 13);
  EXPECT_EQ(cycles(row), (std::vector<int64_t>{0, 1, 2, 13, 14, 15}));
  EXPECT_EQ(row.getSegments().size(), 2u);
}

/// Appending continues an exact run where it can.
TEST(AccessScheduleTest, AppendMergesContiguousRuns) {
  AccessSchedule a = AccessSchedule::single(0);
  a.repeat(4, 2);
  AccessSchedule b = AccessSchedule::single(0);
  b.repeat(2, 2);
  a.append(b, 8);
  ASSERT_EQ(a.getSegments().size(), 1u);
  EXPECT_EQ(cycles(a), (std::vector<int64_t>{0, 2, 4, 6, 8, 10}));
}

/// Beyond kMaxSegments runs, groups of repetitions become one evenly
/// spaced run each: the first and last access of every group stay exact
/// and the accesses stay in order.
TEST(AccessScheduleTest, LongProgramsAreCoarsenedKeepingTheEnds) {
  AccessSchedule burst = AccessSchedule::single(0);
  burst.repeat(4, 1);
  burst.repeat(1000, 100);
  EXPECT_LE(burst.getSegments().size(), AccessSchedule::kMaxSegments);
  ASSERT_EQ(burst.getTokens(), 4000);
  EXPECT_EQ(burst.at(0), 0);
  EXPECT_EQ(burst.at(3999), 999 * 100 + 3);
  for (int64_t k = 1; k < burst.getTokens(); ++k)
    ASSERT_GT(burst.at(k), burst.at(k - 1)) << k;
}

} // namespace
