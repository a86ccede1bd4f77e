//===- TimingModel.h - Timing of lowered dataflow processes ----*- C++ -*-===//
//
// Derives the timing of each process of the lowered dataflow IR
// (docs/lowered-ir.md) from its loop nests, so that FIFO sizing needs no
// vendor HLS run: per stream argument, the first-token delay D, the average
// interval II between accesses and the process latency L (StreamTensor
// paper, section 5.1). docs/fifo-sizing.md ("Timing from the IR") states the
// rules:
//
//  - innermost scf.for loops are pipelined: II = 1 unless a recurrence (a
//    local array element loaded and stored in every iteration, such as a
//    reduction accumulator), several accesses to one stream per iteration,
//    or a `dataflow.pipeline_ii` attribute force a larger one; latency
//    (N - 1) * II + iteration latency;
//  - the iteration latency is the longest path of operation latencies
//    (targets/u55c.json) through the body's data and memory dependences; a
//    load from an m_axi port takes the HBM read latency, as HLS schedules
//    it, and the timed simulation adds what bursts and bandwidth cost;
//  - an unrolled innermost loop (`dataflow.unroll`) issues that many copies
//    of its body per pipeline iteration, one cycle apart, with the II raised
//    by what the copies share (a stream, a port, the banks of a local
//    array, an accumulator); unrolling a loop around it is not modelled;
//  - a perfect nest of constant-bound loops around a pipelined loop is
//    flattened into one pipeline of the product of their trip counts, as
//    Vitis does;
//  - other loops run their body N times one after another, and the
//    operations and loops of a block run in program order: nothing overlaps
//    beyond the pipelined innermost loop.
//
// graphFromTopFunction() turns a `dataflow.top` function into the
// DataflowGraph of the FIFO sizing: called processes are kernels, streams are
// edges, DMA processes (named *_dma_in* / *_dma_out*) become the HBM side of
// their stream.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_TIMINGMODEL_H
#define STREAMTENSOR_ANALYSIS_TIMINGMODEL_H

#include "streamtensor/Analysis/AccessSchedule.h"
#include "streamtensor/Analysis/DataflowGraph.h"
#include "streamtensor/Analysis/Target.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <map>
#include <vector>

namespace streamtensor {

/// The accesses of a process to one stream argument, in cycles from the
/// process start (the cycle an access is issued).
struct StreamAccessTiming {
  bool isWrite = false;
  int64_t tokens = 0;
  int64_t firstCycle = 0;
  int64_t lastCycle = 0;
  /// Every access's cycle, in program order (the graph model's causal
  /// schedule).
  AccessSchedule schedule;

