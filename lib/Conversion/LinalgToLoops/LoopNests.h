//===- LoopNests.h - Helpers of the loop rewrites after lowering -*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Perfect loop nests and induction-variable dependence, shared by the loop
// rewrites that run after linalg is lowered to loops.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_CONVERSION_LINALGTOLOOPS_LOOPNESTS_H
#define STREAMTENSOR_LIB_CONVERSION_LINALGTOLOOPS_LOOPNESTS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace streamtensor {

/// The perfect nest under `outermost` (each loop's whole body the next
/// loop), outermost first.
inline llvm::SmallVector<mlir::scf::ForOp>
getPerfectNest(mlir::scf::ForOp outermost) {
  llvm::SmallVector<mlir::scf::ForOp> nest{outermost};
  while (true) {
    mlir::Block *body = nest.back().getBody();
    if (!llvm::hasSingleElement(body->without_terminator()))
      break;
    auto inner = mlir::dyn_cast<mlir::scf::ForOp>(body->front());
    if (!inner)
      break;
    nest.push_back(inner);
  }
  return nest;
}

/// Whether `value` is computed from `iv` by operations inside `scope`.
inline bool dependsOnValue(mlir::Value value, mlir::Value iv,
                           mlir::Operation *scope,
                           llvm::DenseMap<mlir::Value, bool> &cache) {
  if (value == iv)
    return true;
  mlir::Operation *def = value.getDefiningOp();
  if (!def || !scope->isAncestor(def))
    return false;
  auto [it, inserted] = cache.try_emplace(value, false);
  if (!inserted)
    return it->second;
  bool result = llvm::any_of(def->getOperands(), [&](mlir::Value operand) {
    return dependsOnValue(operand, iv, scope, cache);
  });
  cache[value] = result;
  return result;
}

/// An update `element += term` of one local element: load, f32 add, store
/// back to the same indices, the load and the sum used only there.
struct SumChain {
  mlir::memref::LoadOp load;
  mlir::Operation *add; // arith.addf or arith.addi

  mlir::memref::StoreOp store;
  mlir::Value term;
};

/// `store` as a sum chain whose element does not move with `iv` inside
/// `scope` (every iteration adds into the same element), or nothing.
inline std::optional<SumChain>
matchSumChain(mlir::memref::StoreOp store, mlir::Value iv,
              mlir::Operation *scope, llvm::DenseMap<mlir::Value, bool> &cache) {
  if (llvm::any_of(store.getIndices(), [&](mlir::Value index) {
        return dependsOnValue(index, iv, scope, cache);
      }))
    return std::nullopt;
  mlir::Operation *add = store.getValue().getDefiningOp();
  if (!add || !mlir::isa<mlir::arith::AddFOp, mlir::arith::AddIOp>(add) ||
      !add->hasOneUse() || add->getBlock() != store->getBlock())
    return std::nullopt;
  mlir::Value lhs = add->getOperand(0), rhs = add->getOperand(1);
  for (auto [operand, other] : {std::pair(lhs, rhs), std::pair(rhs, lhs)}) {
    auto load = operand.getDefiningOp<mlir::memref::LoadOp>();
    if (load && load.getMemRef() == store.getMemRef() &&
        llvm::equal(load.getIndices(), store.getIndices()) &&
        load->hasOneUse())
      return SumChain{load, add, store, other};
  }
  return std::nullopt;
}

/// lhs + rhs: arith.addf on floats, arith.addi on integers.
inline mlir::Value createAdd(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value lhs, mlir::Value rhs) {
  if (mlir::isa<mlir::FloatType>(lhs.getType()))
    return b.create<mlir::arith::AddFOp>(loc, lhs, rhs);
  return b.create<mlir::arith::AddIOp>(loc, lhs, rhs);
}

/// `terms` combined pairwise: a tree as deep as the log of their number.
inline mlir::Value
buildPairwiseTree(llvm::SmallVector<mlir::Value> terms,
                  llvm::function_ref<mlir::Value(mlir::Value, mlir::Value)>
                      combine) {
  while (terms.size() > 1) {
    llvm::SmallVector<mlir::Value> next;
    for (size_t i = 0; i + 1 < terms.size(); i += 2)
      next.push_back(combine(terms[i], terms[i + 1]));
    if (terms.size() % 2)
      next.push_back(terms.back());
    terms = next;
  }
  return terms.front();
}

/// The sum of `terms` added pairwise (reassociated, unlike a chain: exact
/// on integers, last bits on floats).
inline mlir::Value buildSumTree(mlir::OpBuilder &b, mlir::Location loc,
                                llvm::SmallVector<mlir::Value> terms) {
  return buildPairwiseTree(std::move(terms), [&](mlir::Value l, mlir::Value r) {
    return createAdd(b, loc, l, r);
  });
}

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_CONVERSION_LINALGTOLOOPS_LOOPNESTS_H
