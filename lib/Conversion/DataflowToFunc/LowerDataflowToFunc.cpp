//===- LowerDataflowToFunc.cpp - Kernels to FIFO-connected functions ------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A kernel's body is a graph of tasks, converters and forks connected by
// itensors, with implicit DMAs at its boundary. Each itensor edge becomes one
// `dataflow.stream` in a new top function, and every node, including the
// DMAs, becomes a process function called from it. itensor values inside a
// task only name the stream they travel on, so loops that carried them lose
// those iter_args.
//
//===----------------------------------------------------------------------===//

#include "../Recompute.h"
#include "PackedAccess.h"
#include "StreamLoops.h"
#include "streamtensor/Conversion/ITensorInference.h"
#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace streamtensor {
#define GEN_PASS_DEF_LOWERDATAFLOWTOFUNC
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::dataflow;

/// Depth of the FIFO carrying result `index` of `op`: the `dataflow.depths`
/// attribute when sizing decided it, otherwise every scalar of the edge.
static int64_t getDepth(Operation *op, unsigned index, ITensorType type) {
  if (op)
    if (auto depths = op->getAttrOfType<DenseI64ArrayAttr>("dataflow.depths"))
      if (index < depths.size() && depths[index] > 0)
        return depths[index];
  return type.getNumTokens() * type.getElement().getNumElements();
}

/// The top-function stream or tensor standing for `value`, or an error at
/// `user` when the kernel has no route for it.
static FailureOr<Value> lookupRouted(IRMapping &topValues, Value value,
                                     Operation *user) {
  if (Value mapped = topValues.lookupOrNull(value))
    return mapped;
  return user->emitOpError("reads a value that is neither a kernel input nor "
                           "produced by a task, converter or fork");
}

//===----------------------------------------------------------------------===//
// Task bodies
//===----------------------------------------------------------------------===//

/// A kernel input read by a single task access whose loops walk exactly the
/// itensor's iteration space: the task can fetch each tile from external
/// memory itself, with no DMA process and FIFO in between (itensor folding).
static bool isFoldableInput(BlockArgument input) {
  auto type = dyn_cast<ITensorType>(input.getType());
  if (!type || !input.hasOneUse() || type.isVectorElement())
    return false;
  auto read = dyn_cast<ITensorReadOp>(*input.getUsers().begin());
  if (!read || !read->getParentOfType<TaskOp>())
    return false;
  SmallVector<scf::ForOp> loops = getEnclosingLoops(read, read->getParentOfType<TaskOp>());
  if (loops.size() != type.getNumLoops())
    return false;
  for (auto [k, loop] : llvm::enumerate(loops)) {
    std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
    std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
    std::optional<int64_t> step = getConstantIntValue(loop.getStep());
    if (lb != 0 || step != type.getSteps()[k] ||
        ub != type.getTripCounts()[k] * type.getSteps()[k])
      return false;
  }
  return true;
}

namespace {
/// Clones a task body into a process function, turning itensor accesses into
/// element loops over the streams the itensors are mapped to.
class TaskBodyLowering {
public:
  TaskBodyLowering(IRMapping &mapping, const DenseSet<Value> &folded,
                   const DenseMap<Value, const InterfaceLayout *> &layouts)
      : mapping(mapping), folded(folded), layouts(layouts) {}
  LogicalResult lowerBlock(OpBuilder &builder, Block &block);
  SmallVector<Value> returned;

private:
  LogicalResult lowerOp(OpBuilder &builder, Operation *op);
  LogicalResult lowerLoop(OpBuilder &builder, scf::ForOp loop);
  IRMapping &mapping;
  /// itensors read straight from external memory instead of a stream.
  const DenseSet<Value> &folded;
  /// Contiguous layouts of the kernel inputs, by block argument.
  const DenseMap<Value, const InterfaceLayout *> &layouts;
};
} // namespace

LogicalResult TaskBodyLowering::lowerBlock(OpBuilder &builder, Block &block) {
  for (Operation &op : block)
    if (failed(lowerOp(builder, &op)))
      return failure();
  return success();
}

