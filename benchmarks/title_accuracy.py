#!/usr/bin/env python3
"""How often is `CleanResult.title` the page's headline? The dev sets have no gold title, so
the reference is the page's own HTML <title> element (read here, at measuring time only; the
cleaner sees the text dump and nothing else). A title counts as right when at least 60% of its
words are words of the <title> (which often adds the site's name: "Headline | Site"), wrong
otherwise, and "none" when the cleaner found no title.

    python benchmarks/title_accuracy.py [--shared ../shared] [--sets aeb,multi]
        [--renderers w3m,bs4,html2text] [--show 20]

Prints one JSON line per set and renderer, then the first --show wrong titles.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleanroom import Cleaner  # noqa: E402

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def html_title(path: Path) -> str | None:
    with gzip.open(path) as fh:
        raw = fh.read().decode("utf-8", "replace")
    m = _TITLE.search(raw)
    return " ".join(html.unescape(m.group(1)).split()) if m else None


def judge(title: str | None, reference: str) -> str:
    if not title:
        return "none"
    mine = words(title)
    return "right" if mine and len(mine & words(reference)) >= 0.6 * len(mine) else "wrong"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sets", default="aeb,multi")
    ap.add_argument("--renderers", default="w3m,bs4,html2text")
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    cleaner = Cleaner()
    wrong: list[tuple[str, str, str]] = []
    for set_name in args.sets.split(","):
        bench = Path(args.shared) / "bench" / set_name
        for renderer in args.renderers.split(","):
            counts = {"right": 0, "wrong": 0, "none": 0}
            with open(bench / "dumps" / f"{renderer}.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    reference = html_title(bench / "html" / f"{rec['id']}.html.gz")
                    if not reference:
                        continue  # nothing to compare with
                    title = cleaner.clean(rec["text"]).title
                    verdict = judge(title, reference)
                    counts[verdict] += 1
                    if verdict == "wrong":
                        wrong.append((f"{set_name}/{renderer}", title or "", reference))
            n = sum(counts.values())
            print(json.dumps({"set": set_name, "renderer": renderer, "pages": n, **counts}))
    for where, title, reference in wrong[: args.show]:
        print(f"{where}: {title[:70]!r}  <title> {reference[:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
