//===- TokenModelBounds.cpp - Token time bounds over a timed graph --------===//
//
// Notation: a node's event at offset x (from its schedule) happens at time
// t(x). With unbounded FIFOs, t(x) = max(launch + x, max over earlier reads
// m of ready(m) + x - x_m), where ready(m) is the cycle the token becomes
// readable. Bounding ready() by lines on each input bounds t() by
// piecewise-linear functions; we keep a few straight lines of them.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/TokenModelBounds.h"

#include <algorithm>
#include <limits>

using namespace llvm;
using namespace streamtensor;

int64_t TokenBounds::getDepth(unsigned edge, int64_t tokens) const {
  int64_t depth = tokens;
  for (const TokenLine &arrivals : arrivalsNoEarlier[edge])
    for (const TokenLine &reads : readsNoLater[edge])
      depth = std::min(depth, peakTokens(arrivals, reads, tokens));
  return std::max<int64_t>(depth, 1);
}

std::vector<double> streamtensor::computeAsapStarts(const TimedGraph &graph,
                                                    ArrayRef<int64_t> launch) {
  std::vector<double> start(graph.nodes.size(), 0);
  for (unsigned n : graph.topologicalOrder) {
    start[n] = launch.empty() ? 0 : launch[n];
    for (const TimedPort &input : graph.nodes[n].inputs) {
      unsigned producer = graph.edges[input.edge].producer;
      start[n] = std::max(start[n], start[producer] +
                                        graph.getInitialDelay(input.edge));
    }
  }
  return start;
}

namespace {
/// How latestTimes() bounds the lag input e adds, which grows until the
/// input's last token and then stays flat (a concave function of x).
enum class LagBound {
  /// The growing part extended past the last token.
  Growing,
  /// The final, flat value from x = 0 on.
  Flat,
  /// Exact when the kink lies outside the interval, else the line through
  /// the kink parallel to the chord.
  ThroughKink,
};
} // namespace

/// Upper bound of t(x) on [low, high] as one line. After reading token
/// k <= x/c of input e, the node lags at most latest.at0 + (latest.slope -
/// c) * k. Each input's lag is bounded by a line as `how` says; the maximum
/// of those lines is convex and so lies under its chord on the interval.
static TokenLine latestTimes(const TimedNode &node, double launchTime,
                             ArrayRef<TokenLine> arrivalsNoLater,
                             ArrayRef<int64_t> tokens, double low, double high,
                             LagBound how) {
  SmallVector<TokenLine, 4> lines = {TokenLine{launchTime, 1.0}};
  for (const TimedPort &input : node.inputs) {
    const TokenLine &latest = arrivalsNoLater[input.edge];
    double c = input.schedule.ii();
    double growth = std::max(0.0, latest.slope - c) / c;
    double lastRead = (tokens[input.edge] - 1) * c;
    double flat = latest.at0 + growth * lastRead;
    if (growth == 0 || high <= lastRead || how == LagBound::Growing) {
      lines.push_back({latest.at0, 1.0 + growth});
    } else if (low >= lastRead || how == LagBound::Flat) {
      lines.push_back({flat, 1.0});
    } else {
      double chordSlope = (flat - (latest.at0 + growth * low)) / (high - low);
      lines.push_back({flat - chordSlope * lastRead, 1.0 + chordSlope});
    }
  }
  auto upper = [&](double x) {
    double value = -std::numeric_limits<double>::infinity();
    for (const TokenLine &line : lines)
      value = std::max(value, line.at(x));
    return value;
  };
  if (high <= low)
    return {upper(low) - low, 1.0};
  double slope = (upper(high) - upper(low)) / (high - low);
  return {upper(low) - slope * low, slope};
}

/// Lower bound of t(x) from input `line` alone, for a write at offset x:
/// every token k read at or before x was readable at line.at(k), and its
/// read offset is at most k*c + slack. A concave function of x.
static double stretchedLowerBound(const TokenLine &line,
                                  const PortSchedule &read, int64_t tokens,
                                  double x) {
  double c = read.ii();
  double slack = read.roundingSlack();
  // Tokens read at or before x: at least floor((x - slack) / c) + 1, which
  // for integer offsets is at least (x - c + 1) / c + 1.
  double integral = read.iiDen == 1 ? 1.0 : 0.0;
  double lastToken = std::min((x - slack - c + integral) / c,
                              double(tokens - 1));
  return x + line.at0 - slack + (line.slope - c) * lastToken;
}

