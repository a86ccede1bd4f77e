//===- Passes.td - StreamTensor transformation passes ------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_TRANSFORMS_PASSES_TD
#define STREAMTENSOR_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TileLinalg : Pass<"streamtensor-tile-linalg", "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops on tensors into static scf.for nests";
  let description = [{
    Tiles every linalg op directly in the function body into `scf.for` loops
    with constant bounds and steps that divide the ranges, so that every slice
    offset is a loop induction variable or a constant. Tile sizes come from
    `streamtensor.tile_sizes` (one per loop, 0 = untiled) or default to the
    largest divisor not above 16 of every range above 16.

    Tiling happens in two stages. The parallel dimensions are tiled first
    (ordered by `streamtensor.permutation` when present) and a `linalg.fill`
    initializing the output is fused into that nest. The reduction dimensions
    of the tiled op are tiled next, so each reduction loop carries one output
    tile and the tile is inserted into the full result once it is complete.

    The op inside the tiles records the code generation directives
    `streamtensor.unroll` (per loop; default 2 on even parallel tile ranges
    above 2) and `streamtensor.inner_order` (reduction loops outside the
    parallel ones), and keeps `streamtensor.vectorize` when given.
  }];
  let dependentDialects = [
    "mlir::affine::AffineDialect",
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect",
  ];
}

def ExpandMemrefCopies
    : Pass<"streamtensor-expand-memref-copies", "mlir::func::FuncOp"> {
  let summary = "Turn memref.copy into element loops of loads and stores";
  let description = [{
    Code generation handles plain loads and stores on static arrays. Copies
    between statically shaped memrefs (typically through subviews or reshaped
    views left by bufferization) become nested `scf.for` loops, after which
    `fold-memref-alias-ops` turns the views into index arithmetic. First, a
    copy from a local allocation that is dead afterwards into a function
    argument is removed: the allocation's writers write into the argument
    directly (bufferization stages results in such allocations).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

#endif // STREAMTENSOR_TRANSFORMS_PASSES_TD
