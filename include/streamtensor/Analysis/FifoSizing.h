//===- FifoSizing.h - Choosing FIFO depths for a dataflow graph -*- C++ -*-===//
//
// Strategies for the depth of every FIFO edge (docs/fifo-sizing.md):
//
//  asap              Eq. 1/2 at the delays the hardware sees when every
//                    kernel starts as soon as its inputs allow, with the
//                    stretch caused by slow producers bounded (see
//                    TokenModelBounds.h). Never blocks a kernel's write,
//                    so it cannot deadlock and adds no latency; a DMA edge
//                    whose engine keeps pace with its kernel gets 2 slots
//                    (only the engine waits). The default.
//  lp-min-bytes      A linear program picks start times at or after ASAP
//                    (without lengthening the nominal schedule) that
//                    minimise total FIFO bytes; kept if it saves bytes and
//                    the simulation is no slower. Only valid when the
//                    emitted code holds each kernel until its chosen start.
//  asap-nominal      Eq. 1/2 at the nominal ASAP delays, ignoring stretch.
//  paper-per-edge-lp The paper's LP (Eq. 3-5) over per-edge delays.
//  sum-of-delays-lp  An LP over start times minimising the sum of delays.
//  naive             Depth = tokens on the edge.
//  fixed             The same depth everywhere (2 is the HLS default).
//  sim-peak          The peak occupancy of a simulation with unbounded
//                    FIFOs: the smallest depths that change nothing.
//
// asap-nominal, paper-per-edge-lp and sum-of-delays-lp under-size some
// graphs and exist only for comparison. Conservative mode sizes with every
// kernel slowed to the pace of the slowest one (paper section 5.3); the
// real kernels stay fast, so they stall more on back-pressure.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_FIFOSIZING_H
#define STREAMTENSOR_ANALYSIS_FIFOSIZING_H

#include "streamtensor/Analysis/CycleSim.h"
#include "streamtensor/Analysis/TokenModel.h"

#include <optional>
#include <vector>

namespace streamtensor {

enum class FifoStrategy {
  Asap,
  LpMinBytes,
  AsapNominal,
  PaperPerEdgeLp,
  SumOfDelaysLp,
  Naive,
  Fixed,
  SimPeak,
};

enum class FifoMode { Normal, Conservative };

llvm::StringRef getFifoStrategyName(FifoStrategy strategy);
std::optional<FifoStrategy> parseFifoStrategy(llvm::StringRef name);
llvm::StringRef getFifoModeName(FifoMode mode);

struct FifoSizingOptions {
  FifoStrategy strategy = FifoStrategy::Asap;
  FifoMode mode = FifoMode::Normal;
  /// Depth of every FIFO for FifoStrategy::Fixed.
  int64_t fixedDepth = 2;
  /// Conservative mode: give FIFOs that deadlock the real schedule their
  /// normal depth back (off only to measure the paper's plain rule).
  bool restoreDeadlockedFifos = true;
};

struct FifoSizingResult {
  /// Depth per edge, in tokens.
  std::vector<int64_t> depths;
  /// Per timed-graph node, the cycle before which the emitted code must not
  /// start it; all zero except for lp-min-bytes.
  std::vector<int64_t> launch;
  /// Per edge, the producer-to-consumer start delay the depth was computed
  /// for, if the strategy works from one.
  std::vector<std::optional<double>> delays;
  int64_t totalBytes = 0;
  /// lp-min-bytes: total bytes of the asap sizing, and whether the LP's
  /// start times beat it without slowing the simulated design (otherwise
  /// the asap sizing is returned).
  std::optional<int64_t> asapBytes;
  bool lpImproved = false;
  /// Conservative mode: FIFOs given back their normal depth because the
  /// conservative one deadlocked the real schedule.
  unsigned restoredFifos = 0;
};

/// Sums depth x token bytes over all edges.
int64_t getTotalFifoBytes(const TimedGraph &graph,
                          llvm::ArrayRef<int64_t> depths);

/// Sizes the FIFOs of a timed graph. The mode is ignored: Conservative
/// needs the untimed graph (see the overload below).
llvm::Expected<FifoSizingResult> sizeFifos(const TimedGraph &graph,
                                           const FifoSizingOptions &options);

/// Times the graph for `target` and sizes its FIFOs in the given mode. The
/// result's depths and launch times apply to buildTimedGraph(graph, target).
/// Conservative depths are computed on stretchToSlowestKernel(graph), capped
/// at the normal depths, and checked by simulating the real schedule: FIFOs
/// found full in a deadlock get their normal depth back.
llvm::Expected<FifoSizingResult> sizeFifos(const DataflowGraph &graph,
                                           const TargetDesc &target,
                                           const FifoSizingOptions &options);

/// Whether any port follows a process's own access cycles (graphs built
/// from the IR) rather than D and II alone.
bool hasExactSchedules(const TimedGraph &graph);

/// A FIFO grown by growForSchedules: its depth before and after.
struct GrownFifo {
  unsigned edge;
  int64_t before;
  int64_t after;
};

/// The sizing bounds assume evenly spaced accesses. With the processes' own
/// access schedules (graphs built from the IR) two things can still go
/// wrong, and the FIFOs responsible are doubled (up to the tokens they
/// carry) until neither does:
///  - a pipeline of the model stalls as a whole on a blocked access, as an
///    HLS pipeline does, so a read of a later iteration issued before the
///    write of an earlier one can stop a design that the program-order
///    replay of the stream order check completes: while the run deadlocks,
///    the full FIFOs on the wait cycle grow;
///  - a bursty producer can wait on a FIFO sized for its average: while the
///    run is more than 1% slower than `unboundedCycles`, the FIFOs whose
///    producers waited on them being full grow.
/// Returns the grown FIFOs in edge order and leaves the last run in
/// `result`; nothing if a wait cycle has no FIFO left to grow.
/// `slowdownCaps` (per edge, 0 for none) bounds what the second step may
/// grow: a FIFO whose producer gains nothing from running further ahead.
std::optional<std::vector<GrownFifo>>
growForSchedules(const TimedGraph &graph, SimOptions options,
                 std::vector<int64_t> &depths, int64_t unboundedCycles,
                 SimResult &result,
                 llvm::ArrayRef<int64_t> slowdownCaps = {});

/// Conservative mode's view of a graph: every kernel's D, II and latency
/// scaled so that its busiest port takes as long as the slowest kernel's
/// (its tokens x II), i.e. all kernels run at the slowest kernel's pace.
llvm::Expected<DataflowGraph>
stretchToSlowestKernel(const DataflowGraph &graph);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_FIFOSIZING_H
