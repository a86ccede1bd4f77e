//===- SlrAssignmentTest.cpp - Processes over the SLRs --------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/SlrAssignment.h"

#include "gtest/gtest.h"

using namespace streamtensor;

namespace {

ResourceUsage dsps(int64_t count) {
  ResourceUsage usage;
  usage.dsp = count;
  usage.lut = 10 * count;
  return usage;
}

/// Three SLRs of 100 DSPs each and a chain of processes of `each` DSPs.
SlrProblem chain(int processes, int64_t each) {
  SlrProblem problem;
  for (int p = 0; p < processes; ++p)
    problem.processes.push_back(dsps(each));
  for (int p = 0; p + 1 < processes; ++p)
    problem.edges.push_back({unsigned(p), unsigned(p + 1), 1.0});
  problem.portWeight.assign(processes, 0);
  ResourceUsage slr = dsps(100);
  slr.bram36 = slr.uram = slr.ff = 1000;
  problem.capacity.assign(3, slr);
  return problem;
}

TEST(SlrAssignmentTest, WhatFitsOneSlrStaysInSlr0) {
  SlrProblem problem = chain(4, 20);
  SlrAssignment placed = assignSlrs(problem);
  EXPECT_EQ(placed.method, "single SLR");
  EXPECT_TRUE(placed.fits);
  EXPECT_EQ(placed.streamCrossings, 0);
  for (unsigned slr : placed.slrOf)
    EXPECT_EQ(slr, 0u);
}

TEST(SlrAssignmentTest, ALargerChainIsCutOnce) {
  // 160 DSPs: two SLRs, one cut of the chain.
  SlrProblem problem = chain(4, 40);
  SlrAssignment placed = assignSlrs(problem);
  EXPECT_EQ(placed.method, "cbc");
  EXPECT_TRUE(placed.fits);
  EXPECT_EQ(placed.streamCrossings, 1);
  EXPECT_EQ(placed.slrsUsed, 2);
  ASSERT_EQ(placed.perSlr.size(), 3u);
  for (const ResourceUsage &slr : placed.perSlr)
    EXPECT_LE(slr.dsp, 100);
  EXPECT_EQ(placed.perSlr[0].dsp + placed.perSlr[1].dsp + placed.perSlr[2].dsp,
            160);
}

TEST(SlrAssignmentTest, PortUsersStayBesideTheHbm) {
  // Two independent pairs; the pair that reads external memory goes to
  // SLR0, the other one away from it.
  SlrProblem problem = chain(4, 45);
  problem.edges = {{0, 1, 1.0}, {2, 3, 1.0}};
  problem.portWeight = {0, 0, 1, 1};
  SlrAssignment placed = assignSlrs(problem);
  EXPECT_TRUE(placed.fits);
  EXPECT_EQ(placed.streamCrossings, 0);
  EXPECT_EQ(placed.portCrossings, 0);
  EXPECT_EQ(placed.slrOf[2], 0u);
  EXPECT_EQ(placed.slrOf[3], 0u);
  EXPECT_NE(placed.slrOf[0], 0u);
  EXPECT_EQ(placed.slrOf[0], placed.slrOf[1]);
}

TEST(SlrAssignmentTest, TooLargeForTheDeviceIsReported) {
  SlrProblem problem = chain(4, 90);
  SlrAssignment placed = assignSlrs(problem);
  EXPECT_FALSE(placed.fits);
  ASSERT_EQ(placed.slrOf.size(), 4u);
}

} // namespace
