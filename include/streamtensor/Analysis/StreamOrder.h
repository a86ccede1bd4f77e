//===- StreamOrder.h - Deadlock check from stream access order -*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The timing model sizes FIFOs from averaged rates, which cannot see that a
// process reads all of one stream before the first token of another. This
// check replays the exact order of every process's stream reads and writes
// (loops with static trip counts around them) with blocking reads and
// blocking writes on FIFOs of the chosen depths.
//
// Processes whose order of accesses is fixed form a Kahn process network
// once a bounded FIFO is seen as a data channel plus a channel of free
// slots; whether such a network stops early does not depend on the
// schedule. One run of the replay therefore decides whether the emitted
// design can deadlock, whatever the real timing. When it stops early, the
// processes wait on each other in a cycle (each waits on one stream), and
// that cycle holds a full FIFO: repair() grows it and resumes from the
// stopped state, which stays reachable with the larger FIFO.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_STREAMORDER_H
#define STREAMTENSOR_ANALYSIS_STREAMORDER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamtensor {

/// The stream accesses of one process in program order, as a preorder list
/// of loops and access runs. A run is `count` consecutive accesses to one
/// stream port; a loop repeats the nodes up to its `end` index `count`
/// times.
class StreamAccessProgram {
public:
  struct Node {
    bool isLoop = false;
    bool isWrite = false;
    unsigned port = 0;
    int64_t count = 0;
    /// Loops: index one past the last node of the body.
    unsigned end = 0;
  };

  /// Appends `count` accesses to `port`, merged into the previous run when
  /// that run accesses the same port the same way and no loop ends between.
  void addAccess(unsigned port, bool isWrite, int64_t count);
  /// Opens a loop of `trips` iterations; closeLoop() ends its body. A loop
  /// whose body is a single run becomes one longer run, an empty body or a
  /// loop of zero trips disappears.
  void openLoop(int64_t trips);
  void closeLoop();

  llvm::ArrayRef<Node> getNodes() const { return nodes; }
  /// Accesses per port over the whole program (ports never accessed: 0).
  std::vector<int64_t> countTokens(unsigned numPorts, bool writes) const;

private:
  std::vector<Node> nodes;
  std::vector<unsigned> openLoops;
  std::vector<unsigned> savedBarriers;
  /// Index of the first node that a run may not merge into.
  unsigned mergeBarrier = 0;
};

/// Processes connected by FIFOs. Each port of a process instance is bound to
/// one channel; a channel has one writer port and one reader port.
struct StreamOrderNetwork {
  struct Process {
    std::string name;
    const StreamAccessProgram *program = nullptr;
    /// Channel of each port of the program, -1 for ports it never accesses.
    std::vector<int> channelOfPort;
  };
  struct Channel {
    std::string name;
    int64_t depth = 1;
    int64_t tokenBytes = 4;
  };
  std::vector<Process> processes;
  std::vector<Channel> channels;
};

/// Outcome of a replay.
struct StreamOrderResult {
  /// All processes ran to completion.
  bool completed = false;
  /// Final depth of every channel (the network's depths plus repairs).
  std::vector<int64_t> depths;
  /// Channels whose depth repair() raised, in the order first raised.
  std::vector<unsigned> repaired;
  /// When not completed: the processes that wait and what each waits on,
  /// one line each ("process 'a' waits to write 'x' (full, 4/4)").
  std::vector<std::string> waits;
  /// When not completed: why (deadlock, or accesses that can never match).
  std::string reason;
};

struct StreamOrderOptions {
  /// Grow full FIFOs on a wait cycle until the network completes. A channel
  /// grows by 1, 2, 4, ... tokens on successive repairs, never beyond the
  /// tokens it carries (a FIFO that holds them all never blocks a writer).
  bool repair = true;
};

/// Replays the network. Each channel must be written by exactly one process
/// port and read by exactly one (checked: the result then says why not).
StreamOrderResult replayStreamOrder(const StreamOrderNetwork &network,
                                    const StreamOrderOptions &options = {});

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_STREAMORDER_H
