//===- TokenModelBounds.cpp - Token time bounds over a timed graph --------===//
//
// Notation: a node's event at offset x (from its schedule) happens at time
// t(x). With unbounded FIFOs, t(x) = max(launch + x, max over reads m done
// by then of ready(m) + x - x_m), where ready(m) is the cycle the token
// becomes readable and x_m the read's offset. Bounding ready() on each
// input by line segments bounds t() by piecewise-linear functions; on each
// range of offsets that a segment of an output (or of an input's reads)
// covers, we keep one straight line of them.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/TokenModelBounds.h"

#include <algorithm>
#include <limits>

using namespace llvm;
using namespace streamtensor;

/// Tokens per segment: enough segments to follow a schedule that changes
/// pace once or twice, few enough to keep the analysis cheap.
static constexpr int64_t kSegmentsPerEdge = 16;

static TokenSegments splitTokens(int64_t tokens) {
  TokenSegments segments;
  int64_t count = std::min(tokens, kSegmentsPerEdge);
  for (int64_t s = 0; s < count; ++s)
    segments.push_back(
        {tokens * s / count, tokens * (s + 1) / count - 1, TokenLine()});
  return segments;
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
/// How latestTimes() bounds the lag one input segment adds: it grows while
/// the segment's tokens are read and then stays flat (concave in x).
enum class LagBound {
  /// The growing part extended past the segment's last token.
  Growing,
  /// The final, flat value everywhere.
  Flat,
  /// Exact when the kink lies outside the interval, else the line through
  /// the kink parallel to the chord.
  ThroughKink,
};

/// The largest of a set of lines over an interval: convex, so below its
/// chord.
class LineMaximum {
public:
  void add(TokenLine line) { lines.push_back(line); }
  double at(double x) const {
    double value = -std::numeric_limits<double>::infinity();
    for (const TokenLine &line : lines)
      value = std::max(value, line.at(x));
    return value;
  }
  TokenLine chord(double low, double high) const {
    if (high <= low)
      return {at(low) - low, 1.0};
    double slope = (at(high) - at(low)) / (high - low);
    return {at(low) - slope * low, slope};
  }

private:
  SmallVector<TokenLine, 16> lines;
};
} // namespace

/// Upper bound of t(x) for x in [low, high]. Reading token k of input e at
/// offset x_m >= k*c adds a lag of at most arrival(k) - k*c, which within
/// one arrival segment alpha + beta*k grows by (beta - c) per token up to
/// the segment's last token.
static TokenLine latestTimes(const TimedNode &node, double launchTime,
                             ArrayRef<TokenSegments> arrivalsNoLater,
                             double low, double high, LagBound how) {
  LineMaximum maximum;
  maximum.add({launchTime, 1.0});
  for (const TimedPort &input : node.inputs) {
    double c = input.schedule.ii();
    for (const TokenSegment &segment : arrivalsNoLater[input.edge]) {
      // Tokens of later segments are not read by offset `high`.
      if (segment.first * c > high)
        break;
      const TokenLine &latest = segment.line;
      if (latest.slope <= c) {
        maximum.add({latest.at(segment.first) - segment.first * c, 1.0});
        continue;
      }
      double growth = (latest.slope - c) / c;
      double kink = segment.last * c;
      double flat = latest.at(segment.last) - segment.last * c;
      if (high <= kink || how == LagBound::Growing) {
        maximum.add({latest.at0, 1.0 + growth});
      } else if (low >= kink || how == LagBound::Flat) {
        maximum.add({flat, 1.0});
      } else {
        double chordSlope = (flat - (latest.at0 + growth * low)) /
                            (high - low);
        maximum.add({flat - chordSlope * kink, 1.0 + chordSlope});
      }
    }
  }
  return maximum.chord(low, high);
}

/// The tightest of the LagBound variants at the middle of [low, high].
static TokenLine tightestLatestTimes(const TimedNode &node, double launchTime,
                                     ArrayRef<TokenSegments> arrivalsNoLater,
                                     double low, double high) {
  TokenLine best;
  double bestMiddle = std::numeric_limits<double>::infinity();
  for (LagBound how :
       {LagBound::Growing, LagBound::Flat, LagBound::ThroughKink}) {
    TokenLine line =
        latestTimes(node, launchTime, arrivalsNoLater, low, high, how);
    if (line.at((low + high) / 2) < bestMiddle) {
      best = line;
      bestMiddle = line.at((low + high) / 2);
    }
  }
  return best;
}

