"""Import time of the paper's model configurations, measured on this machine.

Usage (from the repository root):
    PYTHONPATH=python /usr/bin/python3 bench/frontend/import_time.py [--repeat N]

For each family and step it reports the best of N runs of: building the
layer with uninitialized weights plus tracing and emitting MLIR (in
process, PyTorch already loaded); `mlir-opt` parsing and verifying the
result; the upstream linalg clean-ups; and the whole CLI command including
interpreter start-up. Prints a Markdown table.
"""

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

from streamtensor import cpu_runner, models


def best_of(repeat, fn):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mlir_opt = cpu_runner.tool("mlir-opt")
    models.build_model("gpt2", "tiny")  # loads PyTorch before timing
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    print(f"Measured on this machine: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; "
          f"best of {args.repeat} runs.\n")
    print("| model (paper config) | step | import (s) | linalg ops | MLIR lines | "
          "mlir-opt verify (s) | linalg clean-ups (s) | CLI end to end (s) |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for family in models.FAMILIES:
            cfg = models.get_config(family, "paper")
            for step in models.STEPS:
                def do_import():
                    model = models.build_model(family, "paper", weights="empty")
                    return models.import_step(model, step)
                t_import, text = best_of(args.repeat, do_import)
                path = os.path.join(tmp, f"{family}-{step}.mlir")
                with open(path, "w") as f:
                    f.write(text)
                t_verify, _ = best_of(args.repeat, lambda: cpu_runner.run_tool(
                    [mlir_opt, path, "-o", os.devnull]))
                t_clean, _ = best_of(args.repeat, lambda: cpu_runner.run_tool(
                    [mlir_opt, path, *cpu_runner.LINALG_CLEANUP_PASSES, "-o", os.devnull]))
                out = os.path.join(tmp, "cli.mlir")
                t_cli, _ = best_of(args.repeat, lambda: subprocess.run(
                    [sys.executable, "-m", "streamtensor", "import", "--model", family,
                     "--config", "paper", "--step", step, "-o", out, "--force"],
                    check=True, env=env))
                ops = len(re.findall(r"= linalg\.", text))
                lines = text.count("\n")
                print(f"| {family} ({cfg.description}) | {step} | {t_import:.2f} | {ops} | "
                      f"{lines} | {t_verify:.2f} | {t_clean:.2f} | {t_cli:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
