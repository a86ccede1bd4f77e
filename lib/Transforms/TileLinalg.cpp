//===- TileLinalg.cpp - Tile linalg ops into static loop nests ------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Tiles each linalg op of a function into scf.for loops whose bounds and steps
// are constants and whose slice offsets are induction variables, the form the
// conversion to dataflow kernels reads itensor types from. Parallel dimensions
// are tiled first (with the init's linalg.fill fused into the nest), then the
// reduction dimensions of the resulting tile, so every output tile is complete
// when it is inserted into the result.
//
//===----------------------------------------------------------------------===//

#include "StreamedOperand.h"
#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"

#include "mlir/Dialect/Affine/ViewLikeInterfaceUtils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/FoldUtils.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/STLExtras.h"

namespace streamtensor {
#define GEN_PASS_DEF_TILELINALG
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using streamtensor::kTileSizesAttr;
using streamtensor::checkInnerOrder;
using streamtensor::kInnerOrderAttr;
using streamtensor::kPermutationAttr;
using streamtensor::kUnrollAttr;
using streamtensor::getDefaultTileSize;

static constexpr int64_t kDefaultUnroll = 2;

/// Whether `op` multiplies operands computed on chip, none read from
/// external memory (those products get their lanes from the memory word,
/// --streamtensor-plan-weight-streaming): prefill attention's Q K^T and P V.
static bool isOnChipContraction(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  return linalgOp && linalg::isaContractionOpInterface(linalgOp) &&
         llvm::none_of(linalgOp.getDpsInputs(), [](Value input) {
           return bool(streamtensor::getExternalSource(input));
         });
}

static constexpr llvm::StringLiteral kVectorizeAttr = "streamtensor.vectorize";

namespace {
/// Records the ops a builder creates.
struct CreatedOpsListener : public OpBuilder::Listener {
  void notifyOperationInserted(Operation *op,
                               OpBuilder::InsertPoint previous) override {
    ops.push_back(op);
  }
  SmallVector<Operation *> ops;
};

/// Every tiling decision for one op, validated before any IR changes.
struct TilePlan {
  SmallVector<int64_t> ranges;
  SmallVector<utils::IteratorType> iterators;
  /// One per loop; 0 leaves the loop untiled.
  SmallVector<int64_t> tileSizes;
  /// Tiled parallel loops, outermost first.
  SmallVector<int64_t> parallelOrder;
  SmallVector<int64_t> unroll;
  SmallVector<int64_t> innerOrder;
  Attribute vectorize;

  bool isReduction(int64_t dim) const {
    return iterators[dim] == utils::IteratorType::reduction;
  }
  /// The range of loop `dim` inside one tile.
  int64_t getTileRange(int64_t dim) const {
    return tileSizes[dim] ? tileSizes[dim] : ranges[dim];
  }
  bool tilesAny(bool reduction) const {
    for (auto [dim, size] : llvm::enumerate(tileSizes))
      if (size != 0 && isReduction(dim) == reduction)
        return true;
    return false;
  }
  /// The tile sizes restricted to parallel or to reduction loops.
  SmallVector<OpFoldResult> stageSizes(Builder &b, bool reduction) const {
    SmallVector<OpFoldResult> sizes;
    for (auto [dim, size] : llvm::enumerate(tileSizes))
      sizes.push_back(b.getIndexAttr(isReduction(dim) == reduction ? size : 0));
    return sizes;
  }
};
} // namespace

namespace {
/// Merges a slice of a slice into one slice of the outer source, as the
/// upstream pattern does, but only when the outer slice belongs to a tile
/// nest: a slice at function level is data movement between kernels, and
/// folding it into a nest would make the kernel read part of a stream.
struct MergeSlicesInNest : public OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::ExtractSliceOp next,
                                PatternRewriter &rewriter) const override {
    auto prev = next.getSource().getDefiningOp<tensor::ExtractSliceOp>();
    if (!prev || isa<FunctionOpInterface>(prev->getParentOp()))
      return failure();
    SmallVector<OpFoldResult> offsets, sizes, strides;
    if (failed(affine::mergeOffsetsSizesAndStrides(
            rewriter, next.getLoc(), prev, next, prev.getDroppedDims(),
            offsets, sizes, strides)))
      return failure();
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        next, next.getType(), prev.getSource(), offsets, sizes, strides);
    return success();
  }
};
} // namespace

