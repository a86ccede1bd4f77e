//===- PackedAccess.cpp - DMAs over packed, widened external memory -------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PackedAccess.h"
#include "StreamLoops.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::dataflow;

static int64_t getNumElements(const InterfaceLayout &layout) {
  int64_t elements = 1;
  for (int64_t size : layout.shape)
    elements *= size;
  return elements;
}

RankedTensorType streamtensor::getPortType(const InterfaceLayout &layout,
                                           Type elementType) {
  int64_t elements = getNumElements(layout);
  if (layout.lanes == 1)
    return RankedTensorType::get({elements}, elementType);
  return RankedTensorType::get(
      {elements / layout.lanes},
      VectorType::get({layout.lanes}, elementType));
}

static SmallVector<int64_t> identity(unsigned rank) {
  SmallVector<int64_t> dims;
  for (unsigned dim = 0; dim < rank; ++dim)
    dims.push_back(dim);
  return dims;
}

/// All dimensions of a rank-`rank` tensor in one group.
static SmallVector<ReassociationIndices> allInOne(unsigned rank) {
  return {ReassociationIndices(identity(rank))};
}

/// Groups a flat tensor into words: a reduction over the lanes that
/// inserts each element into its word.
static Value widen(OpBuilder &b, Location loc, Value flat, int64_t lanes) {
  auto type = cast<RankedTensorType>(flat.getType());
  int64_t words = type.getNumElements() / lanes;
  Type element = type.getElementType();
  auto vectorType = VectorType::get({lanes}, element);
  Value grouped = b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get({words, lanes}, element), flat,
      SmallVector<ReassociationIndices>{{0, 1}});
  Value init = b.create<tensor::EmptyOp>(loc, ArrayRef<int64_t>{words}, vectorType);
  MLIRContext *ctx = b.getContext();
  AffineExpr w = getAffineDimExpr(0, ctx), l = getAffineDimExpr(1, ctx);
  SmallVector<AffineMap> maps{AffineMap::get(2, 0, {w, l}, ctx),
                              AffineMap::get(2, 0, {w}, ctx)};
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), grouped, init, maps,
      SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                       utils::IteratorType::reduction},
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value lane = nb.create<linalg::IndexOp>(nl, 1);
        Value word = nb.create<vector::InsertOp>(nl, args[0], args[1],
                                                 OpFoldResult(lane));
        nb.create<linalg::YieldOp>(nl, word);
      });
  return generic.getResult(0);
}

/// The flat tensor of the elements of a tensor of words.
static Value unwiden(OpBuilder &b, Location loc, Value words) {
  auto type = cast<RankedTensorType>(words.getType());
  auto vectorType = cast<VectorType>(type.getElementType());
  int64_t lanes = vectorType.getNumElements();
  Type element = vectorType.getElementType();
  Value init = b.create<tensor::EmptyOp>(
      loc, ArrayRef<int64_t>{type.getDimSize(0), lanes}, element);
  MLIRContext *ctx = b.getContext();
  AffineExpr w = getAffineDimExpr(0, ctx), l = getAffineDimExpr(1, ctx);
  SmallVector<AffineMap> maps{AffineMap::get(2, 0, {w}, ctx),
                              AffineMap::get(2, 0, {w, l}, ctx)};
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), words, init, maps,
      SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value lane = nb.create<linalg::IndexOp>(nl, 1);
        Value value = nb.create<vector::ExtractOp>(nl, args[0], OpFoldResult(lane));
        nb.create<linalg::YieldOp>(nl, value);
      });
  return b.create<tensor::CollapseShapeOp>(
      loc, generic.getResult(0), SmallVector<ReassociationIndices>{{0, 1}});
}

static SmallVector<OpFoldResult> getTiles(OpBuilder &b,
                                          const InterfaceLayout &layout) {
  SmallVector<OpFoldResult> tiles;
  for (int64_t tile : layout.innerTiles)
    tiles.push_back(b.getIndexAttr(tile));
  return tiles;
}

