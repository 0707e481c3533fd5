"""CPU seconds of a benchmark's browser: load average stretches wall time, not the work done."""
from __future__ import annotations

import os
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def child_cpu_s() -> float:
    """CPU seconds used so far by the running descendants of this process (the chromium of a
    warm renderer); a browser that ends within the measure is not counted, so the cold lines
    show wall time only."""
    parent_and_cpu = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent_and_cpu[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    me = os.getpid()

    def descends(pid):
        while pid in parent_and_cpu and pid != me:
            pid = parent_and_cpu[pid][0]
        return pid == me
    return sum(cpu for pid, (_, cpu) in parent_and_cpu.items() if pid != me and descends(pid))
