"""`simulate --timed`: the timed simulation of the generated code.

Builds each design's kernels with -DSTREAMTENSOR_SIM_TIMED (the same source
that goes to Vitis, its static schedule in the STREAMTENSOR_TIMED_* macros),
runs it on the seeded inputs, checks the outputs against PyTorch as the plain
simulation does, and writes `timed.json` (per function: cycles, bytes moved,
per process busy and stalled cycles, per port bandwidth) and
`timed-trace.json` (Chrome trace events; open it in Perfetto). Every figure
is an estimate of our model of the target (docs/timed-simulation.md), not a
measurement on a card.
"""

import json
import os
from collections import OrderedDict
from typing import Dict, List, Optional, TextIO, Tuple

from .output_dir import write_json
from .simulation import (OutputCheck, _designs, read_outputs, build_simulation, compare,
                         is_quantized,
                         prepare_design, run_simulation)
from .tools import DriverError

TIMED_PROGRAM = "streamtensor-sim-timed"
RAW_REPORT = "timing.json"
SOURCE = "timed simulation of the generated code"


def build_timed(directory: str, log: Optional[TextIO]) -> float:
    return build_simulation(directory, log, "sim-timed", TIMED_PROGRAM, "timed simulation")


def run_timed(directory: str, data_dir: str) -> Tuple[float, Dict]:
    raw = os.path.join(data_dir, RAW_REPORT)
    if os.path.exists(raw):
        os.unlink(raw)
    seconds = run_simulation(directory, data_dir, TIMED_PROGRAM, "timed simulation",
                             dict(os.environ, STREAMTENSOR_SIM_TIMING_OUT=raw))
    try:
        with open(raw, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as err:
        raise DriverError(f"{directory}: the timed simulation wrote no readable "
                          f"{RAW_REPORT}: {err}")
    if not report.get("timed"):
        raise DriverError(f"{directory}: the kernels carry no schedule for the timed "
                          f"simulation; compile again with this version")
    return seconds, report


def summarize(function: str, raw: Dict) -> Dict:
    """timed.json's entry for one function from the runtime's raw report."""
    regions = raw["regions"]
    clock_mhz = raw["clock_mhz"]
    start = min((r["start"] - r["launch_cycles"] for r in regions), default=0)
    end = max((r["end"] for r in regions), default=0)
    latency = end - start
    processes = OrderedDict()
    stall_spans = {}
    ports = []
    kernels = []
    read = written = 0
    for region in regions:
        kernels.append({"name": region["name"],
                        "latency_cycles": region["end"] - region["start"],
                        "launch_cycles": region["launch_cycles"]})
        for p in region["processes"]:
            stalled = p["stalled_on_read"] + p["stalled_on_write"] + p["waiting_on_memory"]
            span = p["end"] - p["start"]
            processes[p["name"]] = {
                "start": p["start"] - start, "end": p["end"] - start,
                "busy": span - stalled, "stalled": stalled,
                "stalled_on_read": p["stalled_on_read"],
                "stalled_on_write": p["stalled_on_write"],
                "waiting_on_memory": p["waiting_on_memory"]}
            stall_spans[p["name"]] = [(b - start, e - start, kind)
                                      for b, e, kind in p.get("stalls", [])]
        for port in region["ports"]:
            read += port["bytes_read"]
            written += port["bytes_written"]
            active = max(1, port["last"] - port["first"])
            moved = port["bytes_read"] + port["bytes_written"]
            ports.append({"kernel": region["name"], "name": port["name"],
                          "channel": port["channel"], "beat_bytes": port["beat_bytes"],
                          "bytes_read": port["bytes_read"],
                          "bytes_written": port["bytes_written"],
                          "beats": port["beats"], "bursts": port["bursts"],
                          "first": port["first"] - start, "last": port["last"] - start,
                          "achieved_gbps": moved / active * clock_mhz * 1e6 / 1e9
                          if moved else 0.0})
    return {"latency_cycles": latency, "clock_mhz": clock_mhz,
            "latency_ms": latency / (clock_mhz * 1e3), "source": SOURCE,
            "hbm": {"bytes_read": read, "bytes_written": written},
            "kernels": kernels, "processes": processes, "ports": ports}, stall_spans


STALL_NAMES = {"r": "stalled on read", "w": "stalled on write", "m": "waiting on memory"}


def trace_events(functions: Dict, stalls: Dict) -> Dict:
    """Chrome trace events (microseconds at the target clock): a track per
    process with its run and, nested in it, the spans it stalled (merged
    where there were very many), a track per port."""
    events = []
    for pid, (name, entry) in enumerate(functions.items(), start=1):
        us = 1.0 / entry["clock_mhz"]
        events.append({"ph": "M", "pid": pid, "name": "process_name",
                       "args": {"name": f"@{name} (estimate, {entry['clock_mhz']:g} MHz)"}})
        for tid, (process, p) in enumerate(entry["processes"].items(), start=1):
            events.append({"ph": "M", "pid": pid, "tid": tid, "name": "thread_name",
                           "args": {"name": process}})
            events.append({"ph": "X", "pid": pid, "tid": tid, "name": process.split("/")[-1],
                           "ts": p["start"] * us, "dur": max(p["end"] - p["start"], 1) * us,
                           "args": {k: p[k] for k in ("busy", "stalled_on_read",
                                                      "stalled_on_write",
                                                      "waiting_on_memory")}})
            for begin, end, kind in stalls.get(name, {}).get(process, []):
                events.append({"ph": "X", "pid": pid, "tid": tid,
                               "name": STALL_NAMES.get(kind, kind), "ts": begin * us,
                               "dur": max(end - begin, 1) * us})
        base = len(entry["processes"]) + 1
        for offset, port in enumerate(entry["ports"]):
            if not port["beats"]:
                continue
            tid = base + offset
            events.append({"ph": "M", "pid": pid, "tid": tid, "name": "thread_name",
                           "args": {"name": f"m_axi {port['name']} (HBM[{port['channel']}])"}})
            events.append({"ph": "X", "pid": pid, "tid": tid, "name": port["name"],
                           "ts": port["first"] * us,
                           "dur": max(port["last"] - port["first"], 1) * us,
                           "args": {"bytes_read": port["bytes_read"],
                                    "bytes_written": port["bytes_written"],
                                    "achieved_gbps": round(port["achieved_gbps"], 3)}})
    return {"traceEvents": events, "displayTimeUnit": "ns"}


def assumptions(raw: Dict) -> Dict:
    memory = raw["memory"]
    return {"clock_mhz": raw["clock_mhz"],
            "operator_latencies": "targets/u55c.json op_latency_cycles (the static schedule)",
            "hbm_read_latency_cycles": memory["read_latency_cycles"],
            "hbm_write_latency_cycles": memory["write_latency_cycles"],
            "outstanding_bursts_per_port": memory["outstanding_bursts"],
            "max_burst_beats": memory["max_burst_beats"],
            "pseudo_channel_bytes_per_cycle": memory["channel_bytes_per_cycle"],
            "total_hbm_bytes_per_cycle": memory["total_bytes_per_cycle"],
            "min_access_bytes": memory["min_access_bytes"],
            "kernel_launch_cycles": memory["launch_cycles"]}


def simulate_timed(out_dir: str, log: Optional[TextIO]) -> Tuple[Dict, List[OutputCheck]]:
    """Builds and runs the timed simulation of every design of `out_dir`;
    writes timed.json and timed-trace.json there and returns (timed, checks)."""
    out_dir = os.path.abspath(out_dir)
    record, designs = _designs(out_dir)
    functions, checks, raw_last, stalls = OrderedDict(), [], None, {}
    for design in designs:
        directory = prepare_design(out_dir, record, design, build_timed, log)
        data_dir = os.path.join(directory, "data")
        seconds, raw = run_timed(directory, data_dir)
        raw_last = raw
        checks += compare(design["function"], read_outputs(directory, data_dir), directory,
                          is_quantized(record))
        functions[design["function"]], stalls[design["function"]] = summarize(
            design["function"], raw)
        if log:
            print(f"  @{design['function']}: timed simulation ran in {seconds:.2f} s (wall)",
                  file=log, flush=True)
    timed = {"source": SOURCE,
             "note": "estimates of the StreamTensor model of the target, not measurements",
             "assumptions": assumptions(raw_last) if raw_last else {},
             "functions": functions}
    write_json(os.path.join(out_dir, "timed.json"), timed)
    write_json(os.path.join(out_dir, "timed-trace.json"), trace_events(functions, stalls))
    return timed, checks
