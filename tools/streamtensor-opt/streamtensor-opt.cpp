//===- streamtensor-opt.cpp - StreamTensor optimizer driver ---------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the dataflow dialect, its passes and StreamTensor's named
// pipelines registered next to every upstream dialect and pass.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/Passes.h"
#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/Pipelines.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<streamtensor::dataflow::DataflowDialect>();

  mlir::registerAllPasses();
  streamtensor::dataflow::registerDataflowPasses();
  streamtensor::registerStreamTensorTransformsPasses();
  streamtensor::registerPipelines();
  streamtensor::registerStreamTensorConversionPasses();
  streamtensor::registerStreamTensorAnalysisPasses();

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "StreamTensor optimizer driver\n", registry));
}