LogicalResult TaskBodyLowering::lowerLoop(OpBuilder &builder, scf::ForOp loop) {
  SmallVector<Value> inits;
  SmallVector<unsigned> kept;
  for (auto [index, init] : llvm::enumerate(loop.getInitArgs())) {
    if (isa<ITensorType>(init.getType())) {
      // The stream the itensor names is loop-invariant.
      mapping.map(loop.getRegionIterArgs()[index], mapping.lookup(init));
      mapping.map(loop.getResult(index), mapping.lookup(init));
      continue;
    }
    kept.push_back(index);
    inits.push_back(mapping.lookup(init));
  }
  LogicalResult status = success();
  auto clone = builder.create<scf::ForOp>(
      loop.getLoc(), mapping.lookup(loop.getLowerBound()),
      mapping.lookup(loop.getUpperBound()), mapping.lookup(loop.getStep()),
      inits, [&](OpBuilder &body, Location loc, Value iv, ValueRange args) {
        mapping.map(loop.getInductionVar(), iv);
        for (auto [keptIndex, arg] : llvm::zip(kept, args))
          mapping.map(loop.getRegionIterArgs()[keptIndex], arg);
        for (Operation &op : loop.getBody()->without_terminator())
          if (failed(lowerOp(body, &op)))
            status = failure();
        SmallVector<Value> yielded;
        Operation *yield = loop.getBody()->getTerminator();
        for (unsigned index : kept)
          yielded.push_back(mapping.lookupOrDefault(yield->getOperand(index)));
        body.create<scf::YieldOp>(loc, yielded);
      });
  clone->setAttrs(loop->getDiscardableAttrDictionary());
  for (auto [keptIndex, result] : llvm::zip(kept, clone.getResults()))
    mapping.map(loop.getResult(keptIndex), result);
  return status;
}

LogicalResult TaskBodyLowering::lowerOp(OpBuilder &builder, Operation *op) {
  Location loc = op->getLoc();
  if (auto loop = dyn_cast<scf::ForOp>(op))
    return lowerLoop(builder, loop);
  if (auto read = dyn_cast<ITensorReadOp>(op)) {
    if (read.getSource().getType().isVectorElement())
      return read.emitOpError("vector tokens cannot be lowered to scalar "
                              "streams yet");
    if (folded.contains(read.getSource())) {
      ITensorType type = read.getSource().getType();
      SmallVector<Value> ivs;
      for (scf::ForOp loop : getEnclosingLoops(read, read->getParentOfType<TaskOp>()))
        ivs.push_back(mapping.lookup(loop.getInductionVar()));
      if (const InterfaceLayout *layout = layouts.lookup(read.getSource())) {
        mapping.map(read.getValue(),
                    buildPackedTileRead(builder, loc, type, *layout,
                                        mapping.lookup(read.getSource()), ivs));
        return success();
      }
      SmallVector<OpFoldResult> offsets, sizes, strides;
      for (unsigned dim = 0; dim < type.getRank(); ++dim) {
        offsets.push_back(builder
                              .create<affine::AffineApplyOp>(
                                  loc, type.getIterMap().getSubMap({dim}), ivs)
                              .getResult());
        sizes.push_back(builder.getIndexAttr(type.getElementShape()[dim]));
        strides.push_back(builder.getIndexAttr(1));
      }
      mapping.map(read.getValue(),
                  builder.create<tensor::ExtractSliceOp>(
                      loc, cast<RankedTensorType>(type.getElement()),
                      mapping.lookup(read.getSource()), offsets, sizes,
                      strides));
      return success();
    }
    Value tile = readTileFromStream(builder, loc,
                                    mapping.lookup(read.getSource()),
                                    mapping.lookup(read.getInit()));
    mapping.map(read.getValue(), tile);
    return success();
  }
  if (auto write = dyn_cast<ITensorWriteOp>(op)) {
    if (!isa<RankedTensorType>(write.getValue().getType()))
      return write.emitOpError("only tile tokens can be lowered to streams");
    Value stream = mapping.lookup(write.getDest());
    writeTileToStream(builder, loc, mapping.lookup(write.getValue()), stream);
    mapping.map(write.getResult(), stream);
    return success();
  }
  if (auto yield = dyn_cast<YieldOp>(op)) {
    for (Value output : yield.getOutputs())
      if (!isa<ITensorType>(output.getType()))
        returned.push_back(mapping.lookup(output));
    return success();
  }
  for (Value operand : op->getOperands())
    if (isa<ITensorType>(operand.getType()))
      return op->emitOpError("uses an itensor in a way that cannot be "
                             "lowered to a stream");
  builder.clone(*op, mapping);
  return success();
}

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

/// The layout of a port as the host sees it: the recorded layout plus the
/// shape of the tensor the user gives or receives.
static DictionaryAttr getPortLayoutAttr(const InterfaceLayout &layout,
                                        ArrayRef<int64_t> logicalShape,
                                        MLIRContext *ctx) {
  Builder b(ctx);
  SmallVector<NamedAttribute> fields(layout.toAttr(ctx).getValue());
  fields.push_back(b.getNamedAttr("logical_shape",
                                  b.getDenseI64ArrayAttr(logicalShape)));
  return b.getDictionaryAttr(fields);
}

