//===- FifoLP.cpp - Linear programs over FIFO delays (COIN-OR CLP) --------===//

#include "streamtensor/Analysis/FifoLP.h"

#include "llvm/Support/FormatVariadic.h"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <limits>

using namespace llvm;
using namespace streamtensor;

namespace {
/// A sparse LP in the form CLP loads: bounded columns, bounded rows.
class LinearProgram {
public:
  int addVariable(double lower, double upper, double cost) {
    columnLower.push_back(lower);
    columnUpper.push_back(upper);
    objective.push_back(cost);
    return columnLower.size() - 1;
  }

  void addConstraint(ArrayRef<std::pair<int, double>> terms, double lower,
                     double upper) {
    int row = rowLower.size();
    for (auto [column, coefficient] : terms) {
      rowIndices.push_back(row);
      columnIndices.push_back(column);
      elements.push_back(coefficient);
    }
    rowLower.push_back(lower);
    rowUpper.push_back(upper);
  }

  Expected<std::vector<double>> solve(StringRef what) const {
    if (columnLower.empty())
      return std::vector<double>();
    CoinPackedMatrix matrix(/*colordered=*/false, rowIndices.data(),
                            columnIndices.data(), elements.data(),
                            elements.size());
    // Rows without entries still need to exist for CLP.
    matrix.setDimensions(rowLower.size(), columnLower.size());
    ClpSimplex model;
    model.setLogLevel(0);
    model.loadProblem(matrix, columnLower.data(), columnUpper.data(),
                      objective.data(), rowLower.data(), rowUpper.data());
    model.dual();
    if (!model.isProvenOptimal())
      return createStringError(inconvertibleErrorCode(),
                               formatv("the {0} LP has no optimal solution "
                                       "(CLP status {1})",
                                       what, model.status()));
    const double *solution = model.getColSolution();
    return std::vector<double>(solution, solution + columnLower.size());
  }

  static inline const double kInfinity = COIN_DBL_MAX;

private:
  std::vector<double> columnLower, columnUpper, objective;
  std::vector<int> rowIndices, columnIndices;
  std::vector<double> elements;
  std::vector<double> rowLower, rowUpper;
};
} // namespace

/// The per-edge LP has a potential per reachable pair of nodes: its size
/// grows with the square of a long chain's length. Beyond this many the
/// solver would run for minutes (a 1000-kernel chain: 500,000 potentials,
/// over a minute), so it is refused with the reason.
static constexpr uint64_t kMaxPaperPotentials = 150000;

Expected<std::vector<double>>
streamtensor::solvePaperPerEdgeLP(const TimedGraph &graph) {
  unsigned numNodes = graph.nodes.size();
  // Count the reachable pairs first, from the descendants of each node.
  {
    std::vector<std::vector<bool>> reaches(numNodes,
                                           std::vector<bool>(numNodes, false));
    uint64_t pairs = 0;
    for (auto it = graph.topologicalOrder.rbegin(),
              end = graph.topologicalOrder.rend();
         it != end; ++it) {
      std::vector<bool> &mine = reaches[*it];
      for (const TimedPort &output : graph.nodes[*it].outputs) {
        unsigned next = graph.edges[output.edge].consumer;
        mine[next] = true;
        for (unsigned v = 0; v < numNodes; ++v)
          if (reaches[next][v])
            mine[v] = true;
      }
      pairs += std::count(mine.begin(), mine.end(), true);
      if (pairs > kMaxPaperPotentials)
        return createStringError(
            inconvertibleErrorCode(),
            formatv("the paper's per-edge LP of this graph needs more than "
                    "{0} potentials (one per connected pair of kernels and "
                    "DMA engines, its Eq. 5), beyond what it solves in "
                    "reasonable time; it is a comparison strategy: use asap "
                    "or lp-min-bytes",
                    kMaxPaperPotentials));
    }
  }
  LinearProgram lp;
  std::vector<int> delay;
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e)
    delay.push_back(lp.addVariable(0, LinearProgram::kInfinity, 1.0));

  // For every source u: the longest D-path to each reachable node
  // (threshold(u, v) of Eq. 5), and a potential pi(v) that may not exceed
  // the delay sum of any path from u to v yet must reach the threshold.
  constexpr double kUnreached = -1;
  std::vector<double> threshold(numNodes);
  std::vector<int> potential(numNodes);
  for (unsigned u = 0; u < numNodes; ++u) {
    std::fill(threshold.begin(), threshold.end(), kUnreached);
    std::fill(potential.begin(), potential.end(), -1);
    threshold[u] = 0;
    for (unsigned n : graph.topologicalOrder) {
      if (threshold[n] == kUnreached)
        continue;
      for (const TimedPort &output : graph.nodes[n].outputs) {
        unsigned next = graph.edges[output.edge].consumer;
        threshold[next] = std::max(threshold[next],
                                   threshold[n] +
                                       graph.getInitialDelay(output.edge));
      }
    }
    for (unsigned v = 0; v < numNodes; ++v)
      if (v != u && threshold[v] != kUnreached)
        potential[v] =
            lp.addVariable(threshold[v], LinearProgram::kInfinity, 0.0);
    for (unsigned e = 0, end = graph.edges.size(); e < end; ++e) {
      const TimedEdge &edge = graph.edges[e];
      if (potential[edge.consumer] < 0 ||
          (edge.producer != u && potential[edge.producer] < 0))
        continue;
      // pi(consumer) <= pi(producer) + delay(e), with pi(u) = 0.
      SmallVector<std::pair<int, double>, 3> terms = {
          {potential[edge.consumer], 1.0}, {delay[e], -1.0}};
      if (edge.producer != u)
        terms.push_back({potential[edge.producer], -1.0});
      lp.addConstraint(terms, -LinearProgram::kInfinity, 0.0);
    }
  }
  Expected<std::vector<double>> solution = lp.solve("paper per-edge");
  if (!solution)
    return solution.takeError();
  solution->resize(graph.edges.size());
  return solution;
}

