//===- DataflowTypes.cpp - itensor and stream types -----------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "LinearMap.h"
#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace mlir;
using namespace streamtensor::dataflow;

#define GET_TYPEDEF_CLASSES
#include "streamtensor/Dialect/Dataflow/DataflowTypes.cpp.inc"

void DataflowDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "streamtensor/Dialect/Dataflow/DataflowTypes.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// ITensorType: syntax
//===----------------------------------------------------------------------===//

static ParseResult parseIntegerList(AsmParser &parser,
                                    SmallVectorImpl<int64_t> &values) {
  return parser.parseCommaSeparatedList(
      AsmParser::Delimiter::Square, [&]() -> ParseResult {
        int64_t value = 0;
        if (parser.parseInteger(value))
          return failure();
        values.push_back(value);
        return success();
      });
}

static ShapedType parseElement(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  Type parsed;
  OptionalParseResult typeResult = parser.parseOptionalType(parsed);
  if (typeResult.has_value()) {
    if (failed(*typeResult))
      return {};
    if (auto vector = dyn_cast<VectorType>(parsed))
      return vector;
    if (parsed.isIntOrIndexOrFloat())
      return RankedTensorType::get({}, parsed);
    parser.emitError(loc, "itensor element must be a static tile such as "
                          "4x2xf32 or a vector type, got ")
        << parsed;
    return {};
  }
  SmallVector<int64_t> shape;
  Type scalar;
  if (parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                /*withTrailingX=*/true) ||
      parser.parseType(scalar))
    return {};
  if (!scalar.isIntOrIndexOrFloat()) {
    parser.emitError(loc, "itensor tile elements must be integers, floats or "
                          "index, got ")
        << scalar;
    return {};
  }
  return RankedTensorType::get(shape, scalar);
}

Type ITensorType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  ShapedType element;
  SmallVector<int64_t> tripCounts, steps;
  AffineMap iterMap;
  if (parser.parseLess() || !(element = parseElement(parser)) ||
      parser.parseComma() || parseIntegerList(parser, tripCounts) ||
      parser.parseStar() || parseIntegerList(parser, steps) ||
      parser.parseComma() || parser.parseAffineMap(iterMap) ||
      parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), element, tripCounts, steps, iterMap);
}

void ITensorType::print(AsmPrinter &printer) const {
  printer << '<';
  if (isVectorElement()) {
    printer << getElement();
  } else {
    for (int64_t size : getElementShape())
      printer << size << 'x';
    printer << getDataType();
  }
  printer << ", [";
  llvm::interleaveComma(getTripCounts(), printer);
  printer << "] * [";
  llvm::interleaveComma(getSteps(), printer);
  printer << "], ";
  printer.getStream() << getIterMap();
  printer << '>';
}

//===----------------------------------------------------------------------===//
// ITensorType: verifier
//===----------------------------------------------------------------------===//

