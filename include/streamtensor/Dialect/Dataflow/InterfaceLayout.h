//===- InterfaceLayout.h - External-memory layout of a DMA ------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// How a kernel's DMA sees its tensor in HBM. A packed layout stores the
// tensor as `tensor.pack` would with inner tiles equal to the itensor's
// element shape and the outer dimensions permuted into the order the DMA
// visits tiles, so every token is one contiguous run. Widening then groups
// `lanes` consecutive elements of that run into one memory word.
//
// The pack and widen passes record one layout per kernel source and result
// as a dictionary in the kernel's `dataflow.source_layouts` and
// `dataflow.result_layouts` attributes; the lowering turns it into the port
// type and the DMA loops, and code generation into host-side packing.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_INTERFACELAYOUT_H
#define STREAMTENSOR_DIALECT_DATAFLOW_INTERFACELAYOUT_H

#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace streamtensor::dataflow {

constexpr const char *kSourceLayoutsAttr = "dataflow.source_layouts";
constexpr const char *kResultLayoutsAttr = "dataflow.result_layouts";
/// On a top function's argument or result: the layout of that port, with
/// `logical_shape`, the shape of the tensor before packing.
constexpr const char *kPortLayoutAttr = "dataflow.layout";

struct InterfaceLayout {
  /// The DMA walks contiguous runs of external memory; when false the
  /// tensor stays row-major and is accessed element by element.
  bool contiguous = false;
  /// The layout differs from row-major (a `tensor.pack` is needed).
  bool packed = false;
  /// Why the tensor is not packed (also set when it is contiguous anyway).
  std::string reason;
  /// The shape the DMA streams (the itensor's data shape).
  llvm::SmallVector<int64_t> shape;
  /// `tensor.pack` parameters: inner tiles on every dimension in order.
  llvm::SmallVector<int64_t> outerDimsPerm;
  llvm::SmallVector<int64_t> innerTiles;
  /// Elements the DMA reads or writes without a jump.
  int64_t run = 1;
  /// Elements per memory word (1 before widening).
  int64_t lanes = 1;

  /// Elements of one tile (token).
  int64_t getTileElements() const;
  /// The shape of the packed tensor: permuted outer dimensions, then tiles.
  llvm::SmallVector<int64_t> getPackedShape() const;

  mlir::DictionaryAttr toAttr(mlir::MLIRContext *ctx) const;
  static std::optional<InterfaceLayout> fromAttr(mlir::Attribute attr);
};

/// The layout of a DMA streaming `type` (the tile walk of a kernel source or
/// result): packed in visiting order when every data dimension is walked by
/// one loop in whole tiles or covered by one tile, row-major with a reason
/// otherwise.
InterfaceLayout computeInterfaceLayout(ITensorType type);

/// Number of the innermost loops of `type` after the last loop that does not
/// move through the data (re-reads). Those loops walk consecutive tiles of
/// the packed layout, so their tiles form one contiguous run.
unsigned getContiguousLoops(ITensorType type);

/// The buffer a kernel source reads: `value` seen through its reshapes,
/// which keep the bytes.
mlir::Value getSourceBuffer(mlir::Value value);

/// The layouts recorded on `op` under `name`, one per source or result
/// (empty when the passes have not run).
llvm::SmallVector<InterfaceLayout> getInterfaceLayouts(mlir::Operation *op,
                                                       llvm::StringRef name);

} // namespace streamtensor::dataflow

#endif // STREAMTENSOR_DIALECT_DATAFLOW_INTERFACELAYOUT_H
