//===- EmitKernels.cpp - Vitis HLS C++ of lowered dataflow IR -------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One C++ function per process and one extern "C" function per top. The
// source compiles for Vitis HLS (csim and synthesis) and, unchanged, with g++
// against runtime/sim, where streamtensor_dataflow.h turns every process call
// of a dataflow region into a thread and every hls::stream<T, N> into a
// bounded FIFO of depth N.
//
// Every SSA value becomes a C variable assigned once, except pure scalar ops
// with a single use in the same block, which are folded into that use; loads
// and stream reads are never folded, so their order is the IR's.
//
// Each process also carries its static schedule (the timing model's) in the
// STREAMTENSOR_TIMED_* macros of streamtensor_dataflow.h, and port accesses
// go through STREAMTENSOR_LOAD/STORE: no code for Vitis, the clock of the
// timed simulation otherwise (docs/timed-simulation.md).
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "LayerLoop.h"
#include "Expressions.h"
#include "mlir/IR/Diagnostics.h"
#include "streamtensor/Analysis/Target.h"
#include "streamtensor/Analysis/ResourceModel.h"
#include "streamtensor/Analysis/TimingModel.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "streamtensor/Target/HLSCpp.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

namespace {

/// Writes the body of one process function.
class ProcessEmitter {
public:
  ProcessEmitter(raw_ostream &os, const NameScope &globals)
      : os(os), scope(&globals) {}

  /// `argNames` are name hints for the arguments (empty: argN).
  /// `holdCycles` > 0 delays the start of the process (STREAMTENSOR_HOLD).
  void emit(func::FuncOp func, StringRef cName, ArrayRef<std::string> argNames,
            int64_t holdCycles, const TargetDesc &target);

private:
  raw_ostream &line() { return os.indent(2 * indent); }
  /// Pragmas are indented like the statements they belong to.
  void pragma(const Twine &text) { line() << "#pragma HLS " << text << "\n"; }

  std::string expr(Value value);
  std::string access(Value memref, ValueRange indices, bool store = false);
  /// STREAMTENSOR_TIMED_AT before a stream or port access with a scheduled
  /// issue cycle, STREAMTENSOR_TIMED_DELAY after the end of a segment.
  void emitTimedAt(Operation *op);
  void emitTimedDelay(Operation *op);
  std::string declare(Value value, StringRef prefix);
  bool isFolded(Operation *op) const;

  void emitBlock(Block &block);
  void emitOp(Operation *op);
  void emitOpCode(Operation *op);
  void emitFor(scf::ForOp loop);
  void emitIf(scf::IfOp branch);
  void emitAlloc(Operation *op, MemRefType type);
  void emitCopy(memref::CopyOp copy);

  raw_ostream &os;
  NameScope scope;
  unsigned indent = 1;
  unsigned numLoops = 0;
  DenseMap<Value, std::string> names;
  /// Result variables of each scf.if, assigned by the yields of its regions.
  DenseMap<Operation *, SmallVector<std::string>> ifResults;
  /// The static schedule, if the timing model could time the process.
  std::optional<ProcessTiming> timing;
  DenseMap<Operation *, const LoopTiming *> loopTimings;
  DenseMap<Operation *, std::string> flattenedPipeline;
  /// Inside scf.if the schedule is the branch's, folded into its parent's.
  unsigned branchDepth = 0;
  std::string untimedReason;
};

} // namespace

/// `text` without parentheses around the whole of it, for places where an
/// expression stands alone (an initializer, an argument, an index).
static std::string stripParens(std::string text) {
  while (isParenthesized(text))
    text = text.substr(1, text.size() - 2);
  return text;
}

bool ProcessEmitter::isFolded(Operation *op) const {
  if (isa<arith::ConstantOp>(op))
    return true;
  if (!isSupportedScalarOp(op) || !op->getResult(0).hasOneUse())
    return false;
  return op->getResult(0).getUses().begin()->getOwner()->getBlock() ==
         op->getBlock();
}

