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
    above 2; a contraction of operands computed on chip instead unrolls its
    innermost parallel loop by the largest divisor of its tile range up to
    `contraction-lanes`; a reduction that is no contraction, over a tile of
    at most `reduction-lanes` elements, unrolls its reduction loops
    completely and nothing else) and `streamtensor.inner_order` (reduction
    loops outside the parallel ones, inside them when completely unrolled),
    and keeps `streamtensor.vectorize` when given.
  }];
  let options = [
    Option<"contractionLanes", "contraction-lanes", "int64_t", "16",
           "Unroll of the innermost parallel loop of a contraction whose "
           "operands are computed on chip (1 keeps the default of 2 on "
           "every parallel loop)">,
    Option<"reductionLanes", "reduction-lanes", "int64_t", "16",
           "Largest reduction tile (elements) of a reduction that is no "
           "contraction to unroll completely and place inside the parallel "
           "loops (1 keeps reductions outside)">,
  ];
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

def TileableDataMovement
    : Pass<"streamtensor-tileable-data-movement", "mlir::func::FuncOp"> {
  let summary = "Rewrite reshapes and static slices between linalg ops as "
                "tileable linalg.generic copies";
  let description = [{
    `tensor.expand_shape`, `tensor.collapse_shape` and whole-source
    `tensor.extract_slice` ops (dropping unit dimensions) with static shapes
    that consume a linalg result, or feed a linalg op from anything but a
    function argument, become `linalg.generic` copies with linear indexing
    maps (expand: `(t, h, d) -> (t, h * D + d)` on the input; collapse: the
    same map on the output; unit dimensions drop out). Each copy gets
    `streamtensor.tile_sizes` that keep every tile dense and every offset
    linear, and the unit attribute `streamtensor.data_movement`.

    A kernel reads whole streams, so a partial slice cannot be a streamed
    copy. With `split-producers`, a partial slice of a linalg result whose
    users are all slices is replaced by the producer computed on that slice
    only (repeated up the chain). Views of function arguments,
    concatenations (`tensor.insert_slice` chains, `tensor.concat`), pads and
    other partial slices are left alone.
  }];
  let options = [
    Option<"splitProducers", "split-producers", "bool", "true",
           "Replace partial slices of a result used only through slices by "
           "the producer computed per slice">,
  ];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def AlignLayouts : Pass<"streamtensor-align-layouts", "mlir::func::FuncOp"> {
  let summary = "Choose tile sizes and parallel loop orders so producers and "
                "consumers stream the same itensor layout";
  let description = [{
    Predicts, for every linalg op of the function body, the itensor type
    `--streamtensor-tile-linalg` followed by the conversion to dataflow
    would give each operand, and chooses per op the parallel tile-loop
    permutation (`streamtensor.permutation`) and tile sizes
    (`streamtensor.tile_sizes`) that make the most producer-to-consumer
    edges between linalg ops layout-equivalent (plain FIFOs), breaking ties
    by fewer converter bytes and then by the default. User-given
    `streamtensor.tile_sizes`, `streamtensor.unroll` and
    `streamtensor.permutation` are kept.
  }];
  let options = [
    Option<"sweeps", "sweeps", "unsigned", "4",
           "Passes over the ops; each re-chooses every op given its "
           "neighbours' current choices">,
  ];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "streamtensor::dataflow::DataflowDialect"];
}

