//===- Design.cpp - A lowered dataflow module, checked and named ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "Expressions.h"
#include "streamtensor/Analysis/HbmChannels.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <limits>
#include <cmath>

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

StringRef target::toString(PortKind kind) {
  switch (kind) {
  case PortKind::Input:
    return "input";
  case PortKind::Weight:
    return "weight";
  case PortKind::Output:
    return "output";
  }
  llvm_unreachable("unknown port kind");
}

bool target::isSubByte(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return integer && integer.getWidth() > 1 && integer.getWidth() < 8;
}

std::string target::getPortCType(Type element) {
  return isSubByte(element) ? "int8_t" : getCType(element);
}

std::string target::getCType(Type type) {
  // A memory word of a widened port (docs/lowered-ir.md). Sub-byte lanes
  // are packed bits: an hls::vector would give each lane a byte.
  if (auto vector = dyn_cast<VectorType>(type)) {
    Type element = vector.getElementType();
    std::string lane = getCType(element);
    if (vector.getRank() != 1 || vector.isScalable() || lane.empty() ||
        element.isIndex() || element.isInteger(1))
      return "";
    if (isSubByte(element))
      return "ap_uint<" +
             std::to_string(element.getIntOrFloatBitWidth() *
                            vector.getNumElements()) +
             ">";
    return "hls::vector<" + lane + ", " +
           std::to_string(vector.getNumElements()) + ">";
  }
  if (type.isF32())
    return "float";
  if (type.isF64())
    return "double";
  // Vitis HLS sizes loop counters from their bounds, so a plain int costs
  // nothing and keeps the code readable.
  if (type.isIndex())
    return "int";
  if (auto integer = dyn_cast<IntegerType>(type)) {
    switch (integer.getWidth()) {
    case 1:
      return "bool";
    case 8:
    case 16:
    case 32:
    case 64:
      return "int" + std::to_string(integer.getWidth()) + "_t";
    default:
      return isSubByte(type)
                 ? "ap_int<" + std::to_string(integer.getWidth()) + ">"
                 : "";
    }
  }
  return "";
}

std::string target::getUnsignedCType(Type type) {
  if (type.isIndex())
    return "unsigned";
  if (auto integer = dyn_cast<IntegerType>(type)) {
    if (integer.getWidth() == 1)
      return "bool";
    if (isSubByte(type))
      return "ap_uint<" + std::to_string(integer.getWidth()) + ">";
    std::string signedType = getCType(type);
    return signedType.empty() ? "" : "u" + signedType;
  }
  return "";
}

StringRef target::getDTypeName(Type type) {
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (type.isInteger(4))
    return "i4";
  if (type.isInteger(8))
    return "i8";
  if (type.isInteger(16))
    return "i16";
  if (type.isInteger(32))
    return "i32";
  if (type.isInteger(64))
    return "i64";
  return "";
}

int64_t Tensor::getNumElements() const {
  return type.getNumElements() * getLanes();
}

Type Tensor::getElementType() const {
  return getElementTypeOrSelf(type.getElementType());
}

Type Tensor::getStorageElementType() const {
  Type element = getElementType();
  if (isSubByte(element) && !isa<VectorType>(type.getElementType()))
    return IntegerType::get(element.getContext(), 8);
  return element;
}

//===----------------------------------------------------------------------===//
// Contract checks
//===----------------------------------------------------------------------===//

/// Diagnostics point at an op's location without printing the op, which here
/// is often a whole function or module.
static InFlightDiagnostic diag(Operation *op) {
  return mlir::emitError(op->getLoc());
}

static InFlightDiagnostic opDiag(Operation *op) {
  return diag(op) << "'" << op->getName() << "' op ";
}