namespace {
class KernelLowering {
public:
  KernelLowering(KernelOp kernel, func::FuncOp parent, SymbolTable &symbols,
                 bool foldInputs, Operation *after)
      : kernel(kernel), parent(parent), symbols(symbols),
        foldInputs(foldInputs), builder(kernel.getContext()), after(after) {}

  LogicalResult lower();
  /// The last function created: the next kernel's go after it, so the
  /// module lists kernels in the order their function calls them.
  Operation *getLastFunction() { return lastFunction ? lastFunction : top; }

private:
  func::FuncOp createTop();
  Value createStream(ITensorType type, StringRef name, Operation *definer,
                     unsigned index);
  /// Creates a process function and calls it from the top function.
  func::FuncOp createProcess(StringRef name, ValueRange operands,
                             TypeRange results,
                             function_ref<LogicalResult(OpBuilder &, Block &)>
                                 buildBody,
                             ValueRange &callResults);

  LogicalResult lowerTask(TaskOp task);
  LogicalResult lowerConverter(ITensorConverterOp converter);
  LogicalResult lowerFork(ITensorForkOp fork);
  LogicalResult lowerInputDMA(BlockArgument arg);
  LogicalResult lowerOutputDMA(Value output, unsigned index,
                               SmallVectorImpl<Value> &results);

  KernelOp kernel;
  func::FuncOp parent;
  SymbolTable &symbols;
  bool foldInputs;
  OpBuilder builder;
  func::FuncOp top;
  Operation *lastFunction = nullptr;
  /// Where the top function goes: after the parent or the functions of the
  /// kernel lowered before.
  Operation *after;
  std::string prefix;
  /// The top-function value standing for each kernel-scope value.
  IRMapping topValues;
  /// Kernel inputs folded into the task that reads them.
  DenseSet<Value> folded;
  /// External-memory layout of every source and result (row-major when the
  /// pack pass has not run).
  std::vector<InterfaceLayout> sourceLayouts, resultLayouts;
  DenseMap<Value, const InterfaceLayout *> contiguousInputs;
  /// The buffers behind the top function's ports.
  SmallVector<Value> ports;
  /// Per kernel input, the reshapes from its port's buffer to it.
  SmallVector<SmallVector<Operation *>> sourceViews;

  /// The kernel input `value` seen through its reshapes of the port buffer
  /// `port`, rebuilt at `builder`.
  Value applySourceViews(OpBuilder &builder, Value value, Value port) {
    auto arg = dyn_cast<BlockArgument>(value);
    if (!arg || arg.getOwner() != &kernel.getBody().front())
      return port;
    IRMapping mapping;
    Value current = port;
    for (Operation *view : sourceViews[arg.getArgNumber()]) {
      mapping.map(view->getOperand(0), current);
      current = builder.clone(*view, mapping)->getResult(0);
    }
    return current;
  }
  unsigned counter = 0;

  /// The layouts recorded under `name` for the DMAs streaming `types`, or
  /// row-major for all when there are none; an error when they are malformed
  /// or do not describe those DMAs' walks.
  FailureOr<std::vector<InterfaceLayout>> loadLayouts(StringRef name,
                                                      TypeRange types);
};
} // namespace

/// The name of a kernel result that no function result names: the
/// kernel's and the result's, `fused_3.out0`.
static std::string getKernelResultName(KernelOp kernel, unsigned index) {
  std::string prefix =
      kernel.getSymName() ? kernel.getSymName()->str() : "kernel";
  return prefix + ".out" + std::to_string(index);
}

/// Names a function argument after the parent's argument or result it
/// comes from, so the host and the reports speak the user's names.
static void copyNameAttrs(func::FuncOp parent, Value source,
                          SmallVectorImpl<NamedAttribute> &attrs,
                          StringRef fallback, StringRef kind, Builder &b) {
  // A view (reshape, static slice) of an argument reads its buffer: the
  // port is that argument.
  while (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp,
                         tensor::ExtractSliceOp>(source.getDefiningOp()))
    source = source.getDefiningOp()->getOperand(0);
  if (auto arg = dyn_cast<BlockArgument>(source))
    if (arg.getOwner()->getParentOp() == parent.getOperation()) {
      if (DictionaryAttr dict = parent.getArgAttrDict(arg.getArgNumber()))
        llvm::append_range(attrs, dict.getValue());
      return;
    }
  // A result of another kernel goes by that kernel's name for it, so every
  // tensor passed between kernels has one name of its own. Kernels are
  // lowered in program order: the producer is a call of its top already.
  std::string name = fallback.str();
  if (auto result = dyn_cast<OpResult>(source))
    if (auto call = dyn_cast<func::CallOp>(result.getOwner()))
      if (auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
              call, call.getCalleeAttr()))
        if (auto named = callee.getResultAttrOfType<StringAttr>(
                result.getResultNumber(), "streamtensor.name"))
          name = named.str();
  attrs.push_back(b.getNamedAttr("streamtensor.name", b.getStringAttr(name)));
  attrs.push_back(b.getNamedAttr("streamtensor.kind", b.getStringAttr(kind)));
}

