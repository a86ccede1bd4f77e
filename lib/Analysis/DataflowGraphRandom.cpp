//===- DataflowGraphRandom.cpp - Seeded random dataflow graphs ------------===//

#include "streamtensor/Analysis/DataflowGraphRandom.h"

#include "llvm/ADT/BitVector.h"

#include <algorithm>
#include <cmath>

using namespace llvm;
using namespace streamtensor;

namespace {
/// SplitMix64: tiny, and unlike the standard distributions its output does
/// not depend on the C++ library.
class Random {
public:
  explicit Random(uint64_t seed) : state(seed) {}

  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [low, high].
  int64_t uniform(int64_t low, int64_t high) {
    return low + int64_t(next() % uint64_t(high - low + 1));
  }
  double unit() { return double(next() >> 11) * 0x1.0p-53; }
  bool chance(double probability) { return unit() < probability; }
  /// Log-uniform in [low, high], so small and large values are both common.
  int64_t logUniform(int64_t low, int64_t high) {
    double value = std::exp(std::log(double(low)) +
                            unit() * (std::log(double(high)) -
                                      std::log(double(low))));
    return std::clamp<int64_t>(std::llround(value), low, high);
  }

private:
  uint64_t state;
};
} // namespace

bool streamtensor::hasReconvergentPath(const DataflowGraph &graph) {
  unsigned numKernels = graph.getNumKernels();
  std::vector<std::vector<unsigned>> predecessors(numKernels);
  for (const DataflowEdge &edge : graph.getEdges())
    if (!edge.isDma())
      predecessors[edge.to].push_back(edge.from);
  // reaches[k]: kernels with a path to k.
  std::vector<BitVector> reaches(numKernels, BitVector(numKernels));
  for (unsigned k : graph.topologicalOrder(nullptr)) {
    for (unsigned p : predecessors[k]) {
      reaches[k].set(p);
      reaches[k] |= reaches[p];
    }
    for (unsigned a : predecessors[k])
      for (unsigned b : predecessors[k])
        if (a != b && reaches[b].test(a))
          return true;
  }
  return false;
}

DataflowGraph streamtensor::generateRandomGraph(
    uint64_t seed, const RandomGraphOptions &options) {
  Random random(seed);
  unsigned numKernels = random.uniform(std::max(3u, options.minKernels),
                                       std::max(3u, options.maxKernels));
  // Each kernel's run length; its II on an edge is that length over the
  // edge's tokens, so rates differ between the two ends of most edges.
  std::vector<int64_t> runLength(numKernels), pipelineDepth(numKernels),
      prefetch(numKernels);
  for (unsigned k = 0; k < numKernels; ++k) {
    runLength[k] = random.logUniform(options.maxTokens / 4,
                                     options.maxTokens * 4);
    pipelineDepth[k] = random.uniform(2, 30);
    // Some kernels read a block of input before their first output.
    prefetch[k] = random.chance(0.25) ? random.uniform(0, runLength[k] / 4) : 0;
  }

  DataflowGraph graph;
  for (unsigned k = 0; k < numKernels; ++k)
    graph.addKernel("k" + std::to_string(k), 1);

  const int64_t tokenSizes[] = {4, 8, 16, 32, 64};
  auto addEdge = [&](int from, int to) {
    DataflowEdge edge;
    edge.from = from;
    edge.to = to;
    edge.tokens = random.logUniform(options.minTokens, options.maxTokens);
    edge.tokenBytes = tokenSizes[random.uniform(0, 4)];
    if (from != DataflowEdge::kExternal) {
      edge.initialDelay =
          pipelineDepth[from] + prefetch[from] + random.uniform(0, 4);
      edge.producerII =
          std::max<int64_t>(1, std::llround(double(runLength[from]) /
                                            double(edge.tokens)));
    }
    if (to != DataflowEdge::kExternal)
      edge.consumerII = std::max<int64_t>(
          1, std::llround(double(runLength[to]) / double(edge.tokens)));
    if (options.noStarvation)
      edge.consumerII = std::max(edge.consumerII, edge.producerII);
    if (edge.isDma()) {
      edge.hbmChannel = random.uniform(0, options.hbmChannels - 1);
      edge.tokenBytes = 64;
    }
    graph.addEdge(edge);
  };

  std::vector<std::vector<unsigned>> predecessors(numKernels);
  for (unsigned k = 1; k < numKernels; ++k) {
    double roll = random.unit();
    unsigned wanted = roll < 0.45 ? 1 : roll < 0.8 ? 2 : 3;
    wanted = std::min(wanted, k);
    while (predecessors[k].size() < wanted) {
      unsigned p = predecessors[k].empty() && random.chance(0.5)
                       ? k - 1
                       : random.uniform(0, k - 1);
      if (!llvm::is_contained(predecessors[k], p))
        predecessors[k].push_back(p);
    }
  }
  // Close one triangle a -> b -> c plus a -> c if chance made none.
  auto reconverges = [&] {
    for (unsigned c = 0; c < numKernels; ++c)
      for (unsigned b : predecessors[c])
        for (unsigned a : predecessors[b])
          if (llvm::is_contained(predecessors[c], a))
            return true;
    return false;
  };
  if (!reconverges()) {
    unsigned c = numKernels - 1;
    unsigned b = predecessors[c].front();
    if (b == 0) {
      predecessors[1] = {0};
      predecessors[2] = {1};
      c = 2;
      b = 1;
    } else if (predecessors[b].empty()) {
      predecessors[b].push_back(0);
    }
    unsigned a = predecessors[b].front();
    if (!llvm::is_contained(predecessors[c], a))
      predecessors[c].push_back(a);
  }
  std::vector<bool> hasSuccessor(numKernels, false);
  for (unsigned k = 0; k < numKernels; ++k)
    for (unsigned p : predecessors[k]) {
      addEdge(p, k);
      hasSuccessor[p] = true;
    }
  if (options.withDma && !options.noStarvation)
    for (unsigned k = 0; k < numKernels; ++k) {
      if (predecessors[k].empty() && random.chance(0.6))
        addEdge(DataflowEdge::kExternal, k);
      if (!hasSuccessor[k] && random.chance(0.6))
        addEdge(k, DataflowEdge::kExternal);
    }

  for (unsigned k = 0; k < numKernels; ++k)
    graph.getKernel(k).latency =
        graph.getMinimumLatency(k).first + random.uniform(0, 32);
  return graph;
}