Value streamtensor::buildPort(OpBuilder &b, Location loc, Value source,
                              const InterfaceLayout &layout) {
  auto type = cast<RankedTensorType>(source.getType());
  Value value = source;
  unsigned rank = layout.shape.size();
  if (layout.packed) {
    Value dest = b.create<tensor::EmptyOp>(loc, layout.getPackedShape(),
                                           type.getElementType());
    value = b.create<tensor::PackOp>(loc, source, dest, identity(rank),
                                     getTiles(b, layout), std::nullopt,
                                     layout.outerDimsPerm);
  }
  auto valueType = cast<RankedTensorType>(value.getType());
  if (valueType.getRank() != 1)
    value = b.create<tensor::CollapseShapeOp>(loc, value,
                                              allInOne(valueType.getRank()));
  if (layout.lanes > 1)
    value = widen(b, loc, value, layout.lanes);
  return value;
}

Value streamtensor::buildLogical(OpBuilder &b, Location loc, Value port,
                                 const InterfaceLayout &layout) {
  Value flat = layout.lanes > 1 ? unwiden(b, loc, port) : port;
  Type element = cast<RankedTensorType>(flat.getType()).getElementType();
  SmallVector<int64_t> stored =
      layout.packed ? layout.getPackedShape() : layout.shape;
  Value value = flat;
  if (stored.size() != 1)
    value = b.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(stored, element), flat,
        allInOne(stored.size()));
  if (!layout.packed)
    return value;
  Value dest = b.create<tensor::EmptyOp>(loc, layout.shape, element);
  return b.create<tensor::UnPackOp>(loc, value, dest,
                                    identity(layout.shape.size()),
                                    getTiles(b, layout), layout.outerDimsPerm);
}

/// Element offset, in the flat port, of the first element of the tile at
/// iteration `ivs`: the tile's index in the packed outer dimensions times
/// the tile size.
static Value buildTileOffset(OpBuilder &b, Location loc, ITensorType type,
                             const InterfaceLayout &layout, ValueRange ivs) {
  AffineMap map = type.getIterMap();
  AffineExpr offset = getAffineConstantExpr(0, b.getContext());
  int64_t stride = layout.getTileElements();
  for (int64_t dim : llvm::reverse(layout.outerDimsPerm)) {
    int64_t tile = layout.innerTiles[dim];
    offset = offset + map.getResult(dim).floorDiv(tile) * stride;
    stride *= layout.shape[dim] / tile;
  }
  return b.create<affine::AffineApplyOp>(
      loc, AffineMap::get(map.getNumDims(), 0, offset), ivs);
}

/// The loops of `type` that jump in memory, and the offset of the run the
/// contiguous inner loops walk from each of their iterations.
static void buildRunLoops(
    OpBuilder &b, Location loc, ITensorType type, const InterfaceLayout &layout,
    ValueRange iterArgs,
    function_ref<SmallVector<Value>(OpBuilder &, Location, Value, ValueRange)>
        body,
    SmallVector<Value> &results) {
  unsigned outer = type.getNumLoops() - getContiguousLoops(type);
  results = buildIndexLoops(
      b, loc, type.getTripCounts().take_front(outer),
      type.getSteps().take_front(outer), iterArgs,
      [&](OpBuilder &lb, Location l, ValueRange ivs, ValueRange args) {
        SmallVector<Value> all(ivs);
        Value zero = lb.create<arith::ConstantIndexOp>(l, 0);
        all.resize(type.getNumLoops(), zero);
        Value offset = buildTileOffset(lb, l, type, layout, all);
        return body(lb, l, offset, args);
      });
}

/// A word loop moves `lanes` elements through one stream, one per cycle.
static void setWordLoopII(OpBuilder &b, int64_t lanes) {
  if (auto loop = dyn_cast<scf::ForOp>(b.getInsertionBlock()->getParentOp()))
    loop->setAttr("dataflow.pipeline_ii", b.getI64IntegerAttr(lanes));
}

static Value divideByLanes(OpBuilder &b, Location loc, Value offset,
                           int64_t lanes) {
  if (lanes == 1)
    return offset;
  return b.create<arith::DivUIOp>(
      loc, offset, b.create<arith::ConstantIndexOp>(loc, lanes));
}

