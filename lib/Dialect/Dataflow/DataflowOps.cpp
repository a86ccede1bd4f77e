//===- DataflowOps.cpp - Dataflow operations ------------------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace streamtensor::dataflow;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Checks that `value` is the token type of `itensor`.
static LogicalResult verifyTokenType(Operation *op, Type value,
                                     ITensorType itensor) {
  if (value != itensor.getElement())
    return op->emitOpError("value type ")
           << value << " does not match the itensor element type "
           << itensor.getElement();
  return success();
}

/// Checks that a stream carries the tokens of `itensor`: either its scalars
/// one by one, or its vector tokens whole.
static LogicalResult verifyStreamOfITensor(Operation *op, StreamType stream,
                                           ITensorType itensor) {
  Type element = stream.getElementType();
  if (element == itensor.getDataType() ||
      (itensor.isVectorElement() && element == itensor.getElement()))
    return success();
  return op->emitOpError("stream element type ")
         << element << " carries neither the scalars nor the vector tokens of "
         << itensor;
}

/// Checks that `parts` tile `whole` along data dimension `dim`.
static LogicalResult verifyConcatenation(Operation *op, ITensorType whole,
                                         TypeRange parts, int64_t dim,
                                         StringRef partName) {
  if (parts.empty())
    return op->emitOpError("requires at least one ") << partName;
  SmallVector<int64_t> wholeShape = whole.getDataShape();
  if (dim < 0 || dim >= static_cast<int64_t>(wholeShape.size()))
    return op->emitOpError("dimension ")
           << dim << " is out of range for data rank " << wholeShape.size();
  int64_t total = 0;
  for (Type partType : parts) {
    auto part = cast<ITensorType>(partType);
    if (part.getDataType() != whole.getDataType())
      return op->emitOpError("data type of ")
             << partName << " " << part << " differs from " << whole;
    SmallVector<int64_t> partShape = part.getDataShape();
    if (partShape.size() != wholeShape.size())
      return op->emitOpError("rank of ") << partName << " " << part
                                         << " differs from " << whole;
    for (auto [d, sizes] :
         llvm::enumerate(llvm::zip(partShape, wholeShape)))
      if (static_cast<int64_t>(d) != dim &&
          std::get<0>(sizes) != std::get<1>(sizes))
        return op->emitOpError("data shape of ")
               << partName << " " << part << " differs from " << whole
               << " outside dimension " << dim;
    total += partShape[dim];
  }
  if (total != wholeShape[dim])
    return op->emitOpError("sizes along dimension ")
           << dim << " add up to " << total << " but the whole has "
           << wholeShape[dim];
  return success();
}

//===----------------------------------------------------------------------===//
// itensor operations
//===----------------------------------------------------------------------===//

LogicalResult ITensorReadOp::verify() {
  if (failed(verifyTokenType(*this, getValue().getType(), getSource().getType())))
    return failure();
  bool tileToken = isa<RankedTensorType>(getValue().getType());
  if (tileToken && !getInit())
    return emitOpError("reading a tile token requires an init tensor");
  if (!tileToken && getInit())
    return emitOpError("an init tensor is only allowed for tile tokens");
  if (getInit() && getInit().getType() != getValue().getType())
    return emitOpError("init type ")
           << getInit().getType() << " differs from value type "
           << getValue().getType();
  return success();
}

LogicalResult ITensorWriteOp::verify() {
  return verifyTokenType(*this, getValue().getType(), getDest().getType());
}

LogicalResult ITensorCastOp::verify() {
  if (!getSource().getType().isLayoutEquivalentTo(getResult().getType()))
    return emitOpError("source ")
           << getSource().getType() << " and result " << getResult().getType()
           << " do not stream the same tokens in the same order";
  return success();
}

