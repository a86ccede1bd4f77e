//===- LinalgToDataflow.cpp - Tiled linalg nests to dataflow kernels ------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Each top-level nest is rebuilt inside `kernel { task { ... } }`. The nest is
// analysed first (which tiles are read from memory, which are written to the
// results, which destinations need no read at all), then cloned into the task
// with every memory access replaced by an itensor access, so the original IR
// is only replaced once the whole nest is known to convert.
//
//===----------------------------------------------------------------------===//

#include "../Recompute.h"
#include "streamtensor/Conversion/ITensorInference.h"
#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"

namespace streamtensor {
#define GEN_PASS_DEF_CONVERTLINALGTODATAFLOW
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::dataflow;

//===----------------------------------------------------------------------===//
// Nest analysis
//===----------------------------------------------------------------------===//

namespace {
/// A tile that the kernel streams in from external memory.
struct Read {
  Value tensor;
  ITensorType type;
};

/// How a tile of a result's destination is obtained inside the nest.

class NestConverter {
public:
  /// How a tile of a result's destination is obtained inside the nest.
  enum class DestinationKind { Empty, Fill, Read };

  explicit NestConverter(Operation *root) : root(root) {}

  /// Checks the nest and records its accesses; emits errors on failure.
  LogicalResult analyze();
  /// Replaces the nest by a kernel.
  void rewrite(StringRef name);

private:
  LogicalResult analyzeLoopNest(scf::ForOp loop);
  LogicalResult analyzeOp(Operation *op);
  LogicalResult analyzeWholeUse(Operation *user, Value tensor);
  LogicalResult analyzeWholeUsesOf(Operation *op);
  DestinationKind getDestinationKind(Value init) const;
  LogicalResult analyzeResults(ValueRange results);
  unsigned addRead(Value tensor, ITensorType type);
  unsigned addInputRead(Value tensor, ITensorType type);

  /// Rebuilds `op` (and its nested loops) at `builder`.
  void cloneOp(OpBuilder &builder, Operation *op);
  void cloneLoop(OpBuilder &builder, scf::ForOp loop);
  Value readTile(OpBuilder &builder, Location loc, unsigned readIndex);

  Operation *root;
  SmallVector<Read> reads;
  /// Reads of the same whole tile in every iteration: read once, before the
  /// nest, and the value held (the index of the read in `reads`).
  llvm::SmallDenseSet<unsigned> hoistedReads;
  DenseMap<unsigned, Value> hoistedValues;
  /// Read index of each extract_slice, or of each whole-tensor use.
  DenseMap<Operation *, unsigned> sliceReads;
  DenseMap<std::pair<Operation *, Value>, unsigned> wholeReads;
  /// Result index of every value that carries a kernel result inside the nest.
  DenseMap<Value, unsigned> resultChains;
  /// How each slice of a result destination is obtained.
  DenseMap<Operation *, DestinationKind> destinationSlices;
  /// How each init of an untiled root is obtained.
  SmallVector<DestinationKind> rootInitKinds;
  SmallVector<ITensorType> resultTypes;
  /// External values each result starts from.
  SmallVector<Value> resultInits;

