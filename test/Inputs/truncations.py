"""Runs a tool on many truncations and byte mutations of a valid input.

Each run must end with exit code 1 and an 'error:' diagnostic that names a
location, or succeed; a crash (signal), an assertion or a hang fails the
test. Usage: truncations.py TOOL INPUT [COUNT]
"""
import random
import subprocess
import sys
import tempfile

tool, source = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 60
text = open(source, "rb").read()
rng = random.Random(1234)
variants = [text[: rng.randrange(len(text))] for _ in range(count)]
for _ in range(count):
    data = bytearray(text)
    for _ in range(rng.randrange(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    variants.append(bytes(data))

failures = 0
for index, data in enumerate(variants):
    with tempfile.NamedTemporaryFile(suffix=".mlir") as f:
        f.write(data)
        f.flush()
        try:
            run = subprocess.run([tool, f.name], capture_output=True, timeout=20)
        except subprocess.TimeoutExpired:
            print(f"variant {index}: hang")
            failures += 1
            continue
        err = run.stderr.decode(errors="replace")
        if run.returncode == 0:
            continue
        if run.returncode != 1 or "error:" not in err or f.name + ":" not in err:
            print(f"variant {index}: exit {run.returncode}\n{err[-2000:]}")
            failures += 1
print(f"{len(variants) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
