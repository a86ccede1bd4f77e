//===- PrintReport.cpp - JSON report of a dataflow design -----------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_PRINTREPORT
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;
namespace json = llvm::json;

static std::string toString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

static int64_t getBytes(Type type) {
  if (auto itensor = dyn_cast<ITensorType>(type))
    return saturatingMul(itensor.getNumTokens(), itensor.getElementBytes());
  auto shaped = cast<ShapedType>(type);
  return getSaturatedBytes(shaped.getShape(), shaped.getElementType());
}

namespace {
/// Where a stream seen by a consumer comes from: a task, or a kernel input
/// (a DMA), with the converters it passes on the way.
struct StreamOrigin {
  TaskOp task;
  BlockArgument kernelInput;
  SmallVector<ITensorConverterOp> converters;
  /// FIFOs on the path: one per itensor value between ops.
  SmallVector<ITensorType> fifos;
};
} // namespace

static StreamOrigin traceOrigin(Value value) {
  StreamOrigin origin;
  while (true) {
    if (auto type = dyn_cast<ITensorType>(value.getType()))
      origin.fifos.push_back(type);
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (isa<KernelOp>(arg.getOwner()->getParentOp()))
        origin.kernelInput = arg;
      return origin;
    }
    Operation *def = value.getDefiningOp();
    if (auto task = dyn_cast<TaskOp>(def)) {
      origin.task = task;
      return origin;
    }
    if (auto converter = dyn_cast<ITensorConverterOp>(def))
      origin.converters.push_back(converter);
    else if (!isa<ITensorForkOp, ITensorCastOp, ITensorReassociateOp>(def))
      return origin;
    value = def->getOperand(0);
  }
}

static std::string getTaskName(TaskOp task, unsigned index) {
  if (std::optional<StringRef> name = task.getSymName())
    return name->str();
  return "task_" + std::to_string(index);
}

namespace {
/// Totals of one function.
struct Totals {
  int64_t taskEdges = 0, fifoEdges = 0, converterBytes = 0, fifoBytes = 0;
  int64_t kernels = 0, tasks = 0, converters = 0, dmaBytes = 0;
  int64_t packedDmas = 0, widenedDmas = 0;
};

class ReportBuilder {
public:
  explicit ReportBuilder(int64_t fifoDepth) : fifoDepth(fifoDepth) {}
  json::Object describeKernel(KernelOp kernel, Totals &totals);

private:
  int64_t fifoDepth;
};
} // namespace

/// The external-memory layout of DMA `index` (docs/dataflow-dialect.md):
/// row-major accessed element by element until the pack pass has run.
static json::Object describeLayout(ArrayRef<InterfaceLayout> layouts,
                                   unsigned index, Type type, Totals &totals) {
  InterfaceLayout layout;
  if (index < layouts.size())
    layout = layouts[index];
  else
    layout.reason = "interface not packed (dataflow-pack-kernel-interface "
                    "has not run)";
  Type element = getElementTypeOrSelf(type);
  if (auto itensor = dyn_cast<ITensorType>(type))
    element = itensor.getDataType();
  int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 0;
  totals.packedDmas += layout.packed;
  totals.widenedDmas += layout.lanes > 1;
  json::Object object{{"packed", layout.packed},
                      {"contiguous", layout.contiguous},
                      {"vector_lanes", layout.lanes},
                      {"word_bits", layout.lanes * bits}};
  if (!layout.reason.empty())
    object["reason"] = layout.reason;
  if (layout.contiguous)
    object["contiguous_elements"] = layout.run;
  if (layout.packed) {
    auto toArray = [](ArrayRef<int64_t> values) {
      json::Array array;
      for (int64_t value : values)
        array.push_back(value);
      return array;
    };
    object["outer_dims_perm"] = toArray(layout.outerDimsPerm);
    object["inner_tiles"] = toArray(layout.innerTiles);
    object["packed_shape"] = toArray(layout.getPackedShape());
  }
  return object;
}