OpFoldResult ITensorCastOp::fold(FoldAdaptor) {
  if (getSource().getType() == getResult().getType())
    return getSource();
  if (auto producer = getSource().getDefiningOp<ITensorCastOp>()) {
    getSourceMutable().assign(producer.getSource());
    return getResult();
  }
  return {};
}

LogicalResult ITensorReassociateOp::verify() {
  ITensorType source = getSource().getType(), result = getResult().getType();
  if (source.getDataType() != result.getDataType())
    return emitOpError("data type changes from ")
           << source.getDataType() << " to " << result.getDataType();
  if (source.getNumTokens() != result.getNumTokens())
    return emitOpError("token count changes from ")
           << source.getNumTokens() << " to " << result.getNumTokens();
  if (source.getElement().getNumElements() !=
      result.getElement().getNumElements())
    return emitOpError("scalars per token change from ")
           << source.getElement().getNumElements() << " to "
           << result.getElement().getNumElements();
  auto product = [](ArrayRef<int64_t> shape) {
    int64_t n = 1;
    for (int64_t s : shape)
      n *= s;
    return n;
  };
  if (product(source.getDataShape()) != product(result.getDataShape()))
    return emitOpError("total data size changes from ")
           << product(source.getDataShape()) << " to "
           << product(result.getDataShape());
  return success();
}

LogicalResult ITensorConverterOp::verify() {
  ITensorType source = getSource().getType(), result = getResult().getType();
  if (source.getDataType() != result.getDataType())
    return emitOpError("data type changes from ")
           << source.getDataType() << " to " << result.getDataType();
  SmallVector<int64_t> shape = source.getDataShape();
  if (shape != result.getDataShape())
    return emitOpError("source and result stream different data shapes");
  if (std::optional<ArrayRef<int64_t>> buffer = getBufferShape()) {
    if (buffer->size() != shape.size())
      return emitOpError("buffer_shape has rank ")
             << buffer->size() << " but the data has rank " << shape.size();
    for (auto [size, full] : llvm::zip(*buffer, shape))
      if (size <= 0 || size > full)
        return emitOpError("buffer_shape must lie within the data shape");
  }
  if (std::optional<uint64_t> level = getBufferLoopLevel()) {
    unsigned maxLevel =
        std::min(source.getNumLoops(), result.getNumLoops());
    if (static_cast<int64_t>(*level) < 0 || *level > maxLevel)
      return emitOpError("buffer_loop_level must be between 0 and ")
             << maxLevel;
  }
  return success();
}

OpFoldResult ITensorConverterOp::fold(FoldAdaptor) {
  if (getSource().getType() == getResult().getType())
    return getSource();
  return {};
}

LogicalResult ITensorChunkOp::verify() {
  return verifyConcatenation(*this, getSource().getType(),
                             getResults().getTypes(), getDim(), "result");
}

LogicalResult ITensorConcatOp::verify() {
  return verifyConcatenation(*this, getResult().getType(),
                             getSources().getTypes(), getDim(), "source");
}

LogicalResult ITensorForkOp::verify() {
  if (getResults().empty())
    return emitOpError("requires at least one result");
  for (Type type : getResults().getTypes())
    if (type != getSource().getType())
      return emitOpError("result type ")
             << type << " differs from the source type "
             << getSource().getType();
  return success();
}

LogicalResult ITensorJoinOp::verify() {
  if (getSources().empty())
    return emitOpError("requires at least one source");
  ITensorType result = getResult().getType();
  int64_t tokens = 0;
  for (Type type : getSources().getTypes()) {
    auto source = cast<ITensorType>(type);
    if (source.getElement() != result.getElement())
      return emitOpError("source element ")
             << source.getElement() << " differs from the result element "
             << result.getElement();
    tokens += source.getNumTokens();
  }
  if (tokens != result.getNumTokens())
    return emitOpError("sources carry ")
           << tokens << " tokens but the result carries "
           << result.getNumTokens();
  return success();
}

//===----------------------------------------------------------------------===//
// stream operations
//===----------------------------------------------------------------------===//

