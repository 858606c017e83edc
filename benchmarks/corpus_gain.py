#!/usr/bin/env python3
"""Corpus mode's gain on a generated corpus of sites x pages with known article text.

    python benchmarks/corpus_gain.py [--sites 20] [--pages 30]

Bag-of-words precision / recall / F1 of each cleaned document against its article, averaged,
for a plain run and for --corpus-mode at several --site-min-docs thresholds (all through the CLI).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import make_corpus
from corpus_gen import f1


def clean(src: Path, *extra: str) -> tuple[list[dict], float]:
    t = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "cleanroom", "clean", "-q", *extra, str(src)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(x) for x in out.splitlines()], time.monotonic() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--dir", default="/tmp/cleanroom-bench")
    args = ap.parse_args()
    d = Path(args.dir)
    d.mkdir(parents=True, exist_ok=True)
    src = make_corpus(d / f"sites-{args.sites}x{args.pages}.jsonl", args.sites, args.pages)
    truth = [json.loads(x)["truth"] for x in src.read_text(encoding="utf-8").splitlines()]
    runs = [
        ("plain", ()),
        *[(f"corpus mode, min docs {k}", ("--corpus-mode", "--site-min-docs", str(k))) for k in (3, 5, 10)],
    ]
    print(f"{len(truth)} documents ({args.sites} sites x {args.pages} pages)\n")
    print("| run | precision | recall | F1 | seconds |\n|---|---|---|---|---|")
    for name, extra in runs:
        out, secs = clean(src, "-j", "2", *extra)
        scores = [f1(o["text"], t) for o, t in zip(out, truth)]
        p, r, f = (statistics.mean(s[i] for s in scores) for i in range(3))
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {secs:.1f} |")


if __name__ == "__main__":
    main()
