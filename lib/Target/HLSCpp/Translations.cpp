//===- Translations.cpp - mlir-translate registrations --------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Target/HLSCpp.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ManagedStatic.h"

using namespace mlir;
using namespace streamtensor::target;

namespace {
struct TranslateOptions {
  llvm::cl::opt<std::string> top{
      "top",
      llvm::cl::desc("Kernel whose HLS configuration --emit-hls-config "
                     "writes (needed when the module has several tops)"),
      llvm::cl::init("")};
  llvm::cl::opt<std::string> runtimeDir{
      "runtime-dir",
      llvm::cl::desc("Default of STREAMTENSOR_RUNTIME in the Makefile: the "
                     "runtime/ folder of StreamTensor"),
      llvm::cl::init("")};
  llvm::cl::opt<std::string> designDir{
      "design-dir",
      llvm::cl::desc("Directory --emit-design writes every file of the design "
                     "into"),
      llvm::cl::init("")};
};
} // namespace

static llvm::ManagedStatic<TranslateOptions> options;

static void registerDialects(DialectRegistry &registry) {
  registry.insert<arith::ArithDialect, func::FuncDialect, math::MathDialect,
                  memref::MemRefDialect, scf::SCFDialect,
                  vector::VectorDialect,
                  streamtensor::dataflow::DataflowDialect>();
}

void streamtensor::target::registerHLSCppTranslations() {
  // The options must exist before the command line is parsed.
  (void)*options;
  static TranslateFromMLIRRegistration kernels(
      "emit-hlscpp", "Vitis HLS C++ of the dataflow kernels",
      [](ModuleOp module, raw_ostream &os) { return emitKernels(module, os); },
      registerDialects);
  static TranslateFromMLIRRegistration driver(
      "emit-hls-sim-driver",
      "main() of the bounded-FIFO simulation of the kernels",
      [](ModuleOp module, raw_ostream &os) {
        return emitSimDriver(module, os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration host(
      "emit-host", "XRT host program running the kernels on a card",
      [](ModuleOp module, raw_ostream &os) {
        return emitHostProgram(module, os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration xrtSimEntry(
      "emit-xrt-sim-entry",
      "entry points of the kernels for the simulated XRT device",
      [](ModuleOp module, raw_ostream &os) {
        return emitXrtSimEntry(module, os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration hlsConfig(
      "emit-hls-config",
      "hls_config for v++ -c --mode hls of one kernel (--top)",
      [](ModuleOp module, raw_ostream &os) {
        return emitHLSConfig(module, options->top, os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration linkConfig(
      "emit-link-config", "v++ -l connectivity: compute units, HBM, SLRs",
      [](ModuleOp module, raw_ostream &os) {
        return emitLinkConfig(module, os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration makefile(
      "emit-makefile", "Makefile with the sim, sw_emu, hw_emu and hw targets",
      [](ModuleOp module, raw_ostream &os) {
        return emitMakefile(module, options->runtimeDir, os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration design(
      "emit-design",
      "every file of the design into --design-dir; lists the files written",
      [](ModuleOp module, raw_ostream &os) {
        return emitDesignFiles(module, options->designDir, options->runtimeDir,
                               os);
      },
      registerDialects);
  static TranslateFromMLIRRegistration manifest(
      "emit-manifest",
      "JSON description of the kernels, tensors, streams and files",
      [](ModuleOp module, raw_ostream &os) { return emitManifest(module, os); },
      registerDialects);
}