FailureOr<std::vector<InterfaceLayout>>
KernelLowering::loadLayouts(StringRef name, TypeRange types) {
  if (!kernel->hasAttr(name))
    return std::vector<InterfaceLayout>(types.size());
  SmallVector<InterfaceLayout> recorded = getInterfaceLayouts(kernel, name);
  if (recorded.size() != types.size())
    return kernel.emitOpError("has a malformed ")
           << name << ": expected one layout dictionary per "
           << (name == kSourceLayoutsAttr ? "source" : "result") << " ("
           << types.size() << ")";
  for (auto [index, layout, type] : llvm::enumerate(recorded, types)) {
    if (!layout.contiguous)
      continue;
    // The DMA loops follow the walk; the layout must be the one it implies.
    auto itensor = dyn_cast<ITensorType>(type);
    InterfaceLayout walk;
    if (itensor)
      walk = computeInterfaceLayout(itensor);
    if (!walk.contiguous || walk.shape != layout.shape ||
        walk.outerDimsPerm != layout.outerDimsPerm ||
        walk.innerTiles != layout.innerTiles || walk.run != layout.run ||
        walk.packed != layout.packed)
      return kernel.emitOpError("entry ")
             << index << " of " << name << " does not describe the walk of "
             << type << "; run dataflow-pack-kernel-interface to compute it";
  }
  return std::vector<InterfaceLayout>(recorded.begin(), recorded.end());
}

func::FuncOp KernelLowering::createTop() {
  MLIRContext *ctx = kernel.getContext();
  prefix = kernel.getSymName() ? kernel.getSymName()->str() : "kernel";
  // Kernel inputs that are views (reshapes, static slices) of one buffer
  // share its port; each process applies its view itself. A contiguous
  // layout is built on the host side instead, and its port holds the memory
  // words.
  DenseMap<Value, unsigned> portOf, packedPortOf;
  SmallVector<unsigned> sourcePort;
  SmallVector<Value> portNames;
  SmallVector<DictionaryAttr> portLayouts;
  OpBuilder hostBuilder(kernel);
  for (auto [index, source] : llvm::enumerate(kernel.getSources())) {
    const InterfaceLayout &layout = sourceLayouts[index];
    if (layout.contiguous) {
      Value buffer = getSourceBuffer(source);
      auto [it, inserted] = packedPortOf.try_emplace(buffer, ports.size());
      if (inserted) {
        ports.push_back(buildPort(hostBuilder, kernel.getLoc(), source, layout));
        portNames.push_back(source);
        portLayouts.push_back(getPortLayoutAttr(
            layout, cast<RankedTensorType>(buffer.getType()).getShape(), ctx));
      }
      sourcePort.push_back(it->second);
      sourceViews.push_back({});
      continue;
    }
    SmallVector<Operation *> views;
    Value base = source;
    while (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp,
                           tensor::ExtractSliceOp>(base.getDefiningOp())) {
      views.push_back(base.getDefiningOp());
      base = base.getDefiningOp()->getOperand(0);
    }
    std::reverse(views.begin(), views.end());
    auto [it, inserted] = portOf.try_emplace(base, ports.size());
    if (inserted) {
      ports.push_back(base);
      portNames.push_back(base);
      portLayouts.push_back({});
    }
    sourcePort.push_back(it->second);
    sourceViews.push_back(views);
  }
  SmallVector<Type> resultTypes;
  for (auto [layout, result] : llvm::zip(resultLayouts, kernel.getResults()))
    resultTypes.push_back(
        layout.contiguous
            ? getPortType(layout, getElementTypeOrSelf(result.getType()))
            : result.getType());
  auto type = FunctionType::get(ctx, ValueRange(ports).getTypes(), resultTypes);
  OpBuilder moduleBuilder(parent);
  moduleBuilder.setInsertionPointAfter(after);
  auto func = moduleBuilder.create<func::FuncOp>(
      kernel.getLoc(), parent.getSymName().str() + "_" + prefix, type);
  symbols.insert(func);
  func->setAttr("dataflow.top", UnitAttr::get(ctx));

  for (auto [index, port] : llvm::enumerate(portNames)) {
    SmallVector<NamedAttribute> attrs;
    copyNameAttrs(parent, port, attrs, "in" + std::to_string(index), "input",
                  moduleBuilder);
    if (portLayouts[index])
      attrs.push_back(moduleBuilder.getNamedAttr(kPortLayoutAttr,
                                                 portLayouts[index]));
    func.setArgAttrs(index, attrs);
  }
  // Results returned by the parent keep the parent's result names.
  auto ret = cast<func::ReturnOp>(parent.getBody().front().getTerminator());
  for (auto [index, result] : llvm::enumerate(kernel.getResults())) {
    SmallVector<NamedAttribute> attrs;
    // Follow reshapes (which keep the bytes) to the value returned.
    SmallVector<Value> views{result};
    for (unsigned i = 0; i < views.size(); ++i)
      for (OpOperand &use : views[i].getUses()) {
        Operation *user = use.getOwner();
        if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(user))
          views.push_back(user->getResult(0));
        else if (user == ret.getOperation() && attrs.empty())
          if (DictionaryAttr dict =
                  parent.getResultAttrDict(use.getOperandNumber()))
            llvm::append_range(attrs, dict.getValue());
      }
    if (attrs.empty())
      attrs.push_back(moduleBuilder.getNamedAttr(
          "streamtensor.name",
          moduleBuilder.getStringAttr(getKernelResultName(kernel, index))));
    if (resultLayouts[index].contiguous)
      attrs.push_back(moduleBuilder.getNamedAttr(
          kPortLayoutAttr,
          getPortLayoutAttr(resultLayouts[index],
                            cast<RankedTensorType>(result.getType()).getShape(),
                            ctx)));
    func.setResultAttrs(index, attrs);
  }

  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  for (auto [arg, port] :
       llvm::zip(kernel.getBody().front().getArguments(), sourcePort))
    topValues.map(arg, entry->getArgument(port));
  return func;
}

