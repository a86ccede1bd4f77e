//===- Passes.h - FIFO sizing passes ----------------------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_PASSES_H
#define STREAMTENSOR_ANALYSIS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace streamtensor {

#define GEN_PASS_DECL
#include "streamtensor/Analysis/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "streamtensor/Analysis/Passes.h.inc"

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_PASSES_H
