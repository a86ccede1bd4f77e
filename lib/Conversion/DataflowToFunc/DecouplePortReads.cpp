//===- DecouplePortReads.cpp - External reads in processes of their own ---===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A process that loads from an external memory port inside its loops pays
// the memory latency (about 100 cycles) each time one of those loops starts,
// and stops reading while it does anything else (taking in an activation
// tile, writing results). When the addresses depend on loop counters only,
// the loads move into a reader process of their own: the same loops around
// just the loads, each load followed by a write of the word to a FIFO, while
// the process reads the FIFO where it loaded. The reader's nest holds
// nothing but loops and loads, so it is one flattened pipeline that pays the
// latency once and runs ahead of the computation by the FIFO's depth.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace streamtensor {
#define GEN_PASS_DEF_DECOUPLEPORTREADS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::dataflow;

/// Whether `value` is computed from loop counters and constants alone, by
/// operations without side effects.
static bool dependsOnCountersOnly(Value value, llvm::DenseSet<Value> &known) {
  if (known.contains(value))
    return true;
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
    if (!loop || arg != loop.getInductionVar())
      return false;
  } else {
    Operation *op = value.getDefiningOp();
    if (op->getNumRegions() != 0 || !isMemoryEffectFree(op))
      return false;
    for (Value operand : op->getOperands())
      if (!dependsOnCountersOnly(operand, known))
        return false;
  }
  known.insert(value);
  return true;
}

namespace {
/// The loads of one port argument of a process.
struct PortReads {
  unsigned argIndex;
  SmallVector<memref::LoadOp> loads;
};

struct DecouplePortReadsPass
    : public streamtensor::impl::DecouplePortReadsBase<DecouplePortReadsPass> {
  using DecouplePortReadsBase::DecouplePortReadsBase;

  void runOnOperation() override;
};
} // namespace

/// The read-only port arguments of `process` worth a reader: every use a
/// load under loops only, with addresses and loop bounds from counters.
static SmallVector<PortReads> findPortReads(func::FuncOp process) {
  SmallVector<PortReads> result;
  if (process.isExternal())
    return result;
  // A process that takes no stream input is a reader already.
  bool readsStreams = false;
  process.walk([&](StreamReadOp) { readsStreams = true; });
  if (!readsStreams)
    return result;
  llvm::DenseSet<Value> known;
  for (BlockArgument arg : process.getArguments()) {
    if (!isa<MemRefType>(arg.getType()) || arg.use_empty())
      continue;
    PortReads reads{arg.getArgNumber(), {}};
    bool ok = true;
    for (Operation *user : arg.getUsers()) {
      auto load = dyn_cast<memref::LoadOp>(user);
      if (!load || load.getMemRef() != arg) {
        ok = false;
        break;
      }
      for (Value index : load.getIndices())
        ok = ok && dependsOnCountersOnly(index, known);
      for (Operation *parent = load->getParentOp(); ok && parent != process;
           parent = parent->getParentOp()) {
        auto loop = dyn_cast<scf::ForOp>(parent);
        ok = loop && dependsOnCountersOnly(loop.getLowerBound(), known) &&
             dependsOnCountersOnly(loop.getUpperBound(), known) &&
             dependsOnCountersOnly(loop.getStep(), known);
      }
      if (!ok)
        break;
      reads.loads.push_back(load);
    }
    // Loads outside any loop have no latency to hide.
    if (ok && llvm::any_of(reads.loads, [&](memref::LoadOp load) {
          return load->getParentOp() != process;
        }))
      result.push_back(std::move(reads));
  }
  return result;
}

namespace {
/// Builds a reader's body: the loops of the process that hold the loads,
/// each load followed by a FIFO write, address arithmetic cloned next to
/// its use so that the loops nest perfectly.
class ReaderBuilder {
public:
  ReaderBuilder(const PortReads &reads, Value port, Value stream)
      : port(port), stream(stream), constants(port.getContext()) {
    for (memref::LoadOp load : reads.loads)
      for (Operation *op = load; op; op = op->getParentOp()) {
        if (!holders.insert(op).second)
          break;
      }
  }

