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

def LowerDataflowToFunc
    : Pass<"streamtensor-lower-dataflow-to-func", "::mlir::ModuleOp"> {
  let summary = "Lower fused kernels to FIFO-connected process functions";
  let description = [{
    Every kernel becomes a top function (marked `dataflow.top`) whose body
    creates one `dataflow.stream` per FIFO and calls one process function
    (marked `dataflow.process`) per task, layout converter, fork and DMA.
    Tokens are scalarized: a tile token travels as its elements in row-major
    order. itensor reads and writes become element loops of stream reads and
    writes; converters become a process holding the ping-pong buffer inside
    their shared loops; DMAs walk the external tensor in the stream's order.
    Ports with a contiguous layout (`dataflow-pack-kernel-interface`,
    `dataflow-widen-kernel-interface`) hold the packed tensor as a flat
    tensor of memory words: the host-side function packs, flattens and
    widens the tensor before the call and undoes it after, the DMA reads or
    writes one word per iteration of a loop pipelined at one element per
    cycle, and a folded input reads its tile from the words. The top's
    argument or result carries the layout as `dataflow.layout`.
    A stream's depth is taken from the `dataflow.depth` attribute of the op
    defining its itensor when present, otherwise it is the number of scalars
    on the edge, which never deadlocks. The functions that held the kernels
    are kept as host-side wrappers calling the top functions.

    With `fold-inputs`, a kernel input read by a single task access whose
    loops walk exactly the input's iteration space is folded into that task:
    the task fetches each tile from external memory itself, and the DMA
    process and its FIFO disappear.
  }];
  let options = [
    Option<"foldInputs", "fold-inputs", "bool", "true",
           "Let a task read its only external input directly (itensor folding)">
  ];
  let dependentDialects = [
    "::streamtensor::dataflow::DataflowDialect",
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def LowerLinalgToLoops
    : Pass<"streamtensor-lower-linalg-to-loops", "::mlir::func::FuncOp"> {
  let summary = "Lower linalg ops on buffers to loops that keep the tiling directives";
  let description = [{
    Like upstream `convert-linalg-to-loops`, but the loops follow the
    intra-tile order the tiling chose (`streamtensor.inner_order`: reductions
    outside, so the pipelined innermost loop carries no recurrence) and carry
    the directives code generation turns into pragmas: `dataflow.unroll` from
    `streamtensor.unroll`, `dataflow.pipeline_ii = 1` on the innermost loop,
    and `dataflow.partition` on local arrays indexed by unrolled loops, with
    the unroll factor as the cyclic partition factor.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect"];
}

def FuseTileReads
    : Pass<"streamtensor-fuse-tile-reads", "::mlir::func::FuncOp"> {
  let summary = "Read memory words inside the loop nest that uses them "
                "instead of copying a tile first";
  let description = [{
    A tile of external memory is read one word per cycle into a local
    buffer (a loop marked `dataflow.word_lanes`), then walked by a loop
    nest. When the nest right after it has one loop per buffer dimension,
    reads the buffer once per iteration at its induction variables (so in
    the order the words fill it), and unrolls its innermost loop by the
    lanes of a word, the innermost loop is rewritten to walk words: it
    loads one word per iteration and repeats its body once per lane with
    that lane of the word, sharing what does not depend on the lane. The
    copy loop and the buffer are removed: the port streams while the nest
    computes. The marker is removed from every loop.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

def FuseElementLoops
    : Pass<"streamtensor-fuse-element-loops", "::mlir::func::FuncOp"> {
  let summary = "Fuse loop nests that pass a buffer element by element";
  let description = [{
    When a perfect loop nest stores into a local buffer at its induction
    variables, and a later nest of the same constant bounds in the same
    block is the only reader of that buffer, at its own induction
    variables, the later body joins the earlier one and reads the stored
    value directly; the buffer is removed. Operations between the two move
    before the first nest when they touch none of its memory or streams.
    Neither nest may write what the other touches. A task that read a tile,
    computed it and wrote it in three passes then does all three in one
    pipelined pass.
  }];
}

def TreeReductions
    : Pass<"streamtensor-tree-reductions", "::mlir::func::FuncOp"> {
  let summary = "Sum the copies of a completely unrolled reduction loop as a "
                "tree";
  let description = [{
    An innermost loop unrolled completely (`dataflow.unroll` equal to its
    trip count) whose only store adds a term into one element that does not
    move with the loop is replaced by straight-line code: the terms of all
    copies, summed pairwise, added to the element once. The enclosing loop
    becomes the pipelined one. f32 sums are reassociated.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def InterleaveAccumulators
    : Pass<"streamtensor-interleave-accumulators", "::mlir::func::FuncOp"> {
  let summary = "Split a pipelined loop's fold into one local element over "
                "interleaved accumulators";
  let description = [{
    A pipelined loop (`dataflow.pipeline_ii`) directly in a function body,
    of constant bounds and no nested regions, whose iterations fold a value
    into one local element that does not move (load, `arith.addf`,
    `maximumf`, `minimumf`, `maxnumf` or `minnumf`, store back; nothing
    else in the loop touching the array) waits for each fold before the
    next. The loop is unrolled by the largest factor R of its trip count up
    to `max-accumulators`, its II requested R times larger; copy j folds
    into an accumulator of its own (the element for the first copy, zero
    or the element for the others), and the accumulators are folded into
    the element as a tree after the loop. Sums are reassociated.
  }];
  let options = [
    Option<"maxAccumulators", "max-accumulators", "int64_t", "8",
           "Most interleaved accumulators (the unroll factor)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def VectorizeStreams
    : Pass<"streamtensor-vectorize-streams", "::mlir::ModuleOp"> {
  let summary = "Carry several consecutive values per FIFO token";
  let description = [{
    A stream whose every read and write sits directly in the body of an
    innermost (pipelined) loop of constant bounds carries `lanes`
    consecutive values per token, as a vector, instead of one scalar.
    Streams and loops form groups: a loop touching a stream takes part in
    its group, with every other stream it touches. Each group gets a lane
    count: at most `max-lanes`, at most 512 bits a token, no more than its
    busiest stream, or the busiest process among its loops with all the
    tokens it passes loop after loop (a join reading several pieces), needs
    to pass in `target-cycles` tokens, and such that every loop of the group can be unrolled to access each of
    its streams a whole number of tokens per iteration (a loop that reads
    or writes external memory waits on its port however many copies run:
    one with a large body is not copied; and no unrolled body exceeds 2,048
    operations). The loops are
    unrolled in the IR; each run of `lanes` reads becomes one vector read at
    the first, each run of writes one vector write after the last. Local
    arrays the unrolled copies index at different offsets are partitioned
    cyclically (at most 16 banks an array) so that the copies reach them in
    one cycle. A group with an access elsewhere (outside a loop, under a
    condition, in a loop of unknown trip count) keeps scalar tokens. FIFO
    depths are divided by the lanes.
  }];
  let options = [
    Option<"maxLanes", "max-lanes", "int64_t", "16",
           "Most values one token carries (1 keeps every stream scalar)">,
    Option<"targetCycles", "target-cycles", "int64_t", "512",
           "Tokens the busiest stream of a group may take per call; a group "
           "gets the fewest lanes that meet it (lanes cost operators)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

def DecouplePortReads
    : Pass<"streamtensor-decouple-port-reads", "::mlir::ModuleOp"> {
  let summary = "Move a process's loads from an external memory port into a "
                "reader process feeding it through a FIFO";
  let description = [{
    A process that reads streams and loads from a port of its top function
    inside loops, with addresses and loop bounds computed from loop
    counters alone, gets a reader process for that port: the same loops
    around just the loads, each load followed by a write of the word to a
    new FIFO, address arithmetic next to its use so the loops nest
    perfectly (one flattened pipeline). The process reads the FIFO where it
    loaded, in the same order, and no longer touches the port. The memory
    latency is then paid once per call instead of each time a loop that
    loads starts, and the reader runs ahead while the process takes in its
    other inputs. Processes that read no stream (DMA readers), ports that
    are also written or loaded under a condition, and loads outside loops
    are left alone. The FIFOs start 2 deep and are marked
    `dataflow.max_depth`: FIFO sizing gives them no more than `max-depth`
    words, since a reader held back loses only its lead; a port of at most
    `prefetch-words` words (a bias, a block's scales, a norm's weight) may
    be read whole ahead of its process, so it is not read while the phase
    that uses it waits on a shared channel.
  }];
  let options = [
    Option<"maxDepth", "max-depth", "int64_t", "64",
           "Most words a reader may run ahead of its process">,
    Option<"prefetchWords", "prefetch-words", "int64_t", "256",
           "Ports of at most this many words may be read ahead whole">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // STREAMTENSOR_CONVERSION_PASSES_TD