Value KernelLowering::createStream(ITensorType type, StringRef name,
                                   Operation *definer, unsigned index) {
  auto streamType = StreamType::get(kernel.getContext(), type.getDataType(),
                                    getDepth(definer, index, type));
  auto stream = builder.create<StreamOp>(kernel.getLoc(), streamType);
  stream->setAttr("dataflow.name", builder.getStringAttr(name));
  return stream;
}

func::FuncOp KernelLowering::createProcess(
    StringRef name, ValueRange operands, TypeRange results,
    function_ref<LogicalResult(OpBuilder &, Block &)> buildBody,
    ValueRange &callResults) {
  MLIRContext *ctx = kernel.getContext();
  // Processes follow the top function in the order they are created.
  OpBuilder moduleBuilder(ctx);
  moduleBuilder.setInsertionPointAfter(lastFunction ? lastFunction : top);
  auto func = moduleBuilder.create<func::FuncOp>(
      kernel.getLoc(), top.getSymName().str() + "_" + name.str(),
      FunctionType::get(ctx, operands.getTypes(), results));
  symbols.insert(func);
  func.setPrivate();
  func->setAttr("dataflow.process", UnitAttr::get(ctx));
  // Tensors handed to a process are external memory it reads: bufferization
  // must copy before writing rather than update a caller's buffer in place.
  for (auto [index, type] : llvm::enumerate(operands.getTypes()))
    if (isa<TensorType>(type))
      func.setArgAttr(index, "bufferization.writable",
                      BoolAttr::get(ctx, false));
  lastFunction = func;
  Block *entry = func.addEntryBlock();
  OpBuilder body = OpBuilder::atBlockBegin(entry);
  if (failed(buildBody(body, *entry)))
    return {};
  auto call = builder.create<func::CallOp>(kernel.getLoc(), func, operands);
  callResults = call.getResults();
  return func;
}

LogicalResult KernelLowering::lowerInputDMA(BlockArgument arg) {
  auto type = cast<ITensorType>(arg.getType());
  std::string name = "dma_in" + std::to_string(arg.getArgNumber());
  Value stream = createStream(type, name, nullptr, 0);
  Value tensor = topValues.lookup(arg);
  ValueRange results;
  func::FuncOp process = createProcess(
      name, {tensor, stream}, {},
      [&](OpBuilder &b, Block &entry) {
        Location loc = kernel.getLoc();
        const InterfaceLayout &layout = sourceLayouts[arg.getArgNumber()];
        if (layout.contiguous) {
          buildPackedReadLoops(b, loc, type, layout, entry.getArgument(0),
                               entry.getArgument(1));
          b.create<func::ReturnOp>(loc);
          return success();
        }
        Value source = applySourceViews(b, arg, entry.getArgument(0));
        Value out = entry.getArgument(1);
        buildIndexLoops(b, loc, type.getTripCounts(), type.getSteps(), {},
                        [&](OpBuilder &lb, Location l, ValueRange ivs, ValueRange) {
          buildElementLoops(lb, l, type.getElementShape(), {},
                            [&](OpBuilder &eb, Location el, ValueRange e, ValueRange) {
            SmallVector<Value> at = getElementOffsets(eb, el, type, ivs, e);
            Value value = eb.create<tensor::ExtractOp>(el, source, at);
            eb.create<StreamWriteOp>(el, value, out);
            return SmallVector<Value>{};
          });
          return SmallVector<Value>{};
        });
        b.create<func::ReturnOp>(loc);
        return success();
      },
      results);
  if (!process)
    return failure();
  topValues.map(arg, stream);
  return success();
}

