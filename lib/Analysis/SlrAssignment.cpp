//===- SlrAssignment.cpp - Processes of a kernel over the SLRs ------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/SlrAssignment.h"
#include "llvm/ADT/STLExtras.h"

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <array>
#include <cmath>

using namespace streamtensor;

namespace {
constexpr int kResources = 5;

std::array<int64_t, kResources> amounts(const ResourceUsage &usage) {
  return {usage.dsp, usage.bram36, usage.uram, usage.lut, usage.ff};
}

/// Penalty per SLR's worth of a resource used beyond what it offers: the
/// program always has a solution, and one that fits is always cheaper.
constexpr double kOverusePenalty = 1e4;
/// Weight of the fullest SLR's share: a tie-breaker between assignments of
/// equal crossings.
constexpr double kBalanceWeight = 0.5;
/// Branch-and-bound nodes the search may visit.
constexpr int kMostNodes = 1000;

std::vector<ResourceUsage> usage(const SlrProblem &problem,
                                 const std::vector<unsigned> &slrOf) {
  std::vector<ResourceUsage> used(problem.capacity.size());
  for (size_t p = 0; p < slrOf.size(); ++p)
    used[slrOf[p]] += problem.processes[p];
  return used;
}

/// Processes in order filling SLR0 to 90% of each resource, then the next:
/// a pipeline cut in few places. The starting point of the search.
std::vector<unsigned> fillInOrder(const SlrProblem &problem) {
  size_t slrs = problem.capacity.size();
  std::vector<unsigned> slrOf(problem.processes.size(), 0);
  std::vector<ResourceUsage> used(slrs);
  unsigned current = 0;
  for (size_t p = 0; p < problem.processes.size(); ++p) {
    while (current + 1 < slrs) {
      ResourceUsage next = used[current];
      next += problem.processes[p];
      auto use = amounts(next), cap = amounts(problem.capacity[current]);
      bool room = true;
      for (int r = 0; r < kResources; ++r)
        room &= double(use[r]) <= 0.9 * double(cap[r]);
      if (room)
        break;
      ++current;
    }
    slrOf[p] = current;
    used[current] += problem.processes[p];
  }
  return slrOf;
}

/// The crossings, the use of each SLR and whether it fits, of
/// `result.slrOf`.
void summarize(const SlrProblem &problem, SlrAssignment &result) {
  result.streamCrossings = result.portCrossings = 0;
  for (const SlrProblem::Edge &edge : problem.edges)
    result.streamCrossings += std::abs(int64_t(result.slrOf[edge.from]) -
                                       int64_t(result.slrOf[edge.to]));
  for (size_t p = 0; p < problem.processes.size(); ++p)
    if (problem.portWeight[p] > 0)
      result.portCrossings += result.slrOf[p];
  result.perSlr = usage(problem, result.slrOf);
  result.fits = true;
  result.slrsUsed = 0;
  for (size_t slr = 0; slr < result.perSlr.size(); ++slr) {
    result.fits &= result.perSlr[slr].fitsWithin(problem.capacity[slr]);
    result.slrsUsed += llvm::is_contained(result.slrOf, unsigned(slr));
  }
}
} // namespace

