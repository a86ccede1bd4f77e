//===- ConverterSizing.cpp - Layout converter buffer sizing ---------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A data dimension can be buffered at element size when both sides tile it
// with the same element size from the same loop, and that loop is shared:
// same nesting position, trip count and step on both sides. The buffer then
// sits inside the shared loops, which must be an outer prefix of both nests
// for the two sides to walk them in lock-step; any other dimension is held in
// full. Data dimensions pinned to the same constant on both sides need no
// loop at all. This reproduces the 8x2 (Figure 5, b to c) and 16x64
// (Figure 7) buffers, which stopping at the first irreducible dimension does
// not.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "mlir/IR/AffineExpr.h"

using namespace mlir;
using namespace streamtensor::dataflow;

int64_t ConverterBuffer::getNumElements() const {
  return saturatingProduct(shape);
}

int64_t ConverterBuffer::getBytes(Type dataType) const {
  if (forwards)
    return 0;
  return saturatingMul(2, getSaturatedBytes(shape, dataType));
}

bool streamtensor::dataflow::isSharedLoop(ITensorType source,
                                          ITensorType result, unsigned loop) {
  if (loop >= source.getNumLoops() || loop >= result.getNumLoops())
    return false;
  if (source.getTripCounts()[loop] != result.getTripCounts()[loop] ||
      source.getSteps()[loop] != result.getSteps()[loop])
    return false;
  for (unsigned dim = 0; dim < source.getRank(); ++dim) {
    AffineExpr sourceExpr = source.getIterMap().getResult(dim);
    AffineExpr resultExpr = result.getIterMap().getResult(dim);
    bool sourceUses = sourceExpr.isFunctionOfDim(loop);
    bool resultUses = resultExpr.isFunctionOfDim(loop);
    if (sourceUses != resultUses)
      return false;
    if (!sourceUses)
      continue;
    // Used on both sides: only as the same plain loop index over tiles of
    // the same size.
    if (sourceExpr != resultExpr || !isa<AffineDimExpr>(sourceExpr) ||
        source.getElementShape()[dim] != result.getElementShape()[dim])
      return false;
  }
  return true;
}

bool streamtensor::dataflow::streamsInDataOrder(ITensorType type) {
  if (!type.isRegularTiling())
    return false;
  AffineMap map = type.getIterMap();
  SmallVector<int64_t> data = type.getDataShape();
  ArrayRef<int64_t> element = type.getElementShape();
  ArrayRef<int64_t> trips = type.getTripCounts();
  // Tokens are row-major slabs: unit extents on the outer dimensions, then
  // one partial extent, then whole inner dimensions (unit ones aside).
  bool inner = false;
  for (auto [size, extent] : llvm::zip(data, element)) {
    if (size == 1)
      continue;
    if (inner && extent != size)
      return false;
    if (extent > 1)
      inner = true;
  }
  // Every loop that repeats walks one dimension, outer loops outer
  // dimensions, and covers it.
  SmallVector<int> dimOfLoop(map.getNumDims(), -1);
  for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
    if (auto loop = dyn_cast<AffineDimExpr>(expr)) {
      dimOfLoop[loop.getPosition()] = dim;
      if (trips[loop.getPosition()] * element[dim] != data[dim])
        return false;
    } else if (element[dim] != data[dim]) {
      return false;
    }
  }
  int previous = -1;
  for (auto [loop, dim] : llvm::enumerate(dimOfLoop)) {
    if (trips[loop] == 1)
      continue;
    if (dim <= previous)
      return false;
    previous = dim;
  }
  return true;
}

bool streamtensor::dataflow::isForwardingConverter(ITensorType source,
                                                   ITensorType result) {
  return source.getDataShape() == result.getDataShape() &&
         streamsInDataOrder(source) && streamsInDataOrder(result);
}

ConverterBuffer
streamtensor::dataflow::computeBuiltConverterBuffer(ITensorType source,
                                                    ITensorType result) {
  if (!isForwardingConverter(source, result))
    return computeConverterBuffer(source, result);
  ConverterBuffer buffer;
  buffer.forwards = true;
  buffer.shape.assign(source.getRank(), 1);
  return buffer;
}

ConverterBuffer
streamtensor::dataflow::computeConverterBuffer(ITensorType source,
                                               ITensorType result) {
  ConverterBuffer buffer;
  buffer.shape = source.getDataShape();
  if (!source.isRegularTiling() || !result.isRegularTiling() ||
      source.getRank() != result.getRank())
    return buffer;

  while (isSharedLoop(source, result, buffer.loopLevel))
    ++buffer.loopLevel;

  for (unsigned dim = 0; dim < source.getRank(); ++dim) {
    if (source.getElementShape()[dim] != result.getElementShape()[dim])
      continue;
    AffineExpr sourceExpr = source.getIterMap().getResult(dim);
    AffineExpr resultExpr = result.getIterMap().getResult(dim);
    if (sourceExpr != resultExpr)
      continue;
    auto loop = dyn_cast<AffineDimExpr>(sourceExpr);
    bool insideSharedLoop =
        loop && static_cast<int64_t>(loop.getPosition()) < buffer.loopLevel;
    if (insideSharedLoop || isa<AffineConstantExpr>(sourceExpr))
      buffer.shape[dim] = source.getElementShape()[dim];
  }
  return buffer;
}
