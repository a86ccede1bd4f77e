//===- HLSCpp.h - Vitis HLS C++ and build files from lowered IR -*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Translations of a lowered dataflow module (docs/lowered-ir.md) into the
// files of a design: kernel C++ for Vitis HLS that also compiles with g++
// against the bounded-FIFO simulation runtime, the simulation driver, the XRT
// host program, the HLS and link configurations, a Makefile and a JSON
// manifest. The file layout they assume is described in docs/codegen.md.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_TARGET_HLSCPP_H
#define STREAMTENSOR_TARGET_HLSCPP_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

namespace streamtensor::target {

/// File names every emitted artifact uses to refer to the others.
constexpr const char *kKernelsFile = "kernels.cpp";
constexpr const char *kSimDriverFile = "sim_main.cpp";
constexpr const char *kHostFile = "host.cpp";
constexpr const char *kLinkConfigFile = "link.cfg";
constexpr const char *kDataflowHeader = "streamtensor_dataflow.h";
constexpr const char *kXrtSimEntryFile = "xrt_sim_entry.cpp";

/// Name of the HLS configuration file of kernel `top`.
std::string getHLSConfigFileName(llvm::StringRef top);

/// Kernel C++ of every top function: one extern "C" function per top with
/// m_axi/s_axilite interfaces and a dataflow region, one function per
/// process.
mlir::LogicalResult emitKernels(mlir::ModuleOp module, llvm::raw_ostream &os);

/// A `main` that runs every top function in module order on tensors read
/// from a directory, under the bounded-FIFO simulation runtime.
mlir::LogicalResult emitSimDriver(mlir::ModuleOp module, llvm::raw_ostream &os);

/// A host program on the XRT native API (through runtime/host) that runs the
/// tops on a card, once per layer when the parameter file is layered.
mlir::LogicalResult emitHostProgram(mlir::ModuleOp module,
                                    llvm::raw_ostream &os);

/// Entry points for the simulated XRT device of runtime/xrt-sim: with the
/// kernels, a shared library that a simulated xclbin names.
mlir::LogicalResult emitXrtSimEntry(mlir::ModuleOp module,
                                    llvm::raw_ostream &os);

/// `hls_config` for `v++ -c --mode hls` of kernel `top`; `top` may be empty
/// when the module has a single top function.
mlir::LogicalResult emitHLSConfig(mlir::ModuleOp module, llvm::StringRef top,
                                  llvm::raw_ostream &os);

/// `v++ -l` configuration: compute units, HBM pseudo-channels and SLRs.
mlir::LogicalResult emitLinkConfig(mlir::ModuleOp module,
                                   llvm::raw_ostream &os);

/// Makefile with the sim, sw_emu, hw_emu and hw targets. `runtimeDir` is the
/// default of STREAMTENSOR_RUNTIME (the runtime/ folder of StreamTensor).
mlir::LogicalResult emitMakefile(mlir::ModuleOp module,
                                 llvm::StringRef runtimeDir,
                                 llvm::raw_ostream &os);

/// JSON description of the design: kernels, ports with their tensor names,
/// shapes and HBM channels, streams with depths and endpoints, files.
mlir::LogicalResult emitManifest(mlir::ModuleOp module, llvm::raw_ostream &os);

/// Every file above (manifest.json, kernels, simulation driver, host
/// program, link config, Makefile, one HLS config per kernel) written into
/// the existing directory `dir`; the file names go to `listing`.
mlir::LogicalResult emitDesignFiles(mlir::ModuleOp module, llvm::StringRef dir,
                                    llvm::StringRef runtimeDir,
                                    llvm::raw_ostream &listing);

/// Registers the translations above with mlir-translate (`--emit-hlscpp`,
/// `--emit-hls-sim-driver`, `--emit-host`, `--emit-hls-config`,
/// `--emit-link-config`, `--emit-makefile`, `--emit-manifest`) and their
/// command-line options.
void registerHLSCppTranslations();

} // namespace streamtensor::target

#endif // STREAMTENSOR_TARGET_HLSCPP_H
