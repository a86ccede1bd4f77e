"""Locating and running the C++ tools of a StreamTensor build.

Each run is measured on its own: wall time, and the peak resident memory of
that child process alone (from `os.wait4`), so a stage's figures are not
mixed with the Python process or with earlier stages.
"""

import os
import subprocess
import time
from dataclasses import dataclass
from typing import Dict, Optional, Sequence

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
RUNTIME_DIR = os.path.join(REPO_DIR, "runtime")


class DriverError(Exception):
    """A failure the user can act on; the message says what and where."""


class ToolError(DriverError):
    """A tool exited non-zero; the message holds its command and diagnostics."""


@dataclass
class ToolRun:
    seconds: float
    peak_rss_kb: int
    stdout: str
    stderr: str


def build_dir() -> str:
    """STREAMTENSOR_BUILD_DIR, else ./build, else the build folder of this checkout."""
    configured = os.environ.get("STREAMTENSOR_BUILD_DIR")
    if configured:
        return os.path.abspath(configured)
    local = os.path.abspath("build")
    if os.path.isdir(os.path.join(local, "bin")):
        return local
    return os.path.join(REPO_DIR, "build")


def tool_path(name: str) -> str:
    path = os.path.join(build_dir(), "bin", name)
    if not os.access(path, os.X_OK):
        hint = ("STREAMTENSOR_BUILD_DIR" if os.environ.get("STREAMTENSOR_BUILD_DIR")
                else "the build folder (set STREAMTENSOR_BUILD_DIR to use another)")
        raise DriverError(f"{name} not found at {path}: build the compiler first "
                          f"(`make build` or `ninja -C build {name}`), or point {hint} "
                          f"at a build that has it")
    return path


# A child forked from this (large) Python process inherits its peak-memory
# mark, so a tool's own peak is taken from GNU time, which runs it from a
# small process; without it, wait4's figure is an upper bound.
GNU_TIME = "/usr/bin/time"


MAX_ERROR_LINES = 40


def run_tool(args: Sequence[str], *, cwd: Optional[str] = None,
             env: Optional[Dict[str, str]] = None, what: Optional[str] = None,
             error_log: Optional[str] = None) -> ToolRun:
    """Runs a command; raises ToolError with its diagnostics when it fails.

    Long diagnostics are cut to their first lines in the message; with
    `error_log`, the whole output is written there and the message names it.
    """
    import tempfile
    measured = os.access(GNU_TIME, os.X_OK)
    command = list(args)
    if measured:
        fd, rss_file = tempfile.mkstemp(prefix="streamtensor-rss-")
        os.close(fd)
        command = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + command
    start = time.monotonic()
    try:
        with open(os.devnull, "rb") as devnull:
            proc = subprocess.Popen(command, stdin=devnull, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, cwd=cwd, env=env, text=True)
            stdout, stderr = _communicate(proc)
        seconds = time.monotonic() - start
        if measured:
            with open(rss_file) as f:
                numbers = [line for line in f.read().split() if line.isdigit()]
            if numbers:
                proc.peak_rss_kb = int(numbers[-1])
    finally:
        if measured:
            os.unlink(rss_file)
    if proc.returncode != 0:
        diagnostics = (stderr.strip() or stdout.strip() or "(no output)").splitlines()
        if len(diagnostics) > MAX_ERROR_LINES:
            rest = len(diagnostics) - MAX_ERROR_LINES
            diagnostics = diagnostics[:MAX_ERROR_LINES] + [f"... ({rest} more lines)"]
            if error_log:
                with open(error_log, "w", encoding="utf-8") as f:
                    f.write(stderr + stdout)
                diagnostics[-1] = f"... ({rest} more lines in {error_log})"
        raise ToolError(f"{what or os.path.basename(args[0])} failed (exit status "
                        f"{proc.returncode})\n  command: {format_command(args)}\n"
                        + indent("\n".join(diagnostics)))
    return ToolRun(seconds, proc.peak_rss_kb, stdout, stderr)


def _communicate(proc: subprocess.Popen):
    """Like Popen.communicate, but reaps the child with wait4 to get its rusage."""
    import threading
    chunks = {"out": [], "err": []}

    def drain(stream, key):
        chunks[key].append(stream.read())
    readers = [threading.Thread(target=drain, args=(proc.stdout, "out")),
               threading.Thread(target=drain, args=(proc.stderr, "err"))]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.peak_rss_kb = usage.ru_maxrss
    proc.stdout.close()
    proc.stderr.close()
    return "".join(chunks["out"]), "".join(chunks["err"])


def format_command(args: Sequence[str]) -> str:
    import shlex
    return " ".join(shlex.quote(str(a)) for a in args)


def indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())