LogicalResult KernelLowering::lowerOutputDMA(Value output, unsigned index,
                                             SmallVectorImpl<Value> &results) {
  FailureOr<Value> routed = lookupRouted(topValues, output, kernel);
  if (failed(routed))
    return failure();
  auto type = dyn_cast<ITensorType>(output.getType());
  if (!type) {
    results.push_back(*routed);
    return success();
  }
  auto tensorType = cast<RankedTensorType>(kernel.getResult(index).getType());
  Location loc = kernel.getLoc();
  const InterfaceLayout &layout = resultLayouts[index];
  // The process allocates the result itself, so bufferization can hand it
  // the caller's output buffer instead of copying into it.
  Type resultType = layout.contiguous
                        ? getPortType(layout, tensorType.getElementType())
                        : Type(tensorType);
  ValueRange callResults;
  func::FuncOp process = createProcess(
      "dma_out" + std::to_string(index), {*routed}, {resultType},
      [&](OpBuilder &b, Block &entry) {
        Value in = entry.getArgument(0);
        if (layout.contiguous) {
          b.create<func::ReturnOp>(
              loc, buildPackedWriteLoops(b, loc, type, layout, in,
                                         tensorType.getElementType()));
          return success();
        }
        Value init = b.create<tensor::EmptyOp>(loc, tensorType.getShape(),
                                               tensorType.getElementType());
        SmallVector<Value> filled = buildIndexLoops(
            b, loc, type.getTripCounts(), type.getSteps(), init,
            [&](OpBuilder &lb, Location l, ValueRange ivs, ValueRange args) {
              return buildElementLoops(
                  lb, l, type.getElementShape(), args,
                  [&](OpBuilder &eb, Location el, ValueRange e, ValueRange acc) {
                    Value value =
                        eb.create<StreamReadOp>(el, type.getDataType(), in);
                    SmallVector<Value> at = getElementOffsets(eb, el, type, ivs, e);
                    Value updated =
                        eb.create<tensor::InsertOp>(el, value, acc[0], at);
                    return SmallVector<Value>{updated};
                  });
            });
        b.create<func::ReturnOp>(loc, filled);
        return success();
      },
      callResults);
  if (!process)
    return failure();
  results.push_back(callResults[0]);
  return success();
}

LogicalResult KernelLowering::lowerConverter(ITensorConverterOp converter) {
  FailureOr<Value> in = lookupRouted(topValues, converter.getSource(), converter);
  if (failed(in))
    return failure();
  ITensorType source = converter.getSource().getType();
  ITensorType result = converter.getResult().getType();
  ConverterBuffer buffer = computeBuiltConverterBuffer(source, result);
  // Same scalars in the same order: the consumer reads the producer's stream.
  if (buffer.forwards) {
    topValues.map(converter.getResult(), *in);
    return success();
  }
  SmallVector<int64_t> dataShape = source.getDataShape();
  SmallVector<bool> local;
  for (auto [size, full] : llvm::zip(buffer.shape, dataShape))
    local.push_back(size != full);
  unsigned level = buffer.loopLevel;

  std::string name = "convert" + std::to_string(counter++);
  Value out = createStream(result, name, converter, 0);
  Location loc = converter.getLoc();
  ValueRange results;
  func::FuncOp process = createProcess(
      name, {*in, out}, {},
      [&](OpBuilder &b, Block &entry) {
        Value in = entry.getArgument(0), outArg = entry.getArgument(1);
        buildIndexLoops(
            b, loc, source.getTripCounts().take_front(level),
            source.getSteps().take_front(level), {},
            [&](OpBuilder &sb, Location l, ValueRange shared, ValueRange) {
              Value empty = sb.create<tensor::EmptyOp>(l, buffer.shape,
                                                       source.getDataType());
              // Fill the buffer in the source's order...
              Value filled = buildIndexLoops(
                  sb, l, source.getTripCounts().drop_front(level),
                  source.getSteps().drop_front(level), empty,
                  [&](OpBuilder &wb, Location wl, ValueRange inner, ValueRange acc) {
                    SmallVector<Value> ivs(shared);
                    ivs.append(inner.begin(), inner.end());
                    return buildElementLoops(
                        wb, wl, source.getElementShape(), acc,
                        [&](OpBuilder &eb, Location el, ValueRange e, ValueRange a) {
                          Value value = eb.create<StreamReadOp>(
                              el, source.getDataType(), in);
                          SmallVector<Value> at =
                              getElementOffsets(eb, el, source, ivs, e, local);
                          return SmallVector<Value>{
                              eb.create<tensor::InsertOp>(el, value, a[0], at)};
                        });
                  })[0];
              // ...and drain it in the result's order.
              buildIndexLoops(
                  sb, l, result.getTripCounts().drop_front(level),
                  result.getSteps().drop_front(level), {},
                  [&](OpBuilder &rb, Location rl, ValueRange inner, ValueRange) {
                    SmallVector<Value> ivs(shared);
                    ivs.append(inner.begin(), inner.end());
                    buildElementLoops(
                        rb, rl, result.getElementShape(), {},
                        [&](OpBuilder &eb, Location el, ValueRange e, ValueRange) {
                          SmallVector<Value> at =
                              getElementOffsets(eb, el, result, ivs, e, local);
                          Value value = eb.create<tensor::ExtractOp>(el, filled, at);
                          eb.create<StreamWriteOp>(el, value, outArg);
                          return SmallVector<Value>{};
                        });
                    return SmallVector<Value>{};
                  });
              return SmallVector<Value>{};
            });
        b.create<func::ReturnOp>(loc);
        return success();
      },
      results);
  if (!process)
    return failure();
  topValues.map(converter.getResult(), out);
  return success();
}

