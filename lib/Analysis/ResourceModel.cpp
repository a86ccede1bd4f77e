//===- ResourceModel.cpp - On-chip resources of a lowered design ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/ResourceModel.h"
#include "OperatorKeys.h"
#include "streamtensor/Analysis/TimingModel.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include <map>

using namespace mlir;
using namespace streamtensor;
using streamtensor::detail::getTypeKey;
using streamtensor::detail::isFreeType;

ResourceUsage &ResourceUsage::operator+=(const ResourceUsage &other) {
  dsp += other.dsp;
  bram36 += other.bram36;
  uram += other.uram;
  lut += other.lut;
  ff += other.ff;
  return *this;
}

static ResourceUsage times(const ResourceCost &cost, int64_t count) {
  ResourceUsage usage;
  usage.dsp = cost.dsp * count;
  usage.lut = cost.lut * count;
  usage.ff = cost.ff * count;
  usage.bram36 = cost.bram36 * count;
  return usage;
}

ResourceUsage streamtensor::getUsableResources(const SlrResources &slr,
                                               const TargetDesc &target) {
  double keep = (1.0 - target.shellReservedFraction) *
                (1.0 - target.resources.routingHeadroom);
  auto scale = [&](int64_t value) { return int64_t(double(value) * keep); };
  ResourceUsage usage;
  usage.dsp = scale(slr.dsps);
  usage.bram36 = scale(slr.bram36);
  usage.uram = scale(slr.urams);
  usage.lut = scale(slr.luts);
  usage.ff = scale(slr.flipFlops);
  return usage;
}

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// A memory of `depth` words of `width` bits: LUTRAM (or registers, one
/// word deep) up to the target's bit limit, else BRAM36 in its widest
/// aspect ratio that holds a word (1K x 36, 512 x 72), or URAM (4K x 72)
/// when that takes fewer blocks' worth of bits.
static ResourceUsage costMemory(int64_t depth, int64_t width,
                                const TargetDesc &target) {
  ResourceUsage usage;
  int64_t bits = depth * width;
  if (depth <= 1) {
    usage.ff = width;
    return usage;
  }
  if (bits <= target.resources.lutramMaxBits) {
    // A LUT as RAM holds 64 bits; one more per 64 for the read mux.
    usage.lut = ceilDiv(bits, 64) + ceilDiv(width, 1);
    return usage;
  }
  int64_t bram = ceilDiv(depth, 1024) * ceilDiv(width, 36);
  if (width > 36)
    bram = std::min(bram, ceilDiv(depth, 512) * ceilDiv(width, 72));
  int64_t uram = ceilDiv(depth, 4096) * ceilDiv(width, 72);
  // URAM only pays when the BRAMs would be several per URAM's bits.
  if (depth >= 4096 && uram * target.uramBits <= bram * target.bram36Bits)
    usage.uram = uram;
  else
    usage.bram36 = bram;
  return usage;
}

int64_t streamtensor::getElementBits(Type type) {
  if (auto vector = dyn_cast<VectorType>(type))
    return vector.getNumElements() * getElementBits(vector.getElementType());
  if (type.isIntOrFloat())
    return type.getIntOrFloatBitWidth();
  return 64; // index
}

/// A local array, banked by its `dataflow.partition` factors.
static ResourceUsage costArray(memref::AllocOp alloc,
                               const TargetDesc &target) {
  MemRefType type = alloc.getType();
  int64_t elements = type.getNumElements();
  int64_t banks = 1;
  if (auto factors =
          alloc->getAttrOfType<DenseI64ArrayAttr>("dataflow.partition"))
    for (auto [dim, factor] : llvm::enumerate(factors.asArrayRef()))
      if (dim < size_t(type.getRank()) && factor > 1)
        banks *= std::min<int64_t>(factor, type.getDimSize(dim));
  ResourceUsage bank = costMemory(ceilDiv(elements, banks),
                                  getElementBits(type.getElementType()), target);
  ResourceUsage usage;
  for (int64_t i = 0; i < banks; ++i)
    usage += bank;
  return usage;
}

/// The bits an integer operand really carries: the source width of a
/// sign or zero extension (the int8 activations and 4-bit weight codes
/// multiplied in an int32 sum), else its type's width.
static unsigned getCarriedBits(Value value) {
  if (auto ext = value.getDefiningOp<arith::ExtSIOp>())
    return getCarriedBits(ext.getIn());
  if (auto ext = value.getDefiningOp<arith::ExtUIOp>())
    return getCarriedBits(ext.getIn()) + 1;
  return value.getType().getIntOrFloatBitWidth();
}

/// The type whose costs an operator takes: an integer product of narrow
/// operands is built at their width (an 8 x 4-bit product is a small LUT
/// multiplier, not three DSPs of a 32-bit one).
static std::string getCostTypeKey(Operation *op) {
  Type type = op->getOperand(0).getType();
  if (!isa<arith::MulIOp>(op) || !isa<IntegerType>(type))
    return getTypeKey(type);
  unsigned bits = 0;
  for (Value operand : op->getOperands())
    bits = std::max(bits, getCarriedBits(operand));
  for (unsigned width : {8u, 16u, 32u})
    if (bits <= width && width < type.getIntOrFloatBitWidth())
      return "i" + std::to_string(width);
  return getTypeKey(type);
}

