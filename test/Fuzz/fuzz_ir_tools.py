"""Seeded mutations of the lit test inputs through the pipelines their RUN lines
name: our tools must end every run with exit status 0 or 1 and a message,
never a crash or a hang.

    fuzz_ir_tools.py --tests DIR [--bin DIR] [--seed S] [--count N] [--timeout SEC]

Each mutant changes one thing in one input: an integer literal becomes an
extreme value (0, -1, 2^31, 2^62, ...), a line is deleted, duplicated or
swapped with the next. A crash (a signal, or LLVM's crash report) whose input
also crashes the bare parser and verifier (`streamtensor-opt FILE`) is
upstream MLIR's (docs/robustness.md lists the known ones) and is counted,
not failed. Prints one line per failure and a summary; exits 1 on any crash
or hang in our code.
"""

import argparse
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile

EXTREMES = ["0", "-1", "1", "2", "7", "2147483648", "4294967296", "4611686018427387904",
            "-9223372036854775807", "65535"]
INT = re.compile(r"(?<![\w.#%@])-?\d+(?![\w.])")


def pipelines(path):
    """(input, tool, options) of each RUN line of a test file that runs one of
    our tools on the file itself (%s) or on an input beside it (%S/...)."""
    runs = []
    directory = os.path.dirname(path)
    with open(path, encoding="utf-8") as f:
        for line in f:
            match = re.match(r"\s*(?://|#)?\s*RUN:\s*(?:not\s+)?(streamtensor-(?:opt|translate))"
                             r"\s+(.*)", line)
            if not match:
                continue
            command = match.group(2).split("|")[0].split("2>&1")[0]
            try:
                words = shlex.split(command)
            except ValueError:
                continue
            inputs = [w for w in words if w == "%s" or
                      (w.startswith("%S/") and w.endswith(".mlir"))]
            if len(inputs) != 1:
                continue
            source = path if inputs[0] == "%s" else os.path.join(directory, inputs[0][3:])
            if not os.path.isfile(source):
                continue
            options = []
            skip = False
            for word in words:
                if skip:
                    skip = False
                    continue
                if word == "-o":
                    skip = True
                    continue
                if word in inputs or word in ("-verify-diagnostics", "--verify-diagnostics"):
                    continue
                options.append(re.sub(r"output=[^ \"]*", "output=-", word.replace("%t", "x")))
            runs.append((source, match.group(1), options))
    return runs


def mutate(text, rng):
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines)
            if line.strip() and not line.lstrip().startswith("//")]
    if not body:
        return text
    kind = rng.randrange(4)
    i = rng.choice(body)
    if kind == 0:
        numbers = list(INT.finditer(lines[i]))
        if numbers:
            m = rng.choice(numbers)
            lines[i] = lines[i][:m.start()] + rng.choice(EXTREMES) + lines[i][m.end():]
            return "\n".join(lines)
        kind = 1
    if kind == 1:
        del lines[i]
    elif kind == 2:
        lines.insert(i, lines[i])
    elif i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines)


def crashed(proc):
    return proc.returncode < 0 or proc.returncode > 1 or "Stack dump" in proc.stderr or \
        "LLVM ERROR" in proc.stderr or "PLEASE submit a bug report" in proc.stderr


def run(command, timeout):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tests", required=True)
    parser.add_argument("--bin", help="folder of streamtensor-opt and streamtensor-translate "
                                          "(default: the one on PATH)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=20)
    args = parser.parse_args()
    if not args.bin:
        import shutil
        found = shutil.which("streamtensor-opt")
        if not found:
            parser.error("streamtensor-opt is not on PATH; give --bin")
        args.bin = os.path.dirname(found)
    runs = []
    for root, _, names in sorted(os.walk(args.tests)):
        for name in sorted(names):
            if name.endswith((".mlir", ".test")):
                runs += pipelines(os.path.join(root, name))
    runs.sort()
    inputs = sorted({source for source, _, _ in runs})
    rng = random.Random(args.seed)
    failures, upstream, ok = [], 0, 0
    with tempfile.TemporaryDirectory() as work:
        mutant_path = os.path.join(work, "mutant.mlir")
        for n in range(args.count):
            source, tool, options = rng.choice(runs)
            with open(source, encoding="utf-8") as f:
                mutant = mutate(f.read(), rng)
            with open(mutant_path, "w", encoding="utf-8") as f:
                f.write(mutant)
            command = [os.path.join(args.bin, tool), mutant_path] + options + \
                ["-o", os.devnull, "--split-input-file"]
            proc = run(command, args.timeout)
            if proc is not None and not crashed(proc):
                ok += 1
                continue
            # Does the parser and verifier alone already fail that way?
            bare = run([os.path.join(args.bin, "streamtensor-opt"), mutant_path, "-o", os.devnull,
                        "--split-input-file"], args.timeout)
            if bare is None or crashed(bare):
                upstream += 1
                continue
            keep = os.path.join(work, f"failure-{n}.mlir")
            with open(keep, "w", encoding="utf-8") as f:
                f.write(mutant)
            what = "hang" if proc is None else f"crash (exit {proc.returncode})"
            failures.append(f"mutant {n} of {os.path.relpath(source, args.tests)}: {what} in "
                            f"{tool} {' '.join(options)}")
            print(failures[-1], file=sys.stderr)
            if proc is not None:
                print("  " + "\n  ".join(proc.stderr.strip().splitlines()[:6]), file=sys.stderr)
            if os.environ.get("FUZZ_KEEP"):
                kept = os.path.join(os.environ["FUZZ_KEEP"], f"failure-{n}.mlir")
                with open(kept, "w", encoding="utf-8") as f:
                    f.write(mutant)
    print(f"fuzz: {args.count} mutants of {len(inputs)} inputs (seed {args.seed}): {ok} ended "
          f"cleanly, {upstream} stopped in upstream parsing or verification, "
          f"{len(failures)} crashed or hung in our code")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