LogicalResult KernelLowering::lowerFork(ITensorForkOp fork) {
  ITensorType type = fork.getSource().getType();
  FailureOr<Value> in = lookupRouted(topValues, fork.getSource(), fork);
  if (failed(in))
    return failure();
  std::string name = "fork" + std::to_string(counter++);
  SmallVector<Value> operands{*in};
  for (auto [index, result] : llvm::enumerate(fork.getResults())) {
    Value stream = createStream(type, name + "_out" + std::to_string(index),
                                fork, index);
    operands.push_back(stream);
    topValues.map(result, stream);
  }
  int64_t scalars = type.getNumTokens() * type.getElement().getNumElements();
  ValueRange results;
  func::FuncOp process = createProcess(
      name, operands, {},
      [&](OpBuilder &b, Block &entry) {
        Location loc = fork.getLoc();
        buildIndexLoops(b, loc, {scalars}, {1}, {},
                        [&](OpBuilder &lb, Location l, ValueRange, ValueRange) {
                          Value value = lb.create<StreamReadOp>(
                              l, type.getDataType(), entry.getArgument(0));
                          for (Value out : entry.getArguments().drop_front())
                            lb.create<StreamWriteOp>(l, value, out);
                          return SmallVector<Value>{};
                        });
        b.create<func::ReturnOp>(loc);
        return success();
      },
      results);
  return success(process != nullptr);
}

LogicalResult KernelLowering::lowerTask(TaskOp task) {
  std::string name = task.getSymName() ? task.getSymName()->str()
                                       : "task" + std::to_string(counter++);
  // Inputs: streams and tensors the task reads from the kernel scope.
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(task.getBody(), captured);
  SmallVector<Value> inputs, constants;
  for (Value value : captured) {
    if (isRecomputable(value))
      constants.push_back(value);
    else
      inputs.push_back(value);
  }

  SmallVector<Value> operands;
  for (Value value : inputs) {
    FailureOr<Value> mapped = lookupRouted(topValues, value, task);
    if (failed(mapped))
      return failure();
    operands.push_back(*mapped);
  }
  SmallVector<Type> resultTypes;
  for (auto [index, init] : llvm::enumerate(task.getInits())) {
    if (auto type = dyn_cast<ITensorType>(init.getType())) {
      Value stream = createStream(
          type, name + "_out" + std::to_string(index), task, index);
      operands.push_back(stream);
      topValues.map(task.getResult(index), stream);
    } else {
      FailureOr<Value> mapped = lookupRouted(topValues, init, task);
      if (failed(mapped))
        return failure();
      operands.push_back(*mapped);
      resultTypes.push_back(init.getType());
    }
  }

  ValueRange callResults;
  func::FuncOp process = createProcess(
      name, operands, resultTypes,
      [&](OpBuilder &b, Block &entry) {
        IRMapping mapping;
        for (Value value : constants)
          recompute(b, value, mapping);
        for (auto [value, arg] : llvm::zip(inputs, entry.getArguments()))
          mapping.map(value, isa<TensorType>(arg.getType())
                                 ? applySourceViews(b, value, arg)
                                 : Value(arg));
        Block &body = task.getBody().front();
        for (auto [bodyArg, arg] : llvm::zip(
                 body.getArguments(),
                 entry.getArguments().drop_front(inputs.size())))
          mapping.map(bodyArg, arg);
        TaskBodyLowering lowering(mapping, folded, contiguousInputs);
        if (failed(lowering.lowerBlock(b, body)))
          return failure();
        b.create<func::ReturnOp>(task.getLoc(), lowering.returned);
        return success();
      },
      callResults);
  if (!process)
    return failure();
  unsigned next = 0;
  for (OpResult result : task.getResults())
    if (!isa<ITensorType>(result.getType()))
      topValues.map(result, callResults[next++]);
  return success();
}

