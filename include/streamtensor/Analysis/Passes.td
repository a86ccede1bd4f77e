//===- Passes.td - FIFO sizing passes ----------------------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_PASSES_TD
#define STREAMTENSOR_ANALYSIS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SizeFifos : Pass<"streamtensor-size-fifos", "::mlir::ModuleOp"> {
  let summary = "Choose the depth of every stream of the lowered dataflow IR";
  let description = [{
    For every `dataflow.top` function: times each called process from its
    loop nests (first-token delay, average II and latency per stream, see
    docs/fifo-sizing.md), builds the dataflow graph (processes are kernels,
    streams are edges carrying one token per scalar, DMA processes are the
    HBM side of their stream), sizes the FIFOs with the chosen strategy and
    mode, and writes the depths into the types of the `dataflow.stream` ops
    and of the process arguments that receive them. A process called with
    different depths from several places is cloned.

    The exact order of every process's stream accesses is then replayed
    with blocking FIFOs of the chosen depths (docs/fifo-sizing.md, "Stream
    order check"). The replay decides whether the emitted design can stop
    early, whatever its timing; FIFOs it finds too small are grown (reported
    under `order_check`), or with `repair-order=false` the pass fails and
    names the waiting processes.

    The sized design is simulated; the top function records the strategy,
    the total FIFO bytes with the new depths and with the depths the IR had
    (`dataflow.fifo_bytes`, `dataflow.fifo_default_bytes`) and the simulated
    latency with the new depths and with unbounded FIFOs
    (`dataflow.fifo_latency_cycles`, `dataflow.fifo_unbounded_latency_cycles`).
    With `output=FILE` a JSON report with the depth of every stream is
    written as well. Strategies that can under-size a FIFO are refused.
  }];
  let options = [
    Option<"strategy", "strategy", "std::string", "\"asap\"",
           "asap (default), lp-min-bytes (needs kernels held until their "
           "start cycle; recorded as dataflow.hold_until_cycle) or naive "
           "(depth = tokens on the edge)">,
    Option<"mode", "mode", "std::string", "\"normal\"",
           "normal or conservative (paper section 5.3), or fit: normal "
           "unless those FIFOs exceed the on-chip memory, then conservative "
           "if the simulation shows it within 1% of the unbounded latency">,
    Option<"repairOrder", "repair-order", "bool", "true",
           "Grow the FIFOs that the stream order check finds too small "
           "(false: fail instead)">,
    Option<"targetFile", "target", "std::string", "\"\"",
           "Target description JSON (default: the built-in Alveo U55C)">,
    Option<"output", "output", "std::string", "\"\"",
           "Write a JSON report of the sizing to this file ('-' for stdout)">
  ];
}

def EstimateResources : Pass<"streamtensor-estimate-resources",
                             "::mlir::ModuleOp"> {
  let summary = "Write the resource model's estimate of every top function "
                "as JSON";
  let description = [{
    Estimates the DSPs, BRAM36, URAM, LUTs and flip-flops of each
    dataflow.top function from its lowered processes, FIFOs and ports
    (docs/resources.md). A function that fits the first SLR is placed
    there, as the link configuration does; a larger one has its processes
    assigned to SLRs by an integer program (COIN-OR CBC) that keeps each SLR
    within what it offers and minimises the SLR boundaries its streams and
    external-memory ports cross. Writes per function the totals, the use
    per SLR, what each SLR offers after the shell and the routing headroom,
    whether it fits (and where not), the assignment and its crossings, and
    its largest users. The IR is not changed.
  }];
  let options = [
    Option<"output", "output", "std::string", "\"\"",
           "File to write ('-' for stdout); required">,
    Option<"targetFile", "target", "std::string", "\"\"",
           "Target description JSON (default: the built-in Alveo U55C)">,
    Option<"slrSeconds", "slr-seconds", "double", "30",
           "Time limit of the SLR assignment's search, beside its limit of 1,000 "
           "branch-and-bound nodes; the best assignment found by then is used">
  ];
}

def ExportDataflowGraph : Pass<"streamtensor-export-dataflow-graph",
                               "::mlir::ModuleOp"> {
  let summary = "Write the dataflow graph of a top function as JSON";
  let description = [{
    Writes the graph the FIFO sizing works on (kernels with their latency,
    streams with tokens, first-token delay and IIs, DMA streams on HBM
    pseudo-channels) in the format `streamtensor-fifo` reads
    (docs/fifo-sizing.md), so the compiled design can be sized, simulated
    and traced outside the compiler. With several top functions, choose one
    with `function=` or put `{}` in the file name, which is replaced by each
    function's name. The IR is not changed.
  }];
  let options = [
    Option<"output", "output", "std::string", "\"\"",
           "File to write ('-' for stdout); required">,
    Option<"function", "function", "std::string", "\"\"",
           "Export only this top function">,
    Option<"targetFile", "target", "std::string", "\"\"",
           "Target description JSON (default: the built-in Alveo U55C)">
  ];
}

#endif // STREAMTENSOR_ANALYSIS_PASSES_TD
