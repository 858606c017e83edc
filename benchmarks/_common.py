"""Helpers of the corpus benchmarks: a generated corpus, running the CLI, measuring a process tree."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_gen import generate, write_jsonl  # noqa: E402


def make_corpus(path: Path, sites: int, pages: int, seed: int = 7) -> Path:
    if not path.exists():
        write_jsonl(path, generate(sites, pages, seed))
    return path


def run_measured(args: list[str], poll: float = 0.05) -> dict[str, float]:
    """Run ``python -m cleanroom ARGS``; wall time and the peak RSS of the whole process tree
    (the main process plus its workers, sampled with psutil)."""
    import psutil

    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "cleanroom", *args], stdout=subprocess.DEVNULL)
    p = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(poll)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        raise SystemExit(f"cleanroom failed: {args}")
    return {"wall_s": wall, "peak_rss_mb": peak / 2**20}


def machine_scaling(n: int = 20_000_000) -> float:
    """How much faster two processes do two units of pure-Python work than one does one unit, on
    this machine right now (2.0 on two idle cores; less when neighbours use the CPU)."""
    import multiprocessing as mp

    t = time.monotonic()
    _burn(n)
    one = time.monotonic() - t
    t = time.monotonic()
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(_burn, [n, n])
    return 2 * one / (time.monotonic() - t)


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def loadavg() -> float:
    return os.getloadavg()[0]
