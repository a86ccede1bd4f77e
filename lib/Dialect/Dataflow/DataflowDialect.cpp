//===- DataflowDialect.cpp - Dataflow dialect -----------------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace streamtensor::dataflow;

#include "streamtensor/Dialect/Dataflow/DataflowDialect.cpp.inc"

void DataflowDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "streamtensor/Dialect/Dataflow/DataflowOps.cpp.inc"
      >();
}