SlrAssignment streamtensor::assignSlrs(const SlrProblem &problem,
                                       double secondsLimit) {
  SlrAssignment result;
  int processes = int(problem.processes.size());
  int slrs = int(problem.capacity.size());
  result.slrOf.assign(processes, 0);
  result.method = "single SLR";
  summarize(problem, result);
  if (result.fits || slrs < 2 || processes == 0)
    return result;

  // Columns: x[p][s] (binary), then a crossing count per edge, then the
  // overuse of each resource in each SLR, then the fullest share.
  int edges = int(problem.edges.size());
  auto x = [&](int p, int s) { return p * slrs + s; };
  int crossingBase = processes * slrs;
  int overuseBase = crossingBase + edges;
  int balance = overuseBase + kResources * slrs;
  int columns = balance + 1;
  std::vector<double> colLower(columns, 0), colUpper(columns, COIN_DBL_MAX),
      objective(columns, 0);
  for (int p = 0; p < processes; ++p)
    for (int s = 0; s < slrs; ++s) {
      colUpper[x(p, s)] = 1;
      objective[x(p, s)] = problem.portWeight[p] * s;
    }
  for (int e = 0; e < edges; ++e)
    objective[crossingBase + e] = problem.edges[e].weight;
  for (int s = 0; s < slrs; ++s) {
    auto cap = amounts(problem.capacity[s]);
    for (int r = 0; r < kResources; ++r)
      objective[overuseBase + r * slrs + s] =
          kOverusePenalty / double(std::max<int64_t>(1, cap[r]));
  }
  objective[balance] = kBalanceWeight;

  CoinPackedMatrix matrix(false, 0, 0);
  std::vector<double> rowLower, rowUpper;
  auto addRow = [&](const std::vector<int> &index,
                    const std::vector<double> &value, double lower,
                    double upper) {
    matrix.appendRow(int(index.size()), index.data(), value.data());
    rowLower.push_back(lower);
    rowUpper.push_back(upper);
  };
  for (int p = 0; p < processes; ++p) {
    std::vector<int> index;
    for (int s = 0; s < slrs; ++s)
      index.push_back(x(p, s));
    addRow(index, std::vector<double>(slrs, 1.0), 1, 1);
  }
  // crossing >= |slr(from) - slr(to)|, the SLR index sum(s * x).
  for (int e = 0; e < edges; ++e) {
    const SlrProblem::Edge &edge = problem.edges[e];
    for (double sign : {1.0, -1.0}) {
      std::vector<int> index{crossingBase + e};
      std::vector<double> value{1.0};
      for (int s = 1; s < slrs; ++s) {
        index.push_back(x(edge.from, s));
        value.push_back(-sign * s);
        index.push_back(x(edge.to, s));
        value.push_back(sign * s);
      }
      addRow(index, value, 0, COIN_DBL_MAX);
    }
  }
  for (int s = 0; s < slrs; ++s) {
    auto cap = amounts(problem.capacity[s]);
    for (int r = 0; r < kResources; ++r) {
      std::vector<int> index{overuseBase + r * slrs + s};
      std::vector<double> value{-1.0};
      std::vector<int> shareIndex{balance};
      std::vector<double> shareValue{1.0};
      for (int p = 0; p < processes; ++p) {
        int64_t amount = amounts(problem.processes[p])[r];
        if (amount == 0)
          continue;
        index.push_back(x(p, s));
        value.push_back(double(amount));
        shareIndex.push_back(x(p, s));
        shareValue.push_back(-double(amount) /
                             double(std::max<int64_t>(1, cap[r])));
      }
      addRow(index, value, -COIN_DBL_MAX, double(cap[r]));
      addRow(shareIndex, shareValue, 0, COIN_DBL_MAX);
    }
  }

  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, colLower.data(), colUpper.data(), objective.data(),
                     rowLower.data(), rowUpper.data());
  for (int p = 0; p < processes; ++p)
    for (int s = 0; s < slrs; ++s)
      solver.setInteger(x(p, s));
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  // A node limit keeps the result the same from run to run whatever the
  // machine's load; the time limit only guards against a slow machine.
  model.setMaximumNodes(kMostNodes);
  model.setMaximumSeconds(secondsLimit);

  // Start from the greedy fill; its continuous columns at their least.
  std::vector<unsigned> start = fillInOrder(problem);
  std::vector<double> values(columns, 0);
  for (int p = 0; p < processes; ++p)
    values[x(p, start[p])] = 1;
  for (int e = 0; e < edges; ++e)
    values[crossingBase + e] = std::abs(double(start[problem.edges[e].from]) -
                                        double(start[problem.edges[e].to]));
  std::vector<ResourceUsage> used = usage(problem, start);
  double share = 0;
  for (int s = 0; s < slrs; ++s) {
    auto use = amounts(used[s]), cap = amounts(problem.capacity[s]);
    for (int r = 0; r < kResources; ++r) {
      values[overuseBase + r * slrs + s] =
          std::max<double>(0, double(use[r] - cap[r]));
      share = std::max(share,
                       double(use[r]) / double(std::max<int64_t>(1, cap[r])));
    }
  }
  values[balance] = share;
  double startObjective = 0;
  for (int c = 0; c < columns; ++c)
    startObjective += objective[c] * values[c];
  model.setBestSolution(values.data(), columns, startObjective, true);
  model.branchAndBound();

  const double *best = model.bestSolution();
  result.slrOf = start;
  result.method = "greedy fill";
  if (best) {
    for (int p = 0; p < processes; ++p)
      for (int s = 0; s < slrs; ++s)
        if (best[x(p, s)] > 0.5)
          result.slrOf[p] = unsigned(s);
    result.method = model.isProvenOptimal() ? "cbc" : "cbc, search limit";
  }
  summarize(problem, result);
  return result;
}
