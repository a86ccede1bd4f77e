//===- OperatorKeys.h - Target keys of arithmetic operations ----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// How the timing and resource models name an operation and its type in the
// target description ("f32", "add"), shared so both cost the same ops.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_ANALYSIS_OPERATORKEYS_H
#define STREAMTENSOR_LIB_ANALYSIS_OPERATORKEYS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace streamtensor {
namespace detail {

using mlir::Operation;
using mlir::Type;
using mlir::IntegerType;
using llvm::StringRef;
using mlir::dyn_cast;
namespace arith = mlir::arith;
namespace math = mlir::math;

inline std::string getTypeKey(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type))
    return "i" + std::to_string(integer.getWidth());
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

/// The target's name of an arithmetic operation ("add", "mul", ...), or an
/// empty string if the operation is not one the target describes.
inline StringRef getArithKey(Operation *op) {
  return llvm::TypeSwitch<Operation *, StringRef>(op)
      .Case<arith::AddFOp, arith::SubFOp, arith::AddIOp, arith::SubIOp>(
          [](auto) { return "add"; })
      .Case<arith::MulFOp, arith::MulIOp>([](auto) { return "mul"; })
      .Case<arith::DivFOp, arith::DivSIOp, arith::DivUIOp, arith::RemFOp,
            arith::RemSIOp, arith::RemUIOp, arith::CeilDivSIOp,
            arith::FloorDivSIOp>([](auto) { return "div"; })
      .Case<arith::MaximumFOp, arith::MinimumFOp, arith::MaxNumFOp,
            arith::MinNumFOp, arith::MaxSIOp, arith::MinSIOp, arith::MaxUIOp,
            arith::MinUIOp>([](auto) { return "max"; })
      .Case<arith::CmpFOp, arith::CmpIOp>([](auto) { return "compare"; })
      .Case<math::FmaOp>([](auto) { return "mac"; })
      .Default([](Operation *op) -> StringRef {
        if (op->getDialect() && op->getDialect()->getNamespace() ==
                                    math::MathDialect::getDialectNamespace())
          return op->getName().stripDialect();
        return "";
      });
}

} // namespace detail
} // namespace streamtensor

#endif // STREAMTENSOR_LIB_ANALYSIS_OPERATORKEYS_H
