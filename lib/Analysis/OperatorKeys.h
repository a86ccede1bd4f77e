//===- OperatorKeys.h - Target keys of arithmetic operations ----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// How the timing and resource models name an operation's type and key in
// the target description ("f32", "add"), shared so both cost the same ops.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_ANALYSIS_OPERATORKEYS_H
#define STREAMTENSOR_LIB_ANALYSIS_OPERATORKEYS_H

#include "streamtensor/Analysis/OperatorKeys.h"

#include "mlir/IR/Operation.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace streamtensor {
namespace detail {

using mlir::Operation;
using mlir::Type;
using mlir::IntegerType;
using llvm::StringRef;
using mlir::dyn_cast;

/// The target's name of `type`. Sub-byte integers (the 4-bit codes of
/// quantized weights) take the i8 figures: an upper bound on their cost.
inline std::string getTypeKey(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type)) {
    unsigned width = integer.getWidth();
    return "i" + std::to_string(width > 1 && width < 8 ? 8 : width);
  }
  if (type.isF16())
    return "f16";
  if (type.isBF16())
    return "bf16";
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// Index and i1 arithmetic is address or control logic folded into the
/// surrounding operations; it takes no cycle of its own.
inline bool isFreeType(Type type) {
  return type.isIndex() || type.isInteger(1);
}

/// The target's key of an arithmetic operation ("add", "exp"), or an empty
/// string for free operations, conversions and anything else.
inline StringRef getArithKey(Operation *op) {
  OperatorClass kind = classifyOperator(op->getName().getStringRef());
  return kind.kind == OperatorKind::Arithmetic ? kind.key : StringRef();
}

} // namespace detail
} // namespace streamtensor

#endif // STREAMTENSOR_LIB_ANALYSIS_OPERATORKEYS_H
