//===- Expressions.h - Scalar ops as C expressions --------------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TARGET_HLSCPP_EXPRESSIONS_H
#define STREAMTENSOR_LIB_TARGET_HLSCPP_EXPRESSIONS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace streamtensor::target {

/// Whether `op` is an arith or math op with a C expression (constants
/// included).
bool isSupportedScalarOp(mlir::Operation *op);

/// The C expression of `op`'s single result given the expressions of its
/// operands. Every compound expression is parenthesized, so the result can be
/// used as an operand without further care. Requires isSupportedScalarOp.
std::string buildExpression(mlir::Operation *op,
                            llvm::ArrayRef<std::string> operands);

/// Whether `text` is one parenthesized expression, `(...)`, as opposed to,
/// say, `(a) + (b)`.
bool isParenthesized(llvm::StringRef text);

/// A C literal of the scalar `attr` (float, integer or bool) of its exact
/// type's value.
std::string buildLiteral(mlir::TypedAttr attr);

} // namespace streamtensor::target

#endif // STREAMTENSOR_LIB_TARGET_HLSCPP_EXPRESSIONS_H
