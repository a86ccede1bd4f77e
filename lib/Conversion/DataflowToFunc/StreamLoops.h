//===- StreamLoops.h - Loops that move scalars through streams --*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Streams carry scalars: a tile token travels as its elements in row-major
// order. These helpers build the element loops on both sides and the loop
// nests that walk an itensor's iteration space.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_CONVERSION_DATAFLOWTOFUNC_STREAMLOOPS_H
#define STREAMTENSOR_LIB_CONVERSION_DATAFLOWTOFUNC_STREAMLOOPS_H

#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/IR/Builders.h"

namespace streamtensor {

using LoopBody = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange ivs,
    mlir::ValueRange iterArgs)>;

/// A nest of scf.for loops `0 .. trips[k] * steps[k]` step `steps[k]`, so
/// each induction variable is an itensor index; returns the nest's results.
llvm::SmallVector<mlir::Value>
buildIndexLoops(mlir::OpBuilder &builder, mlir::Location loc,
                llvm::ArrayRef<int64_t> tripCounts,
                llvm::ArrayRef<int64_t> steps, mlir::ValueRange iterArgs,
                LoopBody body);

/// Loops over every element of `shape` (unit steps).
llvm::SmallVector<mlir::Value>
buildElementLoops(mlir::OpBuilder &builder, mlir::Location loc,
                  llvm::ArrayRef<int64_t> shape, mlir::ValueRange iterArgs,
                  LoopBody body);

/// Reads one tile token from `stream` into `tile` (a tensor), element by
/// element; returns the filled tensor.
mlir::Value readTileFromStream(mlir::OpBuilder &builder, mlir::Location loc,
                               mlir::Value stream, mlir::Value tile);

/// Writes every element of the tensor `tile` to `stream`.
void writeTileToStream(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value tile, mlir::Value stream);

/// Data offsets of the token at iteration `ivs` of `type`, plus the element
/// position `element`: `map(ivs)[d] + element[d]`. Dimensions marked in
/// `local` start at 0 instead of the mapped offset (a buffer that holds one
/// element's extent on that dimension).
llvm::SmallVector<mlir::Value>
getElementOffsets(mlir::OpBuilder &builder, mlir::Location loc,
                  dataflow::ITensorType type, mlir::ValueRange ivs,
                  mlir::ValueRange element, llvm::ArrayRef<bool> local = {});

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_CONVERSION_DATAFLOWTOFUNC_STREAMLOOPS_H
