//===- TokenModel.cpp - Token timing of kernels and FIFOs -----------------===//

#include "streamtensor/Analysis/TokenModel.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace llvm;
using namespace streamtensor;

static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

int64_t streamtensor::paperEq1MaxTokens(int64_t tokens, int64_t sourceLatency,
                                        int64_t delay, int64_t targetII) {
  int64_t consumed = floorDiv(sourceLatency - delay, targetII);
  return std::clamp<int64_t>(tokens - consumed, 0, tokens);
}

int64_t streamtensor::paperEq2MaxTokens(int64_t tokens, int64_t delay,
                                        int64_t initialDelay,
                                        int64_t sourceII) {
  return std::clamp<int64_t>(ceilDiv(delay - initialDelay, sourceII), 0,
                             tokens);
}

int64_t streamtensor::peakTokens(const TokenLine &arrivals,
                                 const TokenLine &reads, int64_t tokens) {
  TokenSegment arrivalSegment{0, tokens - 1, arrivals};
  TokenSegment readSegment{0, tokens - 1, reads};
  return peakTokens(arrivalSegment, readSegment, tokens);
}

/// Rounding may only ever count fewer reads, which can only enlarge the
/// result: a FIFO one token too deep is harmless, one too shallow is not.
static double tolerance(double v) {
  return 1e-9 * std::max(1.0, std::fabs(v));
}

int64_t streamtensor::peakTokens(ArrayRef<TokenSegment> arrivals,
                                 ArrayRef<TokenSegment> readBounds,
                                 int64_t tokens) {
  if (tokens <= 1)
    return 1;
  // Reads happen in order, so a later segment's bound may be raised to
  // where the previous one ends. Then at most one segment is partly read
  // before any given cycle.
  SmallVector<TokenSegment, 8> reads(readBounds.begin(), readBounds.end());
  for (size_t s = 0; s < reads.size(); ++s) {
    if (reads[s].line.slope <= 0)
      return tokens;
    if (s > 0) {
      double previousEnd = reads[s - 1].line.at(reads[s - 1].last);
      reads[s].line.at0 += std::max(0.0, previousEnd -
                                             reads[s].line.at(reads[s].first));
    }
  }
  // Token k is written in cycle arrival - 1 or later; reads strictly before
  // that cycle have freed their slots.
  auto readsBefore = [&](double writeCycle) {
    int64_t count = 0;
    for (const TokenSegment &segment : reads) {
      double v = (writeCycle - segment.line.at0) / segment.line.slope;
      if (v <= segment.first)
        break;
      double below = std::ceil(v - tolerance(v));
      count += int64_t(std::min<double>(below, segment.last + 1)) -
               segment.first;
    }
    return count;
  };

  int64_t best = 1;
  for (const TokenSegment &segment : arrivals) {
    const TokenLine &line = segment.line;
    if (line.slope <= 0)
      return tokens;
    auto gap = [&](int64_t k) {
      return k + 1 - readsBefore(line.at(k) - 1);
    };
    // Between the points where a read segment starts or finishes being
    // read before the writes, one read line is active and the gap is
    // monotone: it grows if writes come faster than reads (Eq. 1), else it
    // shrinks (Eq. 2). So its maximum is at one of those points.
    SmallVector<double, 16> candidates = {double(segment.first),
                                          double(segment.last)};
    for (const TokenSegment &read : reads)
      for (double cycle : {read.line.at(read.first), read.line.at(read.last)})
        candidates.push_back((cycle + 1 - line.at0) / line.slope);
    for (double candidate : candidates) {
      double k = std::floor(candidate + tolerance(candidate));
      for (double near : {k - 1, k, k + 1})
        if (near >= segment.first && near <= segment.last)
          best = std::max(best, gap(int64_t(near)));
    }
  }
  return std::clamp<int64_t>(best, 1, tokens);
}

int64_t streamtensor::peakTokensForDelay(int64_t tokens, double initialDelay,
                                         double producerII, double consumerII,
                                         double delay) {
  return peakTokens(TokenLine{initialDelay, producerII},
                    TokenLine{delay, consumerII}, tokens);
}

std::vector<int64_t> TimedGraph::getTokensPerEdge() const {
  std::vector<int64_t> tokens;
  tokens.reserve(edges.size());
  for (const TimedEdge &edge : edges)
    tokens.push_back(edge.tokens);
  return tokens;
}

namespace {
/// Timing of one DMA stream on its HBM pseudo-channel.
struct DmaRate {
  /// Cycles per token as a fraction with a fixed denominator.
  PortSchedule schedule;
  /// Cycles the channel needs to move one token.
  int64_t transferCycles;
};
} // namespace

/// The channel's bandwidth is split equally between the DMA streams mapped
/// to it (a static share: pessimistic when the streams are not active at the
/// same time). A stream also cannot exceed its port's width, nor keep more
/// than the outstanding-bytes window in flight over the access latency.
static DmaRate getDmaRate(const TargetDesc &target, unsigned streamsOnChannel,
                          int64_t tokenBytes, int64_t latency) {
  double share = std::min<double>(target.getPortBytesPerCycle(),
                                  target.getChannelBytesPerCycle() /
                                      streamsOnChannel);
  double transfer = double(tokenBytes) / share;
  double window = std::max<int64_t>(
      1, target.hbm.maxOutstandingBytes / tokenBytes);
  double cyclesPerToken =
      std::max({1.0, transfer, (double(latency) + transfer) / window});
  constexpr int64_t kDen = 4096;
  DmaRate rate;
  rate.schedule.iiNum = int64_t(std::ceil(cyclesPerToken * kDen - 1e-6));
  rate.schedule.iiDen = kDen;
  if (rate.schedule.iiNum % kDen == 0) {
    rate.schedule.iiNum /= kDen;
    rate.schedule.iiDen = 1;
  }
  rate.transferCycles = int64_t(std::ceil(transfer - 1e-9));
  return rate;
}

