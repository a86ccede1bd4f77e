//===- SizeConverters.cpp - Size itensor_converter buffers ----------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "mlir/IR/PatternMatch.h"

namespace streamtensor::dataflow {
#define GEN_PASS_DEF_SIZECONVERTERS
#include "streamtensor/Dialect/Dataflow/Passes.h.inc"
} // namespace streamtensor::dataflow

using namespace mlir;
using namespace streamtensor::dataflow;

namespace {
struct SizeConvertersPass
    : public streamtensor::dataflow::impl::SizeConvertersBase<
          SizeConvertersPass> {
  void runOnOperation() override {
    SmallVector<ITensorConverterOp> converters;
    getOperation()->walk(
        [&](ITensorConverterOp op) { converters.push_back(op); });

    IRRewriter rewriter(&getContext());
    for (ITensorConverterOp op : converters) {
      ITensorType source = op.getSource().getType();
      ITensorType result = op.getResult().getType();
      rewriter.setInsertionPoint(op);
      // No reordering needed: no buffer at all.
      if (source == result) {
        rewriter.replaceOp(op, op.getSource());
        continue;
      }
      if (source.isLayoutEquivalentTo(result)) {
        rewriter.replaceOpWithNewOp<ITensorCastOp>(op, result, op.getSource());
        continue;
      }
      ConverterBuffer buffer = computeBuiltConverterBuffer(source, result);
      op.setBufferShape(buffer.shape);
      op.setBufferLoopLevel(buffer.loopLevel);
    }
  }
};
} // namespace
