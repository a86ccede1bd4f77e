//===- FifoBench.h - Benchmark of FIFO sizing strategies -------*- C++ -*-===//
//
// The `--bench-random` mode of streamtensor-fifo: sizes seeded random DAGs
// with every strategy, simulates each sizing and prints a Markdown table of
// FIFO bytes, deadlocks and simulated latency (run by bench/fifo/run.sh).
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_TOOLS_STREAMTENSOR_FIFO_FIFOBENCH_H
#define STREAMTENSOR_TOOLS_STREAMTENSOR_FIFO_FIFOBENCH_H

#include "streamtensor/Analysis/DataflowGraphRandom.h"
#include "streamtensor/Analysis/Target.h"

#include "llvm/Support/raw_ostream.h"

namespace streamtensor {

/// Returns false (after printing why) if any graph could not be sized.
bool runRandomFifoBenchmark(unsigned graphs, uint64_t seed,
                            const RandomGraphOptions &graphOptions,
                            const TargetDesc &target, llvm::raw_ostream &os);

} // namespace streamtensor

#endif // STREAMTENSOR_TOOLS_STREAMTENSOR_FIFO_FIFOBENCH_H