def PlanWeightStreaming
    : Pass<"streamtensor-plan-weight-streaming", "mlir::func::FuncOp"> {
  let summary = "Tile and unroll contractions that stream an operand from "
                "external memory so one memory word feeds one cycle of MACs";
  let description = [{
    A contraction (a matmul, say) whose right-hand operand is a function
    argument reads that operand from HBM once per invocation; every element
    is used as many times as the left-hand side has rows, which is one in
    decode. Its speed is then the rate at which memory words reach the
    multiply-adds. For each such op without user directives, this pass
    chooses:
      - the reduction loop tiled by `reduction-tile`, outermost inside the
        tile, so a tile's partial sums stay in the accumulator;
      - the output dimension that is contiguous in the operand tiled as
        widely as `max-tile-bytes` of on-chip weight tile allows, and
        unrolled by the lanes of one memory word (512 bits), so each
        pipeline iteration consumes one word and the same accumulator
        element recurs only once per pass over the tile row.
    When the operand's contiguous dimension is the reduction (a transposed
    weight, as `nn.Linear` stores it, or a key cache), the reduction is
    tiled by exactly the lanes and unrolled innermost, so each word is one
    row of the tile and its lanes are summed as a tree; the longest output
    dimension of the operand is tiled widely. The operand is the
    contraction's second input. The choices are `streamtensor.tile_sizes`,
    `streamtensor.unroll` and (transposed) `streamtensor.inner_order`, which
    layout alignment keeps and tiling applies.
  }];
  let options = [
    Option<"reductionTile", "reduction-tile", "int64_t", "16",
           "Tile of the reduction loop">,
    Option<"maxTileBytes", "max-tile-bytes", "int64_t", "65536",
           "On-chip bytes of one tile of the streamed operand">,
    Option<"wordBits", "word-bits", "int64_t", "512",
           "Bits of one external-memory word (the lanes are this over the "
           "element width)">,
  ];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def FoldExternalTransposes
    : Pass<"streamtensor-fold-external-transposes", "mlir::func::FuncOp"> {
  let summary = "Let linalg consumers index a transposed function argument "
                "directly";
  let description = [{
    A `linalg.transpose` of a function argument (seen through reshapes and
    static slices) would be an on-chip task streaming the whole tensor
    before its consumers start. Each linalg consumer reading it as an input
    (a named op is generalized first) reads the argument instead, through
    its indexing map permuted back; the transpose goes when nothing else
    uses it. External memory is then walked in the consumer's order, which
    the interface packing makes contiguous.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def PadWeightColumns
    : Pass<"streamtensor-pad-weight-columns", "mlir::func::FuncOp"> {
  let summary = "Pad a weight's output dimension with zeros to a tileable "
                "size";
  let description = [{
    A contraction whose second input is a weight argument used only there,
    with an output dimension larger than `multiple` and not a multiple of
    128 (8 memory words of 16 lanes; a 50,257-entry vocabulary), reads
    instead a new weight argument
    padded with zeros to the next multiple (at most `max-pad-fraction`
    more), named `<weight>[padded to N]` with `streamtensor.slice_of =
    {source, offsets, sizes, padding = "zero"}`; the host pads the user's
    tensor offline. The contraction computes the padded outputs into a
    padded accumulator and a static slice returns the real ones. The slice
    then moves past each following linalg.generic that is its only user,
    parallel along the padded dimension, with no `linalg.index`, and whose
    other operands along that dimension are weight arguments used there
    only (padded with zeros too: a quantized head's scales) or fresh
    accumulators (`tensor.empty`, a fill of one): the generic runs on the
    padded width and the slice follows it. A data-movement copy (a reshape
    adding unit dimensions) whose tile does not divide the padded width is
    tiled by the default tile of it instead.
    With `pad-results`, a slice left with the function's return as its only
    user is dropped: the function returns the padded tensor (the output
    port moves whole words instead of one logit a cycle), and the result
    attribute `streamtensor.valid_shape` records the leading part the user
    sees.
  }];
  let options = [
    Option<"multiple", "multiple", "int64_t", "1024",
           "Pad the output dimension to a multiple of this">,
    Option<"maxPadFraction", "max-pad-fraction", "double", "0.05",
           "Most padding, as a fraction of the dimension">,
    Option<"padResults", "pad-results", "bool", "false",
           "Return padded results, with streamtensor.valid_shape">,
  ];
  let dependentDialects = ["mlir::tensor::TensorDialect",
                           "mlir::linalg::LinalgDialect"];
}

def SplitWeightPorts
    : Pass<"streamtensor-split-weight-ports", "mlir::func::FuncOp"> {
  let summary = "Split contractions that stream a large weight into column "
                "blocks read through separate ports";
  let description = [{
    One AXI port reaches one HBM pseudo-channel (14.4 GB/s). A contraction
    whose second input is a weight argument (or a static slice of one) of at
    least `min-port-bytes` per block is split along the weight's output
    dimension (its contiguous one, else its longest) into up to `max-ports`
    contractions over column blocks, inserted into one result with
    `tensor.insert_slice`. The weights of a function are read in different
    phases (one projection after another), so each may take `max-ports`;
    together they share `port-budget` pseudo-channels, so a weight that
    has its function to itself (an LM head) takes up to the whole budget.
    Blocks keep enough memory words per row that the accumulator
    recurrence does not set the II: 8 for f32 sums, 1 for integer sums. With --streamtensor-weight-slice-arguments each block
    becomes a weight with its own port and pseudo-channel.
  }];
  let options = [
    Option<"maxPorts", "max-ports", "int64_t", "8",
           "Most blocks (ports) one weight is split into when the port "
           "budget allows fewer">,
    Option<"portBudget", "port-budget", "int64_t", "0",
           "Pseudo-channels the split weights of one function share: each "
           "takes up to max(max-ports, port-budget / weights split)">,
    Option<"minPortBytes", "min-port-bytes", "int64_t", "262144",
           "Fewest weight bytes per block">,
    Option<"wordBits", "word-bits", "int64_t", "512",
           "Bits of one external-memory word">,
  ];
  let dependentDialects = ["mlir::tensor::TensorDialect"];
}

def WeightSliceArguments
    : Pass<"streamtensor-weight-slice-arguments", "mlir::func::FuncOp"> {
  let summary = "Give each static slice of a weight argument an argument of "
                "its own";
  let description = [{
    A weight argument (`streamtensor.kind = "weight"`) read only through
    static, unit-stride slices (the Q, K and V columns of a fused
    projection) is replaced by one argument per distinct slice, named
    `<weight>[a:b,c:d]` and carrying `streamtensor.slice_of = {source,
    offsets, sizes}`. Each slice then gets its own port, packed layout and
    HBM pseudo-channel; the host fills it with that part of the user's
    tensor. Weights used any other way are left alone.
  }];
}

def FuseElementwiseOps
    : Pass<"streamtensor-fuse-elementwise-ops", "mlir::func::FuncOp"> {
  let summary = "Upstream element-wise fusion, without folding reshapes into "
                "matrix products";
  let description = [{
    The patterns of upstream `--linalg-fuse-elementwise-ops` (element-wise
    producer-consumer fusion, reshapes folded by expansion, constant
    folding), under one more rule: a reshape is not folded into a
    contraction that reads a weight argument. Folding the `view` after
    `q_proj` into the product turns `x @ W^T` into a four-dimensional
    generic that reads the weight through a reshape; the weight is then no
    longer a plain argument, so it is neither split over ports nor streamed
    in packed words. Kept apart, the product stays a named op and the
    reshape becomes a streamed copy. Products of activations (attention
    scores) still absorb their head reshapes.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect",
                           "mlir::affine::AffineDialect"];
}

def ReadThroughUnitCollapses
    : Pass<"streamtensor-read-through-unit-collapses", "mlir::func::FuncOp"> {
  let summary = "Let generics read a product's result through unit "
                "dimensions instead of a collapsed copy";
  let description = [{
    Folding unit dimensions leaves a `tensor.collapse_shape` between a
    product with a weight (whose shape the element-wise fusion keeps, see
    `--streamtensor-fuse-elementwise-ops`) and the generic that reads it,
    such as the per-group sums of a quantized product
    (`tensor<32x1x1024xi32>` collapsed to `tensor<32x1024xi32>`) read by
    their dequantization. The collapse becomes a task that copies every
    value, and it hides the product from the layout alignment. When the
    collapse only drops dimensions of size 1, the generic reads the
    product's result itself, with 0 at those dimensions of its indexing
    map; the product and its weight are untouched.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def SplitConcatConsumers
    : Pass<"streamtensor-split-concat-consumers", "mlir::func::FuncOp"> {
  let summary = "Split the linalg consumers of large concatenations so each "
                "part reads one concatenated piece";
  let description = [{
    A concatenation (`tensor.insert_slice` ops filling a `tensor.empty`
    along one dimension, such as a KV cache with the new token's row
    appended) has to be held whole on chip before a consumer can stream
    it: a full-tensor converter. When such a concatenation holds at least
    `min-bytes` and a linalg consumer reads it through an indexing map
    whose result for the concatenated dimension is a single loop, the
    consumer is split (upstream `linalg::splitOp`) along that loop at each
    piece boundary: a parallel loop gives parts whose results are
    concatenated in turn, a reduction loop gives parts that accumulate one
    after the other into the same result, in the original order. Slices of
    the concatenation fold to its pieces, so each part reads one piece as a
    stream (for a cache: straight from external memory). Splitting repeats
    on concatenations the splits create (a transpose of the cache, then the
    matrix product that reads it).
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "65536",
           "Split consumers only of concatenations of at least this many "
           "bytes">,
    Option<"shrinkingOnly", "shrinking-only", "bool", "false",
           "Split only consumers whose result holds fewer bytes than the "
           "concatenation they read (a dequantization summing per-group "
           "sums), so that the join after them carries less">,
  ];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def LowerPackUnpack : Pass<"streamtensor-lower-pack-unpack", "mlir::ModuleOp"> {
  let summary = "Lower host-side tensor.pack/unpack to pad, reshape and transpose";
  let description = [{
    The lowering of kernels leaves `tensor.pack` and `tensor.unpack` in the
    host-side functions around the calls of tops whose ports are packed.
    This pass rewrites them with upstream `linalg::lowerPack` and
    `linalg::lowerUnPack` into `tensor.pad`/`tensor.expand_shape`,
    `linalg.transpose` and `tensor.collapse_shape`/`tensor.extract_slice`,
    which bufferize. Packing inside top or process functions is refused:
    the hardware never packs; the host does.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

#endif // STREAMTENSOR_TRANSFORMS_PASSES_TD
