//===- LinearMap.h - Affine maps as coefficient tables ----------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// itensor iteration maps are linear: each data offset is a constant plus a
// weighted sum of loop indices. Keeping them as coefficient tables makes the
// type queries (data shape, offsets, equivalence) plain integer arithmetic.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_DIALECT_DATAFLOW_LINEARMAP_H
#define STREAMTENSOR_LIB_DIALECT_DATAFLOW_LINEARMAP_H

#include "mlir/IR/AffineMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace streamtensor::dataflow {

/// One map result: constant + sum over loops of coefficients[k] * index_k.
struct LinearExpr {
  llvm::SmallVector<int64_t> coefficients;
  int64_t constant = 0;
};

/// Decomposes `expr` over `numDims` loop indices; nullopt when the expression
/// is not linear (mod, floordiv, ceildiv, products of indices, symbols).
std::optional<LinearExpr> getLinearExpr(mlir::AffineExpr expr,
                                        unsigned numDims);

/// All results of `map`, or nullopt when one of them is not linear.
std::optional<llvm::SmallVector<LinearExpr>> getLinearMap(mlir::AffineMap map);

} // namespace streamtensor::dataflow

#endif // STREAMTENSOR_LIB_DIALECT_DATAFLOW_LINEARMAP_H
