//===- streamtensor-translate.cpp - StreamTensor translation driver -------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// mlir-translate with only the translations from lowered dataflow IR to the
// files of a design (kernel C++, simulation driver, host program, Vitis
// configurations, Makefile, manifest). See docs/codegen.md.
//
//===----------------------------------------------------------------------===//

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "streamtensor/Target/HLSCpp.h"

int main(int argc, char **argv) {
  streamtensor::target::registerHLSCppTranslations();
  return mlir::failed(mlir::mlirTranslateMain(
             argc, argv, "StreamTensor translation driver\n"))
             ? 1
             : 0;
}