/// Loops that index an operand through a compound expression (a convolution
/// window, say) would need affine.apply slice offsets; tiling them by default
/// would break the "offsets are induction variables" form.
static llvm::SmallBitVector getCompoundIndexedLoops(Operation *op,
                                                    unsigned numLoops) {
  llvm::SmallBitVector compound(numLoops);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return compound;
  for (AffineMap map : linalgOp.getIndexingMapsArray())
    for (AffineExpr expr : map.getResults())
      if (!isa<AffineDimExpr, AffineConstantExpr>(expr))
        expr.walk([&](AffineExpr sub) {
          if (auto dim = dyn_cast<AffineDimExpr>(sub))
            compound.set(dim.getPosition());
        });
  return compound;
}

/// Whether `values` holds each of 0 .. size-1 once.
static bool isPermutation(ArrayRef<int64_t> values) {
  SmallVector<int64_t> sorted(values);
  llvm::sort(sorted);
  for (auto [position, value] : llvm::enumerate(sorted))
    if (value != static_cast<int64_t>(position))
      return false;
  return true;
}

/// Reads an optional i64 array attribute of `size` entries.
static FailureOr<std::optional<SmallVector<int64_t>>>
readArrayAttr(Operation *op, StringRef name, size_t size, StringRef what) {
  Attribute attr = op->getAttr(name);
  if (!attr)
    return std::optional<SmallVector<int64_t>>();
  auto array = dyn_cast<DenseI64ArrayAttr>(attr);
  if (!array)
    return op->emitError() << "'" << name << "' must be an array<i64>";
  if (array.size() != static_cast<int64_t>(size))
    return op->emitError() << "'" << name << "' has " << array.size()
                           << " entries, expected " << size << " (" << what
                           << ")";
  return std::optional<SmallVector<int64_t>>(
      SmallVector<int64_t>(array.asArrayRef()));
}

