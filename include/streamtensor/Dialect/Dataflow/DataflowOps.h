//===- DataflowOps.h - Dataflow operations ----------------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWOPS_H
#define STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"

#define GET_OP_CLASSES
#include "streamtensor/Dialect/Dataflow/DataflowOps.h.inc"

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWOPS_H