/// Local arrays and ports: static, non-empty, row-major, scalar elements.
static LogicalResult checkMemRef(Operation *op, MemRefType type,
                                 StringRef what) {
  if (!type.hasStaticShape() || type.getNumElements() == 0)
    return diag(op) << what << " must have a static, non-empty shape, got "
                    << type;
  // Elements are indexed with int in the emitted code (the product
  // saturates rather than wrapping).
  if (dataflow::saturatingProduct(type.getShape()) >
      std::numeric_limits<int32_t>::max())
    return diag(op) << what << " has more than 2^31 - 1 elements (" << type
                    << "); the emitted code indexes it with int";
  if (!type.getLayout().isIdentity())
    return diag(op) << what
                    << " must have the identity (row-major) layout, got "
                    << type;
  if (getCType(type.getElementType()).empty())
    return diag(op) << what << " has unsupported element type "
                    << type.getElementType();
  return success();
}

static LogicalResult checkScalarType(Operation *op, Type type, StringRef what) {
  if (isa<VectorType>(type) || getCType(type).empty())
    return diag(op) << what << " has unsupported type " << type
                    << " (expected f32, f64, i1, i2 to i7, i8, i16, i32, i64 "
                       "or index)";
  return success();
}

/// A FIFO token: a scalar, or a vector of scalars
/// (--streamtensor-vectorize-streams).
static LogicalResult checkTokenType(Operation *op, Type type, StringRef what) {
  if (isa<VectorType>(type) && !getCType(type).empty())
    return success();
  return checkScalarType(op, type, what);
}

static bool isAllowedInProcess(Operation *op) {
  return isa<scf::ForOp, scf::IfOp, scf::YieldOp, memref::AllocOp,
             memref::AllocaOp, memref::DeallocOp, memref::LoadOp,
             memref::StoreOp, memref::CopyOp, dataflow::StreamReadOp,
             dataflow::StreamWriteOp, func::ReturnOp, vector::ExtractOp,
             vector::FromElementsOp>(op) ||
         isSupportedScalarOp(op);
}

static LogicalResult checkProcessArgument(func::FuncOp func, unsigned index) {
  Type type = func.getArgument(index).getType();
  std::string what = "argument " + std::to_string(index) + " of process '" +
                     func.getSymName().str() + "'";
  if (auto stream = dyn_cast<dataflow::StreamType>(type))
    return checkTokenType(func, stream.getElementType(), "stream " + what);
  if (auto memref = dyn_cast<MemRefType>(type))
    return checkMemRef(func, memref, "memref " + what);
  return checkScalarType(func, type, what);
}

/// The emitted loop must mean what the IR means: a positive constant step
/// (a zero step would divide by zero, a negative one never end), bounds an
/// `int` induction variable holds, and HLS directives with values Vitis
/// accepts.
static LogicalResult checkLoop(scf::ForOp loop) {
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!step)
    return opDiag(loop) << "must have a constant step to be emitted";
  if (*step <= 0)
    return opDiag(loop) << "has step " << *step
                        << "; an emitted loop needs a positive step";
  constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
  for (Value bound : {loop.getLowerBound(), loop.getUpperBound()})
    if (std::optional<int64_t> value = getConstantIntValue(bound))
      if (*value < -kIntMax || *value > kIntMax - *step)
        return opDiag(loop) << "has the bound " << *value
                            << ", beyond the int induction variable of the "
                               "emitted loop";
  for (StringRef name : {"dataflow.pipeline_ii", "dataflow.unroll"}) {
    Attribute attr = loop->getAttr(name);
    if (!attr)
      continue;
    auto value = dyn_cast<IntegerAttr>(attr);
    if (!value || value.getInt() < 1 || value.getInt() > (int64_t(1) << 20))
      return opDiag(loop) << "has " << name << " = " << attr
                          << "; it must be an integer in [1, 2^20]";
  }
  return success();
}

static LogicalResult checkPartition(Operation *op, MemRefType type) {
  Attribute attr = op->getAttr("dataflow.partition");
  if (!attr)
    return success();
  auto factors = dyn_cast<DenseI64ArrayAttr>(attr);
  if (!factors || factors.size() != size_t(type.getRank()))
    return opDiag(op) << "has dataflow.partition = " << attr
                      << "; it needs one factor per dimension";
  for (int64_t factor : factors.asArrayRef())
    if (factor < 1)
      return opDiag(op) << "has the partition factor " << factor
                        << "; factors must be at least 1";
  return success();
}

