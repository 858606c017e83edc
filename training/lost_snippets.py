#!/usr/bin/env python3
"""Where held-out recall goes: which layer dropped each must-keep snippet of the multilingual
dev set that the cross-validated pipeline lost, and what the menu rule took from inside the
kept text on both dev sets.

    python training/train_lines.py --cv --keep-folds /tmp/folds [--fold-salt S]
    python training/lost_snippets.py --models /tmp/folds [--fold-salt S] [--threshold 0.45]

Every page is cleaned with the model of the fold that held it out (the same folds as
``train_lines.py --cv``), so these are held-out decisions, never the shipped model's. A lost
snippet is counted once per renderer:

- ``not in the lines``: the page's lines as printed (after the layers' edits, numbered items
  with their number), joined, do not hold it (a converter's quotes or spacing; soft hyphens,
  which the normalize layer removes and some snippets hold);
- ``title``: it is the line taken for the page's headline (``title``, not the body, by design);
- ``LAYER:REASON``: the dropped line that holds its first 25 characters, and why;
- ``across lines``: held by several lines, some dropped, none holding its start.

Then the menu-dropped lines between a page's first and last kept line (``inside``), and the
runs of them with a kept line right above and right below (``sandwiched``): for aeb their
tokens in the gold and not in it (a line is gold by train_lines' labels), for multi the lost
must-keep and the must-not snippets they hold. This bounds what judging those lines again
could win (docs/learned.md, "What did not work").
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleanroom import Cleaner, preset  # noqa: E402
from cleanroom.frontend import item_number  # noqa: E402
from cleanroom.page import Line  # noqa: E402
from cleanroom.reasons import Reason  # noqa: E402
from training.train_lines import RENDERERS, TOKEN, aeb_labels, fold_of, host, norm_ws, read_jsonl  # noqa: E402

_START = 25  # characters of a snippet's start looked for in the dropped lines


def _printed(ln: Line) -> str:
    """The line as the output prints it, a numbered item with its number (frontend.render)."""
    number = item_number(ln.bullet)
    return f"{number} {ln.text}" if number else ln.text


def _menu_runs(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Menu-dropped lines between the first and the last kept line, and those of them in runs
    with a kept line right above and below."""
    kept = [i for i, ln in enumerate(lines) if ln.kept]
    inside: list[Line] = []
    sandwiched: list[Line] = []
    if not kept:
        return inside, sandwiched
    i, last = kept[0], kept[-1]
    while i <= last:
        j = i
        while j <= last and not lines[j].kept and lines[j].reason == Reason.MENU:
            j += 1
        if j > i:
            inside += lines[i:j]
            if lines[i - 1].kept and lines[j].kept:
                sandwiched += lines[i:j]
            i = j
        else:
            i += 1
    return inside, sandwiched


def _cause(snippet: str, lines: list[Line], title: str | None) -> str:
    if title is not None and snippet in norm_ws(title):
        return "title"
    if snippet not in norm_ws(" ".join(map(_printed, lines))):
        return "not in the lines"
    start = snippet[:_START]
    for ln in lines:
        if not ln.kept and start in norm_ws(_printed(ln)):
            return f"{ln.layer}:{ln.reason.value if ln.reason else '?'}"
    return "across lines"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=str(ROOT.parent / "shared" / "bench"))
    ap.add_argument("--models", required=True, help="the fold models of train_lines.py --keep-folds")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fold-salt", default="")
    ap.add_argument("--threshold", type=float, default=0.45)
    ap.add_argument("--renderers", default=",".join(RENDERERS))
    args = ap.parse_args()
    bench = Path(args.bench)
    models = Path(args.models)
    config = preset("balanced").replace(learned_threshold=args.threshold)
    cleaners = [
        Cleaner(config.replace(learned_model=str(models / f"fold{f}.json"))) for f in range(args.folds)
    ]
    aeb_gold = {r["id"]: r["gold"] for r in read_jsonl(bench / "aeb" / "pages.jsonl")}
    multi_gold = {r["id"]: r for r in read_jsonl(bench / "multi" / "gold.jsonl")}
    causes: Counter[str] = Counter()
    menus: Counter[tuple[str, str]] = Counter()
    total = n_with = 0
    for renderer in (r for r in args.renderers.split(",") if r):
        for name in ("aeb", "multi"):
            for rec in read_jsonl(bench / name / "dumps" / f"{renderer}.jsonl"):
                gold = aeb_gold.get(rec["id"]) if name == "aeb" else multi_gold.get(rec["id"])
                if gold is None:
                    continue
                group = rec["id"] if name == "aeb" else host(gold.get("url") or rec["id"])
                cleaner = cleaners[fold_of(group, args.folds, args.fold_salt)]
                page = cleaner.run(rec.get("text") or "")
                lines = [ln for ln in page.lines if ln.text]
                inside, sandwiched = _menu_runs(lines)
                if name == "aeb":
                    for label, part in (("inside", inside), ("sandwiched", sandwiched)):
                        texts = [ln.text for ln in part]
                        for text, gold_line in zip(texts, aeb_labels(texts, gold)[0]):
                            kind = "gold tokens" if gold_line else "other tokens"
                            menus[(f"aeb {label}", kind)] += len(TOKEN.findall(text))
                    continue
                n_with += len(gold.get("with") or [])
                out = norm_ws(" ".join(_printed(ln) for ln in lines if ln.kept))
                parts = {
                    label: norm_ws(" ".join(map(_printed, part)))
                    for label, part in (("inside", inside), ("sandwiched", sandwiched))
                }
                for key in ("with", "without"):
                    for snippet in (norm_ws(s) for s in gold.get(key) or []):
                        if not snippet or snippet in out:
                            continue
                        if key == "with":
                            total += 1
                            causes[_cause(snippet, lines, page.title)] += 1
                        for label, part_text in parts.items():
                            if snippet in part_text:
                                kind = "must-keep" if key == "with" else "must-not"
                                menus[(f"multi {label}", kind)] += 1
    print(f"multi: {total} of {n_with} must-keep snippets lost on held-out pages, by cause:")
    for cause, n in causes.most_common():
        print(f"  {cause:32}{n:6}")
    print("menu-dropped lines inside the kept text (aeb: tokens; multi: snippets not in the output):")
    for (where, kind), n in sorted(menus.items()):
        print(f"  {where:20}{kind:14}{n:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
