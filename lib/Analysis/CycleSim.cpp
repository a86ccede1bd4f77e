//===- CycleSim.cpp - Token-granular simulation of a dataflow design ------===//

#include "streamtensor/Analysis/CycleSim.h"

#include <algorithm>
#include <deque>
#include <limits>

using namespace llvm;
using namespace streamtensor;

namespace {
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

/// Cycles of the writes and reads of one FIFO. With per-token records,
/// indexed by token; otherwise only the written tokens not yet read, and
/// the reads a writer may still wait on (the last `depth`).
struct Fifo {
  int64_t depth = kNever;
  int64_t tokens = 0;
  bool windowed = false;
  std::vector<int64_t> writeCycle;
  std::vector<int64_t> readCycle;
  std::deque<int64_t> unreadWrites, recentReads;
  /// Token index of recentReads.front().
  int64_t recentReadsBase = 0;
  int64_t written = 0;
  int64_t read = 0;

  int64_t getWriteCycle(int64_t k) const {
    return windowed ? unreadWrites[k - read] : writeCycle[k];
  }
  int64_t getReadCycle(int64_t k) const {
    return windowed ? recentReads[k - recentReadsBase] : readCycle[k];
  }
  void recordWrite(int64_t k, int64_t cycle) {
    ++written;
    if (!windowed) {
      writeCycle[k] = cycle;
      return;
    }
    unreadWrites.push_back(cycle);
    // The next write waits on read k + 1 - depth at the earliest.
    while (!recentReads.empty() && recentReadsBase < k + 1 - depth) {
      recentReads.pop_front();
      ++recentReadsBase;
    }
  }
  void recordRead(int64_t k, int64_t cycle) {
    ++read;
    if (!windowed) {
      readCycle[k] = cycle;
      return;
    }
    unreadWrites.pop_front();
    if (depth != kNever)
      recentReads.push_back(cycle);
  }
};

struct NodeRun {
  int64_t launch = 0;
  /// Cycles the node has stalled so far: an event at offset x happens at
  /// launch + lag + x at the earliest.
  int64_t lag = 0;
  std::vector<int64_t> nextIn, nextOut;
  /// Offset of the next event of each port, kNever once the port is done.
  std::vector<int64_t> inOffset, outOffset;
  int64_t firstOffset = 0;
  int64_t lastCycle = -1;
  bool started = false;
  bool done = false;
  bool queued = false;
  int waitEdge = -1;
  bool waitOnFull = false;
};

class Simulator {
public:
  Simulator(const TimedGraph &graph, const SimOptions &options)
      : graph(graph), options(options) {}

  SimResult run();

private:
  void runNode(unsigned n);
  void finishNode(unsigned n);
  void wake(unsigned n, unsigned edge, bool onFull);
  void reportDeadlock();

  const TimedGraph &graph;
  const SimOptions &options;
  std::vector<Fifo> fifos;
  std::vector<NodeRun> runs;
  std::vector<unsigned> worklist;
  SimResult result;
};
} // namespace

void Simulator::wake(unsigned n, unsigned edge, bool onFull) {
  NodeRun &run = runs[n];
  if (run.queued || run.waitEdge != int(edge) || run.waitOnFull != onFull)
    return;
  run.queued = true;
  worklist.push_back(n);
}

void Simulator::finishNode(unsigned n) {
  NodeRun &run = runs[n];
  SimNodeStats &stats = result.nodes[n];
  if (!run.started)
    stats.start = run.launch + run.lag;
  stats.started = true;
  stats.finish = run.launch + run.lag + graph.nodes[n].latency;
  stats.busyCycles = stats.finish - stats.start - stats.inputStallCycles -
                     stats.outputStallCycles;
  stats.finished = true;
  run.done = true;
}

