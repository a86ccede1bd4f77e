//===- Pipelines.h - StreamTensor named pass pipelines ----------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_TRANSFORMS_PIPELINES_H
#define STREAMTENSOR_TRANSFORMS_PIPELINES_H

#include "mlir/Pass/PassManager.h"

namespace streamtensor {

/// Brings TOSA or linalg-on-tensors input to clean linalg on tensors: TOSA
/// lowered to linalg, element-wise producers fused into their consumers,
/// unit dimensions folded, then canonicalized.
void buildLinalgCleanupPipeline(mlir::OpPassManager &pm);

/// Takes linalg on tensors to fused dataflow kernels: large weights split
/// over up to `weightPorts` ports each (a function's split weights sharing
/// `portBudget` pseudo-channels, docs/tiling.md), word-wide datapaths for contractions
/// streaming external operands (when `streamWeights`, with weight tiles of
/// at most `maxTileBytes`), tiling, one kernel per nest, fusion under
/// `memoryBudget` bytes, forks for shared streams and converter sizing.
void buildDataflowPipeline(mlir::OpPassManager &pm, int64_t memoryBudget,
                           bool streamWeights = true, int64_t weightPorts = 8,
                           int64_t maxTileBytes = 65536,
                           int64_t minPortBytes = 262144,
                           int64_t portBudget = 28);

/// Lowers fused kernels to FIFO-connected process functions on memrefs, the
/// input of code generation (docs/lowered-ir.md).
void buildLowerDataflowPipeline(mlir::OpPassManager &pm,
                                int64_t streamLanes = 16);

/// Registers the pipelines above with the pass registry.
void registerPipelines();

} // namespace streamtensor

#endif // STREAMTENSOR_TRANSFORMS_PIPELINES_H