static LogicalResult checkProcess(func::FuncOp func) {
  if (func.isExternal())
    return diag(func) << "process function '" << func.getSymName()
                      << "' has no body";
  if (func.getNumResults() != 0)
    return diag(func) << "process function '" << func.getSymName()
                      << "' must not return values";
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (failed(checkProcessArgument(func, i)))
      return failure();

  WalkResult result = func.getBody().walk([&](Operation *op) {
    if (!isAllowedInProcess(op)) {
      opDiag(op) << "is not supported in a process function; see "
                    "docs/lowered-ir.md for the ops the emitter accepts";
      return WalkResult::interrupt();
    }
    if (auto loop = dyn_cast<scf::ForOp>(op)) {
      if (!loop.getInitArgs().empty()) {
        opDiag(loop) << "with iter_args is not supported; carry values "
                        "through a local memref";
        return WalkResult::interrupt();
      }
      if (failed(checkLoop(loop)))
        return WalkResult::interrupt();
    }
    if (auto alloc = dyn_cast<memref::AllocOp>(op))
      if (failed(checkMemRef(op, alloc.getType(), "local array")) ||
          failed(checkPartition(op, alloc.getType())))
        return WalkResult::interrupt();
    if (auto alloca = dyn_cast<memref::AllocaOp>(op))
      if (failed(checkMemRef(op, alloca.getType(), "local array")) ||
          failed(checkPartition(op, alloca.getType())))
        return WalkResult::interrupt();
    if (auto extract = dyn_cast<vector::ExtractOp>(op))
      if (extract.getSourceVectorType().getRank() != 1) {
        opDiag(op) << "must take one lane of a one-dimensional memory word";
        return WalkResult::interrupt();
      }
    // Memory words and vector tokens are only loaded, stored, read, built
    // and taken apart.
    bool makesWord = isa<memref::LoadOp, vector::FromElementsOp,
                         dataflow::StreamReadOp, arith::ConstantOp>(op);
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      for (Type type : op->getResultTypes()) {
        if (makesWord && isa<VectorType>(type) && !getCType(type).empty())
          continue;
        if (failed(checkScalarType(op, type, "result")))
          return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// How a process uses one of its stream or memref arguments.
struct ArgumentUse {
  bool reads = false;
  bool writes = false;
};

static ArgumentUse getArgumentUse(func::FuncOp func, unsigned index) {
  ArgumentUse use;
  for (Operation *user : func.getArgument(index).getUsers()) {
    if (isa<dataflow::StreamReadOp, memref::LoadOp>(user))
      use.reads = true;
    else if (isa<dataflow::StreamWriteOp, memref::StoreOp>(user))
      use.writes = true;
    else if (auto copy = dyn_cast<memref::CopyOp>(user)) {
      if (copy.getSource() == func.getArgument(index))
        use.reads = true;
      if (copy.getTarget() == func.getArgument(index))
        use.writes = true;
    }
  }
  return use;
}

/// Tensor names become file names (`<dir>/<name>.bin`) and string literals.
static LogicalResult checkTensorName(func::FuncOp top, unsigned index,
                                     StringRef name) {
  bool bad = name.empty() || name == "." || name == ".." ||
             name.starts_with("-") || llvm::any_of(name, [](char c) {
               return c == '/' || c == '\\' || (unsigned char)c < 0x20;
             });
  if (bad)
    return diag(top) << "argument " << index << " of '" << top.getSymName()
                     << "' has tensor name '" << name
                     << "', which cannot be a file name (no '/', '\\', control "
                        "characters, leading '-', '.' or '..')";
  return success();
}

static FailureOr<PortKind> parsePortKind(func::FuncOp top, unsigned index,
                                         StringRef kind) {
  if (kind == "input")
    return PortKind::Input;
  if (kind == "weight")
    return PortKind::Weight;
  if (kind == "output")
    return PortKind::Output;
  return diag(top) << "argument " << index << " of '" << top.getSymName()
                   << "' has streamtensor.kind '" << kind
                   << "'; expected 'input', 'weight' or 'output'";
}

//===----------------------------------------------------------------------===//
// Design construction
//===----------------------------------------------------------------------===//

namespace {
class DesignBuilder {
public:
  DesignBuilder(Design &design) : design(design), symbols(design.module) {}
  LogicalResult build();

private:
  LogicalResult buildTop(func::FuncOp func);
  LogicalResult buildPorts(Top &top);
  LogicalResult buildProcesses(Top &top,
                               llvm::SmallVectorImpl<ArgumentUse> &portUses);
  LogicalResult connectTensors();
  LogicalResult assignHBMChannels();

  Design &design;
  SymbolTable symbols;
  /// Port uses of each top, in design.tops order.
  std::vector<llvm::SmallVector<ArgumentUse>> portUses;
  /// One tensor per port until connectTensors merges them by name.
  std::vector<Tensor> portTensors;
};
} // namespace

LogicalResult DesignBuilder::build() {
  SmallVector<func::FuncOp> tops;
  for (Operation &op : design.module.getBody()->getOperations()) {
    auto func = dyn_cast<func::FuncOp>(op);
    if (!func)
      return opDiag(&op) << "is not supported at module level; a lowered "
                            "module holds only func.func ops";
    bool isTop = func->hasAttr("dataflow.top");
    bool isProcess = func->hasAttr("dataflow.process");
    if (isTop && isProcess)
      return diag(func) << "function '" << func.getSymName()
                        << "' is marked both dataflow.top and dataflow.process";
    // Anything else is host-side code, such as the function that calls the
    // tops in order; a process left unmarked is caught at its call.
    if (isTop)
      tops.push_back(func);
  }
  if (tops.empty())
    return diag(design.module) << "module has no function marked dataflow.top";

  // Top names first: they are kernel names in the xclbin and should keep
  // their spelling; process names yield when they collide.
  for (func::FuncOp top : tops)
    design.funcNames[top] = design.globals.unique(top.getSymName());
  for (Operation &op : design.module.getBody()->getOperations()) {
    auto func = cast<func::FuncOp>(op);
    if (!func->hasAttr("dataflow.process"))
      continue;
    if (failed(checkProcess(func)))
      return failure();
    design.processFuncs.push_back(func);
    design.funcNames[func] = design.globals.unique(func.getSymName());
  }

  for (func::FuncOp top : tops)
    if (failed(buildTop(top)))
      return failure();
  if (failed(connectTensors()) || failed(assignHBMChannels()))
    return failure();
  return success();
}

LogicalResult DesignBuilder::buildTop(func::FuncOp func) {
  if (func.isExternal())
    return diag(func) << "top function '" << func.getSymName()
                      << "' has no body";
  if (func.getNumResults() != 0)
    return diag(func)
           << "top function '" << func.getSymName()
           << "' must not return values; outputs are memref arguments";

  design.tops.emplace_back(design.globals);
  Top &top = design.tops.back();
  top.func = func;
  top.cName = design.funcNames[func];
  portUses.emplace_back(func.getNumArguments());
  if (failed(buildPorts(top)))
    return failure();
  return buildProcesses(top, portUses.back());
}

/// Reads the `dataflow.layout` of port `index`: a contiguous layout whose
/// words fill the port exactly and whose shape has the logical elements.
/// Reads `streamtensor.slice_of` = {source, offsets, sizes} of a weight
/// port: a box inside the source tensor of the port's logical shape.
static LogicalResult readSliceOf(func::FuncOp func, unsigned index,
                                 Tensor &tensor) {
  Attribute attr = func.getArgAttr(index, "streamtensor.slice_of");
  if (!attr)
    return success();
  auto dict = dyn_cast<DictionaryAttr>(attr);
  auto source = dict ? dict.getAs<StringAttr>("source") : nullptr;
  auto offsets = dict ? dict.getAs<DenseI64ArrayAttr>("offsets") : nullptr;
  auto sizes = dict ? dict.getAs<DenseI64ArrayAttr>("sizes") : nullptr;
  size_t rank = tensor.logicalShape.size();
  if (!source || source.getValue().empty() || !offsets || !sizes ||
      offsets.size() != rank ||
      !llvm::equal(sizes.asArrayRef(), tensor.logicalShape) ||
      llvm::any_of(offsets.asArrayRef(), [](int64_t o) { return o < 0; }))
    return diag(func) << "argument " << index << " of '" << func.getSymName()
                      << "' has a malformed streamtensor.slice_of: expected "
                         "{source = \"name\", offsets = array<i64: ...>, "
                         "sizes = array<i64: ...>} with one non-negative "
                         "offset per dimension and the port's shape as sizes";
  auto padding = dict.getAs<StringAttr>("padding");
  if (padding && padding.getValue() != "zero")
    return diag(func) << "argument " << index << " of '" << func.getSymName()
                      << "' has streamtensor.slice_of padding '"
                      << padding.getValue() << "'; only \"zero\" is known";
  tensor.sliceOf = Tensor::SliceOf{source.str(),
                                   SmallVector<int64_t>(offsets.asArrayRef()),
                                   SmallVector<int64_t>(sizes.asArrayRef()),
                                   padding != nullptr};
  return success();
}

/// Reads `streamtensor.valid_shape` of an output port holding a padded
/// tensor: the leading part of each dimension the user sees.
static LogicalResult readValidShape(func::FuncOp func, unsigned index,
                                    Tensor &tensor) {
  Attribute attr = func.getArgAttr(index, "streamtensor.valid_shape");
  if (!attr)
    return success();
  auto shape = dyn_cast<DenseI64ArrayAttr>(attr);
  if (!shape || shape.size() != tensor.logicalShape.size() ||
      llvm::any_of(llvm::zip(shape.asArrayRef(), tensor.logicalShape),
                   [](auto pair) {
                     auto [valid, size] = pair;
                     return valid < 1 || valid > size;
                   }))
    return diag(func) << "argument " << index << " of '" << func.getSymName()
                      << "' has a malformed streamtensor.valid_shape: "
                         "expected array<i64: ...> with one size per "
                         "dimension, each from 1 to the port's ("
                      << attr << ")";
  tensor.validShape.assign(shape.asArrayRef().begin(),
                           shape.asArrayRef().end());
  return success();
}

static LogicalResult readPortLayout(func::FuncOp func, unsigned index,
                                    Tensor &tensor) {
  Attribute attr = func.getArgAttr(index, dataflow::kPortLayoutAttr);
  if (!attr)
    return success();
  auto fail = [&]() {
    return diag(func) << "port " << index << " of '" << func.getSymName()
                      << "' has an invalid " << dataflow::kPortLayoutAttr
                      << ": ";
  };
  std::optional<dataflow::InterfaceLayout> layout =
      dataflow::InterfaceLayout::fromAttr(attr);
  auto logical = cast<DictionaryAttr>(attr).getAs<DenseI64ArrayAttr>(
      "logical_shape");
  if (!layout || !layout->contiguous || !logical)
    return fail() << "expected a contiguous layout with logical_shape, got "
                  << attr;
  int64_t elements = 1, logicalElements = 1;
  for (int64_t size : layout->shape)
    elements *= size;
  for (int64_t size : logical.asArrayRef())
    logicalElements *= size;
  MemRefType type = tensor.type;
  auto word = dyn_cast<VectorType>(type.getElementType());
  int64_t lanes = word ? word.getNumElements() : 1;
  if (type.getRank() != 1 || lanes != layout->lanes ||
      type.getNumElements() * lanes != elements || elements != logicalElements)
    return fail() << "its " << elements << " elements in words of "
                  << layout->lanes << " do not match the port type " << type
                  << " and logical shape of " << logicalElements
                  << " elements";
  tensor.layout = *layout;
  tensor.logicalShape.assign(logical.asArrayRef().begin(),
                             logical.asArrayRef().end());
  return success();
}

LogicalResult DesignBuilder::buildPorts(Top &top) {
  func::FuncOp func = top.func;
  llvm::StringSet<> seen;
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
    auto type = dyn_cast<MemRefType>(func.getArgument(i).getType());
    if (!type)
      return diag(func) << "argument " << i << " of top function '"
                        << func.getSymName()
                        << "' must be a memref in external memory, got "
                        << func.getArgument(i).getType();
    if (failed(checkMemRef(func, type, "port " + std::to_string(i))))
      return failure();
    if (getDTypeName(getElementTypeOrSelf(type.getElementType())).empty())
      return diag(func)
             << "port " << i << " of '" << func.getSymName()
             << "' has element type " << type.getElementType()
             << ", which external memory does not carry (f32, f64, i4, i8, "
                "i16, i32, i64)";
    if (auto port = func.getArgAttrOfType<IntegerAttr>(i, "dataflow.port"))
      if (port.getInt() != i)
        return diag(func) << "argument " << i << " of '" << func.getSymName()
                          << "' has dataflow.port = " << port.getInt()
                          << "; ports must be numbered in argument order";

    std::string name = (func.getSymName() + ".arg" + Twine(i)).str();
    if (auto attr = func.getArgAttrOfType<StringAttr>(i, "streamtensor.name"))
      name = attr.str();
    if (failed(checkTensorName(func, i, name)))
      return failure();
    if (!seen.insert(name).second)
      return diag(func) << "two ports of '" << func.getSymName()
                        << "' carry tensor '" << name << "'";

    Port port;
    port.index = i;
    port.value = func.getArgument(i);
    port.kind = PortKind::Input;
    if (auto attr = func.getArgAttrOfType<StringAttr>(i, "streamtensor.kind")) {
      FailureOr<PortKind> kind = parsePortKind(func, i, attr.getValue());
      if (failed(kind))
        return failure();
      port.kind = *kind;
    }
    port.cName = top.scope.unique(name);
    port.tensor = portTensors.size();
    Tensor tensor{name, type};
    tensor.logicalShape.assign(type.getShape().begin(), type.getShape().end());
    if (failed(readPortLayout(func, i, tensor)) ||
        failed(readSliceOf(func, i, tensor)) ||
        failed(readValidShape(func, i, tensor)))
      return failure();
    if (isa<VectorType>(type.getElementType()) && !tensor.layout)
      return diag(func) << "port " << i << " of '" << func.getSymName()
                        << "' holds memory words but has no "
                        << dataflow::kPortLayoutAttr;
    portTensors.push_back(std::move(tensor));
    top.ports.push_back(std::move(port));
  }
  return success();
}

LogicalResult
DesignBuilder::buildProcesses(Top &top,
                              llvm::SmallVectorImpl<ArgumentUse> &portUses) {
  func::FuncOp func = top.func;
  struct Endpoints {
    SmallVector<unsigned> producers, consumers;
  };
  DenseMap<Value, unsigned> streamIndex;
  SmallVector<Endpoints> endpoints;
  llvm::StringSet<> streamNames, processNames;

  for (Operation &op : func.getBody().front()) {
    if (auto stream = dyn_cast<dataflow::StreamOp>(op)) {
      Stream s;
      s.op = stream;
      s.type = cast<dataflow::StreamType>(stream.getType());
      if (failed(checkTokenType(stream, s.type.getElementType(),
                                 "stream element")))
        return failure();
      // hls::stream<T, N> takes the depth as an int.
      if (s.type.getDepth() > std::numeric_limits<int32_t>::max())
        return diag(stream) << "stream depth " << s.type.getDepth()
                            << " is beyond the int depth of hls::stream";
      auto name = stream->getAttrOfType<StringAttr>("dataflow.name");
      s.name = name ? name.str() : "s" + std::to_string(top.streams.size());
      if (!streamNames.insert(s.name).second)
        return diag(stream)
               << "stream name '" << s.name << "' is used twice in '"
               << func.getSymName() << "'; dataflow.name must be unique";
      s.cName = top.scope.unique(s.name);
      s.producer = s.consumer = 0;
      streamIndex[stream.getResult()] = top.streams.size();
      top.streams.push_back(std::move(s));
      endpoints.emplace_back();
      continue;
    }
    if (isa<arith::ConstantOp, func::ReturnOp>(op))
      continue;
    auto call = dyn_cast<func::CallOp>(op);
    if (!call)
      return opDiag(&op) << "is not supported in a top function, which holds "
                            "only dataflow.stream, func.call of processes, "
                            "arith.constant and return";
    auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
    if (!callee || !callee->hasAttr("dataflow.process"))
      return opDiag(call)
             << "calls '" << call.getCallee()
             << "', which is not a function marked dataflow.process";

    ProcessInstance process;
    process.call = call;
    process.callee = callee;
    auto label = call->getAttrOfType<StringAttr>("dataflow.name");
    std::string base = label ? label.str() : callee.getSymName().str();
    process.name = base;
    for (unsigned n = 1; !processNames.insert(process.name).second; ++n)
      process.name = base + "_" + std::to_string(n);
    unsigned processIndex = top.processes.size();

    llvm::SmallPtrSet<Value, 8> passed;
    for (auto [i, operand] : llvm::enumerate(call.getOperands())) {
      if (isa<dataflow::StreamType, MemRefType>(operand.getType()) &&
          !passed.insert(operand).second)
        return opDiag(call) << "passes the same stream or memref twice; "
                               "each channel needs distinct endpoints";
      ArgumentUse use = getArgumentUse(callee, i);
      if (isa<dataflow::StreamType>(operand.getType())) {
        auto it = streamIndex.find(operand);
        if (it == streamIndex.end())
          return opDiag(call)
                 << "operand " << i
                 << " is a stream not created by dataflow.stream in '"
                 << func.getSymName() << "'";
        const Stream &s = top.streams[it->second];
        if (use.reads && use.writes)
          return opDiag(call) << "process '" << callee.getSymName()
                              << "' both reads and writes stream '" << s.name
                              << "' (argument " << i << ")";
        if (!use.reads && !use.writes)
          return opDiag(call) << "process '" << callee.getSymName()
                              << "' neither reads nor writes stream '" << s.name
                              << "' (argument " << i << ")";
        (use.writes ? endpoints[it->second].producers
                    : endpoints[it->second].consumers)
            .push_back(processIndex);
        continue;
      }
      if (isa<MemRefType>(operand.getType())) {
        auto arg = dyn_cast<BlockArgument>(operand);
        if (!arg || arg.getOwner()->getParentOp() != func)
          return opDiag(call)
                 << "operand " << i << " is a memref that is not a port of '"
                 << func.getSymName() << "'";
        portUses[arg.getArgNumber()].reads |= use.reads;
        portUses[arg.getArgNumber()].writes |= use.writes;
        continue;
      }
      if (!operand.getDefiningOp<arith::ConstantOp>())
        return opDiag(call) << "scalar operand " << i
                            << " must be an arith.constant of the top function";
    }
    top.processes.push_back(std::move(process));
  }

  for (auto [s, ends] : llvm::zip(top.streams, endpoints)) {
    auto describe = [&](ArrayRef<unsigned> list) {
      std::string text;
      for (unsigned p : list)
        text += (text.empty() ? "'" : ", '") + top.processes[p].name + "'";
      return text;
    };
    if (ends.producers.size() != 1)
      return diag(s.op) << "stream '" << s.name
                        << "' must have exactly one producer, has "
                        << ends.producers.size()
                        << (ends.producers.empty()
                                ? ""
                                : ": " + describe(ends.producers));
    if (ends.consumers.size() != 1)
      return diag(s.op) << "stream '" << s.name
                        << "' must have exactly one consumer, has "
                        << ends.consumers.size()
                        << (ends.consumers.empty()
                                ? ""
                                : ": " + describe(ends.consumers));
    s.producer = ends.producers.front();
    s.consumer = ends.consumers.front();
  }

  for (Port &port : top.ports) {
    const ArgumentUse &use = portUses[port.index];
    bool hasKind =
        top.func.getArgAttr(port.index, "streamtensor.kind") != nullptr;
    if (!hasKind && use.writes)
      port.kind = PortKind::Output;
    if (port.kind != PortKind::Output && use.writes)
      return diag(top.func)
             << "port " << port.index << " of '" << top.func.getSymName()
             << "' is marked " << toString(port.kind)
             << " but a process writes it";
  }
  return success();
}

/// Merges the per-port tensors of buildPorts by name and checks that every
/// tensor has at most one writer, which runs before its readers.
LogicalResult DesignBuilder::connectTensors() {
  llvm::StringMap<unsigned> byName;
  // Whether a tensor has been read by a kernel so far, in run order.
  std::vector<bool> readSoFar;
  for (auto [topIndex, top] : llvm::enumerate(design.tops)) {
    for (Port &port : top.ports) {
      const Tensor &local = portTensors[port.tensor];
      auto [it, inserted] =
          byName.try_emplace(local.name, design.tensors.size());
      if (inserted) {
        design.tensors.push_back(local);
        readSoFar.push_back(false);
      }
      Tensor &tensor = design.tensors[it->second];
      port.tensor = it->second;
      auto fail = [&]() {
        return diag(top.func)
               << "port " << port.index << " of '" << top.func.getSymName()
               << "' carries tensor '" << tensor.name << "'";
      };
      if (tensor.type != local.type)
        return fail() << " as " << local.type << ", but an earlier kernel uses "
                      << tensor.type;
      if (tensor.logicalShape != local.logicalShape ||
          tensor.layout.has_value() != local.layout.has_value() ||
          (tensor.layout && tensor.layout->toAttr(top.func.getContext()) !=
                                local.layout->toAttr(top.func.getContext())))
        return fail() << " in a different external-memory layout than an "
                         "earlier kernel";
      // Sub-byte elements are packed; a kernel reads them (a word or a
      // byte at a time) but never writes them.
      if (isSubByte(tensor.getElementType()) && port.kind == PortKind::Output)
        return fail() << " of " << tensor.getElementType()
                      << " elements as an output; sub-byte tensors can only "
                         "be read";
      bool readsPort = portUses[topIndex][port.index].reads;
      if (port.kind == PortKind::Output) {
        if (tensor.weight)
          return fail() << ", a weight of an earlier kernel, as an output";
        if (tensor.producer >= 0)
          return fail() << ", which kernel '"
                        << design.tops[tensor.producer].func.getSymName()
                        << "' already writes";
        if (readSoFar[it->second])
          return fail() << " as an output after an earlier kernel read it";
        tensor.producer = topIndex;
        tensor.inOut = readsPort;
        continue;
      }
      bool weight = port.kind == PortKind::Weight;
      if (!inserted && tensor.weight != weight)
        return fail() << " as " << (weight ? "a weight" : "an input")
                      << ", but an earlier kernel uses it as "
                      << (tensor.weight ? "a weight" : "an activation");
      tensor.weight = weight;
      readSoFar[it->second] = true;
    }
  }
  return success();
}

/// The channels of HbmChannels.h: the timing model and the timed simulation
/// share them with the link configuration.
LogicalResult DesignBuilder::assignHBMChannels() {
  FailureOr<llvm::StringMap<unsigned>> channels =
      getHbmChannels(design.module, kNumHBMChannels);
  if (failed(channels))
    return failure();
  for (Tensor &tensor : design.tensors)
    tensor.hbmChannel = channels->lookup(tensor.name);
  return success();
}

FailureOr<Design> Design::build(ModuleOp module) {
  Design design;
  design.module = module;
  DesignBuilder builder(design);
  if (failed(builder.build()))
    return failure();
  return design;
}

FailureOr<const Top *> Design::selectTop(StringRef name) const {
  // Op handles are values; copies give the non-const accessors.
  ModuleOp op = module;
  if (name.empty()) {
    if (tops.size() == 1)
      return &tops.front();
    std::string list;
    for (const Top &top : tops)
      list += (list.empty() ? "" : ", ") + top.cName;
    return diag(op) << "module has " << tops.size() << " top functions ("
                    << list << "); choose one with --top";
  }
  for (const Top &top : tops) {
    func::FuncOp func = top.func;
    if (func.getSymName() == name || top.cName == name)
      return &top;
  }
  return diag(op) << "no top function named '" << name << "'";
}

std::string Design::getName() const {
  ModuleOp op = module;
  if (std::optional<StringRef> name = op.getSymName())
    return name->str();
  if (tops.size() == 1)
    return tops.front().cName;
  return "design";
}
