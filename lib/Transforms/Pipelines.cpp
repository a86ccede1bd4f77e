//===- Pipelines.cpp - StreamTensor named pass pipelines ------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/Pipelines.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void streamtensor::buildLinalgCleanupPipeline(OpPassManager &pm) {
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  pm.addPass(createLinalgFoldUnitExtentDimsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void streamtensor::registerPipelines() {
  PassPipelineRegistration<>(
      "streamtensor-linalg-opt",
      "Lower TOSA to linalg and clean linalg on tensors up (element-wise "
      "fusion, unit-dimension folding, canonicalization, CSE)",
      buildLinalgCleanupPipeline);
}
