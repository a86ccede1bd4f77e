//===- OperatorKeys.h - How target descriptions name operations -*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The timing and resource models cost an arithmetic operation by a key
// ("add", "exp") and its element type ("f32"). This is the one table from
// operation names to those keys, and the list of element types and keys a
// target must describe, so every operation the compiler can emit is costed.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_OPERATORKEYS_H
#define STREAMTENSOR_ANALYSIS_OPERATORKEYS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace streamtensor {

enum class OperatorKind {
  /// Wiring or address logic folded into its neighbours (constants,
  /// selects, bitwise logic, sign flips).
  Free,
  /// An element-type conversion, costed per (from, to) pair.
  Conversion,
  /// An operator with a latency and a cost per element type, under `key`.
  Arithmetic,
  /// Not an arith or math operation.
  Unknown,
};

struct OperatorClass {
  OperatorKind kind;
  llvm::StringRef key;
};

/// The class of the arith or math operation named `name` ("arith.subi").
OperatorClass classifyOperator(llvm::StringRef name);

/// Element types a process can compute on, each of which a target must
/// describe (i1 and index are free).
llvm::ArrayRef<llvm::StringRef> getElementTypeKeys();

/// The operator keys a target must give for a float or an integer type.
llvm::ArrayRef<llvm::StringRef> getOperatorKeys(bool isFloat);

inline bool isFloatTypeKey(llvm::StringRef type) {
  return type.starts_with("f");
}

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_OPERATORKEYS_H