void streamtensor::buildPackedReadLoops(OpBuilder &b, Location loc,
                                        ITensorType type,
                                        const InterfaceLayout &layout,
                                        Value port, Value stream) {
  int64_t lanes = layout.lanes, words = layout.run / lanes;
  SmallVector<Value> unused;
  buildRunLoops(
      b, loc, type, layout, {},
      [&](OpBuilder &rb, Location rl, Value offset, ValueRange) {
        Value base = divideByLanes(rb, rl, offset, lanes);
        // One memory word per iteration, its lanes written in order.
        buildIndexLoops(
            rb, rl, {words}, {1}, {},
            [&](OpBuilder &wb, Location wl, ValueRange w, ValueRange) {
              Value index = wb.create<arith::AddIOp>(wl, base, w[0]);
              Value word = wb.create<tensor::ExtractOp>(wl, port, index);
              if (lanes == 1)
                wb.create<StreamWriteOp>(wl, word, stream);
              for (int64_t lane = 0; lanes > 1 && lane < lanes; ++lane)
                wb.create<StreamWriteOp>(
                    wl, wb.create<vector::ExtractOp>(wl, word, lane), stream);
              setWordLoopII(wb, lanes);
              return SmallVector<Value>{};
            });
        return SmallVector<Value>{};
      },
      unused);
}

Value streamtensor::buildPackedWriteLoops(OpBuilder &b, Location loc,
                                          ITensorType type,
                                          const InterfaceLayout &layout,
                                          Value stream, Type elementType) {
  int64_t lanes = layout.lanes, words = layout.run / lanes;
  RankedTensorType portType = getPortType(layout, elementType);
  Value init = b.create<tensor::EmptyOp>(loc, portType.getShape(),
                                         portType.getElementType());
  SmallVector<Value> results;
  buildRunLoops(
      b, loc, type, layout, init,
      [&](OpBuilder &rb, Location rl, Value offset, ValueRange args) {
        Value base = divideByLanes(rb, rl, offset, lanes);
        return buildIndexLoops(
            rb, rl, {words}, {1}, args,
            [&](OpBuilder &wb, Location wl, ValueRange w, ValueRange acc) {
              SmallVector<Value> elements{
                  wb.create<StreamReadOp>(wl, elementType, stream)};
              for (int64_t lane = 1; lane < lanes; ++lane)
                elements.push_back(
                    wb.create<StreamReadOp>(wl, elementType, stream));
              Value word = elements.front();
              if (lanes > 1)
                word = wb.create<vector::FromElementsOp>(
                    wl, portType.getElementType(), elements);
              Value index = wb.create<arith::AddIOp>(wl, base, w[0]);
              setWordLoopII(wb, lanes);
              return SmallVector<Value>{
                  wb.create<tensor::InsertOp>(wl, word, acc[0], index)};
            });
      },
      results);
  return results[0];
}

