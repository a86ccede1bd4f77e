//===- FifoLP.h - Linear programs over FIFO delays (COIN-OR CLP) -*- C++ -*-===//
//
// The three linear programs of FIFO sizing. D_e below is the first-token
// delay of edge e (TimedGraph::getInitialDelay).
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_FIFOLP_H
#define STREAMTENSOR_ANALYSIS_FIFOLP_H

#include "streamtensor/Analysis/TokenModel.h"

#include <vector>

namespace streamtensor {

/// The paper's LP (Eq. 3-5): a delay per edge, minimising their sum, such
/// that along every path from u to v the delays add up to at least the
/// longest sum of D over any path from u to v. Solved in polynomial size
/// with one shortest-path potential per (u, v) pair instead of enumerating
/// paths. Returns the delay of each edge.
llvm::Expected<std::vector<double>>
solvePaperPerEdgeLP(const TimedGraph &graph);

/// Start times s >= 0 with s_j - s_i >= D_ij on every edge, minimising the
/// sum over edges of s_j - s_i. Returns the start time of each node.
llvm::Expected<std::vector<double>>
solveSumOfDelaysLP(const TimedGraph &graph);

/// Start times with earliest[n] <= s_n <= latest[n] and s_j - s_i >= D_ij,
/// minimising the sum over edges of token bytes x a linear upper bound of
/// the edge's Eq. 1/2 depth at delay s_j - s_i. Returns the start times.
llvm::Expected<std::vector<double>>
solveMinBytesLP(const TimedGraph &graph, llvm::ArrayRef<double> earliest,
                llvm::ArrayRef<double> latest);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_FIFOLP_H
