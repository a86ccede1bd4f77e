"""Prints the itensor_converter buffers found in dataflow IR on stdin."""
import re
import sys

converter = re.compile(
    r'itensor_converter %\S+ \{(?P<attrs>[^}]*)\} : (?P<src>!dataflow\.itensor<.*?>) -> (?P<dst>!dataflow\.itensor<.*?>)$')
bits = {"f64": 64, "f32": 32, "f16": 16, "bf16": 16, "i64": 64, "i32": 32, "i16": 16, "i8": 8}

rows = []
for line in sys.stdin:
    match = converter.search(line.strip())
    if not match:
        continue
    attrs = match.group("attrs")
    name = re.search(r'name = "([^"]*)"', attrs)
    shape = [int(s) for s in re.search(r"buffer_shape = array<i64: ([^>]*)>", attrs).group(1).split(",")]
    level = int(re.search(r"buffer_loop_level = (\d+)", attrs).group(1))
    dtype = re.match(r"!dataflow\.itensor<(?:\d+x)*(\w+)", match.group("src")).group(1)
    elements = 1
    for size in shape:
        elements *= size
    rows.append((name.group(1) if name else "?", "x".join(map(str, shape)), level,
                 2 * elements * bits.get(dtype, 32) // 8, match.group("src"), match.group("dst")))

if not rows:
    sys.exit("converter_report: no sized itensor_converter in the input")
print(f"{'converter':<16}{'ping-pong half':>16}{'inside loops':>14}{'on-chip bytes':>15}")
for name, shape, level, size, _, _ in rows:
    print(f"{name:<16}{shape:>16}{level:>14}{size:>15}")
print()
for name, _, _, _, src, dst in rows:
    print(f"{name}:\n  from {src}\n  to   {dst}")
