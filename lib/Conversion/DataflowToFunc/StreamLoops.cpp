//===- StreamLoops.cpp - Loops that move scalars through streams ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "StreamLoops.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::dataflow;

SmallVector<Value> streamtensor::buildIndexLoops(OpBuilder &builder,
                                                 Location loc,
                                                 ArrayRef<int64_t> tripCounts,
                                                 ArrayRef<int64_t> steps,
                                                 ValueRange iterArgs,
                                                 LoopBody body) {
  SmallVector<Value> lbs, ubs, stepValues;
  for (auto [trip, step] : llvm::zip(tripCounts, steps)) {
    lbs.push_back(builder.create<arith::ConstantIndexOp>(loc, 0));
    ubs.push_back(builder.create<arith::ConstantIndexOp>(loc, trip * step));
    stepValues.push_back(builder.create<arith::ConstantIndexOp>(loc, step));
  }
  scf::LoopNest nest = scf::buildLoopNest(
      builder, loc, lbs, ubs, stepValues, iterArgs,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange ivs,
          ValueRange args) -> scf::ValueVector {
        SmallVector<Value> results = body(nested, nestedLoc, ivs, args);
        return scf::ValueVector(results.begin(), results.end());
      });
  // Without loops the body ran once at the insertion point.
  return SmallVector<Value>(nest.results.begin(), nest.results.end());
}

SmallVector<Value> streamtensor::buildElementLoops(OpBuilder &builder,
                                                   Location loc,
                                                   ArrayRef<int64_t> shape,
                                                   ValueRange iterArgs,
                                                   LoopBody body) {
  SmallVector<Value> results = buildIndexLoops(
      builder, loc, shape, SmallVector<int64_t>(shape.size(), 1), iterArgs,
      [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) {
        // One scalar per cycle: the innermost element loop is pipelined.
        if (!ivs.empty())
          if (auto loop = dyn_cast<scf::ForOp>(
                  b.getInsertionBlock()->getParentOp()))
            loop->setAttr("dataflow.pipeline_ii", b.getI64IntegerAttr(1));
        return body(b, l, ivs, args);
      });
  return results;
}

Value streamtensor::readTileFromStream(OpBuilder &builder, Location loc,
                                       Value stream, Value tile) {
  auto type = cast<RankedTensorType>(tile.getType());
  return buildElementLoops(
      builder, loc, type.getShape(), tile,
      [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) {
        Value value = b.create<StreamReadOp>(l, type.getElementType(), stream);
        Value updated = b.create<tensor::InsertOp>(l, value, args[0], ivs);
        return SmallVector<Value>{updated};
      })[0];
}

void streamtensor::writeTileToStream(OpBuilder &builder, Location loc,
                                     Value tile, Value stream) {
  auto type = cast<RankedTensorType>(tile.getType());
  buildElementLoops(builder, loc, type.getShape(), {},
                    [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
                      Value value = b.create<tensor::ExtractOp>(l, tile, ivs);
                      b.create<StreamWriteOp>(l, value, stream);
                      return SmallVector<Value>{};
                    });
}

SmallVector<Value> streamtensor::getElementOffsets(OpBuilder &builder,
                                                   Location loc,
                                                   ITensorType type,
                                                   ValueRange ivs,
                                                   ValueRange element,
                                                   ArrayRef<bool> local) {
  SmallVector<Value> offsets;
  AffineMap map = type.getIterMap();
  for (unsigned dim = 0; dim < type.getRank(); ++dim) {
    Value offset = element[dim];
    if (local.empty() || !local[dim]) {
      AffineMap result = map.getSubMap({dim});
      Value base = builder.create<affine::AffineApplyOp>(loc, result, ivs);
      offset = builder.create<arith::AddIOp>(loc, base, offset);
    }
    offsets.push_back(offset);
  }
  return offsets;
}
