//===- DataflowGraph.h - Kernels connected by FIFO edges -------*- C++ -*-===//
//
// The graph the FIFO sizing and the simulator work on. A kernel has a
// latency L (launch to completion when it never stalls). An edge carries T
// tokens; its producer makes the first token readable D cycles after it
// starts and one more every producer II; its consumer reads one token every
// consumer II. An edge whose producer or consumer is an HBM pseudo-channel
// is a DMA edge; its timing on that side comes from the target's HBM model.
//
// Builders (the JSON reader, a compiler pass) fill the graph and then call
// verify(), which rejects cycles, unknown endpoints and numbers the model
// cannot use.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_DATAFLOWGRAPH_H
#define STREAMTENSOR_ANALYSIS_DATAFLOWGRAPH_H

#include "streamtensor/Analysis/AccessSchedule.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamtensor {

struct DataflowKernel {
  std::string name;
  int64_t latency = 0;
};

struct DataflowEdge {
  /// Endpoint value for the HBM side of a DMA edge.
  static constexpr int kExternal = -1;

  int from = kExternal;
  int to = kExternal;
  /// Pseudo-channel of the HBM side of a DMA edge, -1 otherwise.
  int hbmChannel = -1;
  int64_t tokens = 0;
  /// D: cycles from the producer's start until the first token is readable.
  int64_t initialDelay = 0;
  int64_t producerII = 0;
  int64_t consumerII = 0;
  int64_t tokenBytes = 4;
  /// Optional label used in reports.
  std::string name;
  /// Optional exact access cycles of the producer and the consumer from
  /// their starts (graphs built from the IR have them); when present the
  /// simulator follows them instead of D + k * II and k * II. The sizing
  /// bounds keep using D and the IIs.
  AccessSchedule producerSchedule, consumerSchedule;

  bool isDmaRead() const { return from == kExternal; }
  bool isDmaWrite() const { return to == kExternal; }
  bool isDma() const { return isDmaRead() || isDmaWrite(); }
};

/// Limits that keep every cycle count of the model inside int64_t and the
/// simulator's per-token records inside a few hundred MB.
struct DataflowGraphLimits {
  static constexpr int64_t kMaxCycles = int64_t(1) << 40;
  static constexpr int64_t kMaxTokenBytes = int64_t(1) << 20;
  /// Runs that record every token (peak occupancies, traces).
  static constexpr int64_t kMaxTotalTokens = int64_t(1) << 26;
  /// Runs that keep only the tokens in flight.
  static constexpr int64_t kMaxStreamedTokens = int64_t(1) << 32;
  static constexpr unsigned kMaxKernels = 1 << 16;
};

class DataflowGraph {
public:
  /// Adds a kernel and returns its index. Names must be unique (verify()
  /// checks it).
  unsigned addKernel(llvm::StringRef name, int64_t latency);
  unsigned addEdge(const DataflowEdge &edge);

  llvm::ArrayRef<DataflowKernel> getKernels() const { return kernels; }
  llvm::ArrayRef<DataflowEdge> getEdges() const { return edges; }
  const DataflowKernel &getKernel(unsigned index) const {
    return kernels[index];
  }
  const DataflowEdge &getEdge(unsigned index) const { return edges[index]; }
  DataflowKernel &getKernel(unsigned index) { return kernels[index]; }
  DataflowEdge &getEdge(unsigned index) { return edges[index]; }
  unsigned getNumKernels() const { return kernels.size(); }
  unsigned getNumEdges() const { return edges.size(); }

  std::optional<unsigned> lookupKernel(llvm::StringRef name) const;

  /// "producer -> consumer", with "hbm[N]" for the external side.
  std::string describeEdge(unsigned edge) const;
  /// The edge's label if it has one, else describeEdge().
  std::string getEdgeLabel(unsigned edge) const;

  /// Kernel indices in topological order, or the kernels of one cycle (in
  /// edge order, first kernel repeated at the end) if the graph has one.
  std::vector<unsigned> topologicalOrder(std::vector<unsigned> *cycle) const;

  /// Smallest latency consistent with the kernel's own edges: the last token
  /// it writes must be readable, and its last read issued, before it
  /// completes. Returns the bound and the edge that sets it (-1 if none).
  std::pair<int64_t, int> getMinimumLatency(unsigned kernel) const;

  /// Tokens over all edges (what the simulator replays per run).
  int64_t getTotalTokens() const;

  /// Checks every number and endpoint, kernel latencies and acyclicity (not
  /// the simulator's token limit: sizing works on larger graphs).
  /// Messages name the kernel or edge ("edge 3 (a -> b): ...").
  llvm::Error verify() const;

private:
  std::vector<DataflowKernel> kernels;
  std::vector<DataflowEdge> edges;
  llvm::StringMap<unsigned> kernelByName;
};

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_DATAFLOWGRAPH_H