void Simulator::runNode(unsigned n) {
  const TimedNode &node = graph.nodes[n];
  NodeRun &run = runs[n];
  SimNodeStats &stats = result.nodes[n];
  run.waitEdge = -1;
  while (true) {
    // The next event in schedule order; reads go first on equal offsets so
    // that a write may use data read in the same cycle.
    int64_t offset = kNever;
    int port = -1;
    bool isRead = true;
    for (unsigned i = 0, e = run.inOffset.size(); i < e; ++i)
      if (run.inOffset[i] < offset) {
        offset = run.inOffset[i];
        port = i;
      }
    for (unsigned i = 0, e = run.outOffset.size(); i < e; ++i)
      if (run.outOffset[i] < offset) {
        offset = run.outOffset[i];
        port = i;
        isRead = false;
      }
    if (port < 0) {
      finishNode(n);
      return;
    }
    if (!run.started && offset > run.firstOffset) {
      run.started = stats.started = true;
      stats.start = run.launch + run.lag;
    }

    int64_t cycle = run.launch + run.lag + offset;
    const TimedPort &timedPort =
        isRead ? node.inputs[port] : node.outputs[port];
    Fifo &fifo = fifos[timedPort.edge];
    int64_t ready = cycle;
    if (isRead) {
      int64_t k = run.nextIn[port];
      if (fifo.written <= k) {
        run.waitEdge = timedPort.edge;
        run.waitOnFull = false;
        return;
      }
      ready = fifo.getWriteCycle(k) + 1;
    } else {
      int64_t k = run.nextOut[port];
      if (k >= fifo.depth) {
        int64_t freed = k - fifo.depth;
        if (fifo.read <= freed) {
          run.waitEdge = timedPort.edge;
          run.waitOnFull = true;
          return;
        }
        ready = fifo.getReadCycle(freed) + 1;
      }
    }

    if (ready > cycle) {
      int64_t stall = ready - cycle;
      run.lag += stall;
      if (!isRead)
        result.fifos[timedPort.edge].fullStallCycles += stall;
      // Waiting for the first inputs is not a stall of a running kernel.
      if (run.started) {
        (isRead ? stats.inputStallCycles : stats.outputStallCycles) += stall;
        if (options.recordTrace)
          result.stalls[n].push_back({cycle, ready, timedPort.edge, !isRead});
      }
      cycle = ready;
    }
    run.lastCycle = stats.lastEvent = cycle;

    const TimedEdge &edge = graph.edges[timedPort.edge];
    if (isRead) {
      int64_t k = run.nextIn[port]++;
      fifo.recordRead(k, cycle);
      run.inOffset[port] = k + 1 < edge.tokens
                               ? timedPort.schedule.offset(k + 1)
                               : kNever;
      wake(edge.producer, timedPort.edge, /*onFull=*/true);
    } else {
      int64_t k = run.nextOut[port]++;
      fifo.recordWrite(k, cycle);
      run.outOffset[port] = k + 1 < edge.tokens
                                ? timedPort.schedule.offset(k + 1)
                                : kNever;
      wake(edge.consumer, timedPort.edge, /*onFull=*/false);
    }
  }
}

void Simulator::reportDeadlock() {
  result.deadlock = true;
  for (unsigned n = 0, e = runs.size(); n < e; ++n) {
    const NodeRun &run = runs[n];
    if (run.done)
      continue;
    const Fifo &fifo = fifos[run.waitEdge];
    result.blocked.push_back({n, unsigned(run.waitEdge), run.waitOnFull,
                              fifo.written - fifo.read,
                              fifo.depth == kNever ? -1 : fifo.depth});
  }
  // A blocked node waits on the other end of its FIFO, which cannot have
  // finished (it would have drained or filled the FIFO), so following the
  // waits from any blocked node must come back to a node already seen.
  std::vector<int> seenAt(runs.size(), -1);
  std::vector<unsigned> walk;
  unsigned n = result.blocked.front().node;
  while (seenAt[n] < 0) {
    seenAt[n] = walk.size();
    walk.push_back(n);
    const TimedEdge &edge = graph.edges[runs[n].waitEdge];
    n = runs[n].waitOnFull ? edge.consumer : edge.producer;
  }
  result.waitCycle.assign(walk.begin() + seenAt[n], walk.end());
  result.waitCycle.push_back(n);
}

