#!/usr/bin/env python3
"""Milliseconds per document spent in each layer (and in parsing, rendering and scoring),
cleaning one renderer's dumps of a dev set in this process.

    python benchmarks/layer_times.py [--set aeb|multi] [--renderer w3m] [--shared ../shared]

CPU time (time.process_time), after a warm-up pass over the first 20 documents, so start-up
costs (imports, lexicons, the langdetect table) are not counted here.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from cleanroom import Cleaner, frontend
from cleanroom.page import Page
from cleanroom.scoring import score_lines

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--set", default="aeb")
    ap.add_argument("--renderer", default="w3m")
    args = ap.parse_args()
    path = Path(args.shared) / "bench" / args.set / "dumps" / f"{args.renderer}.jsonl"
    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line)["text"] for line in fh]
    cleaner = Cleaner()
    for d in docs[:20]:
        cleaner.clean(d)
    spent: Counter[str] = Counter()
    start = time.process_time()
    for d in docs:
        t = time.process_time()
        page = Page(frontend.parse(d), cleaner.config, d)
        spent["parse"] += time.process_time() - t
        for layer in cleaner.layers:
            t = time.process_time()
            layer.apply(page)
            spent[layer.id] += time.process_time() - t
        t = time.process_time()
        frontend.render(page.lines)
        score_lines(page.lines)
        spent["render+score"] += time.process_time() - t
    total = time.process_time() - start
    for name, seconds in spent.most_common():
        print(f"{name:<14} {seconds / len(docs) * 1000:6.2f} ms/doc")
    print(f"{'total':<14} {total / len(docs) * 1000:6.2f} ms/doc over {len(docs)} documents")


if __name__ == "__main__":
    main()