  Block *kernelBody = nullptr;
  IRMapping mapping;
};
} // namespace

unsigned NestConverter::addRead(Value tensor, ITensorType type) {
  reads.push_back({tensor, type});
  return reads.size() - 1;
}

/// A tile at the same offsets in every iteration covers its whole source:
/// the task reads it once, before the nest, and keeps it, so its stream
/// carries one token and no converter replays it.
unsigned NestConverter::addInputRead(Value tensor, ITensorType type) {
  AffineMap map = type.getIterMap();
  if (type.getNumLoops() == 0 || !llvm::all_of(map.getResults(), [](AffineExpr e) {
        return isa<AffineConstantExpr>(e);
      }))
    return addRead(tensor, type);
  auto once = ITensorType::get(type.getContext(), type.getElement(), {}, {},
                               AffineMap::get(0, 0, map.getResults(),
                                              type.getContext()));
  unsigned index = addRead(tensor, once);
  hoistedReads.insert(index);
  return index;
}

/// Whether `value` is defined outside the nest.
static bool isExternal(Value value, Operation *root) {
  Operation *owner = value.getParentBlock()->getParentOp();
  return !(owner == root || root->isProperAncestor(owner));
}

/// Whether `value`, a loop-carried result, is only ever accessed tile by tile
/// (sliced, inserted into, or carried on by nested loops).
static bool isAccessedByTiles(Value value) {
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
        slice && slice.getSource() == value)
      continue;
    if (auto insert = dyn_cast<tensor::InsertSliceOp>(user);
        insert && insert.getDest() == value && isAccessedByTiles(insert))
      continue;
    if (isa<scf::YieldOp>(user))
      continue;
    if (auto loop = dyn_cast<scf::ForOp>(user)) {
      unsigned index = use.getOperandNumber() - loop.getNumControlOperands();
      if (isAccessedByTiles(loop.getRegionIterArgs()[index]))
        continue;
    }
    return false;
  }
  return true;
}

/// A loop nest that streams its results tile by tile. Nests whose carried
/// value is consumed whole (a reduction with no tiled parallel dimension)
/// produce their results once, after the loops.
static bool streamsResultsByTile(scf::ForOp loop) {
  return llvm::all_of(loop.getRegionIterArgs(), isAccessedByTiles);
}

LogicalResult NestConverter::analyze() {
  auto loop = dyn_cast<scf::ForOp>(root);
  if (loop && streamsResultsByTile(loop)) {
    for (auto [index, init] : llvm::enumerate(loop.getInitArgs())) {
      resultChains[loop.getRegionIterArgs()[index]] = index;
      resultInits.push_back(init);
    }
    resultTypes.resize(loop.getNumResults());
    if (failed(analyzeLoopNest(loop)))
      return failure();
    for (auto [index, type] : llvm::enumerate(resultTypes))
      if (!type)
        return loop.emitError("result ")
               << index << " of the tiled nest is never written tile by tile";
    return analyzeResults(loop.getResults());
  }

  // An untiled op, or a nest that accumulates its results in place, streams
  // each result as one whole token written at the end.
  SmallVector<Value> inits;
  if (loop)
    llvm::append_range(inits, loop.getInitArgs());
  else if (auto dps = dyn_cast<DestinationStyleOpInterface>(root))
    llvm::append_range(inits, dps.getDpsInits());
  for (Value init : inits) {
    resultInits.push_back(init);
    rootInitKinds.push_back(getDestinationKind(init));
    if (rootInitKinds.back() == DestinationKind::Read &&
        failed(analyzeWholeUse(root, init)))
      return failure();
  }
  if (failed(loop ? analyzeLoopNest(loop) : analyzeWholeUsesOf(root)))
    return failure();
  for (OpResult result : root->getResults()) {
    auto tensor = dyn_cast<RankedTensorType>(result.getType());
    if (!tensor || !tensor.hasStaticShape())
      return root->emitError("kernel results must be statically shaped "
                             "tensors");
    FailureOr<ITensorType> type = inferWholeTensorType(root, {}, tensor);
    if (failed(type))
      return failure();
    resultTypes.push_back(*type);
  }
  return analyzeResults(root->getResults());
}

LogicalResult NestConverter::analyzeResults(ValueRange results) {
  for (auto [index, result] : llvm::enumerate(results)) {
    auto tensor = dyn_cast<RankedTensorType>(result.getType());
    if (!tensor || !tensor.hasStaticShape())
      return root->emitError("kernel results must be statically shaped "
                             "tensors");
    if (ArrayRef<int64_t>(resultTypes[index].getDataShape()) !=
        tensor.getShape())
      return root->emitError("result ")
             << index << " is written only in part by the tiles "
             << resultTypes[index] << "; kernels must write whole results";
  }
  return success();
}