std::string ProcessEmitter::expr(Value value) {
  auto it = names.find(value);
  if (it != names.end())
    return it->second;
  Operation *def = value.getDefiningOp();
  assert(def && isFolded(def) && "value used before its definition");
  SmallVector<std::string> operands;
  for (Value operand : def->getOperands())
    operands.push_back(expr(operand));
  return buildExpression(def, operands);
}

/// An m_axi port element, through the macros that time it in the timed
/// simulation (`port[index]` everywhere else).
static std::string portElement(StringRef port, StringRef index, bool store) {
  return ((store ? "STREAMTENSOR_STORE(" : "STREAMTENSOR_LOAD(") + port + ", " +
          index + ")")
      .str();
}

/// Ports are flat pointers indexed row-major; local arrays keep their shape
/// so that array_partition can name their dimensions.
std::string ProcessEmitter::access(Value memref, ValueRange indices,
                                  bool store) {
  auto type = cast<MemRefType>(memref.getType());
  std::string base = names.lookup(memref);
  if (type.getRank() == 0)
    return isa<BlockArgument>(memref) ? portElement(base, "0", store)
                                      : base + "[0]";
  if (!isa<BlockArgument>(memref)) {
    std::string text = base;
    for (Value index : indices)
      text += "[" + stripParens(expr(index)) + "]";
    return text;
  }
  SmallVector<int64_t> strides(type.getRank(), 1);
  for (int64_t d = type.getRank() - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * type.getDimSize(d + 1);
  int64_t offset = 0;
  std::string sum;
  for (auto [index, stride] : llvm::zip(indices, strides)) {
    if (auto constant = index.getDefiningOp<arith::ConstantIndexOp>()) {
      offset += constant.value() * stride;
      continue;
    }
    std::string term = expr(index);
    if (stride != 1)
      term = "(" + term + " * " + std::to_string(stride) + ")";
    sum = sum.empty() ? term : "(" + sum + " + " + term + ")";
  }
  if (sum.empty())
    sum = std::to_string(offset);
  else if (offset != 0)
    sum = "(" + sum + " + " + std::to_string(offset) + ")";
  Type element = type.getElementType();
  if (!isSubByte(element))
    return portElement(base, stripParens(sum), store);
  // A sub-byte element read alone is stored in a byte of its own.
  return getCType(element) + "(" + portElement(base, stripParens(sum), store) +
         ")";
}

static bool isTimedAccess(Operation *op) {
  if (isa<dataflow::StreamReadOp, dataflow::StreamWriteOp>(op))
    return true;
  if (auto load = dyn_cast<memref::LoadOp>(op))
    return isa<BlockArgument>(load.getMemref());
  if (auto store = dyn_cast<memref::StoreOp>(op))
    return isa<BlockArgument>(store.getMemref());
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return isa<BlockArgument>(copy.getSource()) ||
           isa<BlockArgument>(copy.getTarget());
  return false;
}

void ProcessEmitter::emitTimedAt(Operation *op) {
  if (!timing || branchDepth || !isTimedAccess(op))
    return;
  auto it = timing->opStarts.find(op);
  if (it != timing->opStarts.end())
    line() << "STREAMTENSOR_TIMED_AT(" << it->second << ");\n";
}

void ProcessEmitter::emitTimedDelay(Operation *op) {
  if (!timing || branchDepth)
    return;
  auto it = timing->segmentLatency.find(op);
  if (it != timing->segmentLatency.end() && it->second > 0)
    line() << "STREAMTENSOR_TIMED_DELAY(" << it->second << ");\n";
}

std::string ProcessEmitter::declare(Value value, StringRef prefix) {
  std::string name = scope.numbered(prefix);
  names[value] = name;
  return name;
}

void ProcessEmitter::emit(func::FuncOp func, StringRef cName,
                          ArrayRef<std::string> argNames, int64_t holdCycles,
                          const TargetDesc &target) {
  {
    // What the timing model cannot time is emitted untimed; the timed
    // simulation refuses to run it (STREAMTENSOR_TIMED_UNSUPPORTED).
    std::string why;
    ScopedDiagnosticHandler capture(func.getContext(), [&](Diagnostic &diag) {
      if (why.empty())
        why = diag.str();
      return success();
    });
    FailureOr<ProcessTiming> timed = analyzeProcessTiming(func, target);
    if (succeeded(timed)) {
      timing = std::move(*timed);
      for (LoopTiming &loop : timing->loops)
        loopTimings[loop.loop.getOperation()] = &loop;
    } else {
      untimedReason = why.empty() ? "the timing model cannot time it" : why;
    }
  }
  os << "static void " << cName << "(";
  for (BlockArgument arg : func.getArguments()) {
    if (arg.getArgNumber())
      os << ", ";
    Type type = arg.getType();
    if (auto stream = dyn_cast<dataflow::StreamType>(type))
      os << "hls::stream<" << getCType(stream.getElementType()) << "> &";
    else if (auto memref = dyn_cast<MemRefType>(type))
      os << getPortCType(memref.getElementType()) << " *";
    else
      os << getCType(type) << " ";
    // An unused argument stays unnamed, which keeps -Wunused-parameter quiet.
    if (arg.use_empty())
      continue;
    std::string hint = argNames.empty() || argNames[arg.getArgNumber()].empty()
                           ? "arg" + std::to_string(arg.getArgNumber())
                           : argNames[arg.getArgNumber()];
    names[arg] = scope.unique(hint);
    os << names[arg];
  }
  os << ") {\n";
  // A process must stay a function of its own for the dataflow region.
  pragma("inline off");
  if (!timing)
    line() << "STREAMTENSOR_TIMED_UNSUPPORTED("
           << quoteCString(cName.str() + ": " + untimedReason) << ");\n";
  if (holdCycles > 0)
    line() << "STREAMTENSOR_HOLD(" << holdCycles << ");\n";
  emitBlock(func.getBody().front());
  os << "}\n";
}

void ProcessEmitter::emitBlock(Block &block) {
  for (Operation &op : block)
    emitOp(&op);
}

void ProcessEmitter::emitOp(Operation *op) {
  emitTimedAt(op);
  emitOpCode(op);
  emitTimedDelay(op);
}

void ProcessEmitter::emitOpCode(Operation *op) {
  if (isSupportedScalarOp(op)) {
    // Folded into their use, or dead.
    if (isFolded(op) || op->use_empty())
      return;
    SmallVector<std::string> operands;
    for (Value operand : op->getOperands())
      operands.push_back(expr(operand));
    std::string value = stripParens(buildExpression(op, operands));
    Value result = op->getResult(0);
    std::string type = getCType(result.getType());
    std::string name = declare(result, "v");
    line() << type << " " << name << " = " << value << ";\n";
    return;
  }
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](scf::ForOp loop) { emitFor(loop); })
      .Case([&](scf::IfOp branch) { emitIf(branch); })
      .Case([&](scf::YieldOp yield) {
        auto it = ifResults.find(yield->getParentOp());
        if (it == ifResults.end())
          return;
        for (auto [name, value] : llvm::zip(it->second, yield.getOperands()))
          line() << name << " = " << stripParens(expr(value)) << ";\n";
      })
      .Case([&](memref::AllocOp alloc) { emitAlloc(op, alloc.getType()); })
      .Case([&](memref::AllocaOp alloca) { emitAlloc(op, alloca.getType()); })
      .Case([&](memref::LoadOp load) {
        if (load->use_empty())
          return;
        std::string value = access(load.getMemRef(), load.getIndices());
        std::string name = declare(load.getResult(), "v");
        line() << getCType(load.getType()) << " " << name << " = " << value
               << ";\n";
      })
      .Case([&](memref::StoreOp store) {
        line() << access(store.getMemRef(), store.getIndices(), true) << " = "
               << stripParens(expr(store.getValueToStore())) << ";\n";
      })
      .Case([&](memref::CopyOp copy) { emitCopy(copy); })
      .Case([&](vector::ExtractOp extract) {
        if (extract->use_empty())
          return;
        OpFoldResult position = extract.getMixedPosition()[0];
        std::string lane = isa<Attribute>(position)
                               ? std::to_string(*getConstantIntValue(position))
                               : stripParens(expr(cast<Value>(position)));
        std::string word = expr(extract.getVector());
        std::string name = declare(extract.getResult(), "v");
        line() << getCType(extract.getType()) << " " << name << " = ";
        if (isSubByte(extract.getType())) {
          // A packed word: the lane's bit field, reinterpreted as signed.
          int64_t bits = extract.getType().getIntOrFloatBitWidth();
          std::string low, high;
          if (std::optional<int64_t> index = getConstantIntValue(position)) {
            low = std::to_string(*index * bits);
            high = std::to_string(*index * bits + bits - 1);
          } else {
            low = "(" + lane + ") * " + std::to_string(bits);
            high = low + " + " + std::to_string(bits - 1);
          }
          os << getCType(extract.getType()) << "(" << word << ".range(" << high
             << ", " << low << "));\n";
          return;
        }
        os << word << "[" << lane << "];\n";
      })
      .Case([&](vector::FromElementsOp build) {
        std::string name = declare(build.getResult(), "v");
        line() << getCType(build.getType()) << " " << name << " = {";
        for (auto [index, element] : llvm::enumerate(build.getElements()))
          os << (index ? ", " : "") << stripParens(expr(element));
        os << "};\n";
      })
      .Case([&](dataflow::StreamReadOp read) {
        std::string stream = names.lookup(read.getSource());
        if (read->use_empty()) {
          line() << stream << ".read();\n";
          return;
        }
        std::string name = declare(read.getValue(), "v");
        line() << getCType(read.getType()) << " " << name << " = " << stream
               << ".read();\n";
      })
      .Case([&](dataflow::StreamWriteOp write) {
        line() << names.lookup(write.getDest()) << ".write("
               << stripParens(expr(write.getValue())) << ");\n";
      })
      // Local arrays live on the stack; the function's end frees them.
      .Case<memref::DeallocOp, func::ReturnOp>([](Operation *) {});
}