LogicalResult ITensorToStreamOp::verify() {
  return verifyStreamOfITensor(*this, getResult().getType(),
                               getSource().getType());
}

LogicalResult StreamToITensorOp::verify() {
  return verifyStreamOfITensor(*this, getSource().getType(),
                               getResult().getType());
}

LogicalResult StreamReadOp::verify() {
  if (getValue().getType() != getSource().getType().getElementType())
    return emitOpError("value type ")
           << getValue().getType() << " differs from the stream element type "
           << getSource().getType().getElementType();
  return success();
}

LogicalResult StreamWriteOp::verify() {
  if (getValue().getType() != getDest().getType().getElementType())
    return emitOpError("value type ")
           << getValue().getType() << " differs from the stream element type "
           << getDest().getType().getElementType();
  return success();
}

LogicalResult StreamCastOp::verify() {
  if (getSource().getType().getElementType() !=
      getResult().getType().getElementType())
    return emitOpError("may change only the depth, but the element type "
                       "changes from ")
           << getSource().getType().getElementType() << " to "
           << getResult().getType().getElementType();
  return success();
}

//===----------------------------------------------------------------------===//
// structure operations
//===----------------------------------------------------------------------===//

/// A kernel boundary value is the tensor itself or an itensor streaming
/// exactly that tensor (the implicit conversion is a DMA).
static bool isBoundaryCompatible(Type inner, RankedTensorType outer) {
  if (inner == outer)
    return true;
  auto itensor = dyn_cast<ITensorType>(inner);
  return itensor && itensor.getDataType() == outer.getElementType() &&
         ArrayRef<int64_t>(itensor.getDataShape()) == outer.getShape();
}

/// The terminator of a single-block region, if it is a dataflow.yield.
static YieldOp getYield(Region &region) {
  Block &block = region.front();
  if (block.empty())
    return {};
  return dyn_cast<YieldOp>(block.back());
}

LogicalResult KernelOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getSources().size())
    return emitOpError("has ")
           << getSources().size() << " sources but its body takes "
           << body.getNumArguments() << " arguments";
  for (auto [index, pair] :
       llvm::enumerate(llvm::zip(body.getArgumentTypes(), getSources())))
    if (!isBoundaryCompatible(std::get<0>(pair),
                              cast<RankedTensorType>(std::get<1>(pair).getType())))
      return emitOpError("body argument ")
             << index << " of type " << std::get<0>(pair)
             << " is neither the source tensor type nor an itensor over it";
  YieldOp yield = getYield(getBody());
  if (!yield)
    return emitOpError("body must end with dataflow.yield");
  if (yield.getOutputs().size() != getResults().size())
    return emitOpError("yields ")
           << yield.getOutputs().size() << " values but has "
           << getResults().size() << " results";
  for (auto [index, pair] : llvm::enumerate(
           llvm::zip(yield.getOutputs().getTypes(), getResultTypes())))
    if (!isBoundaryCompatible(std::get<0>(pair),
                              cast<RankedTensorType>(std::get<1>(pair))))
      return emitOpError("yielded value ")
             << index << " of type " << std::get<0>(pair)
             << " is neither the result tensor type nor an itensor over it";
  return success();
}

LogicalResult TaskOp::verifyRegions() {
  if (getInits().getTypes() != getResultTypes())
    return emitOpError("result types must equal the init types");
  Block &body = getBody().front();
  if (body.getArgumentTypes() != getInits().getTypes())
    return emitOpError("body arguments must match the inits one to one");
  YieldOp yield = getYield(getBody());
  if (!yield)
    return emitOpError("body must end with dataflow.yield");
  if (yield.getOutputs().getTypes() != getResultTypes())
    return emitOpError("yielded types must equal the result types");
  return success();
}

#define GET_OP_CLASSES
#include "streamtensor/Dialect/Dataflow/DataflowOps.cpp.inc"
