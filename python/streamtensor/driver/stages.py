"""Stage bookkeeping: one progress line per stage with its measured cost."""

import resource
import sys
import time
from dataclasses import asdict, dataclass
from typing import Callable, List, Optional, TextIO

from .tools import ToolRun


@dataclass
class StageRecord:
    name: str
    what: str
    seconds: float
    peak_rss_kb: int
    memory_of: str        # "tool" (that child process alone) or "python" (this process so far)

    def as_dict(self):
        return asdict(self)


def process_age_seconds() -> Optional[float]:
    """Seconds since this process started (Linux /proc), or None elsewhere."""
    import os
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def format_memory(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


class StageLog:
    """Collects stage records and prints a line for each as it ends."""

    def __init__(self, stream: Optional[TextIO] = sys.stdout):
        self.stream = stream
        self.records: List[StageRecord] = []
        self.started = time.monotonic()

    def say(self, text: str) -> None:
        if self.stream is not None:
            print(text, file=self.stream, flush=True)

    def _add(self, record: StageRecord) -> StageRecord:
        self.records.append(record)
        whose = "tool process" if record.memory_of == "tool" else "python process, so far"
        self.say(f"  {record.name:<11} {record.what:<52} {record.seconds:6.2f} s   "
                 f"peak {format_memory(record.peak_rss_kb)} ({whose})")
        return record

    def python_stage(self, name: str, what: str, work: Callable[[], object]):
        start = time.monotonic()
        result = work()
        seconds = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self._add(StageRecord(name, what, seconds, peak, "python"))
        return result

    def python_startup(self) -> None:
        """Records the time this process took before the first stage (start-up, imports)."""
        seconds = process_age_seconds()
        if seconds is not None:
            seconds -= time.monotonic() - self.started
            self._add(StageRecord("startup", "Python start-up, import torch and streamtensor",
                                  max(seconds, 0.0),
                                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "python"))

    def tool_stages(self, name: str, what: str, runs: List[ToolRun]) -> StageRecord:
        return self._add(StageRecord(name, what, sum(r.seconds for r in runs),
                                     max((r.peak_rss_kb for r in runs), default=0), "tool"))

    @property
    def total_seconds(self) -> float:
        return time.monotonic() - self.started
