#!/usr/bin/env python3
"""Microseconds per kept line for the learned line model's inference: the logistic part alone
and with the shipped trees, over the feature rows of one renderer's dev dumps.

    python benchmarks/model_cost.py [--shared ../shared] [--set aeb] [--renderer w3m]

CPU time (time.process_time), best of five passes over the same rows.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from cleanroom import Cleaner, frontend
from cleanroom.layers.learned import LineModel, load_model, measure
from cleanroom.page import Page

ROOT = Path(__file__).resolve().parents[1]


def rows_of(shared: Path, name: str, renderer: str) -> tuple[list[tuple[float, ...]], int]:
    cleaner = Cleaner()
    rows: list[tuple[float, ...]] = []
    docs = 0
    with open(shared / "bench" / name / "dumps" / f"{renderer}.jsonl", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            page = Page(frontend.parse(text), cleaner.config, text)
            for layer in cleaner.layers:
                if layer.id == "learned":
                    break
                layer.apply(page)
            measured = measure(page)
            docs += 1
            if measured:
                rows.extend(measured[1])
    return rows, docs


def best_of(model: LineModel, rows: list[tuple[float, ...]], passes: int = 5) -> float:
    best = float("inf")
    for _ in range(passes):
        t = time.process_time()
        model.probabilities(rows)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--set", default="aeb")
    ap.add_argument("--renderer", default="w3m")
    args = ap.parse_args()
    rows, docs = rows_of(Path(args.shared), args.set, args.renderer)
    shipped = load_model()
    raw = json.loads((ROOT / "cleanroom" / "models" / "lines.json").read_text(encoding="utf-8"))
    linear = LineModel({k: v for k, v in raw.items() if k != "trees"})
    print(f"{len(rows)} kept lines in {docs} documents ({len(rows) / docs:.0f} per document)")
    for name, model in (("logistic only", linear), (f"logistic + {shipped.trees} trees", shipped)):
        sec = best_of(model, rows)
        print(f"{name:24} {1e6 * sec / len(rows):6.2f} us/line  {1e3 * sec / docs:6.3f} ms/document")


if __name__ == "__main__":
    main()
