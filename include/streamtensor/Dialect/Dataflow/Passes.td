//===- Passes.td - Dataflow dialect passes -----------------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_PASSES_TD
#define STREAMTENSOR_DIALECT_DATAFLOW_PASSES_TD

include "mlir/Pass/PassBase.td"

def SizeConverters : Pass<"dataflow-size-converters"> {
  let summary = "Compute the minimal ping-pong buffer of each itensor_converter";
  let description = [{
    Records on every `dataflow.itensor_converter` the shape of one half of
    its ping-pong buffer (`buffer_shape`) and the number of shared outer loops
    around it (`buffer_loop_level`). A data dimension is buffered at element
    size when both sides tile it alike under a loop they share; the shared
    loops must form an outer prefix of both iteration spaces. Converters
    between equal types are removed, and converters between layout-equivalent
    types become `itensor_cast`.
  }];
}

def FuseKernels : Pass<"dataflow-fuse-kernels", "::mlir::func::FuncOp"> {
  let summary = "Fuse kernels under an on-chip memory budget (Algorithm 2)";
  let description = [{
    Visits kernels in program order and merges each into the group of its
    most recently created producer when the group's on-chip cost stays within
    the budget. An edge costs the bytes of the layout converter it needs
    (zero when producer and consumer stream alike); a kernel that reads only
    external memory joins the latest group at no cost instead of opening an
    accelerator of its own. Inside a fused kernel,
    producer and consumer tasks are connected directly, through an
    `itensor_cast` when the types are layout-equivalent, or through an
    `itensor_converter`; external inputs read by several members are read
    once. The pass records on the function the bytes of all intermediate
    tensors between the unfused kernels (`dataflow.unfused_intermediate_bytes`).
  }];
  let options = [
    Option<"memoryBudget", "memory-budget", "int64_t", "41000000",
           "On-chip bytes one fused kernel may spend on converters (default: "
           "41 MB, the Alveo U55C)">
  ];
}

def MergeInsertChains : Pass<"dataflow-merge-insert-chains"> {
  let summary = "Join the pieces of a result in one task instead of a chain "
                "of insert_slice tasks";
  let description = [{
    A task that inserts one piece into the whole tensor read from an earlier
    such task (whose result nothing else reads) takes over that task's
    reads and insert: the chain that assembles a result from the column
    blocks of a weight split over ports becomes one task that reads every
    piece and writes the tensor once, instead of one pass over the whole
    tensor per piece, one after the other. Tasks of different kernels are
    not merged.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def EnsureSingleUse : Pass<"dataflow-ensure-single-use"> {
  let summary = "Give every itensor one consumer through itensor_fork";
  let description = [{
    A FIFO has one producer and one consumer. Every itensor value used more
    than once gets an `itensor_fork` with one result per use.
  }];
}

def PackKernelInterface : Pass<"dataflow-pack-kernel-interface", "::mlir::ModuleOp"> {
  let summary = "Give each DMA'd external tensor a tiled layout in visiting order";
  let description = [{
    Chooses the external-memory layout of every kernel source and result
    (paper section 4.5, pack). When the DMA's itensor walks each data
    dimension with one loop in whole tiles (or covers it with one tile), the
    tensor is stored as `tensor.pack` would store it with the itensor's
    element shape as inner tiles and the outer dimensions permuted into the
    loop order, so every token, and every run of tokens the innermost loops
    visit, is contiguous; loops that re-read the tensor are allowed. Other
    accesses keep the row-major layout, and so do tensors passed between
    kernels in memory, tensors read whole by a task, function arguments
    that several DMAs would want in different layouts, and the `chain` input
    and output of a layer loop (`streamtensor.layer_loop`) whose DMAs would
    want different layouts, since one layer reads what the other wrote.
    The decision, with
    the reason when a tensor is not packed, is recorded per source and result
    in the kernel's `dataflow.source_layouts` and `dataflow.result_layouts`;
    the lowering materializes it (packed ports, `tensor.pack`/`tensor.unpack`
    in the host-side function).
  }];
}

def WidenKernelInterface : Pass<"dataflow-widen-kernel-interface", "::mlir::ModuleOp"> {
  let summary = "Group the contiguous runs of packed DMAs into memory words";
  let description = [{
    For every contiguous layout chosen by `dataflow-pack-kernel-interface`,
    records in `lanes` how many elements one external-memory word holds:
    the bus width divided by the element width when the contiguous run is a
    multiple of it, otherwise the largest power of two dividing the run.
    Sources that share a function argument get the same width. The lowering
    turns a width above one into ports of `vector<lanes x T>` words.
  }];
  let options = [
    Option<"busBits", "bus-bits", "int64_t", "512",
           "Width in bits of one external-memory word (U55C HBM AXI port)">
  ];
}

def PrintReport : Pass<"dataflow-report", "::mlir::ModuleOp"> {
  let summary = "Write a JSON report of kernels, tasks, edges, converters and DMAs";
  let description = [{
    For every function: its kernels and tasks; every task-to-task edge and
    whether it is a plain FIFO (possibly through forks, casts or
    reassociations) or goes through a layout converter, with the converter's
    buffer bytes; every DMA with the bytes it moves per invocation; the share
    of task-to-task edges that are plain FIFOs; every DMA's external-memory
    layout (packed or not and why, word width; docs/interface-layout.md) and
    the number of packed and widened DMAs; and the on-chip bytes held for
    intermediate results (both halves of every converter buffer and every
    FIFO at its depth) against the bytes of the intermediate tensors between
    the unfused kernels. Streams carry scalars, so a FIFO holds its depth in
    scalars; FIFOs not sized yet count at `default-fifo-depth` scalars.
  }];
  let options = [
    Option<"output", "output", "std::string", "\"-\"",
           "File to write the JSON report to ('-' for stdout)">,
    Option<"defaultFifoDepth", "default-fifo-depth", "int64_t", "2",
           "Depth in scalars assumed for FIFOs that have not been sized">
  ];
}

#endif // STREAMTENSOR_DIALECT_DATAFLOW_PASSES_TD
