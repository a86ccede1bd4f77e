//===- CycleSim.h - Token-granular simulation of a dataflow design -*- C++ -*-===//
//
// Simulates a timed graph cycle by cycle at the granularity of tokens. Each
// node (kernel or DMA engine) performs its reads and writes at the offsets
// of its schedule; a read of an empty FIFO or a write to a full one stalls
// the whole node until the access can proceed, which delays all its later
// events. FIFOs are registered: a token written in cycle t is readable from
// cycle t+1, and a write in cycle t sees the occupancy at the start of t, so
// a slot freed by a read in cycle t is reusable from t+1.
//
// Every event time is a maximum of earlier event times plus constants, so the
// simulator never steps through idle cycles: it runs each node as far as its
// inputs and output space allow, suspends it on the FIFO it waits for, and
// resumes it when the other side of that FIFO moves. The cost is a few
// operations per token. If every node is suspended before all finish, the
// design deadlocks and the nodes waiting on each other are reported.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_CYCLESIM_H
#define STREAMTENSOR_ANALYSIS_CYCLESIM_H

#include "streamtensor/Analysis/TokenModel.h"

#include <cstdint>
#include <vector>

namespace streamtensor {

struct SimOptions {
  /// FIFO depth per edge; empty for unbounded FIFOs.
  llvm::ArrayRef<int64_t> depths;
  /// Cycle before which each node may not start (empty for all 0); the
  /// emitted code must hold the node that long for the model to apply.
  llvm::ArrayRef<int64_t> launch;
  /// Keep the per-token and per-stall records a trace needs.
  bool recordTrace = false;
  /// Keep a cycle per token to report each FIFO's peak occupancy. Without
  /// it (and without a trace) only the tokens in flight are kept, so larger
  /// graphs fit, and peakOccupancy is -1.
  bool recordPeaks = true;

  /// Whether the run keeps a record per token.
  bool recordsTokens() const { return recordTrace || recordPeaks; }
};

struct SimNodeStats {
  bool started = false;
  bool finished = false;
  /// Launch cycle plus the cycles spent waiting for the first input tokens
  /// (the events at the first offset of its schedule).
  int64_t start = 0;
  int64_t finish = 0;
  /// Cycle of the node's latest read or write, -1 before the first.
  int64_t lastEvent = -1;
  int64_t busyCycles = 0;
  int64_t inputStallCycles = 0;
  int64_t outputStallCycles = 0;
};

struct SimFifoStats {
  /// Capacity the FIFO needed at most: the occupancy a write saw plus the
  /// token it wrote. A depth of at least this never blocks a write.
  int64_t peakOccupancy = 0;
  int64_t written = 0;
  int64_t read = 0;
  /// Cycles its producer waited because it was full.
  int64_t fullStallCycles = 0;
};

/// A span during which a node stalled on one FIFO.
struct SimStall {
  int64_t begin;
  int64_t end;
  unsigned edge;
  bool onFull;
};

/// A node suspended forever in a deadlock.
struct SimBlockedNode {
  unsigned node;
  unsigned edge;
  /// True if it waits to write a full FIFO, false to read an empty one.
  bool onFull;
  int64_t occupancy;
  /// Depth of the FIFO, -1 if unbounded.
  int64_t depth;
};

struct SimResult {
  bool deadlock = false;
  /// Completion of the last node; on deadlock, the last cycle with progress.
  int64_t cycles = 0;
  std::vector<SimNodeStats> nodes;
  std::vector<SimFifoStats> fifos;
  /// On deadlock: every suspended node, and one cycle of nodes each waiting
  /// for the next (first node repeated at the end).
  std::vector<SimBlockedNode> blocked;
  std::vector<unsigned> waitCycle;
  /// With recordTrace: stalls per node and the cycle of every write and read
  /// per edge.
  std::vector<std::vector<SimStall>> stalls;
  std::vector<std::vector<int64_t>> writeCycles;
  std::vector<std::vector<int64_t>> readCycles;
};

/// Whether the simulator can run the graph with these options
/// (DataflowGraphLimits: kMaxTotalTokens when it records every token,
/// kMaxStreamedTokens otherwise).
bool fitsSimulator(const TimedGraph &graph, const SimOptions &options);

/// Runs the graph to completion or deadlock. Depths must be >= 1, and the
/// graph must fit the simulator.
SimResult simulate(const TimedGraph &graph, const SimOptions &options);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_CYCLESIM_H