LogicalResult NestConverter::analyzeLoopNest(scf::ForOp loop) {
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto inner = dyn_cast<scf::ForOp>(op)) {
      for (auto [index, init] : llvm::enumerate(inner.getInitArgs())) {
        auto chain = resultChains.find(init);
        if (chain == resultChains.end())
          continue;
        resultChains[inner.getRegionIterArgs()[index]] = chain->second;
        resultChains[inner.getResult(index)] = chain->second;
      }
      if (failed(analyzeWholeUsesOf(inner)) || failed(analyzeLoopNest(inner)))
        return failure();
      continue;
    }
    if (failed(analyzeOp(&op)))
      return failure();
  }
  for (Value yielded : loop.getBody()->getTerminator()->getOperands())
    if (resultChains.count(yielded) && !isa<BlockArgument>(yielded) &&
        !yielded.getDefiningOp<tensor::InsertSliceOp>() &&
        !yielded.getDefiningOp<scf::ForOp>())
      return loop.emitError("a result of the tiled nest is produced by an op "
                            "other than a tile insertion");
  return success();
}

LogicalResult NestConverter::analyzeWholeUse(Operation *user, Value tensor) {
  auto type = dyn_cast<RankedTensorType>(tensor.getType());
  if (!type || !type.hasStaticShape())
    return user->emitError("only statically shaped tensors can be streamed "
                           "into a kernel");
  FailureOr<ITensorType> itensor =
      inferWholeTensorType(user, getEnclosingLoops(user, root), type);
  if (failed(itensor))
    return failure();
  wholeReads[{user, tensor}] = addInputRead(tensor, *itensor);
  return success();
}

LogicalResult NestConverter::analyzeOp(Operation *op) {
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
    bool fromResult = resultChains.count(slice.getSource());
    if (fromResult || isExternal(slice.getSource(), root)) {
      FailureOr<ITensorType> type = inferITensorType(
          slice, getEnclosingLoops(slice, root), slice.getMixedOffsets(),
          slice.getStaticSizes(), slice.getMixedStrides(),
          slice.getSourceType().getElementType());
      if (failed(type))
        return failure();
      if (!fromResult) {
        sliceReads[slice] = addInputRead(slice.getSource(), *type);
        return success();
      }
      // A tile of a result's destination: overwritten placeholders need no
      // read; real initial data is streamed in like any input.
      Value init = resultInits[resultChains.lookup(slice.getSource())];
      DestinationKind kind = getDestinationKind(init);
      destinationSlices[slice] = kind;
      if (kind == DestinationKind::Read)
        sliceReads[slice] = addRead(init, *type);
      return success();
    }
  }

  if (auto insert = dyn_cast<tensor::InsertSliceOp>(op)) {
    auto chain = resultChains.find(insert.getDest());
    if (chain != resultChains.end()) {
      FailureOr<ITensorType> type = inferITensorType(
          insert, getEnclosingLoops(insert, root), insert.getMixedOffsets(),
          insert.getStaticSizes(), insert.getMixedStrides(),
          insert.getDestType().getElementType());
      if (failed(type))
        return failure();
      ITensorType &resultType = resultTypes[chain->second];
      if (resultType && resultType != *type)
        return insert.emitError("result ")
               << chain->second << " is written with two stream patterns, "
               << resultType << " and " << *type;
      resultType = *type;
      resultChains[insert.getResult()] = chain->second;
      return success();
    }
  }

  for (Value operand : op->getOperands()) {
    if (resultChains.count(operand) && !isa<scf::YieldOp>(op))
      return op->emitError("uses a kernel result inside the nest other than "
                           "through tile reads and writes");
  }
  return analyzeWholeUsesOf(op);
}

NestConverter::DestinationKind
NestConverter::getDestinationKind(Value init) const {
  if (init.getDefiningOp<tensor::EmptyOp>())
    return DestinationKind::Empty;
  if (isRecomputable(init) && init.getDefiningOp<linalg::FillOp>())
    return DestinationKind::Fill;
  return DestinationKind::Read;
}

