#!/usr/bin/env python3
"""Throughput at --jobs 1 and --jobs 2 (and the output is the same bytes).

    python benchmarks/jobs_scaling.py [--docs 3000] [--repeat 2]

Also measures what this machine allows right now: two processes of pure-Python work against
one ("machine scaling", 2.0 on two idle cores). On a shared machine that ceiling, not
cleanroom, is often the limit; both numbers are printed so the result can be read honestly.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from _common import loadavg, machine_scaling, make_corpus, run_measured


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--dir", default="/tmp/cleanroom-bench")
    args = ap.parse_args()
    d = Path(args.dir)
    d.mkdir(parents=True, exist_ok=True)
    src = make_corpus(d / f"jobs-{args.docs}.jsonl", 20, args.docs // 20)
    best: dict[int, float] = {}
    outputs: dict[int, bytes] = {}
    for _ in range(args.repeat):
        for jobs in (1, 2):
            out = d / f"jobs-out-{jobs}.jsonl.gz"
            out.unlink(missing_ok=True)
            r = run_measured(["clean", "-q", "-j", str(jobs), "-o", str(out), str(src)])
            best[jobs] = min(best.get(jobs, 1e9), r["wall_s"])
            outputs[jobs] = out.read_bytes()
    m = machine_scaling()
    res = {
        "documents": args.docs,
        "docs_per_s_jobs1": round(args.docs / best[1], 1),
        "docs_per_s_jobs2": round(args.docs / best[2], 1),
        "speedup": round(best[1] / best[2], 2),
        "machine_scaling": round(m, 2),
        "speedup_vs_machine": round(best[1] / best[2] / m * 2, 2),
        "loadavg_1min": round(loadavg(), 2),
        "identical_output": outputs[1] == outputs[2],
    }
    shutil.rmtree(d / "unused", ignore_errors=True)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
