//===- PassUtils.h - Helpers shared by the FIFO sizing passes ---*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_ANALYSIS_TRANSFORMS_PASSUTILS_H
#define STREAMTENSOR_LIB_ANALYSIS_TRANSFORMS_PASSUTILS_H

#include "streamtensor/Analysis/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace streamtensor {

/// The target description in `path`, or the built-in one if it is empty.
/// Errors are reported on the module.
mlir::FailureOr<TargetDesc> loadPassTarget(mlir::ModuleOp module,
                                           llvm::StringRef path);

/// Writes to `path` ("-" for standard output) through `write`; errors are
/// reported on the module.
mlir::LogicalResult
writePassOutput(mlir::ModuleOp module, llvm::StringRef path,
                llvm::function_ref<void(llvm::raw_ostream &)> write);

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_ANALYSIS_TRANSFORMS_PASSUTILS_H