static FailureOr<TilePlan> computeTilePlan(TilingInterface op,
                                           int64_t contractionLanes,
                                           int64_t reductionLanes) {
  Operation *operation = op.getOperation();
  auto dpsOp = dyn_cast<DestinationStyleOpInterface>(operation);
  if (!dpsOp || !dpsOp.hasPureTensorSemantics())
    return operation->emitError()
           << "cannot tile: expected an op on tensors in destination style";

  TilePlan plan;
  plan.iterators = op.getLoopIteratorTypes();
  plan.vectorize = operation->getAttr(kVectorizeAttr);
  {
    // Building the iteration domain may insert ops; erase them so that
    // planning never changes the IR.
    OpBuilder builder(operation);
    CreatedOpsListener created;
    builder.setListener(&created);
    SmallVector<Range> domain = op.getIterationDomain(builder);
    for (Range range : domain) {
      std::optional<int64_t> offset = getConstantIntValue(range.offset);
      std::optional<int64_t> size = getConstantIntValue(range.size);
      std::optional<int64_t> stride = getConstantIntValue(range.stride);
      if (!offset || !size || !stride || *offset != 0 || *stride != 1)
        break;
      plan.ranges.push_back(*size);
    }
    for (Operation *createdOp : llvm::reverse(created.ops))
      if (createdOp->use_empty())
        createdOp->erase();
    if (plan.ranges.size() != domain.size())
      return operation->emitError()
             << "cannot tile: loop ranges must be static";
  }
  size_t numLoops = plan.ranges.size();
  bool isStructured = isa<linalg::LinalgOp>(operation);

  // Tile sizes.
  auto userSizes =
      readArrayAttr(operation, kTileSizesAttr, numLoops, "one per loop");
  if (failed(userSizes))
    return failure();
  llvm::SmallBitVector compound = getCompoundIndexedLoops(operation, numLoops);
  for (size_t dim = 0; dim < numLoops; ++dim) {
    int64_t range = plan.ranges[dim];
    int64_t size;
    if (*userSizes) {
      size = (**userSizes)[dim];
      if (size < 0 || (size != 0 && range % size != 0))
        return operation->emitError()
               << "tile size " << size << " of loop " << dim
               << " does not divide its range " << range;
      // Only ops whose init accumulates (structured linalg ops) can carry a
      // reduction across tiles.
      if (size != 0 && size != range && plan.isReduction(dim) && !isStructured)
        return operation->emitError()
               << "cannot tile reduction loop " << dim << " of this op";
    } else {
      bool tileable =
          !compound[dim] && (isStructured || !plan.isReduction(dim));
      size = tileable ? getDefaultTileSize(range) : 0;
    }
    // A single tile is no tiling: do not emit one-trip loops.
    plan.tileSizes.push_back(size == range ? 0 : size);
  }

  // Order of the parallel tile loops.
  SmallVector<int64_t> tiledParallel;
  for (size_t dim = 0; dim < numLoops; ++dim)
    if (plan.tileSizes[dim] != 0 && !plan.isReduction(dim))
      tiledParallel.push_back(dim);
  auto permutation =
      readArrayAttr(operation, kPermutationAttr, tiledParallel.size(),
                    "one per tiled parallel loop");
  if (failed(permutation))
    return failure();
  if (*permutation) {
    if (!isPermutation(**permutation))
      return operation->emitError()
             << "'" << kPermutationAttr << "' is not a permutation";
    for (int64_t position : **permutation)
      plan.parallelOrder.push_back(tiledParallel[position]);
  } else {
    plan.parallelOrder = tiledParallel;
  }

  // Unroll factors inside a tile.
  auto userUnroll =
      readArrayAttr(operation, kUnrollAttr, numLoops, "one per loop");
  if (failed(userUnroll))
    return failure();
  for (size_t dim = 0; dim < numLoops; ++dim) {
    int64_t tileRange = plan.getTileRange(dim);
    if (*userUnroll) {
      int64_t factor = (**userUnroll)[dim];
      if (factor < 1 || tileRange % factor != 0)
        return operation->emitError()
               << "unroll factor " << factor << " of loop " << dim
               << " does not divide its tile range " << tileRange;
      plan.unroll.push_back(factor);
      continue;
    }
    bool unrolled = !plan.isReduction(dim) && tileRange > kDefaultUnroll &&
                    tileRange % kDefaultUnroll == 0;
    plan.unroll.push_back(unrolled ? kDefaultUnroll : 1);
  }
  // A product of on-chip operands runs as many multiply-adds a cycle as its
  // unroll factors multiply to: 2 x 2 x 2 over attention's heads, rows and
  // columns left prefill's Q K^T and P V at 8 a cycle, 60% of a 32-token
  // block. Its innermost parallel loop (the one inside all others after the
  // reductions move out) takes up to `contractionLanes` lanes instead, the
  // banks of one index, where several unrolled loops would multiply them.
  if (!*userUnroll && contractionLanes > 1 && isOnChipContraction(operation)) {
    std::optional<size_t> innermost;
    for (size_t dim = 0; dim < numLoops; ++dim)
      if (!plan.isReduction(dim))
        innermost = dim;
    if (innermost) {
      int64_t tileRange = plan.getTileRange(*innermost);
      int64_t lanes = std::min(contractionLanes, tileRange);
      while (tileRange % lanes != 0)
        --lanes;
      if (lanes > kDefaultUnroll) {
        plan.unroll.assign(numLoops, 1);
        plan.unroll[*innermost] = lanes;
      }
    }
  }

  // A reduction that is not a product (a norm's sums, the largest magnitude
  // a quantized row is scaled by) over a tile of at most `reductionLanes`
  // elements goes inside, completely unrolled: each pipeline iteration
  // reduces one output element's tile as a tree, in the order the tile was
  // read, so reading, reducing and writing fuse into one nest
  // (--streamtensor-fuse-element-loops). Outside a 2-lane parallel loop it
  // took 8 cycles a row of 16 and a pass of its own per tile.
  bool reductionsInside = false;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(operation);
  if (!*userUnroll && reductionLanes > 1 && linalgOp &&
      !linalg::isaContractionOpInterface(linalgOp)) {
    int64_t lanes = 1;
    for (size_t dim = 0; dim < numLoops; ++dim)
      if (plan.isReduction(dim))
        lanes *= plan.getTileRange(dim);
    if (linalgOp.getNumReductionLoops() > 0 && lanes <= reductionLanes) {
      reductionsInside = true;
      for (size_t dim = 0; dim < numLoops; ++dim)
        plan.unroll[dim] = plan.isReduction(dim) ? plan.getTileRange(dim) : 1;
    }
  }

  // Loop order inside a tile: reductions outermost so that the pipelined
  // innermost loops carry no recurrence (or innermost and unrolled, above).
  auto userInner =
      readArrayAttr(operation, kInnerOrderAttr, numLoops, "one per loop");
  if (failed(userInner))
    return failure();
  if (*userInner) {
    std::string why = checkInnerOrder(**userInner, numLoops);
    if (!why.empty())
      return operation->emitError()
             << "'" << kInnerOrderAttr << "' is not a permutation: it " << why;
    plan.innerOrder = **userInner;
  } else {
    for (size_t dim = 0; dim < numLoops; ++dim)
      if (plan.isReduction(dim) != reductionsInside)
        plan.innerOrder.push_back(dim);
    for (size_t dim = 0; dim < numLoops; ++dim)
      if (plan.isReduction(dim) == reductionsInside)
        plan.innerOrder.push_back(dim);
  }
  return plan;
}