LogicalResult KernelLowering::lower() {
  FailureOr<std::vector<InterfaceLayout>> loadedSources = loadLayouts(
      kSourceLayoutsAttr, kernel.getBody().front().getArgumentTypes());
  if (failed(loadedSources))
    return failure();
  auto terminator = cast<YieldOp>(kernel.getBody().front().getTerminator());
  FailureOr<std::vector<InterfaceLayout>> loadedResults =
      loadLayouts(kResultLayoutsAttr, terminator.getOutputs().getTypes());
  if (failed(loadedResults))
    return failure();
  sourceLayouts = std::move(*loadedSources);
  resultLayouts = std::move(*loadedResults);
  top = createTop();
  Block &body = kernel.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    if (!isa<ITensorType>(arg.getType()))
      continue;
    if (foldInputs && isFoldableInput(arg)) {
      folded.insert(arg);
      if (sourceLayouts[arg.getArgNumber()].contiguous)
        contiguousInputs[arg] = &sourceLayouts[arg.getArgNumber()];
      continue;
    }
    if (failed(lowerInputDMA(arg)))
      return failure();
  }

  for (Operation &op : body) {
    LogicalResult status = success();
    if (auto task = dyn_cast<TaskOp>(op))
      status = lowerTask(task);
    else if (auto converter = dyn_cast<ITensorConverterOp>(op))
      status = lowerConverter(converter);
    else if (auto fork = dyn_cast<ITensorForkOp>(op))
      status = lowerFork(fork);
    else if (isa<ITensorCastOp, ITensorReassociateOp>(op)) {
      FailureOr<Value> in = lookupRouted(topValues, op.getOperand(0), &op);
      if (failed(in))
        return failure();
      topValues.map(op.getResult(0), *in);
    }
    else if (auto yield = dyn_cast<YieldOp>(op)) {
      SmallVector<Value> results;
      for (auto [index, output] : llvm::enumerate(yield.getOutputs()))
        if (failed(lowerOutputDMA(output, index, results)))
          return failure();
      builder.create<func::ReturnOp>(kernel.getLoc(), results);
    } else if (!isa<ITensorEmptyOp>(op) && !isRecomputable(op.getResult(0)))
      return op.emitOpError("cannot be lowered to a dataflow process");
    if (failed(status))
      return failure();
  }

  OpBuilder callBuilder(kernel);
  auto call = callBuilder.create<func::CallOp>(kernel.getLoc(), top, ports);
  // The host turns contiguous ports back into the logical tensors.
  SmallVector<Value> results;
  for (auto [layout, result] : llvm::zip(resultLayouts, call.getResults()))
    results.push_back(layout.contiguous
                          ? buildLogical(callBuilder, kernel.getLoc(), result,
                                         layout)
                          : result);
  kernel.replaceAllUsesWith(results);
  kernel.erase();
  return success();
}

namespace {
struct LowerDataflowToFuncPass
    : public streamtensor::impl::LowerDataflowToFuncBase<
          LowerDataflowToFuncPass> {
  using LowerDataflowToFuncBase::LowerDataflowToFuncBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<std::pair<KernelOp, func::FuncOp>> kernels;
    module.walk([&](KernelOp kernel) {
      kernels.push_back({kernel, kernel->getParentOfType<func::FuncOp>()});
    });
    llvm::DenseMap<Operation *, Operation *> lastOf;
    for (auto [kernel, parent] : kernels) {
      if (!parent || kernel->getParentOp() != parent.getOperation()) {
        kernel.emitOpError("must sit directly in a function to be lowered");
        return signalPassFailure();
      }
      Operation *&after = lastOf[parent];
      KernelLowering lowering(kernel, parent, symbols, foldInputs,
                              after ? after : parent.getOperation());
      if (failed(lowering.lower()))
        return signalPassFailure();
      after = lowering.getLastFunction();
    }
  }
};
} // namespace
