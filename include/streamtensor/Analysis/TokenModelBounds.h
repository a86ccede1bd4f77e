//===- TokenModelBounds.h - Token time bounds over a timed graph -*- C++ -*-===//
//
// Eq. 1/2 need the delay between a producer and a consumer. The nominal ASAP
// delay (longest path of first-token delays) is what the hardware sees only
// while no kernel waits for data after it has started. A kernel whose
// producer is slower than the kernel's own read rate stalls on every token,
// which stretches its whole schedule and delays everything after it; a FIFO
// sized from nominal delays can then fill up and deadlock a reconvergent
// graph.
//
// This analysis bounds every token's times from both sides, in topological
// order, with a few straight segments per edge: from below by the nominal
// ASAP schedule and by the stretch slow inputs must cause, from above by the
// latest the inputs can arrive. The depth of an edge is Eq. 1/2 between the
// earliest its producer can write and the latest its consumer can read,
// which is at least the peak occupancy of the run with unbounded FIFOs. With
// those depths no write ever blocks, so the bounded run is exactly the
// unbounded one: no deadlock and no added latency. Without stretching the
// bounds coincide with the nominal ASAP schedule. The work per edge does not
// depend on its token count.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_TOKENMODELBOUNDS_H
#define STREAMTENSOR_ANALYSIS_TOKENMODELBOUNDS_H

#include "streamtensor/Analysis/TokenModel.h"

#include "llvm/ADT/SmallVector.h"

namespace streamtensor {

using TokenSegments = llvm::SmallVector<TokenSegment, 4>;

struct TokenBounds {
  /// Per node: start time of the nominal ASAP schedule (launch time or the
  /// latest first-token arrival over its inputs).
  std::vector<double> asapStart;
  /// Per edge: segments below the cycle each token becomes readable.
  std::vector<TokenSegments> arrivalsNoEarlier;
  /// Per edge: segments above the cycle each token becomes readable.
  std::vector<TokenSegments> arrivalsNoLater;
  /// Per edge: segments above the cycle each token is read.
  std::vector<TokenSegments> readsNoLater;

  /// Eq. 1/2 between the earliest arrivals and the latest reads.
  int64_t getDepth(unsigned edge, int64_t tokens) const {
    return peakTokens(arrivalsNoEarlier[edge], readsNoLater[edge], tokens);
  }
};

/// Computes the bounds when node n may not start before launch[n] (all 0
/// when `launch` is empty).
TokenBounds computeTokenBounds(const TimedGraph &graph,
                               llvm::ArrayRef<int64_t> launch = {});

/// Nominal ASAP start times: launch time, or the latest first-token arrival
/// (producer start + D) over the node's inputs.
std::vector<double> computeAsapStarts(const TimedGraph &graph,
                                      llvm::ArrayRef<int64_t> launch = {});

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_TOKENMODELBOUNDS_H
