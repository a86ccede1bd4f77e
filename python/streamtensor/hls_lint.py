"""Checks emitted Vitis HLS C++ against the rules a dataflow design must keep.

    python3 -m streamtensor.hls_lint FILE...
    python3 python/streamtensor/hls_lint.py FILE...      (no package import)

Rules, checked on every function of the file:

  stream-endpoints    in each dataflow region (a function with
                      `#pragma HLS dataflow`), every stream is written by
                      exactly one process and read by exactly one other
  stream-depth        `hls::stream<T, N> s` has `#pragma HLS stream
                      variable=s depth=N`, with the same N
  dynamic-allocation  no new/delete, malloc/calloc/realloc/free/alloca, or
                      std:: containers and smart pointers
  recursion           no function reaches itself through calls
  loop-exit           no break, return, goto or throw inside a loop: every
                      loop has its single exit at its condition
  region-body         a dataflow region holds only stream declarations,
                      pragmas and process calls (and the timed simulation's
                      STREAMTENSOR_TIMED_MEMORY/PORT, no code for Vitis): no
                      loops, branches or other variables, so nothing is read
                      in one iteration that an earlier one wrote

This is a checker for the code StreamTensor emits (docs/codegen.md), not a
C++ parser: it relies on that code's shape (one statement per call, no
macros other than the STREAMTENSOR_* region macros). Standard library only,
so drivers can call `lint_source` without importing the rest of the package.
Prints `FILE:LINE: error: [rule] message` per violation and exits 1 if any.
"""

import bisect
import re
import sys

RULES = ("stream-endpoints", "stream-depth", "dynamic-allocation", "recursion",
         "loop-exit", "region-body")

_DYNAMIC = re.compile(
    r"\bnew\b|\bdelete\b|\b(?:malloc|calloc|realloc|free|alloca)\s*\("
    r"|\bstd::(?:vector|list|deque|map|set|unordered_map|unordered_set|string"
    r"|unique_ptr|shared_ptr|make_unique|make_shared)\b")
_LOOP = re.compile(r"\b(for|while|do)\b")
_EXIT = re.compile(r"\b(break|return|goto|throw)\b")
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_STREAM_DECL = re.compile(
    r"^hls::stream\s*<\s*[\w:\s]+?(?:<[^<>]*>)?\s*(?:,\s*(\d+)\s*)?>\s*([A-Za-z_]\w*)\s*"
    r"(?:\(\s*\"\"\s*\))?$")
# The element type may be a template itself (hls::vector<float, 16>).
_STREAM_PARAM = re.compile(r"hls::stream\s*<(?:[^<>]|<[^<>]*>)*>\s*&\s*([A-Za-z_]\w*)\s*$")
_STREAM_PRAGMA = re.compile(r"#\s*pragma\s+HLS\s+stream\b(.*)", re.IGNORECASE)
_DATAFLOW_PRAGMA = re.compile(r"#\s*pragma\s+HLS\s+dataflow\b", re.IGNORECASE)
_KEYWORDS = {"if", "for", "while", "do", "switch", "return", "sizeof", "static_assert",
             "STREAMTENSOR_PROCESS", "STREAMTENSOR_DATAFLOW_BEGIN",
             "STREAMTENSOR_DATAFLOW_END"}


class Violation:
    def __init__(self, line, rule, message):
        self.line, self.rule, self.message = line, rule, message

    def format(self, path):
        return f"{path}:{self.line}: error: [{self.rule}] {self.message}"


class Function:
    def __init__(self, name, params, body_start, body_end):
        self.name = name
        self.params = params          # list of (name, is_stream)
        self.body_start = body_start  # offset of '{'
        self.body_end = body_end      # offset of the matching '}'


