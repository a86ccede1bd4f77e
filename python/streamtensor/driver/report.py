"""The dataflow report (report.json of `--dataflow-report`) as text and as a graph.

All figures are the compiler's static accounting of the fused design, not
measurements on a board.
"""

import re
from typing import Dict, List

_TILE = re.compile(r"itensor<([^,]*),")


def keyed_by_function(report: Dict) -> Dict:
    """The pass writes `functions` as a list; report.json keys it by name."""
    functions = report.get("functions", [])
    if isinstance(functions, list):
        report["functions"] = {f["name"]: f for f in functions}
    return report


def _bytes(n: int) -> str:
    if n >= 1 << 20:
        return f"{n:,} B ({n / (1 << 20):.2f} MiB)"
    if n >= 1 << 10:
        return f"{n:,} B ({n / (1 << 10):.1f} KiB)"
    return f"{n:,} B"


def dma_count(function: Dict) -> int:
    return sum(len(kernel.get("dmas", [])) for kernel in function["kernels"])


def summary_lines(function: Dict) -> List[str]:
    """A few lines per function; each figure says what it counts."""
    edges = function["task_edges"]
    fifo = function["fifo_edges"]
    after = function["intermediate_bytes_after_fusion"]
    before = function.get("intermediate_bytes_before_fusion")
    # A single task has no task-to-task edges and nothing to fuse.
    share_line = (f"  FIFO-edge share: {function['fifo_edge_share']:.1%} (plain FIFO edges / "
                  f"task-to-task edges; DMA edges not counted)" if "fifo_edge_share" in function
                  else "  FIFO-edge share: none (no task-to-task edges)")
    if "intermediate_share_after_fusion" in function:
        memory_line = (f"  intermediate memory: {_bytes(after)} on chip after fusion = "
                       f"{function['intermediate_share_after_fusion']:.1%} of {_bytes(before)} "
                       f"before fusion (all intermediate tensors between unfused kernels at "
                       f"full size)")
    else:
        memory_line = (f"  intermediate memory: {_bytes(after)} on chip after fusion (no "
                       f"intermediate tensors before fusion)")
    return [
        f"function @{function['name']}",
        f"  kernels (fused accelerators): {function['num_kernels']}, tasks: "
        f"{function['num_tasks']}",
        f"  task-to-task edges: {edges}: {fifo} plain FIFOs (forks included), "
        f"{edges - fifo} through layout converters ({function['num_converters']} converters)",
        share_line,
        f"  converter buffers on chip: {_bytes(function['converter_bytes'])} (both ping-pong "
        f"halves)",
        f"  FIFO buffers on chip: {_bytes(function['fifo_bytes'])} (every FIFO at depth "
        f"{function['fifo_depth_assumed']}, before FIFO sizing)",
        memory_line,
        f"  DMAs: {dma_count(function)}, moving {_bytes(function['dma_bytes_per_invocation'])} "
        f"between HBM and the chip per invocation",
        f"  DMA layouts: {function.get('packed_dmas', 0)} packed (tiled in visiting order), "
        f"{_strided_dmas(function)} row-major element by element; words moved: "
        f"{_word_widths(function)}",
    ]


def _dma_layouts(function: Dict) -> List[Dict]:
    return [dma.get("layout", {}) for kernel in function["kernels"]
            for dma in kernel.get("dmas", [])]


def _strided_dmas(function: Dict) -> int:
    return sum(1 for layout in _dma_layouts(function) if not layout.get("contiguous"))


def _word_widths(function: Dict) -> str:
    """How many DMAs move words of each width, widest first."""
    widths = {}
    for layout in _dma_layouts(function):
        bits = layout.get("word_bits", 0)
        widths[bits] = widths.get(bits, 0) + 1
    return ", ".join(f"{count} x {bits}-bit" for bits, count in sorted(widths.items(), reverse=True))


def summary_text(report: Dict, title: str = "") -> str:
    lines = []
    if title:
        lines += [title, ""]
    lines.append("Static figures computed by the compiler from the fused dataflow IR "
                 "(not measured on a board).")
    for function in report["functions"].values():
        lines += [""] + summary_lines(function)
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tile(itensor: str) -> str:
    match = _TILE.search(itensor or "")
    return match.group(1) if match else ""


