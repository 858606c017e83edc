#!/usr/bin/env python3
"""Peak memory against corpus size: 10x more input must raise peak RSS by under 10%.

    python benchmarks/memory.py [--docs 1500] [--jobs 1 2] [--dir /tmp/cleanroom-bench]

Cleans a generated JSONL.gz corpus of N and 10N documents with `cleanroom clean --shard-size`
and samples the RSS of the whole process tree (main process + workers).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from pathlib import Path

from _common import make_corpus, run_measured


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1500)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dir", default="/tmp/cleanroom-bench")
    args = ap.parse_args()
    d = Path(args.dir)
    d.mkdir(parents=True, exist_ok=True)
    small = make_corpus(d / f"mem-{args.docs}.jsonl", 15, args.docs // 15)
    big = d / f"mem-{args.docs * 10}.jsonl.gz"
    if not big.exists():  # the same documents ten times, compressed: 10x the input, same content mix
        with gzip.open(big, "wt", encoding="utf-8") as out:
            for _ in range(10):
                out.write(small.read_text(encoding="utf-8"))
    rows = []
    for jobs in args.jobs:
        res = {}
        for name, src in (("1x", small), ("10x", big)):
            out = d / f"out-{name}-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            res[name] = run_measured(
                ["clean", "-q", "-j", str(jobs), "--shard-size", "1000", "-o", f"{out}/", str(src)]
            )
        growth = res["10x"]["peak_rss_mb"] / res["1x"]["peak_rss_mb"] - 1
        rows.append(
            {
                "jobs": jobs,
                **{f"{k}_{m}": round(v, 2) for k, r in res.items() for m, v in r.items()},
                "growth": round(growth, 4),
            }
        )
    print(json.dumps(rows, indent=2))
    print("\n| jobs | docs | peak RSS (MB) | docs | peak RSS (MB) | growth |\n|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['jobs']} | {args.docs} | {r['1x_peak_rss_mb']:.0f} | {args.docs * 10} | {r['10x_peak_rss_mb']:.0f} | {100 * r['growth']:+.1f}% |"
        )


if __name__ == "__main__":
    main()