def _blank(text):
    """Comments become spaces and string/char literals become "" or '',
    keeping every newline so offsets map to the same lines."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * max(0, min(j, n) - i - 1) + (c if j < n else ""))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _squeeze_strings(text):
    """'"   "' -> '""', so patterns need not care what a literal held."""
    return re.sub(r"\"\s*\"", '""', text)


class Source:
    def __init__(self, text):
        self.text = text
        self.lines = text.split("\n")
        blanked = _blank(text)
        # Preprocessor lines (pragmas included) are read from self.lines;
        # blank them in the code so they never look like statements.
        code = []
        for line in blanked.split("\n"):
            code.append(" " * len(line) if line.lstrip().startswith("#") else line)
        self.code = "\n".join(code)
        self._newlines = [m.start() for m in re.finditer("\n", self.code)]

    def line_of(self, offset):
        return bisect.bisect_right(self._newlines, offset - 1) + 1

    def matching(self, offset, open_char, close_char):
        depth = 0
        for i in range(offset, len(self.code)):
            if self.code[i] == open_char:
                depth += 1
            elif self.code[i] == close_char:
                depth -= 1
                if depth == 0:
                    return i
        return len(self.code) - 1

    def pragmas(self, start, end):
        """(line number, text) of the preprocessor lines between offsets."""
        first, last = self.line_of(start), self.line_of(end)
        return [(n, self.lines[n - 1].strip()) for n in range(first, last + 1)
                if self.lines[n - 1].lstrip().startswith("#")]


def _split_top_level(text, separator):
    parts, depth, current = [], 0, []
    for c in text:
        if c in "(<[{":
            depth += 1
        elif c in ")>]}":
            depth -= 1
        if c == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    parts.append("".join(current))
    return parts


def _functions(source):
    """Function definitions at file scope or inside namespace/extern blocks."""
    code, functions = source.code, []

    def scan(start, end):
        i, header_start = start, start
        while i < end:
            c = code[i]
            if c in ";}":
                header_start = i + 1
            elif c == "{":
                close = source.matching(i, "{", "}")
                header = code[header_start:i].strip()
                if re.match(r"^(namespace\b[\w\s]*|extern\s+\"\")$", header):
                    scan(i + 1, close)
                else:
                    m = re.search(r"([A-Za-z_]\w*)\s*\(([^()]*)\)\s*(?:const\s*)?$", header,
                                  re.S)
                    if m and "=" not in header.split("(")[0]:
                        params = []
                        for param in _split_top_level(m.group(2), ","):
                            param = param.strip()
                            if not param or param == "void":
                                continue
                            stream = _STREAM_PARAM.search(param)
                            name = re.search(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\])*$", param)
                            params.append((stream.group(1) if stream else
                                           name.group(1) if name else "", bool(stream)))
                        functions.append(Function(m.group(1), params, i, close))
                i = close
                header_start = close + 1
            i += 1

    scan(0, len(code))
    return functions


def _calls(source, function, names):
    """(callee, argument list, offset) of calls to functions in `names`."""
    body = source.code[function.body_start + 1:function.body_end]
    found = []
    for m in _CALL.finditer(body):
        if m.group(1) not in names:
            continue
        open_paren = function.body_start + 1 + m.end() - 1
        close = source.matching(open_paren, "(", ")")
        args = [a.strip() for a in
                _split_top_level(source.code[open_paren + 1:close], ",")]
        found.append((m.group(1), [a for a in args if a], open_paren))
    return found


class Linter:
    def __init__(self, text):
        self.source = Source(text)
        self.functions = _functions(self.source)
        self.by_name = {f.name: f for f in self.functions}
        self.violations = []
        self.regions = 0
        self.streams = 0

    def error(self, offset, rule, message):
        self.violations.append(Violation(self.source.line_of(offset), rule, message))

    def run(self):
        self.check_dynamic_allocation()
        self.check_recursion()
        for function in self.functions:
            self.check_loop_exits(function)
            if any(_DATAFLOW_PRAGMA.match(text) for _, text in
                   self.source.pragmas(function.body_start, function.body_end)):
                self.check_region(function)
        self.violations.sort(key=lambda v: v.line)
        return self.violations

    def check_dynamic_allocation(self):
        for m in _DYNAMIC.finditer(self.source.code):
            self.error(m.start(), "dynamic-allocation",
                       f"dynamic allocation ('{m.group(0).rstrip('( ')}') in HLS code")

    def check_recursion(self):
        graph = {f.name: {c for c, _, _ in _calls(self.source, f, self.by_name)}
                 for f in self.functions}
        reported = set()
        for start in graph:
            stack, seen = [(start, [start])], set()
            while stack:
                name, path = stack.pop()
                for callee in sorted(graph.get(name, ())):
                    if callee == start:
                        cycle = path + [start]
                        if frozenset(cycle) not in reported:
                            reported.add(frozenset(cycle))
                            self.error(self.by_name[start].body_start, "recursion",
                                       "recursion: " + " -> ".join(cycle))
                    elif callee not in seen:
                        seen.add(callee)
                        stack.append((callee, path + [callee]))

    def check_loop_exits(self, function):
        code = self.source.code
        body = code[function.body_start + 1:function.body_end]
        for m in _LOOP.finditer(body):
            start = function.body_start + 1 + m.end()
            if m.group(1) == "do":
                open_brace = code.find("{", start)
                end = self.source.matching(open_brace, "{", "}")
            else:
                open_paren = code.find("(", start)
                close_paren = self.source.matching(open_paren, "(", ")")
                rest = code[close_paren + 1:]
                if rest.lstrip().startswith("{"):
                    open_brace = close_paren + 1 + (len(rest) - len(rest.lstrip()))
                    end = self.source.matching(open_brace, "{", "}")
                else:
                    end = code.find(";", close_paren)
                start = close_paren + 1
            for exit_match in _EXIT.finditer(code[start:end]):
                self.error(start + exit_match.start(), "loop-exit",
                           f"'{exit_match.group(1)}' inside a loop of '{function.name}': "
                           "loops must have a single exit")

    def stream_uses(self, function, param, visiting=frozenset()):
        """{'read', 'write'} subset: what `function` does with stream `param`,
        including through the processes it passes the stream to."""
        uses = set()
        body = self.source.code[function.body_start + 1:function.body_end]
        name = re.escape(param)
        if re.search(rf"\b{name}\s*\.\s*read(?:_nb)?\s*\(|\b{name}\s*>>", body):
            uses.add("read")
        if re.search(rf"\b{name}\s*\.\s*write(?:_nb)?\s*\(|\b{name}\s*<<", body):
            uses.add("write")
        if function.name in visiting:
            return uses
        for callee, args, _ in _calls(self.source, function, self.by_name):
            for position, arg in enumerate(args):
                target = self.by_name[callee]
                if arg == param and position < len(target.params):
                    uses |= self.stream_uses(target, target.params[position][0],
                                             visiting | {function.name})
        return uses

    def check_region(self, top):
        self.regions += 1
        code = self.source.code
        body_start, body_end = top.body_start + 1, top.body_end
        depths, offsets = {}, {}
        endpoints = {}

        # Pragmas first: the stream pragma may precede the next declaration.
        pragma_depths = {}
        for line, text in self.source.pragmas(body_start, body_end):
            m = _STREAM_PRAGMA.match(text)
            if m:
                fields = dict(re.findall(r"(\w+)\s*=\s*(\w+)", m.group(1)))
                if "variable" in fields:
                    pragma_depths[fields["variable"]] = (line, fields.get("depth"))

        if "{" in code[body_start:body_end]:
            self.error(code.index("{", body_start), "region-body",
                       f"dataflow region '{top.name}' holds a block (a loop or branch); "
                       "it may hold only stream declarations and process calls")
        offset = body_start
        for statement in _split_top_level(code[body_start:body_end], ";"):
            stmt_offset = offset + (len(statement) - len(statement.lstrip()))
            offset += len(statement) + 1
            text = _squeeze_strings(" ".join(statement.split()))
            if not text:
                continue
            decl = _STREAM_DECL.match(text)
            if decl:
                name = decl.group(2)
                depths[name] = decl.group(1)
                offsets[name] = stmt_offset
                endpoints[name] = {"read": [], "write": []}
                continue
            if re.match(r"^(STREAMTENSOR_DATAFLOW_BEGIN\s*\(\s*\"\"\s*\)|"
                        r"STREAMTENSOR_DATAFLOW_END\s*\(\s*\)|"
                        r"STREAMTENSOR_TIMED_(MEMORY|PORT)\s*\(.*\))$", text):
                continue
            m = re.match(r"^STREAMTENSOR_PROCESS\s*\(\s*\"\"\s*,\s*(.*)\)$", text)
            call_text = m.group(1) if m else text
            call = re.match(r"^([A-Za-z_]\w*)\s*\((.*)\)$", call_text)
            if not call or call.group(1) in _KEYWORDS or re.search(
                    r"\b(for|while|do|if|goto|switch)\b", text):
                self.error(stmt_offset, "region-body",
                           f"dataflow region '{top.name}' holds '{text}', which is neither "
                           "a stream declaration nor a process call")
                continue
            callee = self.by_name.get(call.group(1))
            if callee is None:
                self.error(stmt_offset, "region-body",
                           f"dataflow region '{top.name}' calls '{call.group(1)}', "
                           "which is not a function of this file")
                continue
            args = [a.strip() for a in _split_top_level(call.group(2), ",") if a.strip()]
            for position, arg in enumerate(args):
                if arg not in endpoints:
                    continue
                if position >= len(callee.params) or not callee.params[position][1]:
                    self.error(stmt_offset, "stream-endpoints",
                               f"stream '{arg}' is passed to '{callee.name}' as a "
                               "non-stream argument")
                    continue
                uses = self.stream_uses(callee, callee.params[position][0])
                if uses == {"read", "write"}:
                    self.error(stmt_offset, "stream-endpoints",
                               f"process '{callee.name}' both reads and writes stream '{arg}'")
                for use in uses:
                    endpoints[arg][use].append(callee.name)
                if not uses:
                    self.error(stmt_offset, "stream-endpoints",
                               f"process '{callee.name}' neither reads nor writes "
                               f"stream '{arg}'")

        for name, ends in endpoints.items():
            self.streams += 1
            for use, role in (("write", "producer"), ("read", "consumer")):
                if len(ends[use]) != 1:
                    who = ", ".join(f"'{p}'" for p in ends[use]) or "none"
                    self.error(offsets[name], "stream-endpoints",
                               f"stream '{name}' in '{top.name}' needs exactly one "
                               f"{role}, has {len(ends[use])} ({who})")
            declared = depths[name]
            pragma = pragma_depths.get(name)
            if declared is None:
                self.error(offsets[name], "stream-depth",
                           f"stream '{name}' has no depth in its type; declare "
                           "hls::stream<T, N> so the simulation bounds it")
            elif pragma is None:
                self.error(offsets[name], "stream-depth",
                           f"stream '{name}' has no '#pragma HLS stream variable={name} "
                           f"depth={declared}'")
            elif pragma[1] != declared:
                self.violations.append(Violation(
                    pragma[0], "stream-depth",
                    f"stream '{name}' is declared with depth {declared} but its pragma "
                    f"says depth={pragma[1]}"))
        for name, (line, _) in pragma_depths.items():
            if name not in endpoints:
                self.violations.append(Violation(
                    line, "stream-depth",
                    f"stream pragma names '{name}', which is not a stream of '{top.name}'"))


def lint_source(text):
    """Violations of `text`, the source of one emitted kernel file."""
    return Linter(text).run()


def main(argv=None):
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            print(f"{path}: error: {e.strerror}", file=sys.stderr)
            failed = True
            continue
        linter = Linter(text)
        violations = linter.run()
        for violation in violations:
            print(violation.format(path), file=sys.stderr)
        failed |= bool(violations)
        print(f"{path}: {len(linter.functions)} function(s), {linter.regions} dataflow "
              f"region(s), {linter.streams} stream(s): "
              f"{'ok' if not violations else f'{len(violations)} violation(s)'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
