#!/usr/bin/env python3
"""Does the cleanliness score mean something? Spearman correlation between a document's
score and its true shingle precision, over the English dev set's raw dumps and cleaned
outputs together (every renderer).

    python benchmarks/score_correlation.py [--shared ../shared] [--renderers w3m,lynx,...]

The score of a raw dump is `cleanroom.score(raw).score`; the score of a cleaned output is
`cleanroom.score(cleaned).score` (the cleaned text scored again as any text would be). The
true precision comes from the shared scorer (../shared/bench/score.py, doc_scores).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1  # ties share their mean rank
        i = j + 1
    return out


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def collect(shared: Path, renderers: list[str]) -> tuple[list[float], list[float]]:
    sys.path.insert(0, str(shared / "bench"))
    import score as scorer  # the shared scorer

    import cleanroom

    with open(shared / "bench/aeb/pages.jsonl", encoding="utf-8") as fh:
        gold = {r["id"]: r["gold"] for r in map(json.loads, fh)}
    cleaner = cleanroom.Cleaner()
    scores: list[float] = []
    precisions: list[float] = []
    for r in renderers:
        with open(shared / f"bench/aeb/dumps/{r}.jsonl", encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh]
        for rec in records:
            raw = rec["text"]
            cleaned = cleaner.clean(raw).text
            for text in (raw, cleaned):
                p = scorer.doc_scores(gold[rec["id"]], text)["p"]
                if p is None:  # no output: precision undefined
                    continue
                scores.append(cleaner.score(text).score)
                precisions.append(p)
    return scores, precisions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--renderers", default="w3m,lynx,inscriptis,html2text,html_text,bs4")
    args = ap.parse_args()
    scores, precisions = collect(Path(args.shared), args.renderers.split(","))
    rho = spearman(scores, precisions)
    print(json.dumps({"documents": len(scores), "spearman": round(rho, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