/// External values used by `op` (or inside its regions) other than through
/// tile reads: constants are recomputed, whole tensors are streamed. Loops
/// contribute only their operands; their bodies are analysed op by op.
LogicalResult NestConverter::analyzeWholeUsesOf(Operation *op) {
  llvm::SetVector<Value> used;
  for (Value operand : op->getOperands())
    used.insert(operand);
  if (!isa<scf::ForOp>(op))
    getUsedValuesDefinedAbove(op->getRegions(), used);
  for (Value value : used) {
    if (!isExternal(value, root) || isRecomputable(value))
      continue;
    // Result destinations are handled by the caller.
    if (op == root && llvm::is_contained(resultInits, value))
      continue;
    if (!isa<TensorType>(value.getType()))
      return op->emitError("uses a value computed outside the nest that is "
                           "neither a tensor nor a constant");
    if (!llvm::is_contained(op->getOperands(), value))
      return op->emitError("uses an external tensor inside a region");
    if (failed(analyzeWholeUse(op, value)))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Rewriting
//===----------------------------------------------------------------------===//

/// Tiles of rank-reducing slices drop unit dimensions; tokens keep them.
static Value reshapeTile(OpBuilder &builder, Location loc, Value tile,
                         RankedTensorType target) {
  auto source = cast<RankedTensorType>(tile.getType());
  if (source == target)
    return tile;
  if (source.getRank() > target.getRank())
    return builder.create<tensor::CollapseShapeOp>(
        loc, target, tile, *getReassociationIndicesForReshape(source, target));
  return builder.create<tensor::ExpandShapeOp>(
      loc, target, tile, *getReassociationIndicesForReshape(target, source));
}

Value NestConverter::readTile(OpBuilder &builder, Location loc,
                              unsigned readIndex) {
  ITensorType type = reads[readIndex].type;
  Value source = kernelBody->getArgument(readIndex);
  auto tile = cast<RankedTensorType>(type.getElement());
  Value init = builder.create<tensor::EmptyOp>(loc, tile.getShape(),
                                               tile.getElementType());
  return builder.create<ITensorReadOp>(loc, tile, source, init);
}

void NestConverter::cloneLoop(OpBuilder &builder, scf::ForOp loop) {
  SmallVector<Value> inits;
  for (Value init : loop.getInitArgs())
    inits.push_back(mapping.lookup(init));
  auto clone = builder.create<scf::ForOp>(
      loop.getLoc(), mapping.lookup(loop.getLowerBound()),
      mapping.lookup(loop.getUpperBound()), mapping.lookup(loop.getStep()),
      inits, [&](OpBuilder &body, Location loc, Value iv, ValueRange args) {
        mapping.map(loop.getInductionVar(), iv);
        mapping.map(loop.getRegionIterArgs(), args);
        for (Operation &op : loop.getBody()->without_terminator())
          cloneOp(body, &op);
        SmallVector<Value> yielded;
        for (Value value : loop.getBody()->getTerminator()->getOperands())
          yielded.push_back(mapping.lookup(value));
        body.create<scf::YieldOp>(loc, yielded);
      });
  mapping.map(loop.getResults(), clone.getResults());
}

void NestConverter::cloneOp(OpBuilder &builder, Operation *op) {
  Location loc = op->getLoc();
  if (auto loop = dyn_cast<scf::ForOp>(op))
    return cloneLoop(builder, loop);

  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
    auto kind = destinationSlices.find(op);
    if (kind != destinationSlices.end() &&
        kind->second != DestinationKind::Read) {
      RankedTensorType tile = slice.getResultType();
      Value tileValue = builder.create<tensor::EmptyOp>(
          loc, tile.getShape(), tile.getElementType());
      if (kind->second == DestinationKind::Fill) {
        Value init = resultInits[resultChains.lookup(slice.getSource())];
        Value scalar = mapping.lookup(
            init.getDefiningOp<linalg::FillOp>().getInputs()[0]);
        tileValue =
            builder.create<linalg::FillOp>(loc, scalar, tileValue).result();
      }
      mapping.map(slice.getResult(), tileValue);
      return;
    }
    auto read = sliceReads.find(op);
    if (read != sliceReads.end()) {
      Value tile = hoistedValues.lookup(read->second);
      if (!tile)
        tile = readTile(builder, loc, read->second);
      mapping.map(slice.getResult(),
                  reshapeTile(builder, loc, tile, slice.getResultType()));
      return;
    }
  }

  if (auto insert = dyn_cast<tensor::InsertSliceOp>(op)) {
    if (resultChains.count(insert.getDest())) {
      Value dest = mapping.lookup(insert.getDest());
      auto token = cast<ITensorType>(dest.getType()).getElement();
      Value tile = reshapeTile(builder, loc, mapping.lookup(insert.getSource()),
                               cast<RankedTensorType>(token));
      Value written =
          builder.create<ITensorWriteOp>(loc, dest.getType(), tile, dest);
      mapping.map(insert.getResult(), written);
      return;
    }
  }

  for (Value operand : op->getOperands()) {
    auto whole = wholeReads.find({op, operand});
    if (whole != wholeReads.end()) {
      Value value = hoistedValues.lookup(whole->second);
      if (!value)
        value = readTile(builder, loc, whole->second);
      // The tile is the whole tensor: only the type spelling can differ.
      if (value.getType() != operand.getType())
        value = builder.create<tensor::CastOp>(loc, operand.getType(), value);
      mapping.map(operand, value);
    }
  }
  builder.clone(*op, mapping);
}

void NestConverter::rewrite(StringRef name) {
  Location loc = root->getLoc();
  MLIRContext *ctx = root->getContext();
  OpBuilder builder(root);

  SmallVector<Value> sources;
  SmallVector<Type> argTypes;
  for (const Read &read : reads) {
    sources.push_back(read.tensor);
    argTypes.push_back(read.type);
  }
  auto kernel = builder.create<KernelOp>(
      loc, root->getResultTypes(), sources,
      ArrayRef<NamedAttribute>{
          builder.getNamedAttr("sym_name", builder.getStringAttr(name))});
  kernelBody = builder.createBlock(&kernel.getBody(), {}, argTypes,
                                   SmallVector<Location>(argTypes.size(), loc));

  SmallVector<Value> empties;
  SmallVector<Type> outTypes(resultTypes.begin(), resultTypes.end());
  for (ITensorType type : resultTypes)
    empties.push_back(builder.create<ITensorEmptyOp>(loc, type));
  auto task = builder.create<TaskOp>(
      loc, outTypes, empties,
      ArrayRef<NamedAttribute>{
          builder.getNamedAttr("sym_name", builder.getStringAttr(name))});
  builder.create<YieldOp>(loc, task.getResults());

  // Constants the nest uses are rebuilt once at the top of the kernel.
  OpBuilder constants(ctx);
  constants.setInsertionPointToStart(kernelBody);
  auto mapExternal = [&](Operation *op) {
    llvm::SetVector<Value> used;
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        used.insert(operand);
    });
    for (Value value : used)
      if (isExternal(value, root) && isRecomputable(value))
        recompute(constants, value, mapping);
  };
  mapExternal(root);

  Block *taskBody = builder.createBlock(
      &task.getBody(), {}, outTypes, SmallVector<Location>(outTypes.size(), loc));
  builder.setInsertionPointToStart(taskBody);
  for (unsigned index : hoistedReads)
    hoistedValues[index] = readTile(builder, loc, index);
  SmallVector<Value> outputs;
  auto rootLoop = dyn_cast<scf::ForOp>(root);
  if (rootLoop && !resultChains.empty()) {
    scf::ForOp loop = rootLoop;
    for (auto [init, arg] : llvm::zip(loop.getInitArgs(), taskBody->getArguments()))
      mapping.map(init, arg);
    cloneLoop(builder, loop);
    for (Value result : loop.getResults())
      outputs.push_back(mapping.lookup(result));
  } else {
    // Whole-tensor destinations that hold data are read before the nest.
    for (auto [init, kind] : llvm::zip(resultInits, rootInitKinds))
      if (rootLoop && kind == DestinationKind::Read)
        mapping.map(init, readTile(builder, loc, wholeReads.lookup({root, init})));
    cloneOp(builder, root);
    for (auto [result, dest] :
         llvm::zip(root->getResults(), taskBody->getArguments()))
      outputs.push_back(builder.create<ITensorWriteOp>(
          loc, dest.getType(), mapping.lookup(result), dest));
  }
  builder.create<YieldOp>(loc, outputs);
  // Root destinations were recomputed with the other constants; the task
  // starts from itensor placeholders instead.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*kernelBody)))
    if (isOpTriviallyDead(&op))
      op.erase();

  root->replaceAllUsesWith(kernel.getResults());
  root->erase();
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