/// Fills `init` with the tile at element `offset` of `port`, one word per
/// iteration: every lane goes to its row-major position in the tile. When a
/// word lies inside one row of the tile, lane `l` always lands in column
/// `chunk * lanes + l`: the buffer is split cyclically by the lanes after
/// bufferization (`dataflow.word_lanes`), so the whole word is stored in one
/// cycle; so is a word of whole rows, whose rows are split too. Otherwise the
/// lanes share a bank and take a cycle each.
static Value buildTileReadByWords(OpBuilder &b, Location loc,
                                  RankedTensorType tileType, int64_t lanes,
                                  Value port, Value offset, Value init) {
  Value base = divideByLanes(b, loc, offset, lanes);
  int64_t words = tileType.getNumElements() / lanes;
  int64_t lastDim = tileType.getShape().back();
  bool rowWords = lastDim % lanes == 0;
  // A word of whole rows (4-bit codes: 128 lanes over rows of 16) fills the
  // same columns of `lanes / lastDim` consecutive rows each time: splitting
  // the rows cyclically by that many and the columns completely gives every
  // lane its own bank too.
  ArrayRef<int64_t> shape = tileType.getShape();
  bool wholeRows = !rowWords && lanes % lastDim == 0 && shape.size() >= 2 &&
                   shape[shape.size() - 2] % (lanes / lastDim) == 0;
  return buildIndexLoops(
      b, loc, {words}, {1}, init,
      [&](OpBuilder &wb, Location wl, ValueRange w, ValueRange acc) {
        Value index = wb.create<arith::AddIOp>(wl, base, w[0]);
        Value word = wb.create<tensor::ExtractOp>(wl, port, index);
        Value tile = acc[0];
        AffineExpr wordExpr = getAffineDimExpr(0, wb.getContext());
        for (int64_t lane = 0; lane < lanes; ++lane) {
          SmallVector<AffineExpr> coordinates;
          if (rowWords) {
            // Words in row-major order over the rows and the row's chunks.
            int64_t chunks = lastDim / lanes;
            AffineExpr row = wordExpr.floorDiv(chunks);
            int64_t stride = tileType.getNumElements() / lastDim;
            for (int64_t size : tileType.getShape().drop_back()) {
              stride /= size;
              coordinates.push_back(row.floorDiv(stride) % size);
            }
            coordinates.push_back((wordExpr % chunks) * lanes + lane);
          } else {
            AffineExpr position = wordExpr * lanes + lane;
            int64_t stride = tileType.getNumElements();
            for (int64_t size : tileType.getShape()) {
              stride /= size;
              coordinates.push_back(position.floorDiv(stride) % size);
            }
          }
          SmallVector<Value> at;
          for (AffineExpr coordinate : coordinates)
            at.push_back(wb.create<affine::AffineApplyOp>(
                wl, AffineMap::get(1, 0, coordinate), w[0]));
          Value value = wb.create<vector::ExtractOp>(wl, word, lane);
          tile = wb.create<tensor::InsertOp>(wl, value, tile, at);
        }
        if (rowWords || wholeRows) {
          auto loop = cast<scf::ForOp>(wb.getInsertionBlock()->getParentOp());
          loop->setAttr("dataflow.pipeline_ii", wb.getI64IntegerAttr(1));
          loop->setAttr("dataflow.word_lanes", wb.getI64IntegerAttr(lanes));
        } else {
          setWordLoopII(wb, lanes);
        }
        return SmallVector<Value>{tile};
      })[0];
}

Value streamtensor::buildPackedTileRead(OpBuilder &b, Location loc,
                                        ITensorType type,
                                        const InterfaceLayout &layout,
                                        Value port, ValueRange ivs) {
  auto tileType = cast<RankedTensorType>(type.getElement());
  Value offset = buildTileOffset(b, loc, type, layout, ivs);
  Value init = b.create<tensor::EmptyOp>(loc, tileType.getShape(),
                                         tileType.getElementType());
  int64_t lanes = layout.lanes;
  if (lanes > 1 && tileType.getNumElements() % lanes == 0)
    return buildTileReadByWords(b, loc, tileType, lanes, port, offset, init);
  // A word straddles tiles: each element finds its word and lane.
  return buildElementLoops(
      b, loc, tileType.getShape(), init,
      [&](OpBuilder &eb, Location el, ValueRange e, ValueRange acc) {
        // Row-major position inside the tile, which is contiguous.
        AffineExpr flat = getAffineDimExpr(0, eb.getContext());
        int64_t stride = 1;
        SmallVector<Value> operands{offset};
        for (int dim = tileType.getRank() - 1; dim >= 0; --dim) {
          flat = flat + getAffineDimExpr(dim + 1, eb.getContext()) * stride;
          stride *= tileType.getDimSize(dim);
        }
        llvm::append_range(operands, e);
        Value index = eb.create<affine::AffineApplyOp>(
            el, AffineMap::get(operands.size(), 0, flat), operands);
        Value value;
        if (lanes == 1) {
          value = eb.create<tensor::ExtractOp>(el, port, index);
        } else {
          Value lanesValue = eb.create<arith::ConstantIndexOp>(el, lanes);
          Value word = eb.create<tensor::ExtractOp>(
              el, port, ValueRange{eb.create<arith::DivUIOp>(el, index, lanesValue)});
          Value lane = eb.create<arith::RemUIOp>(el, index, lanesValue);
          value = eb.create<vector::ExtractOp>(el, word, OpFoldResult(lane));
        }
        return SmallVector<Value>{
            eb.create<tensor::InsertOp>(el, value, acc[0], e)};
      })[0];
}
