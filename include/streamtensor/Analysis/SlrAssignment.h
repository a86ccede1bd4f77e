//===- SlrAssignment.h - Processes of a kernel over the SLRs ----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A design too large for one SLR is spread over several: an integer program
// gives each process a one-hot vector over the SLRs, keeps every SLR within
// what it offers, and minimises the SLR boundaries the streams cross (a
// stream from SLR0 to SLR2 crosses two), the crossings to SLR0 of processes
// that use external memory (HBM sits beside SLR0), and, a little, the
// fullest SLR's share. Solved with COIN-OR CBC under a time limit.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_SLRASSIGNMENT_H
#define STREAMTENSOR_ANALYSIS_SLRASSIGNMENT_H

#include "streamtensor/Analysis/ResourceModel.h"
#include <string>
#include <vector>

namespace streamtensor {

struct SlrProblem {
  /// What each process uses.
  std::vector<ResourceUsage> processes;
  /// A stream between two processes; `weight` is its width in 512-bit
  /// words (a scalar f32 stream weighs 1/16).
  struct Edge {
    unsigned from, to;
    double weight;
  };
  std::vector<Edge> edges;
  /// Per process, the words it moves through external memory ports at
  /// once (0 for none): each SLR between it and SLR0 is crossed by them.
  std::vector<double> portWeight;
  /// What each SLR offers, SLR0 first.
  std::vector<ResourceUsage> capacity;
};

struct SlrAssignment {
  std::vector<unsigned> slrOf;
  /// SLR boundaries crossed, counted per stream and per port user.
  int64_t streamCrossings = 0, portCrossings = 0;
  /// What each SLR holds, and how many hold something.
  std::vector<ResourceUsage> perSlr;
  int64_t slrsUsed = 0;
  /// Whether every SLR holds what is assigned to it.
  bool fits = false;
  /// "single SLR" (everything fits SLR0), "cbc" (proven optimal) or
  /// "cbc, search limit" (the best found within the node or time limit).
  std::string method;
};

/// Assigns the processes of `problem`. Everything goes to SLR0 when it fits
/// there; otherwise the integer program decides.
SlrAssignment assignSlrs(const SlrProblem &problem, double secondsLimit = 30);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_SLRASSIGNMENT_H