Expected<TimedGraph> streamtensor::buildTimedGraph(const DataflowGraph &graph,
                                                   const TargetDesc &target) {
  llvm::StringMap<unsigned> engineNames;
  if (Error error = graph.verify())
    return std::move(error);
  TimedGraph timed;
  timed.clockMHz = target.clockMHz;
  for (auto [index, kernel] : llvm::enumerate(graph.getKernels())) {
    TimedNode node;
    node.kind = TimedNodeKind::Kernel;
    node.name = kernel.name;
    node.kernel = index;
    node.latency = kernel.latency;
    timed.nodeOfKernel.push_back(timed.nodes.size());
    timed.nodes.push_back(std::move(node));
  }

  std::vector<unsigned> streamsOnChannel(target.hbm.pseudoChannels, 0);
  for (auto [index, edge] : llvm::enumerate(graph.getEdges())) {
    if (!edge.isDma())
      continue;
    if (edge.hbmChannel >= target.hbm.pseudoChannels)
      return createStringError(
          inconvertibleErrorCode(),
          formatv("edge {0} ({1}): target '{2}' has {3} HBM pseudo-channels",
                  index, graph.describeEdge(index), target.name,
                  target.hbm.pseudoChannels));
    ++streamsOnChannel[edge.hbmChannel];
  }

  timed.edges.resize(graph.getNumEdges());
  for (auto [index, edge] : llvm::enumerate(graph.getEdges())) {
    TimedEdge &timedEdge = timed.edges[index];
    timedEdge.tokens = edge.tokens;
    timedEdge.tokenBytes = edge.tokenBytes;
    timedEdge.label = graph.getEdgeLabel(index);

    PortSchedule write, read;
    if (edge.isDma()) {
      int64_t latency = edge.isDmaRead() ? target.hbm.readLatencyCycles
                                         : target.hbm.writeLatencyCycles;
      DmaRate rate = getDmaRate(target, streamsOnChannel[edge.hbmChannel],
                                edge.tokenBytes, latency);
      TimedNode dma;
      dma.kind = edge.isDmaRead() ? TimedNodeKind::DmaRead
                                  : TimedNodeKind::DmaWrite;
      // Unique, stable names: a second engine between the same endpoints
      // gets "#2" (holds and reports name engines).
      dma.name = "dma[" + graph.describeEdge(index) + "]";
      if (unsigned seen = engineNames[dma.name]++)
        dma.name += "#" + std::to_string(seen + 1);
      dma.hbmChannel = edge.hbmChannel;
      PortSchedule stream = rate.schedule;
      if (edge.isDmaRead()) {
        // The first token reaches the FIFO after one transfer and the
        // access latency.
        stream.base = latency + rate.transferCycles - 1;
        dma.latency = stream.offset(edge.tokens - 1) + 1;
        dma.outputs.push_back({unsigned(index), stream});
        write = stream;
      } else {
        // The write completes when the last token's transfer is
        // acknowledged.
        dma.latency =
            stream.offset(edge.tokens - 1) + rate.transferCycles + latency;
        dma.inputs.push_back({unsigned(index), stream});
        read = stream;
      }
      if (dma.latency > DataflowGraphLimits::kMaxCycles)
        return createStringError(
            inconvertibleErrorCode(),
            formatv("edge {0} ({1}): the DMA transfer takes more than {2} "
                    "cycles",
                    index, graph.describeEdge(index),
                    DataflowGraphLimits::kMaxCycles));
      unsigned dmaNode = timed.nodes.size();
      timed.nodes.push_back(std::move(dma));
      if (edge.isDmaRead()) {
        timedEdge.producer = dmaNode;
        timedEdge.producerPort = 0;
      } else {
        timedEdge.consumer = dmaNode;
        timedEdge.consumerPort = 0;
      }
    }
    if (!edge.isDmaRead()) {
      write.base = edge.initialDelay - 1;
      write.iiNum = edge.producerII;
      if (!edge.producerSchedule.empty())
        write.exact =
            std::make_shared<const AccessSchedule>(edge.producerSchedule);
      TimedNode &producer = timed.nodes[timed.nodeOfKernel[edge.from]];
      timedEdge.producer = timed.nodeOfKernel[edge.from];
      timedEdge.producerPort = producer.outputs.size();
      producer.outputs.push_back({unsigned(index), write});
    }
    if (!edge.isDmaWrite()) {
      read.base = 0;
      read.iiNum = edge.consumerII;
      if (!edge.consumerSchedule.empty())
        read.exact =
            std::make_shared<const AccessSchedule>(edge.consumerSchedule);
      TimedNode &consumer = timed.nodes[timed.nodeOfKernel[edge.to]];
      timedEdge.consumer = timed.nodeOfKernel[edge.to];
      timedEdge.consumerPort = consumer.inputs.size();
      consumer.inputs.push_back({unsigned(index), read});
    }
  }

  // DMA reads first, then kernels in graph order, then DMA writes.
  std::vector<unsigned> kernelOrder = graph.topologicalOrder(nullptr);
  for (auto [index, node] : llvm::enumerate(timed.nodes))
    if (node.kind == TimedNodeKind::DmaRead)
      timed.topologicalOrder.push_back(index);
  for (unsigned kernel : kernelOrder)
    timed.topologicalOrder.push_back(timed.nodeOfKernel[kernel]);
  for (auto [index, node] : llvm::enumerate(timed.nodes))
    if (node.kind == TimedNodeKind::DmaWrite)
      timed.topologicalOrder.push_back(index);
  return timed;
}
