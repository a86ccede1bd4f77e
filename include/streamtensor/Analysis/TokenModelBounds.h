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
// This analysis bounds every node's event times from both sides with
// straight lines, in topological order: from below by the nominal ASAP
// schedule and by the stretch its slow inputs must cause, from above by the
// latest its inputs can arrive. The depth of an edge is Eq. 1/2 between the
// earliest its producer can write and the latest its consumer can read,
// which is at least the peak occupancy of the run with unbounded FIFOs. With
// those depths no write ever blocks, so the bounded run is exactly the
// unbounded one: no deadlock and no added latency. Without stretching the
// two bounds coincide with the nominal ASAP schedule.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_TOKENMODELBOUNDS_H
#define STREAMTENSOR_ANALYSIS_TOKENMODELBOUNDS_H

#include "streamtensor/Analysis/TokenModel.h"

#include "llvm/ADT/SmallVector.h"

namespace streamtensor {

struct TokenBounds {
  /// Per node: start time of the nominal ASAP schedule (launch time or the
  /// latest first-token arrival over its inputs).
  std::vector<double> asapStart;
  /// Per edge: lines below the cycle each token becomes readable.
  std::vector<llvm::SmallVector<TokenLine, 4>> arrivalsNoEarlier;
  /// Per edge: lines above the cycle each token is read.
  std::vector<llvm::SmallVector<TokenLine, 2>> readsNoLater;
  /// Per edge: the line above token arrivals passed on to the consumer.
  std::vector<TokenLine> arrivalsNoLater;

  /// The smallest Eq. 1/2 depth over all pairs of bounding lines.
  int64_t getDepth(unsigned edge, int64_t tokens) const;
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
