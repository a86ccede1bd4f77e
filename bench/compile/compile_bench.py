"""Compile-time benchmark: GPT-2 Medium decode and prefill through `streamtensor compile`.

    /usr/bin/python3 bench/compile/compile_bench.py [--build build] [--until all]
        [--model gpt2] [--config medium] [--steps decode prefill] [--repeat 3]

Runs the command line as a user would (a fresh Python process each time) under
GNU time, and prints Markdown tables: the command's wall time and peak memory,
each stage's wall time and peak memory (from compile.json: a tool stage's peak
is that tool process alone, the import stage's is the Python process so far),
and the report's headline figures. Timings are the median of --repeat runs.
Not a test.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_once(args, step, out_dir):
    command = [sys.executable, "-m", "streamtensor", "compile", "--model", args.model,
               "--config", args.config, "--step", step, "--until", args.until, "--quiet",
               "--force", "-o", out_dir]
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"),
               STREAMTENSOR_BUILD_DIR=os.path.abspath(args.build))
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", timing.name] + command,
                              env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"compile failed:\n{proc.stderr}")
        seconds, peak_kb = timing.read().split()[-2:]
    with open(os.path.join(out_dir, "compile.json")) as f:
        record = json.load(f)
    with open(os.path.join(out_dir, "report.json")) as f:
        report = json.load(f)
    return command, float(seconds), int(peak_kb), record, report


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--until", default="all", help="last stage (default: all)")
    parser.add_argument("--model", default="gpt2")
    parser.add_argument("--config", default="medium")
    parser.add_argument("--steps", nargs="+", default=["decode", "prefill"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    rows, stage_rows, figure_rows = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for step in args.steps:
            out_dir = os.path.join(tmp, step)
            runs = [run_once(args, step, out_dir) for _ in range(args.repeat)]
            command, _, _, record, report = runs[-1]
            shown = " ".join(["/usr/bin/python3"] + command[1:-1] + ["out/"])
            rows.append((step, median([r[1] for r in runs]), max(r[2] for r in runs),
                         record["status"], shown))
            for i, stage in enumerate(record["stages"]):
                seconds = median([r[3]["stages"][i]["seconds"] for r in runs])
                peak = max(r[3]["stages"][i]["peak_rss_kb"] for r in runs)
                whose = "tool process" if stage["memory_of"] == "tool" else "Python process"
                stage_rows.append((step, stage["name"], seconds, peak, whose))
            for function in report["functions"].values():
                figure_rows.append((step, function))
            notes = record.get("notes", [])

    print(f"Machine: {os.cpu_count()} cores; 1-minute load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after the runs (other work shares the cores).\n")
    print(f"Command runs (median of {args.repeat}; wall time includes Python start-up and "
          f"`import torch`):\n")
    print("| step | command wall time | command peak memory | status | command |")
    print("|---|---|---|---|---|")
    for step, seconds, peak, status, shown in rows:
        print(f"| {step} | {seconds:.2f} s | {peak / 1024:.0f} MB | {status} | `{shown}` |")
    print("\nStages:\n")
    print("| step | stage | wall time | peak memory | of |")
    print("|---|---|---|---|---|")
    for step, name, seconds, peak, whose in stage_rows:
        print(f"| {step} | {name} | {seconds:.2f} s | {peak / 1024:.0f} MB | {whose} |")
    print("\nReport (static compiler figures, report.json):\n")
    print("| step | function | kernels | tasks | task edges | FIFO-edge share | intermediate "
          "memory after / before fusion |")
    print("|---|---|---|---|---|---|---|")
    for step, f in figure_rows:
        print(f"| {step} | {f['name']} | {f['num_kernels']} | {f['num_tasks']} | "
              f"{f['task_edges']} | {f['fifo_edge_share']:.1%} ({f['fifo_edges']}/"
              f"{f['task_edges']}) | {f['intermediate_share_after_fusion']:.1%} "
              f"({f['intermediate_bytes_after_fusion']:,} / "
              f"{f['intermediate_bytes_before_fusion']:,} B) |")
    for note in notes:
        print(f"\nnote: {note}")


if __name__ == "__main__":
    main()