TokenBounds streamtensor::computeTokenBounds(const TimedGraph &graph,
                                             ArrayRef<int64_t> launch) {
  unsigned numEdges = graph.edges.size();
  TokenBounds bounds;
  bounds.asapStart = computeAsapStarts(graph, launch);
  bounds.arrivalsNoEarlier.resize(numEdges);
  bounds.readsNoLater.resize(numEdges);
  bounds.arrivalsNoLater.resize(numEdges);
  std::vector<TokenLine> propagatedLower(numEdges);
  std::vector<int64_t> tokens = graph.getTokensPerEdge();

  for (unsigned n : graph.topologicalOrder) {
    const TimedNode &node = graph.nodes[n];
    double launchTime = launch.empty() ? 0 : launch[n];

    for (const TimedPort &input : node.inputs) {
      const PortSchedule &read = input.schedule;
      double slack = read.roundingSlack();
      double last = (tokens[input.edge] - 1) * read.ii() + slack;
      for (LagBound how :
           {LagBound::Growing, LagBound::Flat, LagBound::ThroughKink}) {
        TokenLine latest = latestTimes(node, launchTime,
                                       bounds.arrivalsNoLater, tokens, 0,
                                       last, how);
        bounds.readsNoLater[input.edge].push_back(
            {latest.at0 + latest.slope * slack, latest.slope * read.ii()});
      }
    }

    // Lower bounds: nothing starts before the ASAP time nor before any
    // input's first token.
    double earliest = bounds.asapStart[n];
    for (const TimedPort &input : node.inputs)
      for (const TokenLine &line : bounds.arrivalsNoEarlier[input.edge])
        earliest = std::max(earliest, line.at0);

    for (const TimedPort &output : node.outputs) {
      const PortSchedule &write = output.schedule;
      int64_t count = tokens[output.edge];
      double p = write.ii();
      double first = write.base;
      double last = write.base + (count - 1) * p + write.roundingSlack();
      double middle = (count - 1) / 2.0;

      // Token k is written at offset >= base + k*p and readable a cycle
      // after its write.
      auto &lower = bounds.arrivalsNoEarlier[output.edge];
      lower.push_back({earliest + first + 1, p});
      for (const TimedPort &input : node.inputs) {
        const TokenLine &line = propagatedLower[input.edge];
        if (line.slope <= input.schedule.ii())
          continue;
        // A slow input stretches the node: take the chord of the concave
        // bound over the offsets this output writes at.
        double low = stretchedLowerBound(line, input.schedule,
                                         tokens[input.edge], first);
        double high = stretchedLowerBound(line, input.schedule,
                                          tokens[input.edge], last);
        double slope = last > first ? (high - low) / (last - first) : 1.0;
        lower.push_back({low + 1, slope * p});
      }
      propagatedLower[output.edge] = *std::max_element(
          lower.begin(), lower.end(), [&](const TokenLine &a,
                                          const TokenLine &b) {
            return a.at(middle) < b.at(middle);
          });

      // Token k is written at offset <= base + k*p + slack.
      TokenLine best{std::numeric_limits<double>::infinity(), 1.0};
      for (LagBound how :
           {LagBound::Growing, LagBound::Flat, LagBound::ThroughKink}) {
        TokenLine latest = latestTimes(node, launchTime,
                                       bounds.arrivalsNoLater, tokens, first,
                                       last, how);
        TokenLine arrivals{latest.at0 +
                               latest.slope * (first + write.roundingSlack()) +
                               1,
                           latest.slope * p};
        if (arrivals.at(middle) < best.at(middle))
          best = arrivals;
      }
      bounds.arrivalsNoLater[output.edge] = best;
    }
  }
  return bounds;
}
