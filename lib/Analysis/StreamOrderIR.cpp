//===- StreamOrderIR.cpp - Stream access order of lowered IR --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/StreamOrderIR.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace streamtensor;
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
    if (isa<StreamReadOp, StreamWriteOp>(op)) {
      FailureOr<unsigned> port = getStreamArgNumber(&op, process);
      if (failed(port))
        return failure();
      program.addAccess(*port, isa<StreamWriteOp>(op), 1);
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
streamtensor::buildTopStreamOrder(const TopFunctionGraph &graph) {
  auto order = std::make_unique<TopStreamOrder>();
  llvm::DenseMap<Operation *, unsigned> channelOf;
  for (auto [index, stream] : llvm::enumerate(graph.streams)) {
    const DataflowEdge &edge = graph.graph.getEdge(stream.edge);
    auto type = cast<StreamType>(stream.streamOp->getResult(0).getType());
    order->network.channels.push_back(
        {edge.name, type.getDepth(), edge.tokenBytes});
    channelOf[stream.streamOp] = index;
  }
  llvm::DenseMap<Operation *, StreamAccessProgram *> programOf;
  for (auto [call, kernel] : graph.calls) {
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        call, call.getCalleeAttr());
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
    process.name = kernel >= 0 ? graph.graph.getKernel(kernel).name
                               : callee.getSymName().str();
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
