//===- TokenModel.h - Token timing of kernels and FIFOs --------*- C++ -*-===//
//
// The token model of the StreamTensor paper (section 5): a producer makes
// its first token readable D cycles after it starts and one more every II;
// a consumer that starts `delay` cycles after the producer reads one token
// every II. Eq. 1 and Eq. 2 give the peak FIFO occupancy for that delay.
//
// The timed graph below is the form the sizing and the simulator share:
// every kernel and every DMA engine is a node whose reads and writes happen
// at fixed offsets from its start unless a FIFO is empty or full, in which
// case the whole node stalls (the behaviour of an HLS pipeline on a blocking
// stream access). docs/fifo-sizing.md describes the model in full.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_TOKENMODEL_H
#define STREAMTENSOR_ANALYSIS_TOKENMODEL_H

#include "streamtensor/Analysis/DataflowGraph.h"
#include "streamtensor/Analysis/Target.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace streamtensor {

//===----------------------------------------------------------------------===//
// Eq. 1 and Eq. 2
//===----------------------------------------------------------------------===//

/// Paper Eq. 1, for a source faster than its target:
/// min(T, T - floor((L - delay) / II_target)), never below 0.
int64_t paperEq1MaxTokens(int64_t tokens, int64_t sourceLatency,
                          int64_t delay, int64_t targetII);

/// Paper Eq. 2, for a source no faster than its target:
/// min(T, ceil((delay - D) / II_source)), never below 0.
int64_t paperEq2MaxTokens(int64_t tokens, int64_t delay, int64_t initialDelay,
                          int64_t sourceII);

/// Times of a token sequence bounded by a line: token k at at0 + k * slope.
struct TokenLine {
  double at0 = 0;
  double slope = 1;
  double at(double k) const { return at0 + k * slope; }
};

/// A line that bounds the times of tokens first..last only.
struct TokenSegment {
  int64_t first = 0;
  int64_t last = 0;
  TokenLine line;
};

/// FIFO capacity that lets every write of `tokens` tokens proceed without
/// blocking, when token k becomes readable no earlier than `arrivals.at(k)`
/// and is read no later than `reads.at(k)`. This is the discrete form of
/// Eq. 1/2 under the simulator's FIFO timing (a write sees the occupancy at
/// the start of its cycle). The result is in [1, tokens].
int64_t peakTokens(const TokenLine &arrivals, const TokenLine &reads,
                   int64_t tokens);

/// The same with piecewise bounds: segments must cover 0..tokens-1 in order.
int64_t peakTokens(llvm::ArrayRef<TokenSegment> arrivals,
                   llvm::ArrayRef<TokenSegment> reads, int64_t tokens);

/// Eq. 1/2 for one edge in isolation: the producer makes token k readable at
/// D + k * producerII after its start, the consumer starts `delay` cycles
/// after the producer and reads token k at delay + k * consumerII.
int64_t peakTokensForDelay(int64_t tokens, double initialDelay,
                           double producerII, double consumerII, double delay);

//===----------------------------------------------------------------------===//
// Timed graph
//===----------------------------------------------------------------------===//

/// Cycle offsets, from the node's start, of the events of one port: token k
/// at base + ceil(k * iiNum / iiDen). Kernel IIs are integers; DMA rates are
/// fractional.
struct PortSchedule {
  int64_t base = 0;
  int64_t iiNum = 1;
  int64_t iiDen = 1;
  /// The process's own access cycles, if the graph has them: then the
  /// simulator follows these and the line above only serves the bounds.
  std::shared_ptr<const AccessSchedule> exact;

  int64_t offset(int64_t k) const {
    if (exact)
      return exact->at(k);
    __int128 scaled = __int128(k) * iiNum + iiDen - 1;
    return base + int64_t(scaled / iiDen);
  }
  double ii() const { return double(iiNum) / double(iiDen); }
  /// Bound on offset(k) - (base + k * ii()).
  double roundingSlack() const { return iiDen == 1 ? 0.0 : 1.0; }
};

struct TimedPort {
  unsigned edge;
  PortSchedule schedule;
};

enum class TimedNodeKind { Kernel, DmaRead, DmaWrite };

/// A kernel or DMA engine. Input ports read token k at schedule.offset(k);
/// output ports write token k in cycle schedule.offset(k), so it becomes
/// readable one cycle later. The node completes `latency` cycles after its
/// start plus any stalls.
struct TimedNode {
  TimedNodeKind kind = TimedNodeKind::Kernel;
  std::string name;
  /// Index in the DataflowGraph for kernels, -1 for DMA engines.
  int kernel = -1;
  int hbmChannel = -1;
  std::vector<TimedPort> inputs;
  std::vector<TimedPort> outputs;
  int64_t latency = 0;
};

/// One FIFO. Edge indices equal those of the DataflowGraph.
struct TimedEdge {
  unsigned producer = 0;
  unsigned consumer = 0;
  unsigned producerPort = 0;
  unsigned consumerPort = 0;
  int64_t tokens = 0;
  int64_t tokenBytes = 0;
  std::string label;
};

struct TimedGraph {
  std::vector<TimedNode> nodes;
  std::vector<TimedEdge> edges;
  /// Nodes in an order where producers precede consumers.
  std::vector<unsigned> topologicalOrder;
  /// Node index of each DataflowGraph kernel.
  std::vector<unsigned> nodeOfKernel;
  double clockMHz = 0;

  const PortSchedule &getProducerSchedule(unsigned edge) const {
    const TimedEdge &e = edges[edge];
    return nodes[e.producer].outputs[e.producerPort].schedule;
  }
  const PortSchedule &getConsumerSchedule(unsigned edge) const {
    const TimedEdge &e = edges[edge];
    return nodes[e.consumer].inputs[e.consumerPort].schedule;
  }
  /// D of the edge: producer start to first token readable.
  int64_t getInitialDelay(unsigned edge) const {
    return getProducerSchedule(edge).base + 1;
  }
  std::vector<int64_t> getTokensPerEdge() const;
};

/// Expands a verified graph: kernels become nodes with the edges' D and II,
/// and every DMA edge gets a DMA engine node whose rate is the HBM channel's
/// bandwidth shared equally by the DMA edges on that channel, limited by the
/// port width and by the bytes the port may have in flight.
llvm::Expected<TimedGraph> buildTimedGraph(const DataflowGraph &graph,
                                           const TargetDesc &target);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_TOKENMODEL_H
