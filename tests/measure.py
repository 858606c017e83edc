"""Time and memory of a hostile input against an ordinary one, for the hostile-input tests
(tests/test_hostile_inputs.py, tests/test_io.py). Bounds are ratios, never absolute times.

Quick sizes: :func:`ratios`, the least CPU time of a few runs and the tracemalloc peak, in this
process. Full sizes (``CLEANROOM_FULL_SIZES=1``, marked slow): :func:`full_ratios`, one run each
in a forked child that reports its CPU time and peak RSS growth (:func:`measured`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

#: the sizes issue 6 names (a 50 MB line, a million lines, a 100 MB JSONL line): minutes, not
#: seconds, so only on request
FULL_SIZES = bool(os.environ.get("CLEANROOM_FULL_SIZES"))
FULL_SIZE = [pytest.mark.slow, pytest.mark.skipif(not FULL_SIZES, reason="set CLEANROOM_FULL_SIZES=1")]


def best_time(fn: Callable[[], Any], runs: int = 2) -> float:
    """The least CPU time of ``runs`` calls: cleaning is CPU-bound and single-threaded, and on a
    shared machine wall time also counts the time spent waiting for a core."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def peak_memory(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def ratios(hostile: Callable[[], Any], ordinary: Callable[[], Any], runs: int = 2) -> tuple[float, float]:
    """(time ratio, memory-peak ratio) of a hostile input against an ordinary one."""
    ordinary()  # warm-up: lexicons, langdetect profiles
    t = best_time(hostile, runs) / best_time(ordinary, runs)
    m = peak_memory(hostile) / peak_memory(ordinary)
    return t, m


T = TypeVar("T")
#: the kernel's peak-RSS counter can be reset (Linux 4.0+): full sizes measure in a forked child
RSS_PEAK = sys.platform == "linux" and os.access("/proc/self/clear_refs", os.W_OK)


def _status_kib(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


def _malloc_trim() -> None:
    """Give the C heap's free pages back to the system (glibc), so that they are not counted as
    resident and then reused without any growth of the RSS."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def measured(fn: Callable[[], T]) -> tuple[T, float, int]:
    """``fn()`` run once in a forked child: its (picklable) value, CPU seconds, peak RSS growth.

    One run gives both figures at full size, where a run takes tens of seconds (tracemalloc
    would slow it about fourfold); CPU time is steadier than wall time on a shared machine; and
    RSS also counts what libxml2 allocates. The peak is the kernel's high-water mark (VmHWM,
    reset through /proc/self/clear_refs) minus the RSS when the run starts; pages the child
    shares with this process count only once they are new. Without /proc (not Linux) it runs
    here, with best_time and peak_memory.
    """
    gc.collect()
    if not RSS_PEAK:
        value = fn()
        return value, best_time(fn, 1), peak_memory(fn)
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave without running any pytest teardown
        try:
            os.close(rfd)
            gc.collect()
            _malloc_trim()  # memory this process freed earlier must not hide the child's growth
            with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
                fh.write("5")  # VmHWM := VmRSS
            base = _status_kib("VmRSS")
            t0 = time.process_time()
            value = fn()
            cpu = time.process_time() - t0
            payload = pickle.dumps((value, cpu, (_status_kib("VmHWM") - base) * 1024))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            payload = pickle.dumps(f"{type(exc).__name__}: {exc}")
        with os.fdopen(wfd, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    assert data, f"the measuring child died (wait status {status})"
    got = pickle.loads(data)
    assert isinstance(got, tuple), got
    return got  # type: ignore[no-any-return]


def full_ratios(hostile: Callable[[], T], ordinary: Callable[[], Any], label: str) -> tuple[T, float, float]:
    """``hostile()``'s value and its (CPU time, peak RSS) ratios against ``ordinary()``, one
    measured run each; the figures are printed for docs/reliability.md (``pytest -s``)."""
    value, th, mh = measured(hostile)
    _, to, mo = measured(ordinary)
    t, m = th / to, mh / max(mo, 1)
    print(
        f"\n{label}: hostile {th:.1f} s {mh / 1e6:.0f} MB, ordinary {to:.1f} s {mo / 1e6:.0f} MB, "
        f"ratios time {t:.2f} memory {m:.2f}"
    )
    return value, t, m