/// Names a kernel after the first computation in its nest.
static std::string getKernelName(Operation *root, unsigned index) {
  std::string kind = root->getName().stripDialect().str();
  root->walk<WalkOrder::PreOrder>([&](linalg::LinalgOp op) {
    if (isa<linalg::FillOp>(op))
      return WalkResult::advance();
    kind = op->getName().stripDialect().str();
    return WalkResult::interrupt();
  });
  return kind + "_" + std::to_string(index);
}

/// Tensor ops that only move data.
static bool isDataMovement(Operation *op) {
  return isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp,
             tensor::ExtractSliceOp, tensor::InsertSliceOp, tensor::ConcatOp,
             tensor::PadOp>(op);
}

/// A reshape or a static slice of function arguments (or of such views)
/// only names part of external memory: it stays on the host, and the kernel
/// reads the argument's buffer through it.
static bool isArgumentView(Value value) {
  if (isa<BlockArgument>(value))
    return true;
  Operation *def = value.getDefiningOp();
  if (auto slice = dyn_cast_or_null<tensor::ExtractSliceOp>(def))
    return slice.hasUnitStride() &&
           !ShapedType::isDynamicShape(slice.getStaticOffsets()) &&
           !ShapedType::isDynamicShape(slice.getStaticSizes()) &&
           isArgumentView(slice.getSource());
  return isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(def) &&
         isArgumentView(def->getOperand(0));
}

