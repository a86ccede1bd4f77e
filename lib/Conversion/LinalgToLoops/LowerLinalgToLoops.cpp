//===- LowerLinalgToLoops.cpp - Linalg to loops with HLS directives -------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace streamtensor {
#define GEN_PASS_DEF_LOWERLINALGTOLOOPS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;

/// Whether `index` is `iv` itself, possibly through an affine.apply that only
/// forwards it (loop lowering indexes through affine maps).
static bool isInductionVar(Value index, Value iv) {
  if (index == iv)
    return true;
  auto apply = index.getDefiningOp<affine::AffineApplyOp>();
  if (!apply)
    return false;
  auto dim = dyn_cast<AffineDimExpr>(apply.getAffineMap().getResult(0));
  return dim && apply.getMapOperands()[dim.getPosition()] == iv;
}

/// The local array `memref` is, seen through the loop-carried values and
/// loop results that bufferization threads it through; null for anything
/// else.
static Operation *getLocalArray(Value memref) {
  while (true) {
    if (auto arg = dyn_cast<BlockArgument>(memref)) {
      auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
      if (!loop || arg.getArgNumber() == 0)
        return nullptr;
      memref = loop.getTiedLoopInit(arg)->get();
      continue;
    }
    // A loop's result is the buffer it was handed.
    if (auto loop = memref.getDefiningOp<scf::ForOp>()) {
      memref = loop.getTiedLoopInit(cast<OpResult>(memref))->get();
      continue;
    }
    break;
  }
  Operation *alloc = memref.getDefiningOp();
  if (!isa_and_nonnull<memref::AllocOp, memref::AllocaOp>(alloc))
    return nullptr;
  return alloc;
}

/// Splits dimension `dim` of the local array `alloc` cyclically by at least
/// `factor` (`dataflow.partition`, one factor per dimension).
static void raisePartition(Operation *alloc, unsigned dim, int64_t factor) {
  auto type = cast<MemRefType>(alloc->getResult(0).getType());
  SmallVector<int64_t> factors(type.getRank(), 1);
  if (auto old = alloc->getAttrOfType<DenseI64ArrayAttr>("dataflow.partition"))
    factors.assign(old.asArrayRef().begin(), old.asArrayRef().end());
  factors[dim] = std::max(factors[dim], factor);
  alloc->setAttr("dataflow.partition",
                 DenseI64ArrayAttr::get(alloc->getContext(), factors));
}

/// Local arrays indexed by the induction variable of an unrolled loop are
/// split cyclically by the unroll factor, so the unrolled copies read and
/// write different banks in the same cycle.
static void partitionIndexedArrays(scf::ForOp loop, int64_t factor) {
  Value iv = loop.getInductionVar();
  auto note = [&](Value memref, ValueRange indices) {
    Operation *alloc = getLocalArray(memref);
    if (!alloc)
      return;
    for (auto [dim, index] : llvm::enumerate(indices))
      if (isInductionVar(index, iv))
        raisePartition(alloc, dim, factor);
  };
  loop.walk([&](Operation *op) {
    if (auto load = dyn_cast<memref::LoadOp>(op))
      note(load.getMemRef(), load.getIndices());
    else if (auto store = dyn_cast<memref::StoreOp>(op))
      note(store.getMemRef(), store.getIndices());
  });
}

/// A loop marked `dataflow.word_lanes` stores the lanes of one memory word
/// into consecutive columns of local arrays: splitting their last dimension
/// cyclically by the lanes gives every lane its own bank. A word wider than
/// a row fills whole consecutive rows: the columns are split completely and
/// the rows cyclically by the rows a word holds.
static void partitionWordLoop(scf::ForOp loop) {
  int64_t lanes =
      loop->getAttrOfType<IntegerAttr>("dataflow.word_lanes").getInt();
  loop.walk([&](memref::StoreOp store) {
    Operation *alloc = getLocalArray(store.getMemRef());
    if (!alloc)
      return;
    auto type = cast<MemRefType>(store.getMemRef().getType());
    int64_t rank = type.getRank();
    if (rank == 0)
      return;
    int64_t last = type.getShape().back();
    if (last % lanes == 0) {
      raisePartition(alloc, rank - 1, lanes);
      return;
    }
    if (rank < 2 || lanes % last != 0 ||
        type.getShape()[rank - 2] % (lanes / last) != 0)
      return;
    raisePartition(alloc, rank - 1, last);
    raisePartition(alloc, rank - 2, lanes / last);
  });
}