LogicalResult
ITensorType::verify(function_ref<InFlightDiagnostic()> emitError,
                    ShapedType element, ArrayRef<int64_t> tripCounts,
                    ArrayRef<int64_t> steps, AffineMap iterMap) {
  if (!llvm::isa<RankedTensorType, VectorType>(element))
    return emitError() << "itensor element must be a tile shape or a vector, "
                          "got "
                       << element;
  if (!element.hasStaticShape())
    return emitError() << "itensor element shape must be static, got "
                       << element;
  if (auto vector = llvm::dyn_cast<VectorType>(element); vector && vector.isScalable())
    return emitError() << "itensor element vector must not be scalable";
  if (tripCounts.size() != steps.size())
    return emitError() << "itensor iteration space has " << tripCounts.size()
                       << " trip counts but " << steps.size() << " steps";
  for (auto [loop, trip] : llvm::enumerate(tripCounts))
    if (trip <= 0)
      return emitError() << "itensor trip count of loop " << loop
                         << " must be positive, got " << trip;
  for (auto [loop, step] : llvm::enumerate(steps))
    if (step <= 0)
      return emitError() << "itensor step of loop " << loop
                         << " must be positive, got " << step;
  if (!iterMap)
    return emitError() << "itensor requires an iteration map";
  if (iterMap.getNumSymbols() != 0)
    return emitError() << "itensor iteration map must not have symbols";
  if (iterMap.getNumDims() != tripCounts.size())
    return emitError() << "itensor iteration map has " << iterMap.getNumDims()
                       << " inputs but the iteration space has "
                       << tripCounts.size() << " loops";
  if (iterMap.getNumResults() != element.getRank())
    return emitError() << "itensor iteration map has "
                       << iterMap.getNumResults()
                       << " results but the element has rank "
                       << element.getRank();
  std::optional<SmallVector<LinearExpr>> linear = getLinearMap(iterMap);
  if (!linear)
    return emitError() << "itensor iteration map must be linear in the loop "
                          "indices (no mod, floordiv or ceildiv)";
  for (auto [dim, expr] : llvm::enumerate(*linear)) {
    int64_t minOffset = expr.constant;
    for (auto [loop, coefficient] : llvm::enumerate(expr.coefficients))
      minOffset += std::min<int64_t>(0, coefficient * (tripCounts[loop] - 1) *
                                            steps[loop]);
    if (minOffset < 0)
      return emitError() << "itensor iteration map gives a negative offset "
                            "on data dimension "
                         << dim;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ITensorType: queries
//===----------------------------------------------------------------------===//

/// Linear form of a verified type's map; verification guarantees linearity.
static SmallVector<LinearExpr> getLinear(ITensorType type) {
  return *getLinearMap(type.getIterMap());
}

SmallVector<int64_t> ITensorType::getDataShape() const {
  SmallVector<int64_t> shape;
  for (auto [dim, expr] : llvm::enumerate(getLinear(*this))) {
    int64_t maxOffset = expr.constant;
    for (auto [loop, coefficient] : llvm::enumerate(expr.coefficients))
      maxOffset += std::max<int64_t>(0, coefficient *
                                            (getTripCounts()[loop] - 1) *
                                            getSteps()[loop]);
    shape.push_back(maxOffset + getElementShape()[dim]);
  }
  return shape;
}

int64_t ITensorType::getNumTokens() const {
  return saturatingProduct(getTripCounts());
}

SmallVector<int64_t> ITensorType::getIterationIndices(int64_t token) const {
  SmallVector<int64_t> indices(getNumLoops(), 0);
  for (int loop = getNumLoops() - 1; loop >= 0; --loop) {
    indices[loop] = (token % getTripCounts()[loop]) * getSteps()[loop];
    token /= getTripCounts()[loop];
  }
  return indices;
}

SmallVector<int64_t> ITensorType::getTokenOffset(int64_t token) const {
  SmallVector<int64_t> indices = getIterationIndices(token);
  SmallVector<int64_t> offset;
  for (const LinearExpr &expr : getLinear(*this)) {
    int64_t value = expr.constant;
    for (auto [loop, coefficient] : llvm::enumerate(expr.coefficients))
      value += coefficient * indices[loop];
    offset.push_back(value);
  }
  return offset;
}

SmallVector<unsigned> ITensorType::getReuseLoops() const {
  SmallVector<unsigned> loops;
  for (unsigned loop = 0; loop < getNumLoops(); ++loop)
    if (!getIterMap().isFunctionOfDim(loop))
      loops.push_back(loop);
  return loops;
}

/// Each data dimension is either walked by its own loop, with the loop's
/// step equal to the element size there, or held whole at offset 0. There
/// may be more data dimensions than loops (a head_dim never tiled), which
/// AffineMap::isProjectedPermutation refuses, so the check is spelt out.
bool ITensorType::isRegularTiling() const {
  AffineMap map = getIterMap();
  if (map.getNumSymbols() != 0)
    return false;
  llvm::SmallVector<bool> used(map.getNumDims(), false);
  for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
    if (auto loop = llvm::dyn_cast<AffineDimExpr>(expr)) {
      unsigned position = loop.getPosition();
      if (used[position] || getSteps()[position] != getElementShape()[dim])
        return false;
      used[position] = true;
      continue;
    }
    auto constant = llvm::dyn_cast<AffineConstantExpr>(expr);
    if (!constant || constant.getValue() != 0)
      return false;
  }
  return true;
}

namespace {
/// A loop with its contribution to the data offset per iteration.
struct CanonicalLoop {
  int64_t tripCount;
  SmallVector<int64_t> stride;
  bool operator==(const CanonicalLoop &other) const {
    return tripCount == other.tripCount && stride == other.stride;
  }
};
} // namespace

/// Loops in a form where two types stream the same token sequence exactly
/// when their forms are equal: single-trip loops dropped, and an outer loop
/// merged into the inner one when it continues the inner loop's progression.
static SmallVector<CanonicalLoop> getCanonicalLoops(ITensorType type) {
  SmallVector<LinearExpr> linear = getLinear(type);
  SmallVector<CanonicalLoop> loops;
  for (unsigned loop = 0; loop < type.getNumLoops(); ++loop) {
    if (type.getTripCounts()[loop] == 1)
      continue;
    CanonicalLoop canonical{type.getTripCounts()[loop], {}};
    for (const LinearExpr &expr : linear)
      canonical.stride.push_back(expr.coefficients[loop] *
                                 type.getSteps()[loop]);
    loops.push_back(std::move(canonical));
    while (loops.size() >= 2) {
      CanonicalLoop &outer = loops[loops.size() - 2];
      const CanonicalLoop &inner = loops.back();
      bool continues = llvm::all_of(
          llvm::zip(outer.stride, inner.stride), [&](auto pair) {
            return std::get<0>(pair) == inner.tripCount * std::get<1>(pair);
          });
      if (!continues)
        break;
      outer.tripCount *= inner.tripCount;
      outer.stride = inner.stride;
      loops.pop_back();
    }
  }
  return loops;
}

bool ITensorType::isLayoutEquivalentTo(ITensorType other) const {
  if (getDataType() != other.getDataType() ||
      getElementShape() != other.getElementShape())
    return false;
  auto constants = [](ITensorType type) {
    SmallVector<int64_t> values;
    for (const LinearExpr &expr : getLinear(type))
      values.push_back(expr.constant);
    return values;
  };
  return constants(*this) == constants(other) &&
         getCanonicalLoops(*this) == getCanonicalLoops(other);
}

int64_t streamtensor::dataflow::getScalarBytes(Type type) {
  int64_t bits = type.isIntOrFloat() ? type.getIntOrFloatBitWidth() : 64;
  return (bits + 7) / 8;
}

int64_t streamtensor::dataflow::saturatingMul(int64_t a, int64_t b) {
  int64_t result;
  if (llvm::MulOverflow(a, b, result))
    return std::numeric_limits<int64_t>::max();
  return result;
}

int64_t streamtensor::dataflow::saturatingAdd(int64_t a, int64_t b) {
  int64_t result;
  if (llvm::AddOverflow(a, b, result))
    return std::numeric_limits<int64_t>::max();
  return result;
}

int64_t streamtensor::dataflow::saturatingProduct(ArrayRef<int64_t> values) {
  int64_t product = 1;
  for (int64_t value : values)
    product = saturatingMul(product, value);
  return product;
}

int64_t streamtensor::dataflow::getSaturatedBytes(ArrayRef<int64_t> shape,
                                                  Type element) {
  return saturatingMul(saturatingProduct(shape), getScalarBytes(element));
}

int64_t ITensorType::getElementBytes() const {
  return getSaturatedBytes(getElement().getShape(), getDataType());
}

ITensorType ITensorType::cloneWithIteration(ArrayRef<int64_t> tripCounts,
                                            ArrayRef<int64_t> steps,
                                            AffineMap iterMap) const {
  return ITensorType::get(getContext(), getElement(), tripCounts, steps,
                          iterMap);
}

//===----------------------------------------------------------------------===//
// StreamType
//===----------------------------------------------------------------------===//

LogicalResult StreamType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 Type elementType, int64_t depth) {
  if (depth < 1)
    return emitError() << "stream depth must be at least 1, got " << depth;
  if (auto vector = llvm::dyn_cast<VectorType>(elementType)) {
    if (vector.isScalable())
      return emitError() << "stream vector elements must not be scalable";
    return success();
  }
  if (!elementType.isIntOrIndexOrFloat())
    return emitError() << "stream element must be a scalar or a vector, got "
                       << elementType;
  return success();
}
