#!/usr/bin/env python3
"""Soak test: clean a large generated JSONL corpus through the real CLI and watch throughput
and memory from start to end.

    python benchmarks/soak.py --size-mb 2048 --jobs 2            # the issue's 2 GB run
    python benchmarks/soak.py --size-mb 300 --interval 5 --json benchmarks/soak.json

Nothing is written to disk: records are generated on the fly (seeded, so two runs see the same
corpus) and streamed into ``python -m cleanroom clean --format jsonl -j N -`` through a pipe;
its stdout is read and counted. Every ``--interval`` seconds the script samples

- the input bytes accepted by the CLI (the pipe buffer is 64 KiB, so written ~ consumed),
- the output records and bytes read back,
- the resident set size of the CLI's whole process tree (the parent and its workers), read
  from /proc (Linux only; no psutil needed).

At the end it compares the first and the last quarter of the run (the first sample is warm-up
and skipped): throughput is "flat" when the last quarter's median is at least 80% of the first
quarter's, memory is "bounded" when the peak RSS of the last quarter is at most 1.25 x the peak
of the first quarter plus 64 MB. The exit status is 0 when both hold and every record came back.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_VOCABULARY = (
    "the minister council officials researchers company residents said announced warned argued "
    "confirmed reported that talks would continue next week new rules take effect in spring prices "
    "had risen for third month row bridge remain closed until further notice more than hundred "
    "people been evacuated from valley budget debated parliament on thursday results study were "
    "encouraging expected according to statement local authorities government spokesperson market "
    "analysts however despite concerns about future region economy growth slowed sharply during"
)
WORDS = _VOCABULARY.split()
MENU = ["Home", "News", "World", "Politics", "Sport", "Business", "Login", "Subscribe", "Contact Us"]
FOOTER = ["© 2024 Example Media", "Privacy Policy", "Terms of Use", "Follow us on Twitter", "Read more"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "!", "?"])


def _document(rng: random.Random, samples: list[str]) -> str:
    """A page dump: menu, an article of generated paragraphs (sometimes a real sample page),
    footer. Documents average about 3 KB."""
    if samples and rng.random() < 0.2:
        return rng.choice(samples)
    menu = rng.sample(MENU, rng.randint(3, len(MENU)))
    paras = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(2, 10))]
    footer = rng.sample(FOOTER, rng.randint(1, len(FOOTER)))
    return "\n".join(menu) + "\n\n" + "\n\n".join(paras) + "\n\n" + "\n".join(footer) + "\n"


def generate(size_bytes: int, seed: int = 0):
    """Yield encoded JSONL lines until ``size_bytes`` have been produced."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    # a pool of documents, each record a pool document with a fresh sentence in front, so the
    # generator outruns the cleaner and no two records are identical
    pool = [_document(rng, samples) for _ in range(2000)]
    produced = 0
    n = 0
    while produced < size_bytes:
        text = _sentence(rng) + " " + rng.choice(pool)
        line = (json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False) + "\n").encode()
        produced += len(line)
        n += 1
        yield line


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def tree_rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` and all its descendants, in MB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for row in fh:
                    if row.startswith("VmRSS:"):
                        total += int(row.split()[1])
                        break
        except OSError:
            continue
        todo.extend(_children(p))
    return total / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=2048, help="corpus size in MB (default 2048)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--interval", type=float, default=5.0, help="seconds between samples")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="write the samples and the verdict to this file")
    args = ap.parse_args(argv)

    size = int(args.size_mb * 1024 * 1024)
    cmd = [sys.executable, "-m", "cleanroom", "clean", "--format", "jsonl", "-j", str(args.jobs), "-q", "-"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    state = {"in_bytes": 0, "in_records": 0, "out_bytes": 0, "out_records": 0, "write_error": ""}

    def feed() -> None:
        try:
            for line in generate(size, args.seed):
                proc.stdin.write(line)  # type: ignore[union-attr]
                state["in_bytes"] += len(line)
                state["in_records"] += 1
            proc.stdin.close()  # type: ignore[union-attr]
        except BrokenPipeError as exc:
            state["write_error"] = str(exc)

    def drain() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            state["out_bytes"] += len(line)
            state["out_records"] += 1

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    start = last_t = time.monotonic()
    last_in = 0
    samples: list[dict] = []
    print(f"soak: {args.size_mb:g} MB, {' '.join(cmd[1:])}", file=sys.stderr)
    print(f"{'t(s)':>7} {'in MB':>9} {'MB/s':>7} {'recs out':>10} {'RSS MB':>8}", file=sys.stderr)
    while proc.poll() is None:
        time.sleep(args.interval)
        now = time.monotonic()
        rss = tree_rss_mb(proc.pid)
        in_b = state["in_bytes"]
        rate = (in_b - last_in) / (now - last_t) / 1e6
        s = {
            "t": round(now - start, 1),
            "in_mb": round(in_b / 1e6, 1),
            "mb_s": round(rate, 3),
            "out_records": state["out_records"],
            "rss_mb": round(rss, 1),
        }
        if proc.poll() is None and rss > 0:
            samples.append(s)
            print(
                f"{s['t']:7.0f} {s['in_mb']:9.1f} {s['mb_s']:7.2f} {s['out_records']:10d} {s['rss_mb']:8.1f}",
                file=sys.stderr,
            )
        last_in, last_t = in_b, now
    for t in threads:
        t.join(timeout=30)
    elapsed = time.monotonic() - start
    rc = proc.returncode

    steady = samples[1:] if len(samples) > 4 else samples
    q = max(1, len(steady) // 4)
    first, last = steady[:q], steady[-q:]
    # the last sample can include the end of the input (feeding stops before cleaning does)
    tput_first = statistics.median(s["mb_s"] for s in first) if first else 0.0
    tput_last = statistics.median(s["mb_s"] for s in last) if last else 0.0
    rss_first = max((s["rss_mb"] for s in first), default=0.0)
    rss_last = max((s["rss_mb"] for s in last), default=0.0)
    flat = tput_first > 0 and tput_last >= 0.8 * tput_first
    bounded = rss_last <= 1.25 * rss_first + 64
    complete = rc == 0 and state["out_records"] == state["in_records"] and not state["write_error"]
    verdict = {
        "size_mb": args.size_mb,
        "jobs": args.jobs,
        "command": " ".join(cmd[1:]),
        "elapsed_s": round(elapsed, 1),
        "records_in": state["in_records"],
        "records_out": state["out_records"],
        "exit_code": rc,
        "mean_mb_s": round(state["in_bytes"] / 1e6 / elapsed, 3),
        "throughput_first_quarter_mb_s": tput_first,
        "throughput_last_quarter_mb_s": tput_last,
        "rss_peak_first_quarter_mb": rss_first,
        "rss_peak_last_quarter_mb": rss_last,
        "rss_peak_mb": max((s["rss_mb"] for s in samples), default=0.0),
        "throughput_flat": flat,
        "memory_bounded": bounded,
        "all_records_accounted": complete,
    }
    print(json.dumps(verdict, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps({"verdict": verdict, "samples": samples}, indent=1) + "\n")
    return 0 if flat and bounded and complete else 1


if __name__ == "__main__":
    sys.exit(main())