/// Lowers `op` in the intra-tile order it asks for and annotates the loops.
static LogicalResult lowerWithDirectives(IRRewriter &rewriter,
                                         linalg::LinalgOp op) {
  unsigned numLoops = op.getNumLoops();
  SmallVector<int64_t> unroll(numLoops, 1);
  if (auto attr = op->getAttrOfType<DenseI64ArrayAttr>(kUnrollAttr)) {
    std::string why = checkUnrollFactors(attr.asArrayRef(), numLoops);
    if (!why.empty())
      return op->emitOpError("'") << kUnrollAttr << "' " << why;
    unroll.assign(attr.asArrayRef().begin(), attr.asArrayRef().end());
  }

  linalg::LinalgOp target = op;
  auto order = op->getAttrOfType<DenseI64ArrayAttr>(kInnerOrderAttr);
  if (order) {
    std::string why = checkInnerOrder(order.asArrayRef(), numLoops);
    if (!why.empty())
      return op->emitOpError("'")
             << kInnerOrderAttr << "' is not a permutation: it " << why;
  }
  bool reorder = order && !llvm::equal(order.asArrayRef(),
                                       llvm::seq<int64_t>(0, numLoops));
  if (reorder) {
    rewriter.setInsertionPoint(op);
    auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
    if (!generic) {
      FailureOr<linalg::GenericOp> generalized =
          linalg::generalizeNamedOp(rewriter, op);
      if (failed(generalized))
        return op->emitOpError("cannot be reordered for its intra-tile loop "
                               "order");
      generic = *generalized;
    }
    SmallVector<unsigned> permutation(order.asArrayRef().begin(),
                                      order.asArrayRef().end());
    FailureOr<linalg::GenericOp> interchanged =
        linalg::interchangeGenericOp(rewriter, generic, permutation);
    if (failed(interchanged))
      return generic->emitOpError("has an invalid intra-tile loop order");
    target = *interchanged;
    SmallVector<int64_t> permuted;
    for (int64_t loop : order.asArrayRef())
      permuted.push_back(unroll[loop]);
    unroll = permuted;
  }

  rewriter.setInsertionPoint(target);
  FailureOr<linalg::LinalgLoops> loops = linalg::linalgOpToLoops(rewriter, target);
  if (failed(loops))
    return target->emitOpError("cannot be lowered to loops");
  rewriter.eraseOp(target);

  MLIRContext *ctx = rewriter.getContext();
  for (auto [index, op] : llvm::enumerate(*loops)) {
    auto loop = dyn_cast<scf::ForOp>(op);
    if (!loop || index >= unroll.size())
      continue;
    if (unroll[index] > 1) {
      loop->setAttr("dataflow.unroll",
                    IntegerAttr::get(IntegerType::get(ctx, 64), unroll[index]));
      partitionIndexedArrays(loop, unroll[index]);
    }
    if (index + 1 == loops->size())
      loop->setAttr("dataflow.pipeline_ii",
                    IntegerAttr::get(IntegerType::get(ctx, 64), 1));
  }
  return success();
}

namespace {
struct LowerLinalgToLoopsPass
    : public streamtensor::impl::LowerLinalgToLoopsBase<
          LowerLinalgToLoopsPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops)
      if (failed(lowerWithDirectives(rewriter, op)))
        return signalPassFailure();
    getOperation().walk([](scf::ForOp loop) {
      if (loop->hasAttr("dataflow.word_lanes"))
        partitionWordLoop(loop);
    });
  }
};
} // namespace
