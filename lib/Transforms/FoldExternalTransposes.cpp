//===- FoldExternalTransposes.cpp - Read external tensors in place --------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A transpose of a function argument (the value cache permuted to
// [heads, positions, head_dim] for the attention's P x V) would become an
// on-chip task that streams the whole tensor element by element before its
// consumer may start. The consumer can instead index the argument itself
// through the composed map: external memory is read in whatever order the
// consumer walks, and packing makes that order contiguous.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace streamtensor {
#define GEN_PASS_DEF_FOLDEXTERNALTRANSPOSES
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// Reads `transpose`'s input in `consumer` directly: the consumer's map of
/// the transposed value, permuted back.
static LogicalResult foldInto(IRRewriter &rewriter, linalg::TransposeOp transpose,
                              OpOperand &use) {
  auto consumer = cast<linalg::LinalgOp>(use.getOwner());
  if (!consumer.isDpsInput(&use) || !consumer.hasPureTensorSemantics())
    return failure();
  unsigned operandNumber = use.getOperandNumber();
  linalg::GenericOp generic = dyn_cast<linalg::GenericOp>(consumer.getOperation());
  if (!generic) {
    rewriter.setInsertionPoint(consumer);
    FailureOr<linalg::GenericOp> generalized =
        linalg::generalizeNamedOp(rewriter, consumer);
    if (failed(generalized))
      return failure();
    generic = *generalized;
  }
  ArrayRef<int64_t> permutation = transpose.getPermutation();
  AffineMap map = generic.getIndexingMapsArray()[operandNumber];
  // transposed[i] = input[j] with j[permutation[i]] = i-th index.
  SmallVector<AffineExpr> results(map.getNumResults());
  for (auto [i, expr] : llvm::enumerate(map.getResults()))
    results[permutation[i]] = expr;
  AffineMap inputMap =
      AffineMap::get(map.getNumDims(), map.getNumSymbols(), results,
                     rewriter.getContext());
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  maps[operandNumber] = inputMap;
  rewriter.modifyOpInPlace(generic, [&] {
    generic->setOperand(operandNumber, transpose.getInput());
    generic.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
  });
  return success();
}

namespace {
struct FoldExternalTransposesPass
    : public streamtensor::impl::FoldExternalTransposesBase<
          FoldExternalTransposesPass> {
  void runOnOperation() override {
    SmallVector<linalg::TransposeOp> transposes;
    getOperation().walk([&](linalg::TransposeOp op) {
      if (op.hasPureTensorSemantics() && getExternalSource(op.getInput()))
        transposes.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::TransposeOp transpose : transposes) {
      // One use at a time: generalizing a named consumer replaces it.
      while (true) {
        OpOperand *next = nullptr;
        for (OpOperand &use : transpose->getResult(0).getUses()) {
          auto consumer = dyn_cast<linalg::LinalgOp>(use.getOwner());
          if (consumer && consumer.isDpsInput(&use) &&
              consumer.hasPureTensorSemantics()) {
            next = &use;
            break;
          }
        }
        if (!next || failed(foldInto(rewriter, transpose, *next)))
          break;
      }
      if (transpose->use_empty())
        rewriter.eraseOp(transpose);
    }
  }
};
} // namespace