void ProcessEmitter::emitAlloc(Operation *op, MemRefType type) {
  std::string hint = "buf";
  for (StringRef attr : {"dataflow.name", "streamtensor.name"})
    if (auto name = op->getAttrOfType<StringAttr>(attr))
      hint = name.str();
  std::string name = hint == "buf" ? scope.numbered("buf") : scope.unique(hint);
  names[op->getResult(0)] = name;
  line() << getCType(type.getElementType()) << " " << name;
  if (type.getRank() == 0)
    os << "[1]";
  for (int64_t dim : type.getShape())
    os << "[" << dim << "]";
  os << ";\n";
  auto factors = op->getAttrOfType<DenseI64ArrayAttr>("dataflow.partition");
  if (!factors)
    return;
  for (auto [dim, factor] : llvm::enumerate(factors.asArrayRef())) {
    if (factor <= 1 || dim >= static_cast<size_t>(type.getRank()))
      continue;
    if (factor >= type.getDimSize(dim))
      pragma("array_partition variable=" + name +
             " type=complete dim=" + Twine(dim + 1));
    else
      pragma("array_partition variable=" + name +
             " type=cyclic factor=" + Twine(factor) + " dim=" + Twine(dim + 1));
  }
}

void ProcessEmitter::emitFor(scf::ForOp loop) {
  std::string iv = declare(loop.getInductionVar(), "i");
  std::string lb = expr(loop.getLowerBound());
  std::string ub = expr(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  std::string increment =
      step && *step == 1 ? "++" + iv : iv + " += " + expr(loop.getStep());
  const LoopTiming *timed =
      timing && !branchDepth ? loopTimings.lookup(loop.getOperation()) : nullptr;
  // The pipeline this loop's iterations issue in: its own, or for the loops
  // of a flattened nest the one declared before the nest's outermost loop.
  std::string pipeline;
  bool ownsPipeline = timed && timed->pipelined && !timed->inFlattenedNest;
  if (ownsPipeline) {
    pipeline = scope.numbered("timed");
    if (timed->unroll > 1)
      line() << "STREAMTENSOR_TIMED_UNROLLED_PIPELINE(" << pipeline << ", "
             << timed->ii << ", " << timed->iterationLatency << ", "
             << timed->unroll << ");\n";
    else
      line() << "STREAMTENSOR_TIMED_PIPELINE(" << pipeline << ", " << timed->ii
             << ", " << timed->iterationLatency << ");\n";
    for (scf::ForOp inner = loop; timed->flattened;) {
      inner = dyn_cast<scf::ForOp>(inner.getBody()->front());
      const LoopTiming *nested = inner ? loopTimings.lookup(inner) : nullptr;
      if (!nested || !nested->inFlattenedNest)
        break;
      flattenedPipeline[inner.getOperation()] = pipeline;
    }
  } else if (timed && timed->inFlattenedNest) {
    pipeline = flattenedPipeline.lookup(loop.getOperation());
  }
  bool issues = timed && timed->pipelined &&
                !llvm::any_of(loop.getBody()->without_terminator(),
                              [](Operation &op) { return isa<scf::ForOp>(op); });
  line() << "loop" << numLoops++ << ": for (int " << iv << " = " << lb << "; "
         << iv << " < " << ub << "; " << increment << ") {\n";
  ++indent;
  if (auto ii = loop->getAttrOfType<IntegerAttr>("dataflow.pipeline_ii"))
    pragma("pipeline II=" + Twine(ii.getInt()));
  if (auto factor = loop->getAttrOfType<IntegerAttr>("dataflow.unroll")) {
    std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
    std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
    bool full = lower && upper && step &&
                factor.getInt() >= (*upper - *lower + *step - 1) / *step;
    if (full)
      pragma("unroll");
    else if (factor.getInt() > 1)
      pragma("unroll factor=" + Twine(factor.getInt()));
  }
  if (issues && !pipeline.empty()) {
    // Vitis flattens such perfect nests by default; say so where it happens.
    if (timed->inFlattenedNest)
      pragma("loop_flatten");
    line() << "STREAMTENSOR_TIMED_ITERATION(" << pipeline << ");\n";
  }
  emitBlock(*loop.getBody());
  --indent;
  line() << "}\n";
  if (ownsPipeline)
    line() << "STREAMTENSOR_TIMED_PIPELINE_END(" << pipeline << ");\n";
}

void ProcessEmitter::emitIf(scf::IfOp branch) {
  for (Value result : branch.getResults()) {
    std::string name = declare(result, "v");
    line() << getCType(result.getType()) << " " << name << ";\n";
    ifResults[branch].push_back(name);
  }
  line() << "if (" << stripParens(expr(branch.getCondition())) << ") {\n";
  ++indent;
  ++branchDepth;
  emitBlock(branch.getThenRegion().front());
  --indent;
  if (!branch.getElseRegion().empty()) {
    line() << "} else {\n";
    ++indent;
    emitBlock(branch.getElseRegion().front());
    --indent;
  }
  --branchDepth;
  line() << "}\n";
}

void ProcessEmitter::emitCopy(memref::CopyOp copy) {
  auto type = cast<MemRefType>(copy.getSource().getType());
  // Index variables of the copy loops, as named C expressions.
  SmallVector<std::string> ivs;
  unsigned opened = 0;
  for (int64_t dim : type.getShape()) {
    std::string iv = scope.numbered("c");
    ivs.push_back(iv);
    line() << "loop" << numLoops++ << ": for (int " << iv << " = 0; " << iv
           << " < " << dim << "; ++" << iv << ") {\n";
    ++indent;
    ++opened;
  }
  if (opened)
    pragma("pipeline II=1");
  auto element = [&](Value memref, bool store) {
    auto memrefType = cast<MemRefType>(memref.getType());
    std::string base = names.lookup(memref);
    if (memrefType.getRank() == 0)
      return isa<BlockArgument>(memref) ? portElement(base, "0", store)
                                        : base + "[0]";
    if (!isa<BlockArgument>(memref)) {
      for (const std::string &iv : ivs)
        base += "[" + iv + "]";
      return base;
    }
    std::string flat;
    for (auto [i, iv] : llvm::enumerate(ivs)) {
      int64_t stride = 1;
      for (int64_t d = i + 1; d < memrefType.getRank(); ++d)
        stride *= memrefType.getDimSize(d);
      std::string term = stride == 1 ? iv : iv + " * " + std::to_string(stride);
      flat = flat.empty() ? term : flat + " + " + term;
    }
    return portElement(base, flat, store);
  };
  line() << element(copy.getTarget(), true) << " = "
         << element(copy.getSource(), false)
         << ";\n";
  for (; opened; --opened) {
    --indent;
    line() << "}\n";
  }
}

//===----------------------------------------------------------------------===//
// Tops and the file
//===----------------------------------------------------------------------===//

/// Argument names of a process called exactly once: the names of what it is
/// called with, so the process body speaks of the same streams and ports as
/// the top. Empty when the process has several call sites.
static SmallVector<std::string> getArgumentHints(Design &design,
                                                 func::FuncOp callee) {
  Top *owner = nullptr;
  ProcessInstance *instance = nullptr;
  for (Top &top : design.tops)
    for (ProcessInstance &process : top.processes)
      if (process.callee == callee) {
        if (instance)
          return {};
        owner = &top;
        instance = &process;
      }
  SmallVector<std::string> hints;
  if (!instance)
    return hints;
  for (Value operand : instance->call.getOperands()) {
    std::string hint;
    for (Stream &stream : owner->streams)
      if (stream.op.getResult() == operand)
        hint = stream.cName;
    for (Port &port : owner->ports)
      if (port.value == operand)
        hint = port.cName;
    hints.push_back(hint);
  }
  return hints;
}

/// The start hold that FIFO sizing chose for the calls of a process
/// (`dataflow.hold_until_cycle`, 0 if none); the calls must agree, since the
/// hold is emitted into the process body.
static FailureOr<int64_t> getHoldCycles(Design &design, func::FuncOp callee) {
  std::optional<int64_t> hold;
  for (Top &top : design.tops)
    for (ProcessInstance &process : top.processes) {
      if (process.callee != callee)
        continue;
      int64_t cycles = 0;
      if (auto attr = process.call->getAttrOfType<IntegerAttr>(
              "dataflow.hold_until_cycle"))
        cycles = attr.getInt();
      if (cycles < 0)
        return process.call.emitError("dataflow.hold_until_cycle must not be "
                                      "negative");
      if (hold && *hold != cycles)
        return process.call.emitError("process @")
               << callee.getSymName()
               << " is called with different dataflow.hold_until_cycle "
                  "values; each held call needs a process of its own";
      hold = cycles;
    }
  return hold.value_or(0);
}

static void emitTop(Design &design, Top &top, const TargetDesc &target,
                    raw_ostream &os) {
  os << "extern \"C\" void " << top.cName << "(";
  for (Port &port : top.ports) {
    const Tensor &tensor = design.tensors[port.tensor];
    os << (port.index ? ", " : "")
       << getPortCType(tensor.type.getElementType()) << " *" << port.cName;
  }
  os << ") {\n";
  for (Port &port : top.ports) {
    const Tensor &tensor = design.tensors[port.tensor];
    os << "#pragma HLS interface m_axi port=" << port.cName << " bundle=gmem"
       << port.index << " offset=slave depth=" << tensor.type.getNumElements()
       << "\n";
  }
  for (Port &port : top.ports)
    os << "#pragma HLS interface s_axilite port=" << port.cName
       << " bundle=control\n";
  os << "#pragma HLS interface s_axilite port=return bundle=control\n";
  os << "#pragma HLS dataflow\n";
  // What the timed simulation charges for external memory and the launch.
  os << "  STREAMTENSOR_TIMED_MEMORY(" << target.clockMHz << ", "
     << target.hbm.readLatencyCycles << ", " << target.hbm.writeLatencyCycles
     << ", " << target.hbm.outstandingBursts << ", "
     << target.hbm.maxBurstBeats << ", " << target.getChannelBytesPerCycle()
     << ", " << target.getTotalHbmBytesPerCycle() << ", "
     << target.hbm.minAccessBytes << ", " << target.getLaunchCycles()
     << ");\n";
  for (Port &port : top.ports) {
    const Tensor &tensor = design.tensors[port.tensor];
    int64_t users = llvm::count_if(top.processes, [&](ProcessInstance &p) {
      return llvm::is_contained(p.call.getOperands(), port.value);
    });
    os << "  STREAMTENSOR_TIMED_PORT(" << port.cName << ", "
       << tensor.type.getNumElements() << ", " << quoteCString(port.cName)
       << ", " << tensor.hbmChannel << ", " << users << ");\n";
  }
  for (Stream &stream : top.streams) {
    int64_t depth = stream.type.getDepth();
    os << "  hls::stream<" << getCType(stream.type.getElementType()) << ", "
       << depth << "> " << stream.cName << "(" << quoteCString(stream.name)
       << ");\n";
    os << "#pragma HLS stream variable=" << stream.cName << " depth=" << depth
       << "\n";
    // A shallow FIFO of wide tokens in LUTRAM, as the resource model
    // counts it, not in BRAMs it would leave mostly empty.
    int64_t width = getElementBits(stream.type.getElementType());
    if (target.resources.present &&
        getFifoStorage(depth, width, target) == FifoStorage::Lutram)
      os << "#pragma HLS bind_storage variable=" << stream.cName
         << " type=fifo impl=lutram\n";
  }
  os << "  STREAMTENSOR_DATAFLOW_BEGIN(" << quoteCString(top.cName) << ");\n";
  for (ProcessInstance &process : top.processes) {
    os << "  STREAMTENSOR_PROCESS(" << quoteCString(process.name) << ", "
       << design.funcNames.lookup(process.callee) << "(";
    for (auto [i, operand] : llvm::enumerate(process.call.getOperands())) {
      os << (i ? ", " : "");
      if (auto constant = operand.getDefiningOp<arith::ConstantOp>()) {
        os << buildLiteral(cast<TypedAttr>(constant.getValue()));
        continue;
      }
      for (Stream &stream : top.streams)
        if (stream.op.getResult() == operand)
          os << stream.cName;
      for (Port &port : top.ports)
        if (port.value == operand)
          os << port.cName;
    }
    os << "));\n";
  }
  os << "  STREAMTENSOR_DATAFLOW_END();\n";
  os << "}\n";
}

LogicalResult streamtensor::target::emitKernels(ModuleOp module,
                                                raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  const TargetDesc &target = getDefaultTargetDesc();
  // Checked before anything is written: an error leaves no partial output.
  llvm::DenseMap<func::FuncOp, int64_t> holds;
  for (func::FuncOp func : design->processFuncs) {
    FailureOr<int64_t> hold = getHoldCycles(*design, func);
    if (failed(hold))
      return failure();
    holds[func] = *hold;
  }
  FailureOr<std::optional<LayerLoop>> layerLoop = getLayerLoop(*design);
  if (failed(layerLoop))
    return failure();

  os << "// Kernels of the StreamTensor design '" << design->getName()
     << "' (streamtensor-translate --emit-hlscpp).\n"
     << "// Vitis HLS C++; compiles unchanged with g++ against the "
        "bounded-FIFO\n"
     << "// simulation headers of runtime/sim/include.\n"
     << "#include <ap_int.h>\n"
     << "#include <hls_math.h>\n"
     << "#include <hls_stream.h>\n"
     << "#include <hls_vector.h>\n\n"
     << "#include <cmath>\n"
     << "#include <cstdint>\n\n"
     << "#include \"" << kDataflowHeader << "\"\n";

  for (func::FuncOp func : design->processFuncs) {
    bool called = llvm::any_of(design->tops, [&](Top &top) {
      return llvm::any_of(top.processes,
                          [&](ProcessInstance &p) { return p.callee == func; });
    });
    // An uncalled process belongs to no accelerator.
    if (!called)
      continue;
    os << "\n";
    ProcessEmitter emitter(os, design->globals);
    emitter.emit(func, design->funcNames.lookup(func),
                 getArgumentHints(*design, func), holds.lookup(func), target);
  }
  for (Top &top : design->tops) {
    os << "\n";
    emitTop(*design, top, target, os);
  }
  if (*layerLoop) {
    os << "\n";
    emitLayerLoop(*design, **layerLoop, os);
  }
  return success();
}