SimResult Simulator::run() {
  unsigned numNodes = graph.nodes.size();
  unsigned numEdges = graph.edges.size();
  fifos.resize(numEdges);
  for (unsigned e = 0; e < numEdges; ++e) {
    Fifo &fifo = fifos[e];
    fifo.tokens = graph.edges[e].tokens;
    if (!options.depths.empty())
      fifo.depth = std::max<int64_t>(1, options.depths[e]);
    fifo.windowed = !options.recordsTokens();
    if (!fifo.windowed) {
      fifo.writeCycle.resize(fifo.tokens);
      fifo.readCycle.resize(fifo.tokens);
    }
  }
  result.nodes.resize(numNodes);
  result.fifos.resize(numEdges);
  if (options.recordTrace)
    result.stalls.resize(numNodes);

  runs.resize(numNodes);
  for (unsigned n = 0; n < numNodes; ++n) {
    const TimedNode &node = graph.nodes[n];
    NodeRun &run = runs[n];
    run.launch = options.launch.empty() ? 0 : options.launch[n];
    run.nextIn.assign(node.inputs.size(), 0);
    run.nextOut.assign(node.outputs.size(), 0);
    run.firstOffset = kNever;
    for (const TimedPort &port : node.inputs) {
      run.inOffset.push_back(port.schedule.offset(0));
      run.firstOffset = std::min(run.firstOffset, run.inOffset.back());
    }
    for (const TimedPort &port : node.outputs) {
      run.outOffset.push_back(port.schedule.offset(0));
      run.firstOffset = std::min(run.firstOffset, run.outOffset.back());
    }
    if (run.firstOffset == kNever)
      run.firstOffset = 0;
  }
  // Producers first, so most reads find their data already written.
  for (auto it = graph.topologicalOrder.rbegin(),
            end = graph.topologicalOrder.rend();
       it != end; ++it) {
    runs[*it].queued = true;
    worklist.push_back(*it);
  }
  while (!worklist.empty()) {
    unsigned n = worklist.back();
    worklist.pop_back();
    runs[n].queued = false;
    runNode(n);
  }

  for (unsigned n = 0; n < numNodes; ++n) {
    const NodeRun &run = runs[n];
    result.cycles = std::max(result.cycles, run.done ? result.nodes[n].finish
                                                     : run.lastCycle);
  }
  if (llvm::any_of(runs, [](const NodeRun &run) { return !run.done; }))
    reportDeadlock();

  for (unsigned e = 0; e < numEdges; ++e) {
    Fifo &fifo = fifos[e];
    SimFifoStats &stats = result.fifos[e];
    stats.written = fifo.written;
    stats.read = fifo.read;
    if (fifo.windowed) {
      stats.peakOccupancy = -1;
      continue;
    }
    int64_t readsBefore = 0;
    for (int64_t k = 0; k < fifo.written; ++k) {
      while (readsBefore < fifo.read &&
             fifo.readCycle[readsBefore] < fifo.writeCycle[k])
        ++readsBefore;
      stats.peakOccupancy = std::max(stats.peakOccupancy, k + 1 - readsBefore);
    }
  }
  if (options.recordTrace) {
    for (Fifo &fifo : fifos) {
      fifo.writeCycle.resize(fifo.written);
      fifo.readCycle.resize(fifo.read);
      result.writeCycles.push_back(std::move(fifo.writeCycle));
      result.readCycles.push_back(std::move(fifo.readCycle));
    }
  }
  return std::move(result);
}

bool streamtensor::fitsSimulator(const TimedGraph &graph,
                                 const SimOptions &options) {
  int64_t total = 0;
  for (const TimedEdge &edge : graph.edges)
    total += edge.tokens;
  return total <= (options.recordsTokens()
                       ? DataflowGraphLimits::kMaxTotalTokens
                       : DataflowGraphLimits::kMaxStreamedTokens);
}

SimResult streamtensor::simulate(const TimedGraph &graph,
                                 const SimOptions &options) {
  return Simulator(graph, options).run();
}