  /// D: the first token is readable one cycle after its write is issued.
  int64_t getInitialDelay() const { return firstCycle + 1; }
  /// Average cycles between writes: (last - first) / (T - 1), rounded down
  /// (a producer at least as fast as the real one), at least 1.
  int64_t getProducerII() const;
  /// Average cycles between reads when the first read is placed at the
  /// process start (the graph model's reads start at offset 0):
  /// last / (T - 1), rounded up (a consumer no faster than the real one),
  /// at least 1.
  int64_t getConsumerII() const;
};

/// How one scf.for was timed (reported for tests and diagnostics).
struct LoopTiming {
  mlir::scf::ForOp loop;
  int64_t tripCount = 0;
  bool pipelined = false;
  /// Pipelined loops: initiation interval, the recurrence bound on it (0 if
  /// there is none) and the latency of one iteration.
  int64_t ii = 0;
  int64_t recurrenceII = 0;
  /// Cycles one pipeline iteration takes on average: the II, or more when
  /// a port's bandwidth share is a fraction of a word per cycle.
  double cyclesPerIteration = 0;
  int64_t iterationLatency = 0;
  /// A perfect nest around a pipelined loop runs as one pipeline, as Vitis
  /// flattens it (the emitter writes `loop_flatten`): its outermost loop is
  /// `flattened` and pipelined, with `pipelineTrips` iterations in all; the
  /// loops inside it are `inFlattenedNest`.
  bool flattened = false;
  bool inFlattenedNest = false;
  int64_t pipelineTrips = 0;
  /// Iterations of the innermost loop per pipeline iteration
  /// (`dataflow.unroll`, as a divisor of its trip count; 1 if not unrolled).
  int64_t unroll = 1;
  /// Cycles from loop entry to exit.
  int64_t latency = 0;
  /// Innermost pipelined loops: read-modify-writes of a local-array element
  /// whose index moves with the induction variable (an accumulator row),
  /// with the cycles from the load's issue to the store's completion. They
  /// recur only when an enclosing flattened loop revisits the element.
  llvm::SmallVector<std::pair<mlir::Operation *, int64_t>> indexedRecurrences;
};

struct ProcessTiming {
  /// L: cycles from start to completion.
  int64_t latency = 0;
  /// Per stream argument of the function (by argument number).
  std::map<unsigned, StreamAccessTiming> streams;
  std::vector<LoopTiming> loops;
  /// Bytes its m_axi port accesses move in one run.
  int64_t hbmBytesRead = 0;
  int64_t hbmBytesWritten = 0;
  /// The static schedule the emitted code carries into the timed simulation:
  /// the issue cycle of each operation of a straight-line segment or of a
  /// pipelined iteration, from the start of that segment or iteration
  /// (operations nested in scf.if are not listed), and the latency of each
  /// straight-line segment outside pipelined loops, keyed by its last
  /// operation.
  llvm::DenseMap<mlir::Operation *, int64_t> opStarts;
  llvm::DenseMap<mlir::Operation *, int64_t> segmentLatency;
};

/// What one m_axi port argument of a process may use: its share of the
/// port's beats and of the bandwidth of the port's pseudo-channel and of all
/// of HBM (0: unlimited), when other processes or ports share them.
struct PortShare {
  double beatsPerCycle = 1;
  double bytesPerCycle = 0;
};
/// Shares by argument number of the process.
using PortShares = llvm::DenseMap<unsigned, PortShare>;

/// Times a process function. With `shares`, a pipelined loop's II also
/// covers the beats and bytes its port accesses take from their shares, and
/// the latency of its strided (one-beat burst) reads over the bursts a port
/// keeps in flight; without, port accesses cost only their latency (the
/// static schedule of the emitted code). Unsupported IR (non-constant loop bounds, an
/// operation without a latency in the target, a stream accessed under
/// scf.if, ...) is reported at the operation and yields failure.
mlir::FailureOr<ProcessTiming>
analyzeProcessTiming(mlir::func::FuncOp func, const TargetDesc &target,
                     const PortShares *shares = nullptr);

/// The argument number of the stream a `dataflow.stream_read` or
/// `dataflow.stream_write` accesses; an error at `access` unless the stream
/// is an argument of `process`.
mlir::FailureOr<unsigned> getStreamArgNumber(mlir::Operation *access,
                                             mlir::func::FuncOp process);

/// Bytes of one token of a stream of `element` (a scalar or a vector).
int64_t getTokenBytes(mlir::Type element);

/// One stream of a top function and the graph edge it became.
struct GraphStream {
  mlir::Operation *streamOp;
  unsigned edge;
};

struct TopFunctionGraph {
  DataflowGraph graph;
  std::vector<GraphStream> streams;
  /// Kernel index of each non-DMA call, in program order (-1 for DMA calls).
  std::vector<std::pair<mlir::func::CallOp, int>> calls;
  /// Bytes all processes move through m_axi ports in one run.
  int64_t hbmBytesRead = 0;
  int64_t hbmBytesWritten = 0;
};

/// Builds the dataflow graph of a `dataflow.top` function: one kernel per
/// called process (timed with the port shares of its call: the processes
/// using one port split its beats, the ports of the top split the channels
/// they are spread over and all of HBM), one edge per `dataflow.stream` with T = number of
/// scalars written and the D, II and L of the processes that access it. A
/// DMA process (callee name containing `_dma_in` or `_dma_out`, exactly one
/// stream argument) becomes the HBM side of its stream; its pseudo-channel
/// is the `dataflow.port` (else the number) of the top argument it accesses,
/// or its rank among the DMA calls when it accesses none, modulo the
/// target's channel count. Errors are reported at the offending operation.
mlir::FailureOr<TopFunctionGraph>
graphFromTopFunction(mlir::func::FuncOp top, const TargetDesc &target);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_TIMINGMODEL_H
