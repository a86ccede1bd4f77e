//===- EmitDesignFiles.cpp - Every file of a design in one run ------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The driver needs all of a design's files; emitting them from one parsed
// module saves a translator start-up and a parse per file.
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "streamtensor/Target/HLSCpp.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

using namespace mlir;
using namespace streamtensor::target;

/// Writes `name` in `dir` with `emit`; on failure no partial file is left.
static LogicalResult
writeFile(ModuleOp module, StringRef dir, StringRef name,
          const std::function<LogicalResult(raw_ostream &)> &emit,
          raw_ostream &listing) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, name);
  std::string text;
  llvm::raw_string_ostream os(text);
  if (failed(emit(os)))
    return failure();
  std::error_code error;
  llvm::raw_fd_ostream file(path, error, llvm::sys::fs::OF_Text);
  if (error)
    return module.emitError("cannot write '") << path << "': "
                                              << error.message();
  file << text;
  file.close();
  if (file.has_error())
    return module.emitError("cannot write '") << path << "'";
  listing << name << "\n";
  return success();
}

LogicalResult streamtensor::target::emitDesignFiles(ModuleOp module,
                                                    StringRef dir,
                                                    StringRef runtimeDir,
                                                    raw_ostream &listing) {
  if (dir.empty() || !llvm::sys::fs::is_directory(dir))
    return module.emitError("--design-dir must name an existing directory, got '")
           << dir << "'";
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  using Emit = std::function<LogicalResult(raw_ostream &)>;
  std::vector<std::pair<std::string, Emit>> files = {
      {"manifest.json", [&](raw_ostream &os) { return emitManifest(module, os); }},
      {kKernelsFile, [&](raw_ostream &os) { return emitKernels(module, os); }},
      {kSimDriverFile, [&](raw_ostream &os) { return emitSimDriver(module, os); }},
      {kHostFile, [&](raw_ostream &os) { return emitHostProgram(module, os); }},
      {kXrtSimEntryFile, [&](raw_ostream &os) { return emitXrtSimEntry(module, os); }},
      {kLinkConfigFile, [&](raw_ostream &os) { return emitLinkConfig(module, os); }},
      {"Makefile",
       [&](raw_ostream &os) { return emitMakefile(module, runtimeDir, os); }}};
  for (const Top &top : design->tops) {
    std::string name = top.cName;
    files.emplace_back(getHLSConfigFileName(name), [&module, name](raw_ostream &os) {
      return emitHLSConfig(module, name, os);
    });
  }
  for (auto &[name, emit] : files)
    if (failed(writeFile(module, dir, name, emit, listing)))
      return failure();
  return success();
}