/// Lower bound of t(x) for x in [low, high] from one arrival segment of
/// one input, if all of [low, high] lies after the read of its first token:
/// every token k of the segment read by offset x was readable at
/// line.at(k) and read at an offset <= k*c + slack. The bound is concave in
/// x, so its chord lies below it.
static std::optional<TokenLine>
earliestTimes(const TokenSegment &segment, const PortSchedule &read,
              double low, double high) {
  double c = read.ii();
  double slack = read.roundingSlack();
  if (low < segment.first * c + slack)
    return std::nullopt;
  const TokenLine &line = segment.line;
  if (line.slope <= c)
    return TokenLine{line.at(segment.first) - segment.first * c - slack, 1.0};
  // Tokens read by offset x: at least floor((x - slack) / c) + 1, which for
  // integer offsets is at least (x - c + 1) / c + 1.
  double integral = read.iiDen == 1 ? 1.0 : 0.0;
  auto bound = [&](double x) {
    double lastToken =
        std::min((x - slack - c + integral) / c, double(segment.last));
    return x + line.at0 - slack + (line.slope - c) * lastToken;
  };
  if (high <= low)
    return TokenLine{bound(low) - low, 1.0};
  double slope = (bound(high) - bound(low)) / (high - low);
  return TokenLine{bound(low) - slope * low, slope};
}

TokenBounds streamtensor::computeTokenBounds(const TimedGraph &graph,
                                             ArrayRef<int64_t> launch) {
  unsigned numEdges = graph.edges.size();
  TokenBounds bounds;
  bounds.asapStart = computeAsapStarts(graph, launch);
  bounds.arrivalsNoEarlier.resize(numEdges);
  bounds.arrivalsNoLater.resize(numEdges);
  bounds.readsNoLater.resize(numEdges);
  std::vector<int64_t> tokens = graph.getTokensPerEdge();

  for (unsigned n : graph.topologicalOrder) {
    const TimedNode &node = graph.nodes[n];
    double launchTime = launch.empty() ? 0 : launch[n];

    // Read m is at offset <= m*c + slack, and t() only grows.
    for (const TimedPort &input : node.inputs) {
      const PortSchedule &read = input.schedule;
      double c = read.ii(), slack = read.roundingSlack();
      for (TokenSegment segment : splitTokens(tokens[input.edge])) {
        TokenLine latest = tightestLatestTimes(
            node, launchTime, bounds.arrivalsNoLater, segment.first * c,
            segment.last * c + slack);
        segment.line = {latest.at0 + latest.slope * slack, latest.slope * c};
        bounds.readsNoLater[input.edge].push_back(segment);
      }
    }

    // Nothing happens before the ASAP start nor before an input's first
    // token.
    double earliest = bounds.asapStart[n];
    for (const TimedPort &input : node.inputs)
      earliest = std::max(
          earliest, bounds.arrivalsNoEarlier[input.edge].front().line.at0);

    for (const TimedPort &output : node.outputs) {
      const PortSchedule &write = output.schedule;
      double p = write.ii(), slack = write.roundingSlack();
      for (TokenSegment segment : splitTokens(tokens[output.edge])) {
        // Token k is written at an offset in [base + k*p, base + k*p +
        // slack] and readable one cycle after its write.
        double low = write.base + segment.first * p;
        double high = write.base + segment.last * p + slack;
        double middle = (segment.first + segment.last) / 2.0;
        auto arrivalsFrom = [&](const TokenLine &times) {
          return TokenLine{times.at(write.base) + 1, times.slope * p};
        };

        TokenLine lower = arrivalsFrom({earliest, 1.0});
        for (const TimedPort &input : node.inputs)
          for (const TokenSegment &inputSegment :
               bounds.arrivalsNoEarlier[input.edge])
            if (std::optional<TokenLine> times =
                    earliestTimes(inputSegment, input.schedule, low, high)) {
              TokenLine arrivals = arrivalsFrom(*times);
              if (arrivals.at(middle) > lower.at(middle))
                lower = arrivals;
            }
        segment.line = lower;
        bounds.arrivalsNoEarlier[output.edge].push_back(segment);

        TokenLine latest = tightestLatestTimes(
            node, launchTime, bounds.arrivalsNoLater, low, high);
        segment.line = {latest.at(write.base + slack) + 1, latest.slope * p};
        bounds.arrivalsNoLater[output.edge].push_back(segment);
      }
    }
  }
  return bounds;
}
