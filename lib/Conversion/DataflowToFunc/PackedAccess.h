//===- PackedAccess.h - DMAs over packed, widened external memory -*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A port with a contiguous InterfaceLayout is a flat tensor of memory words:
// the packed tensor (or the row-major one when it is already in tile order)
// flattened, `lanes` elements per word. These helpers build the host-side
// conversions between the logical tensor and the port, and the DMA loops
// that walk the port word by word.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_CONVERSION_DATAFLOWTOFUNC_PACKEDACCESS_H
#define STREAMTENSOR_LIB_CONVERSION_DATAFLOWTOFUNC_PACKEDACCESS_H

#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace streamtensor {

/// `tensor<words x vector<lanes x T>>`, or `tensor<elements x T>` for one
/// lane.
mlir::RankedTensorType getPortType(const dataflow::InterfaceLayout &layout,
                                   mlir::Type elementType);

/// The port value of `source` (a tensor of `layout.shape`): packed
/// (`tensor.pack`), flattened and grouped into words.
mlir::Value buildPort(mlir::OpBuilder &builder, mlir::Location loc,
                      mlir::Value source,
                      const dataflow::InterfaceLayout &layout);

/// The logical tensor of `layout.shape` held by the port value `port`.
mlir::Value buildLogical(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::Value port,
                         const dataflow::InterfaceLayout &layout);

/// A DMA process body streaming `port` in the order of `type`.
void buildPackedReadLoops(mlir::OpBuilder &builder, mlir::Location loc,
                          dataflow::ITensorType type,
                          const dataflow::InterfaceLayout &layout,
                          mlir::Value port, mlir::Value stream);

/// A DMA process body filling a port tensor from `stream`; returns it.
mlir::Value buildPackedWriteLoops(mlir::OpBuilder &builder, mlir::Location loc,
                                  dataflow::ITensorType type,
                                  const dataflow::InterfaceLayout &layout,
                                  mlir::Value stream, mlir::Type elementType);

/// The tile of `type` at iteration `ivs`, read from `port` (folded inputs).
mlir::Value buildPackedTileRead(mlir::OpBuilder &builder, mlir::Location loc,
                                dataflow::ITensorType type,
                                const dataflow::InterfaceLayout &layout,
                                mlir::Value port, mlir::ValueRange ivs);

} // namespace streamtensor

#endif // STREAMTENSOR_LIB_CONVERSION_DATAFLOWTOFUNC_PACKEDACCESS_H
