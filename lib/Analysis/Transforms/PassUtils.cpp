//===- PassUtils.cpp - Helpers shared by the FIFO sizing passes -----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PassUtils.h"

#include "llvm/Support/FileSystem.h"

using namespace mlir;

FailureOr<streamtensor::TargetDesc>
streamtensor::loadPassTarget(ModuleOp module, llvm::StringRef path) {
  if (path.empty())
    return getDefaultTargetDesc();
  llvm::Expected<TargetDesc> target = loadTargetDesc(path);
  if (!target)
    return mlir::emitError(module.getLoc(), "cannot load target description: ")
           << llvm::toString(target.takeError());
  return std::move(*target);
}

LogicalResult streamtensor::writePassOutput(
    ModuleOp module, llvm::StringRef path,
    llvm::function_ref<void(llvm::raw_ostream &)> write) {
  if (path == "-") {
    write(llvm::outs());
    llvm::outs().flush();
    return success();
  }
  std::error_code error;
  llvm::raw_fd_ostream os(path, error, llvm::sys::fs::OF_Text);
  if (error)
    return mlir::emitError(module.getLoc(), "cannot write '")
           << path << "': " << error.message();
  write(os);
  return success();
}