/// One operator instance of `op`, or nothing for free and memory ops.
static FailureOr<std::optional<ResourceCost>>
costOperator(Operation *op, const TargetDesc &target) {
  OperatorClass kind = classifyOperator(op->getName().getStringRef());
  if (kind.kind == OperatorKind::Conversion) {
    // Integer widening and narrowing is wiring.
    bool integers = isa<IntegerType>(op->getOperand(0).getType()) &&
                    isa<IntegerType>(op->getResult(0).getType());
    if (integers)
      return std::optional<ResourceCost>();
    return std::optional<ResourceCost>(target.resources.conversion);
  }
  if (kind.kind != OperatorKind::Arithmetic || op->getNumOperands() == 0 ||
      isFreeType(op->getOperand(0).getType()))
    return std::optional<ResourceCost>();
  StringRef key = kind.key;
  std::string type = getCostTypeKey(op);
  auto byType = target.resources.operators.find(type);
  if (byType == target.resources.operators.end())
    return op->emitError("target '")
           << target.name << "' has no resource costs for " << type;
  auto entry = byType->second.find(key);
  if (entry == byType->second.end())
    entry = byType->second.find("other");
  return std::optional<ResourceCost>(entry->second);
}

/// The operators of one process: every operation once, except in pipelined
/// loops, where the operators of one kind (the `unroll` copies of each
/// included) share instances over the cycles of one II.
static FailureOr<ResourceUsage> costProcess(func::FuncOp process,
                                            const TargetDesc &target) {
  FailureOr<ProcessTiming> timing = analyzeProcessTiming(process, target);
  if (failed(timing))
    return failure();
  llvm::DenseMap<Operation *, const LoopTiming *> pipelined;
  for (const LoopTiming &loop : timing->loops)
    if (loop.pipelined && !loop.flattened)
      pipelined[const_cast<scf::ForOp &>(loop.loop).getOperation()] = &loop;

  ResourceUsage usage = times(target.resources.process, 1);
  LogicalResult status = success();
  // Operators of one kind in one pipelined loop, the copies of its unroll
  // included: an II of n lets n of them share one instance.
  struct SharedOperator {
    ResourceCost cost;
    int64_t count = 0;
    int64_t ii = 1;
  };
  std::map<std::pair<Operation *, std::string>, SharedOperator> shared;
  process.walk([&](Operation *op) {
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      usage += costArray(alloc, target);
      return;
    }
    FailureOr<std::optional<ResourceCost>> cost = costOperator(op, target);
    if (failed(cost)) {
      status = failure();
      return;
    }
    if (!*cost)
      return;
    for (Operation *parent = op->getParentOp(); parent;
         parent = parent->getParentOp())
      if (const LoopTiming *loop = pipelined.lookup(parent)) {
        std::string type;
        llvm::raw_string_ostream typeOS(type);
        typeOS << op->getName() << " " << op->getOperandTypes();
        SharedOperator &entry = shared[{parent, type}];
        entry.cost = **cost;
        entry.count += loop->unroll;
        entry.ii = std::max<int64_t>(1, loop->ii);
        return;
      }
    usage += times(**cost, 1);
  });
  if (failed(status))
    return failure();
  for (const auto &[key, entry] : shared)
    usage += times(entry.cost, ceilDiv(entry.count, entry.ii));
  return usage;
}

FifoStorage streamtensor::getFifoStorage(int64_t depth, int64_t width,
                                         const TargetDesc &target) {
  if (depth <= target.resources.srlMaxDepth)
    return FifoStorage::ShiftRegister;
  if (width > 72 && depth <= target.resources.lutramFifoMaxDepth)
    return FifoStorage::Lutram;
  return FifoStorage::Memory;
}

FailureOr<TopResources> streamtensor::estimateResources(func::FuncOp top,
                                                        const TargetDesc &target) {
  if (!target.resources.present)
    return top.emitError("target '")
           << target.name << "' has no resource_costs to estimate resources";
  TopResources result;
  result.top = top.getSymName().str();
  auto module = top->getParentOfType<ModuleOp>();
  llvm::StringMap<ResourceUsage> costed;
  for (Operation &op : top.getBody().front()) {
    if (auto stream = dyn_cast<dataflow::StreamOp>(op)) {
      auto type = cast<dataflow::StreamType>(stream.getType());
      int64_t width = getElementBits(type.getElementType());
      int64_t depth = std::max<int64_t>(1, type.getDepth());
      ResourceUsage fifo;
      switch (getFifoStorage(depth, width, target)) {
      case FifoStorage::ShiftRegister:
        fifo.lut = width * ceilDiv(depth, 32);
        break;
      case FifoStorage::Lutram:
        // 64 x 3 bits of two-port RAM per four LUTs (RAM64M).
        fifo.lut = ceilDiv(width, 3) * 4 * ceilDiv(depth, 64);
        break;
      case FifoStorage::Memory:
        fifo = costMemory(depth, width, target);
        break;
      }
      fifo.ff += 2 * width; // output register and control
      result.fifos += fifo;
      result.fifoList.push_back({stream, fifo});
      continue;
    }
    auto call = dyn_cast<func::CallOp>(op);
    if (!call)
      continue;
    auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
    if (!callee)
      return call.emitError("calls '") << call.getCallee()
                                       << "', which is not defined";
    auto it = costed.find(callee.getSymName());
    if (it == costed.end()) {
      FailureOr<ResourceUsage> usage = costProcess(callee, target);
      if (failed(usage))
        return failure();
      it = costed.insert({callee.getSymName(), *usage}).first;
    }
    result.processes.push_back({callee.getSymName().str(), it->second});
    result.total += it->second;
  }
  for (BlockArgument arg : top.getArguments())
    if (isa<MemRefType>(arg.getType())) {
      result.ports += times(target.resources.mAxiPort, 1);
      result.portList.push_back({arg, times(target.resources.mAxiPort, 1)});
    }
  result.total += result.fifos;
  result.total += result.ports;
  return result;
}
