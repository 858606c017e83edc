#!/usr/bin/env python3
"""How the other converters print the places where html2text glued a bold marker to a word:
is there a space in the page there or not? The evidence for the spacing rules of the
normalize layer's Markdown step (docs/layers.md, "Markdown emphasis").

    python benchmarks/markdown_spacing.py [--shared ../shared]

For every html2text dump of both dev sets, each place where a marker sits between two words
with no space ("word**Word", "Trends:**Evo", "now:****Amazon") is looked up in the same
page's html-text and inscriptis dumps: "space" when they print the two words with a space
and never without, "glued" when only without, "both" / "neither" otherwise. Reads the dumps
only; no cleaning.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the word (or word and punctuation mark) before the marker, the marker, the word after it
PLACES = {
    "word**word": re.compile(r"(\w+)(?<!\*)\*\*(?!\*)([^\W\d_]\w*)"),
    "punctuation**word": re.compile(r"(\w+[,;:.!?])(?<!\*)\*\*(?!\*)([^\W\d_]\w*)"),
    "word****word": re.compile(r"(\w+[,;:.!?]?)(?<!\*)\*{4}(?!\*)(\w+)"),
}


def _norm(text: str) -> str:
    return " ".join(text.split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    for name in ("aeb", "multi"):
        dumps = Path(args.shared) / "bench" / name / "dumps"
        others: dict[str, str] = {}
        for renderer in ("html_text", "inscriptis"):
            with open(dumps / f"{renderer}.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    others[rec["id"]] = others.get(rec["id"], "") + " " + _norm(rec.get("text") or "")
        with open(dumps / "html2text.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text, other = rec.get("text") or "", others.get(rec["id"], "")
                for place, pattern in PLACES.items():
                    for m in pattern.finditer(text):
                        left, right = m.group(1), m.group(2)
                        spaced, glued = f"{left} {right}" in other, f"{left}{right}" in other
                        verdict = (
                            ("both" if glued else "space") if spaced else ("glued" if glued else "neither")
                        )
                        counts[(place, verdict)] += 1
    print(f"{'place':20}{'space':>8}{'glued':>8}{'both':>8}{'neither':>8}")
    for place in PLACES:
        row = "".join(f"{counts[(place, v)]:8}" for v in ("space", "glued", "both", "neither"))
        print(f"{place:20}{row}")


if __name__ == "__main__":
    main()