def graphviz(report: Dict) -> str:
    """Graphviz source: one cluster per fused kernel, tasks as boxes, plain FIFO
    edges solid, converter edges dashed with their buffer bytes, DMAs to HBM dotted."""
    out = ["digraph dataflow {", "  rankdir=LR;", "  node [shape=box, fontsize=10];",
           "  edge [fontsize=9];", "  compound=true;"]
    for function in report["functions"].values():
        for kernel in function["kernels"]:
            prefix = f"{function['name']}.{kernel['name']}"

            def node(task, prefix=prefix):
                return _quote(f"{prefix}.{task}")
            out.append(f"  subgraph {_quote('cluster_' + prefix)} {{")
            out.append(f"    label={_quote('@' + function['name'] + ' / ' + kernel['name'])};")
            for task in kernel["tasks"]:
                out.append(f"    {node(task)} [label={_quote(task)}];")
            hbm_in, hbm_out = _quote(f"{prefix}.hbm_in"), _quote(f"{prefix}.hbm_out")
            directions = {dma["direction"] for dma in kernel.get("dmas", [])}
            if "in" in directions:
                out.append(f"    {hbm_in} [label=\"HBM (read)\", shape=cylinder];")
            if "out" in directions:
                out.append(f"    {hbm_out} [label=\"HBM (write)\", shape=cylinder];")
            out.append("  }")
            for edge in kernel["edges"]:
                tile = _tile(edge.get("itensor", ""))
                if edge["kind"] == "fifo":
                    attrs = f"label={_quote('FIFO ' + tile)}"
                else:
                    attrs = (f"label={_quote('converter ' + format(edge['converter_bytes'], ',') + ' B')}, "
                             "style=dashed, color=red3, fontcolor=red3")
                out.append(f"  {node(edge['from'])} -> {node(edge['to'])} [{attrs}];")
            for dma in kernel.get("dmas", []):
                label = _quote(f"DMA {dma['bytes_per_invocation']:,} B")
                if dma["direction"] == "in":
                    ends = f"{hbm_in} -> {node(dma['to'])}"
                else:
                    ends = f"{node(dma['from'])} -> {hbm_out}"
                out.append(f"  {ends} [label={label}, style=dotted, color=gray40];")
    out.append("}")
    return "\n".join(out) + "\n"


def _grown_line(what: str, check: Dict, why: str) -> str:
    grown = ", ".join(f"{s['name']} {s['model_depth']}->{s['depth']}"
                      for s in check["grown_streams"])
    return (f"    {what} grew {len(check['grown_streams'])} FIFO(s) by "
            f"{_bytes(check['added_bytes'])} {why}: {grown}")


def fifo_sizing_text(sizing: Dict) -> str:
    """Summary of the --streamtensor-size-fifos report, per top function."""
    lines = ["FIFO sizing (--streamtensor-size-fifos; latencies are estimates of the "
             "cycle-level model of docs/fifo-sizing.md, not measurements):"]
    for function in sizing["functions"]:
        if "latency_cycles" in function:
            timing = (f"estimated latency {function['latency_cycles']:,} cycles "
                      f"({function['latency_ms']:.3f} ms at the target clock), "
                      f"{'DEADLOCK predicted' if function['deadlock'] else 'no deadlock predicted'}")
        else:
            timing = f"not simulated ({function.get('not_simulated', 'too large')})"
        lines.append(
            f"  @{function['function']}: {len(function.get('streams', []))} FIFOs, "
            f"{_bytes(function['total_fifo_bytes'])} after sizing ({function['strategy']}, "
            f"{function['mode']}) vs {_bytes(function['default_fifo_bytes'])} at the lowering's "
            f"depths; {timing}")
        fit = function.get("fit_to_chip")
        if fit:
            lines.append(f"    normal depths needed {_bytes(fit['normal_fifo_bytes'])}, more than "
                         f"the on-chip memory; conservative depths chosen (within 1% of the "
                         f"unbounded latency in the model)")
        capacity = function.get("target_on_chip_bytes")
        if capacity and function["total_fifo_bytes"] > capacity:
            lines.append(f"    warning: the FIFOs alone need more than the target's "
                         f"{_bytes(capacity)} of on-chip memory; this design does not fit")
        check = function.get("order_check")
        if check and check["grown_streams"]:
            lines.append(_grown_line("stream order check", check,
                                     "so the design cannot stop early"))
        elif check:
            lines.append("    stream order check: the design cannot stop early with these depths")
        stall_check = function.get("stall_check")
        if stall_check and stall_check["grown_streams"]:
            lines.append(_grown_line("pipeline stall check", stall_check,
                                     "so whole-pipeline stalls and bursts neither stop nor slow "
                                     "the design"))
    return "\n".join(lines) + "\n"
