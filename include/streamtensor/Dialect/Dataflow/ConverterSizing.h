//===- ConverterSizing.h - Layout converter buffer sizing -------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A layout converter re-orders a stream through a ping-pong buffer. Its size
// follows from which data dimensions both sides tile alike under loops they
// share: those dimensions are buffered at element size, the rest in full.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_CONVERTERSIZING_H
#define STREAMTENSOR_DIALECT_DATAFLOW_CONVERTERSIZING_H

#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"

namespace streamtensor::dataflow {

struct ConverterBuffer {
  /// Shape of one of the two ping-pong halves.
  llvm::SmallVector<int64_t> shape;
  /// Number of shared outer loops around the buffer; 0 buffers the whole
  /// tensor once.
  int64_t loopLevel = 0;
  /// Both sides stream the scalars in the same order (row-major, only cut
  /// into different tokens): nothing is buffered, the scalars pass through.
  bool forwards = false;

  int64_t getNumElements() const;
  /// On-chip bytes of both halves for elements of `dataType`.
  int64_t getBytes(mlir::Type dataType) const;
};

/// Whether loop `loop` of both types has the same trip count, step and data
/// dimension use (or is unused by both maps).
bool isSharedLoop(ITensorType source, ITensorType result, unsigned loop);

/// Whether `type` streams each scalar of its data once, in row-major order.
bool streamsInDataOrder(ITensorType type);

/// The smallest ping-pong buffer that converts `source` into `result`. Both
/// types must stream the same data shape and type.
ConverterBuffer computeConverterBuffer(ITensorType source, ITensorType result);

/// Both sides stream the same scalars in the same order.
bool isForwardingConverter(ITensorType source, ITensorType result);

/// The buffer the lowering builds: none for a forwarding converter, whose
/// consumer reads the producer's stream. Layout choices keep to
/// computeConverterBuffer: a free regrouping would put the loops of both
/// sides in one group of vector lanes (--streamtensor-vectorize-streams),
/// and the narrower side would narrow both.
ConverterBuffer computeBuiltConverterBuffer(ITensorType source,
                                            ITensorType result);

} // namespace streamtensor::dataflow

#endif // STREAMTENSOR_DIALECT_DATAFLOW_CONVERTERSIZING_H
