"""The graph model's latency estimate of each compiled function, for report.json.

A compiled function runs its kernels (dataflow tops) one after another, each
launched by the host: its estimate is the sum of the kernels' latencies from
the FIFO sizing's cycle-level model (docs/fifo-sizing.md) plus the target's
kernel launch cost per kernel. HBM bytes are those the generated code's
memory accesses move per invocation, counted from its loop nests (folded
reads that run again on every pass count every time). Estimates of our model of the target, not
measurements; `simulate --timed` checks them against the timed simulation of
the generated code.
"""

import json
import os
from typing import Dict, List

from .tools import REPO_DIR

SOURCE = "graph model"
TARGET_FILE = os.path.join(REPO_DIR, "targets", "u55c.json")


def load_target() -> Dict:
    with open(TARGET_FILE, encoding="utf-8") as f:
        return json.load(f)


def launch_cycles(target: Dict) -> int:
    return int(round(target["kernel_launch_us"] * target["clock_mhz"]))


def assumptions(target: Dict) -> Dict:
    hbm = target["hbm"]
    return {"clock_mhz": target["clock_mhz"],
            "operator_latencies": "targets/u55c.json op_latency_cycles",
            "hbm_read_latency_cycles": hbm["read_latency_cycles"],
            "pseudo_channel_gbps": hbm["channel_gbps"],
            "total_hbm_gbps": hbm["total_gbps"],
            "kernel_launch_cycles": launch_cycles(target)}


def add_estimates(report: Dict, sizing: Dict, designs: List) -> None:
    """Adds `estimate` and `hbm` to each function of `report` (keyed by name)."""
    target = load_target()
    by_top = {entry["function"]: entry for entry in sizing.get("functions", [])}
    launch = launch_cycles(target)
    for design in designs:
        function = report["functions"].get(design.function)
        if function is None:
            continue
        cycles, missing, read, written = 0, [], 0, 0
        for kernel in design.kernels:
            entry = by_top.get(kernel, {})
            read += entry.get("hbm_bytes_read", 0)
            written += entry.get("hbm_bytes_written", 0)
            if "latency_cycles" not in entry:
                missing.append(kernel)
                continue
            cycles += entry["latency_cycles"] + launch
        estimate = {"source": SOURCE, "clock_mhz": target["clock_mhz"],
                    "assumptions": assumptions(target)}
        if missing:
            estimate["latency_cycles"] = None
            estimate["not_estimated"] = (f"the model did not simulate kernel(s) "
                                         f"{', '.join(missing)}")
        else:
            estimate["latency_cycles"] = cycles
            estimate["latency_ms"] = cycles / (target["clock_mhz"] * 1e3)
        function["estimate"] = estimate
        function["hbm"] = {"bytes_read": read, "bytes_written": written}


def estimate_text(report: Dict) -> str:
    lines = ["Latency estimates (graph model: the FIFO sizing's cycle-level model plus the "
             "kernel launch cost; U55C model, not measurements; check them with "
             "`simulate --timed`):"]
    for name, function in report["functions"].items():
        estimate = function.get("estimate")
        if not estimate:
            continue
        a = estimate["assumptions"]
        if estimate["latency_cycles"] is None:
            lines.append(f"  @{name}: not estimated ({estimate['not_estimated']})")
            continue
        lines.append(f"  @{name}: {estimate['latency_cycles']:,} cycles = "
                     f"{estimate['latency_ms']:.4f} ms at {a['clock_mhz']:g} MHz "
                     f"(HBM read latency {a['hbm_read_latency_cycles']} cycles, launch "
                     f"{a['kernel_launch_cycles']} cycles per kernel); HBM "
                     f"{function['hbm']['bytes_read']:,} B read, "
                     f"{function['hbm']['bytes_written']:,} B written")
    return "\n".join(lines) + "\n"