/// Replaces the tiling inputs on the op computing one tile by the directives
/// code generation reads.
static void annotateTile(Operation *tile, const TilePlan &plan) {
  MLIRContext *ctx = tile->getContext();
  tile->removeAttr(kTileSizesAttr);
  tile->removeAttr(kPermutationAttr);
  tile->setAttr(kUnrollAttr, DenseI64ArrayAttr::get(ctx, plan.unroll));
  tile->setAttr(kInnerOrderAttr, DenseI64ArrayAttr::get(ctx, plan.innerOrder));
  if (plan.vectorize)
    tile->setAttr(kVectorizeAttr, plan.vectorize);
}

/// Tiles `op` by `plan`. Returns the outermost loop created, or null when no
/// loop was needed.
static FailureOr<Operation *> tileOp(RewriterBase &rewriter, TilingInterface op,
                                     const TilePlan &plan) {
  Operation *original = op.getOperation();
  Location loc = original->getLoc();
  bool tileParallel = plan.tilesAny(/*reduction=*/false);
  bool tileReduction = plan.tilesAny(/*reduction=*/true);
  if (!tileParallel && !tileReduction) {
    annotateTile(original, plan);
    return static_cast<Operation *>(nullptr);
  }

  Operation *outermost = nullptr;
  TilingInterface tile = op;

  // Stage 1: parallel tile loops, with the init's fill fused into them.
  if (tileParallel) {
    SmallVector<int64_t> interchange(plan.parallelOrder);
    for (size_t dim = 0; dim < plan.ranges.size(); ++dim)
      if (!llvm::is_contained(plan.parallelOrder, dim))
        interchange.push_back(dim);
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(plan.stageSizes(rewriter, /*reduction=*/false));
    tiling.setInterchange(interchange);
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tiling);
    options.setFusionControlFn(
        [](tensor::ExtractSliceOp, OpResult producer, bool isDestination) {
          return std::make_tuple(
              isDestination && isa<linalg::FillOp>(producer.getOwner()), false);
        });
    rewriter.setInsertionPoint(original);
    FailureOr<scf::SCFTileAndFuseResult> result =
        scf::tileConsumerAndFuseProducersUsingSCF(rewriter, op, options);
    if (failed(result))
      return emitError(loc, "failed to tile the parallel loops");
    for (OpResult value : original->getResults())
      rewriter.replaceAllUsesWith(value, result->replacements.lookup(value));
    rewriter.eraseOp(original);
    outermost = result->loops.front();
    tile = cast<TilingInterface>(result->tiledAndFusedOps.front());
  }

  // Stage 2: reduction tile loops around the tile, carrying the output tile.
  if (tileReduction) {
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(plan.stageSizes(rewriter, /*reduction=*/true));
    rewriter.setInsertionPoint(tile);
    FailureOr<scf::SCFTilingResult> result =
        scf::tileUsingSCF(rewriter, tile, tiling);
    if (failed(result))
      return emitError(loc, "failed to tile the reduction loops");
    rewriter.replaceOp(tile, result->replacements);
    if (!outermost)
      outermost = result->loops.front();
    tile = cast<TilingInterface>(result->tiledOps.back());
  }

  annotateTile(tile, plan);
  return outermost;
}

