"""The resource model's estimate of each compiled function, for report.json.

`streamtensor-opt --streamtensor-estimate-resources` estimates every kernel
(dataflow top) of the lowered design: DSPs, BRAM36, URAM, LUTs and
flip-flops of its processes, FIFOs and ports (docs/resources.md). A function
runs its kernels one after another, each a compute unit of its own, so its
resources are the largest kernel's. A kernel that fits the first SLR sits
there; a larger one has its processes spread over the SLRs (an integer
program solved with CBC). Estimates of our model, not synthesis results.
"""

from typing import Dict, List

KINDS = ("dsp", "bram36", "uram", "lut", "ff")
SOURCE = "resource model"


def _largest(entries: List[Dict]) -> Dict:
    return max(entries, key=lambda e: tuple(e["total"][k] for k in KINDS))


def add_resources(report: Dict, estimate: Dict, designs: List) -> None:
    """Adds `resources` to each function of `report` (keyed by name)."""
    by_top = {entry["function"]: entry for entry in estimate.get("functions", [])}
    for design in designs:
        function = report["functions"].get(design.function)
        entries = [by_top[k] for k in design.kernels if k in by_top]
        if function is None or not entries:
            continue
        kernel = _largest(entries)
        resources = {k: kernel["total"][k] for k in KINDS}
        resources["per_slr"] = kernel["per_slr"]
        resources["usable_per_slr"] = kernel["usable_per_slr"]
        resources["slr_assignment"] = kernel["slr_assignment"]
        resources["fits"] = all(e["fits"] for e in entries)
        resources["over"] = [o for e in entries for o in e["over"]]
        resources["largest"] = kernel["largest"]
        resources["source"] = SOURCE
        function["resources"] = resources


def resources_text(report: Dict) -> str:
    lines = ["Resources (estimates of the resource model, not synthesis results; a "
             "kernel in SLR0 when it fits there, else spread over the SLRs; each SLR "
             "less the shell and 20% routing headroom):"]
    for name, function in report["functions"].items():
        resources = function.get("resources")
        if not resources:
            continue
        usable = next(iter(resources["usable_per_slr"].values()), {})
        used = ", ".join(f"{resources[k]:,} {k.upper()} (of {usable.get(k, 0):,})"
                         for k in KINDS)
        lines.append(f"  @{name}: {used}")
        placed = resources["slr_assignment"]
        if placed["slrs_used"] > 1:
            per_slr = "; ".join(
                f"{slr}: " + ", ".join(f"{use[k]:,} {k.upper()}" for k in ("dsp", "bram36", "lut"))
                for slr, use in resources["per_slr"].items())
            lines.append(f"    over {placed['slrs_used']} SLRs ({placed['method']}; "
                         f"{placed['stream_crossings']} stream and "
                         f"{placed['port_crossings']} port SLR crossings): {per_slr}")
        if resources["fits"]:
            lines.append("    fits one SLR" if placed["slrs_used"] <= 1 else "    fits")
        for over in resources["over"]:
            users = ", ".join(f"{u['process']} ({u[over['resource']]:,})"
                              for u in sorted(resources["largest"],
                                              key=lambda u: -u[over["resource"]])[:3])
            lines.append(f"    does not fit: {over['resource'].upper()} {over['used']:,} > "
                         f"{over['usable']:,} usable in {over['slr']}; largest users: {users}")
    return "\n".join(lines) + "\n"
