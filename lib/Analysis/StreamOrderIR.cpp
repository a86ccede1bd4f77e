//===- StreamOrderIR.cpp - Stream access order of lowered IR --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/StreamOrderIR.h"
#include "streamtensor/Analysis/TimingModel.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace streamtensor;
using streamtensor::dataflow::StreamOp;
using streamtensor::dataflow::StreamReadOp;
using streamtensor::dataflow::StreamType;
using streamtensor::dataflow::StreamWriteOp;

static bool accessesStreams(Operation *op) {
  return op
      ->walk([](Operation *nested) {
        return isa<StreamReadOp, StreamWriteOp>(nested) ? WalkResult::interrupt()
                                                        : WalkResult::advance();
      })
      .wasInterrupted();
}

static LogicalResult appendBlock(Block &block, func::FuncOp process,
                                 StreamAccessProgram &program) {
  for (Operation &op : block) {
    if (auto read = dyn_cast<StreamReadOp>(op)) {
      auto arg = dyn_cast<BlockArgument>(read.getSource());
      if (!arg || arg.getOwner() != &process.getBody().front())
        return op.emitError("stream is not an argument of process @")
               << process.getSymName();
      program.addAccess(arg.getArgNumber(), /*isWrite=*/false, 1);
      continue;
    }
    if (auto write = dyn_cast<StreamWriteOp>(op)) {
      auto arg = dyn_cast<BlockArgument>(write.getDest());
      if (!arg || arg.getOwner() != &process.getBody().front())
        return op.emitError("stream is not an argument of process @")
               << process.getSymName();
      program.addAccess(arg.getArgNumber(), /*isWrite=*/true, 1);
      continue;
    }
    if (op.getNumRegions() == 0 || !accessesStreams(&op))
      continue;
    auto loop = dyn_cast<scf::ForOp>(op);
    if (!loop)
      return op.emitError("stream accessed inside '")
             << op.getName()
             << "': the order of stream accesses must be static";
    std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
    std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
    std::optional<int64_t> step = getConstantIntValue(loop.getStep());
    if (!lower || !upper || !step || *step <= 0)
      return loop.emitError("a loop around stream accesses needs constant "
                            "bounds and a positive step");
    int64_t trips = *upper > *lower ? (*upper - *lower + *step - 1) / *step : 0;
    program.openLoop(trips);
    if (failed(appendBlock(*loop.getBody(), process, program)))
      return failure();
    program.closeLoop();
  }
  return success();
}

FailureOr<StreamAccessProgram>
streamtensor::buildStreamAccessProgram(func::FuncOp process) {
  if (process.isExternal())
    return process.emitError("process @")
           << process.getSymName() << " has no body";
  StreamAccessProgram program;
  if (failed(appendBlock(process.getBody().front(), process, program)))
    return failure();
  return program;
}

FailureOr<std::unique_ptr<TopStreamOrder>>
streamtensor::buildTopStreamOrder(func::FuncOp top) {
  auto order = std::make_unique<TopStreamOrder>();
  if (top.isExternal())
    return mlir::emitError(top.getLoc(), "top function has no body");
  llvm::DenseMap<Operation *, unsigned> channelOf;
  llvm::DenseMap<Operation *, StreamAccessProgram *> programOf;
  llvm::StringSet<> processNames;
  for (Operation &op : top.getBody().front()) {
    if (auto stream = dyn_cast<StreamOp>(op)) {
      StreamOrderNetwork::Channel channel;
      if (auto name = stream->getAttrOfType<StringAttr>("dataflow.name"))
        channel.name = name.getValue().str();
      else
        channel.name = "stream" + std::to_string(order->channelOps.size());
      auto type = cast<StreamType>(stream.getType());
      channel.depth = type.getDepth();
      channel.tokenBytes = getTokenBytes(type.getElementType());
      channelOf[stream] = order->channelOps.size();
      order->channelOps.push_back(stream);
      order->network.channels.push_back(channel);
      continue;
    }
    auto call = dyn_cast<func::CallOp>(op);
    if (!call)
      continue;
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        call, call.getCalleeAttr());
    if (!callee || !callee->hasAttr("dataflow.process"))
      continue;
    StreamAccessProgram *&program = programOf[callee];
    if (!program) {
      FailureOr<StreamAccessProgram> built = buildStreamAccessProgram(callee);
      if (failed(built))
        return call.emitError("cannot follow the stream accesses of @")
               << call.getCallee();
      order->programs.push_back(
          std::make_unique<StreamAccessProgram>(std::move(*built)));
      program = order->programs.back().get();
    }
    StreamOrderNetwork::Process process;
    std::string name = callee.getSymName().str();
    process.name = name;
    for (int n = 2; processNames.contains(process.name); ++n)
      process.name = name + "#" + std::to_string(n);
    processNames.insert(process.name);
    process.program = program;
    for (Value operand : call.getOperands()) {
      Operation *def = operand.getDefiningOp();
      auto it = def ? channelOf.find(def) : channelOf.end();
      process.channelOfPort.push_back(it == channelOf.end() ? -1
                                                            : int(it->second));
    }
    order->network.processes.push_back(std::move(process));
  }
  return order;
}
