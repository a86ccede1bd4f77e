//===- StreamOrderIR.h - Stream access order of lowered IR -----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Builds the stream access programs of StreamOrder.h from the lowered
// dataflow IR (docs/lowered-ir.md): the scf.for nests of each process with
// their `dataflow.stream_read` / `dataflow.stream_write` ops.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_STREAMORDERIR_H
#define STREAMTENSOR_ANALYSIS_STREAMORDERIR_H

#include "streamtensor/Analysis/StreamOrder.h"
#include "streamtensor/Analysis/TimingModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"

#include <memory>

namespace streamtensor {

/// The order of a process's stream accesses; ports are argument numbers.
/// Loops need constant bounds, and streams may not be accessed under
/// scf.if or any other region (errors are reported at the operation).
mlir::FailureOr<StreamAccessProgram>
buildStreamAccessProgram(mlir::func::FuncOp process);

/// The processes of a top function's dataflow graph (kernels and DMA
/// engines) and its streams. Channel i is graph edge `streams[i].edge`; its
/// depth is that of the stream type.
struct TopStreamOrder {
  StreamOrderNetwork network;
  std::vector<std::unique_ptr<StreamAccessProgram>> programs;
};

mlir::FailureOr<std::unique_ptr<TopStreamOrder>>
buildTopStreamOrder(const TopFunctionGraph &graph);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_STREAMORDERIR_H
