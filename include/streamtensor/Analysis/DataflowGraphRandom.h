//===- DataflowGraphRandom.h - Seeded random dataflow graphs ---*- C++ -*-===//
//
// Random DAGs for tests and benchmarks of FIFO sizing. Each kernel gets a
// run length and derives its IIs from it, so producers and consumers of an
// edge often run at different rates (both Eq. 1 and Eq. 2 cases, and kernels
// starved by slow producers). Most kernels have several inputs, which makes
// reconvergent paths of different lengths common; the generator guarantees at
// least one. The same seed gives the same graph on every platform.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_DATAFLOWGRAPHRANDOM_H
#define STREAMTENSOR_ANALYSIS_DATAFLOWGRAPHRANDOM_H

#include "streamtensor/Analysis/DataflowGraph.h"

namespace streamtensor {

struct RandomGraphOptions {
  unsigned minKernels = 6;
  unsigned maxKernels = 20;
  int64_t minTokens = 64;
  int64_t maxTokens = 2048;
  /// Give some source kernels an HBM input and some sinks an HBM output.
  bool withDma = true;
  unsigned hbmChannels = 32;
  /// Make every consumer read no faster than its producer writes, so that
  /// no kernel ever waits for data once started (no DMA edges then, whose
  /// rate the target fixes).
  bool noStarvation = false;
};

DataflowGraph generateRandomGraph(uint64_t seed,
                                  const RandomGraphOptions &options = {});

/// True if some kernel has two inputs whose producers are connected by a
/// path, i.e. two paths of different length meet at it.
bool hasReconvergentPath(const DataflowGraph &graph);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_DATAFLOWGRAPHRANDOM_H
