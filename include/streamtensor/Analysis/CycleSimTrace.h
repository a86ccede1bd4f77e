//===- CycleSimTrace.h - Timeline of a simulation for Perfetto -*- C++ -*-===//
//
// Writes a simulation run in the Chrome trace event format, which the
// Perfetto UI (ui.perfetto.dev) and chrome://tracing open: one track per
// kernel or DMA engine with its waiting, busy and stalled spans, and one
// counter per FIFO with its occupancy. Timestamps are microseconds at the
// target clock, so the timeline reads as the model's estimate of the board.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_CYCLESIMTRACE_H
#define STREAMTENSOR_ANALYSIS_CYCLESIMTRACE_H

#include "streamtensor/Analysis/CycleSim.h"

#include "llvm/Support/raw_ostream.h"

namespace streamtensor {

/// `result` must come from a run with SimOptions::recordTrace set.
void writeSimulationTrace(const TimedGraph &graph, const SimResult &result,
                          llvm::StringRef title, llvm::raw_ostream &os);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_CYCLESIMTRACE_H
