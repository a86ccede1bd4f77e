//===- Passes.td - StreamTensor conversion passes ----------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_CONVERSION_PASSES_TD
#define STREAMTENSOR_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertLinalgToDataflow
    : Pass<"streamtensor-convert-linalg-to-dataflow", "::mlir::func::FuncOp"> {
  let summary = "Turn each tiled linalg loop nest into a kernel with one task";
  let description = [{
    Every top-level static `scf.for` nest produced by tiling, and every
    untiled linalg op, becomes a `dataflow.kernel` holding one
    `dataflow.task`. Tiles extracted from tensors defined outside the nest
    become `dataflow.itensor_read`s of itensors whose iteration space is the
    enclosing loops and whose map is the slice offsets; tiles inserted into
    the nest's results become `dataflow.itensor_write`s. Tensors used whole
    are streamed as one token per enclosing iteration. Constants and
    `tensor.empty` / `linalg.fill` destinations are cloned into the kernel
    instead of being read from memory.
  }];
  let dependentDialects = [
    "::streamtensor::dataflow::DataflowDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // STREAMTENSOR_CONVERSION_PASSES_TD
