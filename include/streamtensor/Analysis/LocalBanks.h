//===- LocalBanks.h - Bank conflicts of a local array ------------*- C++
//-*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A local array partitioned cyclically (`dataflow.partition`) has a bank per
// combination of index residues, each with two ports. Which bank an access
// hits is known when its index is a sum of values with a constant offset:
// accesses whose indices share the values differ only by their offsets, so
// their banks are the offsets modulo the factors. Accesses whose indices
// share nothing may hit any bank, and are counted as hitting the same one.
// Shared by the timing model (the II a loop's accesses allow) and the stream
// vectorization (which factors to partition an array by).
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_LOCALBANKS_H
#define STREAMTENSOR_ANALYSIS_LOCALBANKS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <optional>
#include <utility>

namespace streamtensor {

/// An index as `sum(coefficient * value) + constant`; values that are not
/// additions, subtractions or products by constants are terms of their own.
struct LinearIndex {
  /// (value, coefficient), sorted by value so that equal sums compare equal.
  llvm::SmallVector<std::pair<mlir::Value, int64_t>> terms;
  int64_t constant = 0;

  static LinearIndex of(mlir::Value value, int depth = 0) {
    LinearIndex result;
    if (std::optional<int64_t> constant = mlir::getConstantIntValue(value)) {
      result.constant = *constant;
      return result;
    }
    mlir::Operation *def = value.getDefiningOp();
    auto term = [&] {
      result.terms.push_back({value, 1});
      return result;
    };
    if (!def || depth > 16)
      return term();
    if (auto cast = mlir::dyn_cast<mlir::arith::IndexCastOp>(def))
      return of(cast.getIn(), depth + 1);
    if (mlir::isa<mlir::arith::AddIOp, mlir::arith::SubIOp>(def)) {
      LinearIndex lhs = of(def->getOperand(0), depth + 1);
      LinearIndex rhs = of(def->getOperand(1), depth + 1);
      int64_t sign = mlir::isa<mlir::arith::SubIOp>(def) ? -1 : 1;
      rhs.scale(sign);
      lhs.add(rhs);
      return lhs;
    }
    if (auto mul = mlir::dyn_cast<mlir::arith::MulIOp>(def)) {
      for (int side = 0; side < 2; ++side)
        if (std::optional<int64_t> factor =
                mlir::getConstantIntValue(def->getOperand(side))) {
          LinearIndex other = of(def->getOperand(1 - side), depth + 1);
          other.scale(*factor);
          return other;
        }
    }
    return term();
  }

  void scale(int64_t factor) {
    constant *= factor;
    for (auto &term : terms)
      term.second *= factor;
  }

  void add(const LinearIndex &other) {
    constant += other.constant;
    std::map<const void *, std::pair<mlir::Value, int64_t>> sum;
    for (const auto &list : {terms, other.terms})
      for (auto [value, coefficient] : list) {
        auto &entry = sum[value.getAsOpaquePointer()];
        entry.first = value;
        entry.second += coefficient;
      }
    terms.clear();
    for (auto &[key, entry] : sum)
      if (entry.second != 0)
        terms.push_back(entry);
  }

  /// Whether the two indices differ by a constant.
  bool sameTerms(const LinearIndex &other) const {
    return terms == other.terms;
  }
};

/// The memref, indices and direction of a load or a store.
struct MemoryAccess {
  mlir::Value memref;
  mlir::ValueRange indices;
  bool isLoad;
};

inline std::optional<MemoryAccess> getMemoryAccess(mlir::Operation *op) {
  if (auto load = mlir::dyn_cast<mlir::memref::LoadOp>(op))
    return MemoryAccess{load.getMemref(), load.getIndices(), true};
  if (auto store = mlir::dyn_cast<mlir::memref::StoreOp>(op))
    return MemoryAccess{store.getMemref(), store.getIndices(), false};
  return std::nullopt;
}

/// Local arrays are allocated in the process; other memrefs (its
/// arguments) are external memory.
inline bool isLocalArray(mlir::Value memref) {
  return mlir::isa_and_nonnull<mlir::memref::AllocOp, mlir::memref::AllocaOp>(
      memref.getDefiningOp());
}

/// One load or store of a local array within one loop iteration, its
/// indices as linear sums.
struct BankAccess {
  llvm::SmallVector<LinearIndex> indices;
  bool isLoad;
};

inline BankAccess getBankAccess(const MemoryAccess &memory) {
  BankAccess access{{}, memory.isLoad};
  for (mlir::Value index : memory.indices)
    access.indices.push_back(LinearIndex::of(index));
  return access;
}

/// The cycles the accesses of one iteration need on an array of the given
/// shape partitioned cyclically by `factors` (one per dimension; 1 keeps a
/// dimension whole): two ports per bank; loads of one element share a port.
inline int64_t getBankCycles(llvm::ArrayRef<BankAccess> accesses,
                             llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<int64_t> factors) {
  auto factorOf = [&](size_t dim) {
    int64_t factor = dim < factors.size() ? factors[dim] : 1;
    return dim < shape.size() ? std::min(factor, shape[dim]) : factor;
  };
  // Accesses grouped by the non-constant part of their partitioned indices;
  // within a group, the bank of each access and the elements loaded.
  struct Group {
    const BankAccess *first;
    std::map<llvm::SmallVector<int64_t>, int64_t> perBank;
    llvm::SmallVector<llvm::SmallVector<int64_t>> loaded;
  };
  llvm::SmallVector<Group> groups;
  for (const BankAccess &access : accesses) {
    Group *group = nullptr;
    for (Group &candidate : groups) {
      bool same = true;
      for (size_t dim = 0; dim < access.indices.size() && same; ++dim)
        if (factorOf(dim) > 1)
          same = access.indices[dim].sameTerms(candidate.first->indices[dim]);
      if (same) {
        group = &candidate;
        break;
      }
    }
    if (!group) {
      groups.push_back({&access, {}, {}});
      group = &groups.back();
    }
    llvm::SmallVector<int64_t> bank, element;
    bool wholeSame = true;
    for (size_t dim = 0; dim < access.indices.size(); ++dim) {
      const LinearIndex &index = access.indices[dim];
      int64_t factor = factorOf(dim);
      bank.push_back(factor > 1 ? ((index.constant % factor) + factor) % factor
                                : 0);
      element.push_back(index.constant);
      wholeSame &= index.sameTerms(group->first->indices[dim]);
    }
    if (access.isLoad && wholeSame) {
      if (llvm::is_contained(group->loaded, element))
        continue;
      group->loaded.push_back(element);
    }
    ++group->perBank[bank];
  }
  int64_t total = 0;
  for (const Group &group : groups) {
    int64_t most = 0;
    for (const auto &[bank, count] : group.perBank)
      most = std::max(most, count);
    total += most;
  }
  return (total + 1) / 2;
}

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_LOCALBANKS_H
