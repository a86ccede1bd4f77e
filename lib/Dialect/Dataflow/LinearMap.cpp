//===- LinearMap.cpp - Affine maps as coefficient tables ------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LinearMap.h"
#include "mlir/IR/AffineExpr.h"

using namespace mlir;
using namespace streamtensor::dataflow;

std::optional<LinearExpr>
streamtensor::dataflow::getLinearExpr(AffineExpr expr, unsigned numDims) {
  LinearExpr result;
  result.coefficients.assign(numDims, 0);
  if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
    if (dim.getPosition() >= numDims)
      return std::nullopt;
    result.coefficients[dim.getPosition()] = 1;
    return result;
  }
  if (auto cst = dyn_cast<AffineConstantExpr>(expr)) {
    result.constant = cst.getValue();
    return result;
  }
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return std::nullopt;
  std::optional<LinearExpr> lhs = getLinearExpr(binary.getLHS(), numDims);
  std::optional<LinearExpr> rhs = getLinearExpr(binary.getRHS(), numDims);
  if (!lhs || !rhs)
    return std::nullopt;

  auto isConstant = [](const LinearExpr &e) {
    return llvm::all_of(e.coefficients, [](int64_t c) { return c == 0; });
  };
  switch (expr.getKind()) {
  case AffineExprKind::Add:
    for (unsigned k = 0; k < numDims; ++k)
      result.coefficients[k] = lhs->coefficients[k] + rhs->coefficients[k];
    result.constant = lhs->constant + rhs->constant;
    return result;
  case AffineExprKind::Mul: {
    if (!isConstant(*lhs) && !isConstant(*rhs))
      return std::nullopt;
    const LinearExpr &scaled = isConstant(*rhs) ? *lhs : *rhs;
    int64_t factor = isConstant(*rhs) ? rhs->constant : lhs->constant;
    for (unsigned k = 0; k < numDims; ++k)
      result.coefficients[k] = scaled.coefficients[k] * factor;
    result.constant = scaled.constant * factor;
    return result;
  }
  default:
    return std::nullopt;
  }
}

std::optional<llvm::SmallVector<LinearExpr>>
streamtensor::dataflow::getLinearMap(AffineMap map) {
  if (map.getNumSymbols() != 0)
    return std::nullopt;
  llvm::SmallVector<LinearExpr> exprs;
  for (AffineExpr expr : map.getResults()) {
    std::optional<LinearExpr> linear = getLinearExpr(expr, map.getNumDims());
    if (!linear)
      return std::nullopt;
    exprs.push_back(std::move(*linear));
  }
  return exprs;
}