  void build(Block &source, OpBuilder &b) {
    for (Operation &op : source.without_terminator()) {
      if (!holders.contains(&op))
        continue;
      if (auto load = dyn_cast<memref::LoadOp>(op)) {
        SmallVector<Value> indices;
        for (Value index : load.getIndices())
          indices.push_back(cloneValue(index, b));
        Value word = b.create<memref::LoadOp>(load.getLoc(), port, indices);
        b.create<StreamWriteOp>(load.getLoc(), word, stream);
        continue;
      }
      auto loop = cast<scf::ForOp>(op);
      auto copy = b.create<scf::ForOp>(
          loop.getLoc(), cloneValue(loop.getLowerBound(), b),
          cloneValue(loop.getUpperBound(), b), cloneValue(loop.getStep(), b));
      copy->setDiscardableAttrs(loop->getDiscardableAttrDictionary());
      mapping.map(loop.getInductionVar(), copy.getInductionVar());
      OpBuilder inner = OpBuilder::atBlockBegin(copy.getBody());
      inner.setInsertionPoint(copy.getBody()->getTerminator());
      // Values cloned inside the loop must not be reused outside it.
      IRMapping saved = mapping;
      build(*loop.getBody(), inner);
      mapping = saved;
      mapping.map(loop.getInductionVar(), copy.getInductionVar());
    }
  }

private:
  Value cloneValue(Value value, OpBuilder &b) {
    if (Value mapped = mapping.lookupOrNull(value))
      return mapped;
    Operation *op = value.getDefiningOp();
    // Constants go to the entry block: one between two loops would keep
    // them from nesting perfectly.
    if (op->hasTrait<OpTrait::ConstantLike>()) {
      Value &copy = constantCopies[value];
      if (!copy) {
        constants.setInsertionPointToStart(port.getParentBlock());
        copy = constants.clone(*op)->getResult(0);
      }
      return copy;
    }
    for (Value operand : op->getOperands())
      mapping.map(operand, cloneValue(operand, b));
    Operation *copy = b.clone(*op, mapping);
    return copy->getResult(cast<OpResult>(value).getResultNumber());
  }

  Value port, stream;
  OpBuilder constants;
  llvm::DenseMap<Value, Value> constantCopies;
  llvm::DenseSet<Operation *> holders;
  IRMapping mapping;
};
} // namespace

void DecouplePortReadsPass::runOnOperation() {
  ModuleOp module = getOperation();
  if (maxDepth < 2) {
    module.emitError("streamtensor-decouple-port-reads: max-depth must be at "
                     "least 2");
    return signalPassFailure();
  }
  SymbolTable symbols(module);
  MLIRContext *ctx = &getContext();
  SmallVector<func::FuncOp> tops;
  for (auto func : module.getOps<func::FuncOp>())
    if (func->hasAttr("dataflow.top"))
      tops.push_back(func);
  for (func::FuncOp top : tops) {
    SmallVector<func::CallOp> calls(top.getBody().getOps<func::CallOp>());
    for (func::CallOp call : calls) {
      auto process = symbols.lookup<func::FuncOp>(call.getCallee());
      if (!process || !process->hasAttr("dataflow.process"))
        continue;
      std::optional<SymbolTable::UseRange> uses =
          process.getSymbolUses(module);
      if (!uses || llvm::range_size(*uses) != 1)
        continue;
      SmallVector<PortReads> ports = findPortReads(process);
      for (const PortReads &reads : ports) {
        BlockArgument arg = process.getArgument(reads.argIndex);
        Value port = call.getOperand(reads.argIndex);
        auto wordType = cast<MemRefType>(arg.getType()).getElementType();
        auto streamType = StreamType::get(ctx, wordType, 2);
        std::string name = (process.getSymName() + "_read" +
                            Twine(reads.argIndex)).str();

        // The reader process, after the process it serves.
        OpBuilder moduleBuilder(ctx);
        moduleBuilder.setInsertionPointAfter(process);
        auto reader = moduleBuilder.create<func::FuncOp>(
            process.getLoc(), name,
            FunctionType::get(ctx, {arg.getType(), streamType}, {}));
        symbols.insert(reader);
        reader.setPrivate();
        reader->setAttr("dataflow.process", UnitAttr::get(ctx));
        Block *entry = reader.addEntryBlock();
        OpBuilder body = OpBuilder::atBlockBegin(entry);
        ReaderBuilder(reads, entry->getArgument(0), entry->getArgument(1))
            .build(process.getBody().front(), body);
        body.create<func::ReturnOp>(process.getLoc());

        // The process reads the FIFO where it loaded.
        for (memref::LoadOp load : reads.loads) {
          OpBuilder b(load);
          Value word = b.create<StreamReadOp>(load.getLoc(), wordType, arg);
          load.replaceAllUsesWith(word);
          load.erase();
        }
        arg.setType(streamType);
        SmallVector<Type> inputs(
            process.getBody().front().getArgumentTypes());
        process.setType(FunctionType::get(ctx, inputs,
                                          process.getResultTypes()));

        OpBuilder topBuilder(call);
        auto stream = topBuilder.create<StreamOp>(call.getLoc(), streamType);
        int64_t words = cast<MemRefType>(port.getType()).getNumElements();
        int64_t depth = words <= prefetchWords
                            ? std::max<int64_t>(maxDepth, words)
                            : maxDepth;
        stream->setAttr("dataflow.max_depth",
                        topBuilder.getI64IntegerAttr(depth));
        StringRef local = process.getSymName();
        local.consume_front((top.getSymName() + "_").str());
        stream->setAttr("dataflow.name",
                        topBuilder.getStringAttr(
                            (local + "_read" + Twine(reads.argIndex)).str()));
        topBuilder.create<func::CallOp>(call.getLoc(), reader,
                                        ValueRange{port, stream});
        call->setOperand(reads.argIndex, stream);
      }
    }
  }
}