/// Which top-level ops become kernels: tiled nests, untiled computations,
/// and data movement that feeds or follows them, except argument views.
static bool isKernelRoot(Operation *op) {
  if (isa<scf::ForOp>(op))
    return true;
  if (isa<linalg::LinalgOp>(op))
    return !isa<linalg::FillOp>(op);
  if (!isDataMovement(op) || op->getNumResults() != 1)
    return false;
  if (isArgumentView(op->getResult(0)))
    return false;
  auto feedsOrFollowsKernels = [](Operation *start) {
    for (Value operand : start->getOperands())
      if (operand.getDefiningOp<KernelOp>())
        return true;
    SmallVector<Operation *> worklist(start->getUsers());
    while (!worklist.empty()) {
      Operation *user = worklist.pop_back_val();
      if (isa<scf::ForOp, linalg::LinalgOp>(user) && !isa<linalg::FillOp>(user))
        return true;
      if (isDataMovement(user))
        llvm::append_range(worklist, user->getUsers());
    }
    return false;
  };
  return feedsOrFollowsKernels(op);
}

namespace {
struct ConvertLinalgToDataflowPass
    : public streamtensor::impl::ConvertLinalgToDataflowBase<
          ConvertLinalgToDataflowPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<Operation *> candidates;
    for (Operation &op : func.getBody().front())
      candidates.push_back(&op);

    unsigned index = 0;
    for (Operation *root : candidates) {
      if (!isKernelRoot(root))
        continue;
      // Tiling may fold a slice into its consumers' tile reads, leaving the
      // slice unused: nothing to compute or stream.
      if (root->use_empty()) {
        root->erase();
        continue;
      }
      NestConverter converter(root);
      if (failed(converter.analyze()))
        return signalPassFailure();
      converter.rewrite(getKernelName(root, index++));
    }

    // Placeholders and fills now rebuilt inside the kernels are dead here.
    Block &body = func.getBody().front();
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isOpTriviallyDead(&op))
        op.erase();
  }
};
} // namespace
