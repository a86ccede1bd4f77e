//===- Passes.h - StreamTensor conversion passes ----------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_CONVERSION_PASSES_H
#define STREAMTENSOR_CONVERSION_PASSES_H

#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace streamtensor {

#define GEN_PASS_DECL
#include "streamtensor/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "streamtensor/Conversion/Passes.h.inc"

} // namespace streamtensor

#endif // STREAMTENSOR_CONVERSION_PASSES_H
