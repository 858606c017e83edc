#!/usr/bin/env python3
"""Benchmark cleanroom's HTML path on the dev sets' original pages, with trafilatura side by side.

    python benchmarks/html_bench.py [--shared ../shared] [--sets aeb,multi] [--no-trafilatura]
                                    [--keep DIR] [--json] [--repeat N]

- aeb: ``bench/aeb/html/*.html.gz`` scored in shingles mode against ``aeb/pages.jsonl``;
- multi: ``bench/multi/html/*.html.gz`` scored in snippets mode against ``multi/gold.jsonl``.

Pages are read into memory first (bytes, as a crawler holds them); the timed part is
``Cleaner().clean_html(bytes)`` per page, in this process. When trafilatura is importable (the
``bench`` extra), ``trafilatura.extract`` runs on the same pages in the same run, alternating
with cleanroom set by set, and the speed ratio is printed; with ``--repeat N`` each tool's
time is the best of N passes, which is steadier on a shared machine. Nothing reads the gold
while cleaning: the scorer (``bench/score.py``) sees the outputs afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_pages(folder: Path) -> list[tuple[str, bytes]]:
    pages = []
    for p in sorted(folder.glob("*.html.gz")):
        with gzip.open(p, "rb") as f:
            pages.append((p.name[: -len(".html.gz")], f.read()))
    return pages


def run(fn: Callable[[bytes], str], pages: list[tuple[str, bytes]], repeat: int) -> tuple[dict, float]:
    best = float("inf")
    out: dict[str, dict] = {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = {pid: {"id": pid, "text": fn(data)} for pid, data in pages}
        best = min(best, time.perf_counter() - t0)
        out = res
    return out, best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sets", default="aeb,multi")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--preset", default="balanced")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--keep", help="write each tool's outputs as JSONL here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    bench = Path(args.shared) / "bench"
    sys.path.insert(0, str(bench))
    import score  # the shared scorer (stdlib only)

    sys.path.insert(0, str(ROOT))
    from cleanroom import Cleaner

    cleaner = Cleaner(args.preset)
    tools: dict[str, Callable[[bytes], str]] = {"cleanroom": lambda b: cleaner.clean_html(b).text}
    if not args.no_trafilatura:
        try:
            import trafilatura
        except ImportError:
            print("trafilatura not installed (pip install -e '.[bench]'): cleanroom only", file=sys.stderr)
        else:
            tools["trafilatura"] = lambda b: trafilatura.extract(b) or ""

    results: dict[str, dict] = {}
    for name in [s for s in args.sets.split(",") if s]:
        root = bench / name
        if (root / "pages.jsonl").exists():
            mode, gold_path = "shingles", root / "pages.jsonl"
        else:
            mode, gold_path = "snippets", root / "gold.jsonl"
        gold = score.load_jsonl(str(gold_path))
        pages = load_pages(root / "html")
        for fn in tools.values():  # warm-up: imports, lexicons, language profiles
            fn(pages[0][1])
        for tool, fn in tools.items():
            pred, secs = run(fn, pages, args.repeat)
            score.QUIET = True
            m = score.evaluate(mode, gold, pred, n_boot=200)
            row = {
                "mode": mode,
                "docs": len(pages),
                "f1": m["f1"],
                "f1_std": m.get("f1_std"),
                "precision": m["precision"],
                "recall": m["recall"],
                "seconds": secs,
                "docs_per_s": len(pages) / secs,
                "mb_per_s": sum(len(b) for _, b in pages) / secs / 1e6,
            }
            results.setdefault(name, {})[tool] = row
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                with open(Path(args.keep) / f"{name}-{tool}.jsonl", "w", encoding="utf-8") as f:
                    for rec in pred.values():
                        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if not args.json:
                print(
                    f"{name:<6} {tool:<12} F1 {row['f1']:.3f} ± {row['f1_std'] or 0:.3f}  P {row['precision']:.3f}"
                    f"  R {row['recall']:.3f}  {row['docs_per_s']:7.1f} docs/s  ({mode}, {len(pages)} pages)"
                )
        if "trafilatura" in results[name] and not args.json:
            ratio = results[name]["cleanroom"]["docs_per_s"] / results[name]["trafilatura"]["docs_per_s"]
            print(f"{name:<6} speed ratio cleanroom / trafilatura: {ratio:.2f}x")
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
