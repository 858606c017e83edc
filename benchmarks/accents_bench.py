#!/usr/bin/env python3
"""How well does the accents layer put back accents, and does it leave correct text alone?

1. Stripped pages: every page of a dev set's dump (one renderer, inscriptis by default, which
   keeps the page's accents) has the marks taken off all its letters, as html2text does to a
   page that spells every accented letter as an HTML entity. Both versions go through
   normalize, language and accents only; the words of the two outputs are compared one to one.
   Per language: the accented words put back right, put back wrong, left bare, and the words
   without accents that were changed all the same.
2. Untouched pages: every page of every renderer as it is. A page written with its accents
   should come out of the layer unchanged; the pages and words it changed are counted.

    python benchmarks/accents_bench.py [--shared ../shared] [--sets aeb,multi]
        [--renderer inscriptis] [--renderers w3m,lynx,inscriptis,html2text,html_text,bs4]

Prints one JSON line per language (part 1), then one per set and renderer (part 2).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleanroom import Cleaner, Config  # noqa: E402
from cleanroom.accents import strip_marks  # noqa: E402
from cleanroom.layers import LAYER_IDS  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")
_KEEP = {"normalize", "language", "accents"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sets", default="aeb,multi")
    ap.add_argument("--renderer", default="inscriptis", help="the dumps to strip (part 1)")
    ap.add_argument("--renderers", default="w3m,lynx,inscriptis,html2text,html_text,bs4")
    args = ap.parse_args()
    bench = Path(args.shared) / "bench"
    only = frozenset(set(LAYER_IDS) - _KEEP)
    with_accents = Cleaner(Config(disabled=only))
    without = Cleaner(Config(disabled=only | {"accents"}))

    # part 1: stripped pages
    per_lang: dict[str, Counter[str]] = defaultdict(Counter)
    for name in args.sets.split(","):
        path = bench / name / "dumps" / f"{args.renderer}.jsonl"
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            reference = without.clean(doc["text"])
            restored = with_accents.clean(strip_marks(doc["text"]))
            ref_words = _WORD.findall(reference.text)
            out_words = _WORD.findall(restored.text)
            c = per_lang[reference.language.split("-")[0]]
            c["pages"] += 1
            if len(ref_words) != len(out_words):
                c["pages_misaligned"] += 1  # normalize joined lines differently: not counted
                continue
            c["pages_restored"] += any(d.layer == "accents" for d in restored.decisions)
            for ref, out in zip(ref_words, out_words):
                c["words"] += 1
                if strip_marks(ref) == ref:
                    c["plain"] += 1
                    c["plain_changed"] += out != ref
                else:
                    c["accented"] += 1
                    if out == ref:
                        c["right"] += 1
                    elif out == strip_marks(ref):
                        c["left_bare"] += 1
                    else:
                        c["wrong"] += 1
    for lang, c in sorted(per_lang.items(), key=lambda kv: -kv[1]["accented"]):
        if not c["accented"]:
            continue
        row = {"part": "stripped", "language": lang, **c}
        row["right_share"] = round(c["right"] / c["accented"], 4)
        row["wrong_share"] = round(c["wrong"] / c["accented"], 4)
        row["plain_changed_per_10k"] = round(1e4 * c["plain_changed"] / max(1, c["plain"]), 2)
        print(json.dumps(row))

    # part 2: pages as they are
    for name in args.sets.split(","):
        for renderer in args.renderers.split(","):
            path = bench / name / "dumps" / f"{renderer}.jsonl"
            counts: Counter[str] = Counter()
            langs: Counter[str] = Counter()
            for line in path.open(encoding="utf-8"):
                doc = json.loads(line)
                res = with_accents.clean(doc["text"])
                edits = [d for d in res.decisions if d.layer == "accents"]
                counts["pages"] += 1
                if edits:
                    counts["pages_changed"] += 1
                    counts["lines_changed"] += len(edits)
                    langs[res.language] += 1
            print(
                json.dumps(
                    {"part": "as_is", "set": name, "renderer": renderer, **counts, "languages": dict(langs)}
                )
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