Expected<std::vector<double>>
streamtensor::solveSumOfDelaysLP(const TimedGraph &graph) {
  LinearProgram lp;
  std::vector<double> cost(graph.nodes.size(), 0.0);
  for (const TimedEdge &edge : graph.edges) {
    cost[edge.consumer] += 1;
    cost[edge.producer] -= 1;
  }
  for (double c : cost)
    lp.addVariable(0, LinearProgram::kInfinity, c);
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e) {
    const TimedEdge &edge = graph.edges[e];
    lp.addConstraint({{int(edge.consumer), 1.0}, {int(edge.producer), -1.0}},
                     graph.getInitialDelay(e), LinearProgram::kInfinity);
  }
  return lp.solve("sum-of-delays");
}

Expected<std::vector<double>>
streamtensor::solveMinBytesLP(const TimedGraph &graph,
                              ArrayRef<double> earliest,
                              ArrayRef<double> latest) {
  LinearProgram lp;
  for (unsigned n = 0, end = graph.nodes.size(); n < end; ++n)
    lp.addVariable(earliest[n], std::max(earliest[n], latest[n]), 0.0);
  for (unsigned e = 0, end = graph.edges.size(); e < end; ++e) {
    const TimedEdge &edge = graph.edges[e];
    double initialDelay = graph.getInitialDelay(e);
    double p = graph.getProducerSchedule(e).ii();
    double c = graph.getConsumerSchedule(e).ii();
    double tokens = edge.tokens;
    int depth = lp.addVariable(1.0, LinearProgram::kInfinity,
                               double(edge.tokenBytes));
    int consumer = edge.consumer, producer = edge.producer;
    lp.addConstraint({{consumer, 1.0}, {producer, -1.0}}, initialDelay,
                     LinearProgram::kInfinity);
    // Eq. 2 (producer no faster): depth <= (delay + 1 - D) / p + 1.
    // Eq. 1 (producer faster): depth <= T - (D - 1 + (T-1) p - delay) / c.
    // Either way depth >= slope * delay + constant linearises the step
    // function from above.
    double slope, constant;
    if (p >= c) {
      slope = 1.0 / p;
      constant = (1.0 - initialDelay) / p + 1.0;
    } else {
      slope = 1.0 / c;
      constant = tokens - (initialDelay - 1.0 + (tokens - 1.0) * p) / c;
    }
    lp.addConstraint({{depth, 1.0}, {consumer, -slope}, {producer, slope}},
                     constant, LinearProgram::kInfinity);
  }
  Expected<std::vector<double>> solution = lp.solve("minimum-bytes");
  if (!solution)
    return solution.takeError();
  solution->resize(graph.nodes.size());
  return solution;
}