namespace {
struct TileLinalgPass
    : public streamtensor::impl::TileLinalgBase<TileLinalgPass> {
  using TileLinalgBase::TileLinalgBase;
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();

    // Plan every op first so a rejected op leaves the function untouched.
    std::vector<std::pair<TilingInterface, TilePlan>> work;
    bool failedPlan = false;
    for (Block &block : func.getBody()) {
      for (Operation &op : block) {
        if (!isa_and_nonnull<linalg::LinalgDialect>(op.getDialect()) ||
            isa<linalg::FillOp>(op))
          continue;
        auto tilingOp = dyn_cast<TilingInterface>(&op);
        if (!tilingOp) {
          op.emitError("cannot tile: op does not implement TilingInterface");
          failedPlan = true;
          continue;
        }
        FailureOr<TilePlan> plan =
            computeTilePlan(tilingOp, contractionLanes, reductionLanes);
        if (failed(plan)) {
          failedPlan = true;
          continue;
        }
        work.emplace_back(tilingOp, std::move(*plan));
      }
    }
    if (failedPlan)
      return signalPassFailure();

    llvm::SmallPtrSet<Operation *, 16> userConstants;
    func.walk([&](Operation *op) {
      if (op->hasTrait<OpTrait::ConstantLike>())
        userConstants.insert(op);
    });

    IRRewriter rewriter(ctx);
    SmallVector<Operation *> nests;
    for (auto &[op, plan] : work) {
      FailureOr<Operation *> nest = tileOp(rewriter, op, plan);
      if (failed(nest))
        return signalPassFailure();
      if (*nest)
        nests.push_back(*nest);
    }

    // Fills fused into every consumer are dead now, and so may be the empty
    // tensors they filled.
    SmallVector<Operation *> inits;
    for (Block &block : func.getBody())
      for (Operation &op : block)
        if (isa<linalg::FillOp, tensor::EmptyOp>(op))
          inits.push_back(&op);
    for (Operation *init : llvm::reverse(inits))
      if (init->use_empty())
        rewriter.eraseOp(init);

    // Fold full-tile extract/insert pairs, merge nested slices and fold
    // identity index maps inside the nests only. scf.for patterns are left
    // out so the loop structure is kept as built.
    SmallVector<Operation *> nestOps;
    for (Operation *nest : nests)
      nest->walk<WalkOrder::PreOrder>([&](Operation *op) {
        nestOps.push_back(op);
        // Payloads are not tiling's business.
        return isa<linalg::LinalgOp>(op) ? WalkResult::skip()
                                         : WalkResult::advance();
      });
    RewritePatternSet patterns(ctx);
    tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::InsertSliceOp::getCanonicalizationPatterns(patterns, ctx);
    patterns.add<MergeSlicesInNest>(ctx);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    if (failed(applyOpPatternsAndFold(nestOps, std::move(patterns), config)))
      return signalPassFailure();

    // Tiling creates bound and step constants per loop; unify them at the
    // function entry as canonicalization would, and drop the unused ones
    // tiling created.
    SmallVector<Operation *> constants;
    func.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op->hasTrait<OpTrait::ConstantLike>())
        constants.push_back(op);
      return isa<linalg::LinalgOp>(op) ? WalkResult::skip()
                                       : WalkResult::advance();
    });
    OperationFolder folder(ctx);
    for (Operation *constant : constants) {
      if (constant->use_empty() && !userConstants.contains(constant))
        constant->erase();
      else
        folder.insertKnownConstant(constant);
    }
  }
};
} // namespace