json::Object ReportBuilder::describeKernel(KernelOp kernel, Totals &totals) {
  Block &body = kernel.getBody().front();
  SmallVector<InterfaceLayout> sourceLayouts =
      getInterfaceLayouts(kernel, kSourceLayoutsAttr);
  SmallVector<InterfaceLayout> resultLayouts =
      getInterfaceLayouts(kernel, kResultLayoutsAttr);
  DenseMap<Operation *, std::string> taskNames;
  json::Array tasks, edges, dmas, converters;
  for (TaskOp task : body.getOps<TaskOp>()) {
    taskNames[task] = getTaskName(task, taskNames.size());
    tasks.push_back(taskNames[task]);
  }
  totals.kernels += 1;
  totals.tasks += taskNames.size();

  auto addFifos = [&](const StreamOrigin &origin) {
    // Streams carry scalars (tokens are scalarized), so a FIFO holds its
    // depth in scalars.
    for (ITensorType fifo : origin.fifos)
      totals.fifoBytes = saturatingAdd(
          totals.fifoBytes,
          saturatingMul(fifoDepth, getScalarBytes(fifo.getDataType())));
  };
  auto describeConverters = [&](const StreamOrigin &origin, json::Object &edge) {
    int64_t bytes = 0;
    json::Array list;
    for (ITensorConverterOp converter : origin.converters) {
      ConverterBuffer buffer = computeBuiltConverterBuffer(
          converter.getSource().getType(), converter.getResult().getType());
      int64_t size = buffer.getBytes(converter.getSource().getType().getDataType());
      bytes = saturatingAdd(bytes, size);
      json::Array shape;
      for (int64_t dim : buffer.shape)
        shape.push_back(dim);
      json::Object item{{"from", toString(converter.getSource().getType())},
                        {"to", toString(converter.getResult().getType())},
                        {"buffer_shape", std::move(shape)},
                        {"buffer_loop_level", buffer.loopLevel},
                        {"bytes", size}};
      converters.push_back(json::Object(item));
      list.push_back(std::move(item));
    }
    edge["converters"] = std::move(list);
    edge["converter_bytes"] = bytes;
    totals.converterBytes = saturatingAdd(totals.converterBytes, bytes);
    totals.converters += origin.converters.size();
  };

  for (TaskOp task : body.getOps<TaskOp>()) {
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(task.getBody(), captured);
    for (Value value : captured) {
      if (!isa<ITensorType>(value.getType()))
        continue;
      StreamOrigin origin = traceOrigin(value);
      if (origin.task) {
        json::Object edge{{"from", taskNames.lookup(origin.task)},
                          {"to", taskNames.lookup(task)},
                          {"itensor", toString(value.getType())},
                          {"kind", origin.converters.empty() ? "fifo"
                                                             : "converter"}};
        describeConverters(origin, edge);
        addFifos(origin);
        totals.taskEdges += 1;
        totals.fifoEdges += origin.converters.empty();
        edges.push_back(std::move(edge));
      } else if (origin.kernelInput) {
        unsigned index = origin.kernelInput.getArgNumber();
        int64_t bytes = getBytes(origin.kernelInput.getType());
        totals.dmaBytes = saturatingAdd(totals.dmaBytes, bytes);
        addFifos(origin);
        dmas.push_back(json::Object{
            {"direction", "in"},
            {"to", taskNames.lookup(task)},
            {"source_operand", index},
            {"stream", toString(origin.kernelInput.getType())},
            {"bytes_per_invocation", bytes},
            {"layout", describeLayout(sourceLayouts, index,
                                      origin.kernelInput.getType(), totals)}});
      }
    }
  }
  auto yield = cast<YieldOp>(body.getTerminator());
  for (auto [index, value] : llvm::enumerate(yield.getOutputs())) {
    StreamOrigin origin = traceOrigin(value);
    int64_t bytes = getBytes(value.getType());
    totals.dmaBytes = saturatingAdd(totals.dmaBytes, bytes);
    json::Object dma{{"direction", "out"},
                     {"result", static_cast<int64_t>(index)},
                     {"stream", toString(value.getType())},
                     {"bytes_per_invocation", bytes},
                     {"layout", describeLayout(resultLayouts, index,
                                               value.getType(), totals)}};
    if (origin.task)
      dma["from"] = taskNames.lookup(origin.task);
    dmas.push_back(std::move(dma));
  }

  return json::Object{
      {"name", kernel.getSymName() ? kernel.getSymName()->str() : "kernel"},
      {"tasks", std::move(tasks)},
      {"edges", std::move(edges)},
      {"converters", std::move(converters)},
      {"dmas", std::move(dmas)}};
}

namespace {
struct PrintReportPass
    : public streamtensor::dataflow::impl::PrintReportBase<PrintReportPass> {
  using PrintReportBase::PrintReportBase;

  void runOnOperation() override {
    json::Array functions;
    ReportBuilder builder(defaultFifoDepth);
    for (func::FuncOp func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Totals totals;
      json::Array kernels;
      func.walk([&](KernelOp kernel) {
        kernels.push_back(builder.describeKernel(kernel, totals));
      });
      int64_t after = totals.converterBytes + totals.fifoBytes;
      json::Object entry{
          {"name", func.getSymName().str()},
          {"kernels", std::move(kernels)},
          {"num_kernels", totals.kernels},
          {"num_tasks", totals.tasks},
          {"num_converters", totals.converters},
          {"task_edges", totals.taskEdges},
          {"fifo_edges", totals.fifoEdges},
          {"converter_bytes", totals.converterBytes},
          {"fifo_bytes", totals.fifoBytes},
          {"fifo_depth_assumed", static_cast<int64_t>(defaultFifoDepth)},
          {"dma_bytes_per_invocation", totals.dmaBytes},
          {"packed_dmas", totals.packedDmas},
          {"widened_dmas", totals.widenedDmas},
          {"intermediate_bytes_after_fusion", after}};
      if (totals.taskEdges > 0)
        entry["fifo_edge_share"] =
            static_cast<double>(totals.fifoEdges) / totals.taskEdges;
      if (auto before = func->getAttrOfType<IntegerAttr>(
              "dataflow.unfused_intermediate_bytes")) {
        entry["intermediate_bytes_before_fusion"] = before.getInt();
        if (before.getInt() > 0)
          entry["intermediate_share_after_fusion"] =
              static_cast<double>(after) / before.getInt();
      }
      functions.push_back(std::move(entry));
    }

    std::error_code error;
    llvm::raw_fd_ostream os(output, error, llvm::sys::fs::OF_Text);
    if (error) {
      mlir::emitError(getOperation().getLoc(), "cannot write report to '")
          << output << "': " << error.message();
      return signalPassFailure();
    }
    json::Object report;
    report["functions"] = std::move(functions);
    os << llvm::formatv("{0:2}", json::Value(std::move(report))) << "\n";
  }
};
} // namespace
