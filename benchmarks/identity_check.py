#!/usr/bin/env python3
"""Hashes of everything the cleaner outputs, to prove that a speed change changes no byte.

    PYTHONPATH=. python benchmarks/identity_check.py [--shared ../shared] [--jobs 2] [--html 100]
    PYTHONPATH=. python benchmarks/identity_check.py --expect HASH   # exit 1 on a mismatch

Covers, for each preset ("precision", "balanced", "recall"), every record of every dump file
of both dev sets (``<shared>/bench/{aeb,multi}/dumps/*.jsonl``): the full CleanResult (text,
title, score, input score, language and its probability as exact float reprs, every field of
every decision, stats, components, source); ``clean_html`` on a sample of
``--html`` HTML pages of each set, spread over the set; and the bytes the CLI
(``python -m cleanroom clean --format jsonl -``) writes for one dump file. Prints one hash
per part and the combined hash. Run it on the unchanged code first and keep the hash.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRESETS = ("precision", "balanced", "recall")
SETS = ("aeb", "multi")


def result_repr(r: object) -> str:
    """Every field of a CleanResult, floats as exact reprs."""
    from cleanroom import CleanResult

    assert isinstance(r, CleanResult)
    decisions = [
        (d.line, d.action, d.layer, d.reason.value, d.original, d.new_text, repr(d.value), repr(d.threshold))
        for d in r.decisions
    ]
    return repr(
        (
            r.text,
            r.title,
            repr(r.score),
            repr(r.input_score),
            r.language,
            repr(r.language_probability),
            decisions,
            sorted(r.stats.items()),
            sorted((k, repr(v)) for k, v in r.components.items()),
            repr(sorted(r.source.items())),
            r.removed_by_reason,
        )
    )


def hash_dump(task: tuple[str, str]) -> tuple[str, str, str]:
    preset, path = task
    from cleanroom import Cleaner

    cleaner = Cleaner(preset)
    h = hashlib.sha256()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            h.update(result_repr(cleaner.clean(rec["text"])).encode("utf-8", "surrogatepass"))
    return preset, path, h.hexdigest()


def hash_html(task: tuple[str, tuple[str, ...]]) -> tuple[str, str, str]:
    preset, paths = task
    from cleanroom import Cleaner

    cleaner = Cleaner(preset)
    h = hashlib.sha256()
    for p in paths:
        with gzip.open(p, "rb") as fh:
            data = fh.read()
        h.update(result_repr(cleaner.clean_html(data)).encode("utf-8", "surrogatepass"))
    return preset, "html", h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--html", type=int, default=50, help="HTML pages per set (spread over the set)")
    ap.add_argument("--cli-dump", default="aeb/dumps/w3m.jsonl")
    ap.add_argument("--expect", help="the combined hash to compare against")
    args = ap.parse_args()
    bench = Path(args.shared) / "bench"
    dumps = [str(p) for s in SETS for p in sorted((bench / s / "dumps").glob("*.jsonl"))]
    html: list[str] = []
    for s in SETS:
        pages = sorted((bench / s / "html").glob("*.html.gz"))
        step = max(1, len(pages) // args.html)
        html.extend(str(p) for p in pages[::step][: args.html])
    tasks = [(p, d) for p in PRESETS for d in dumps]
    # the longest tasks first, so the pool ends together
    tasks.sort(key=lambda t: -os.path.getsize(t[1]))
    parts: dict[tuple[str, str], str] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        html_futures = [pool.submit(hash_html, (p, tuple(html))) for p in PRESETS]
        for preset, path, digest in pool.map(hash_dump, tasks):
            parts[(preset, path)] = digest
        for f in html_futures:
            preset, name, digest = f.result()
            parts[(preset, name)] = digest
    with open(bench / args.cli_dump, "rb") as fh:
        cli = subprocess.run(
            [sys.executable, "-m", "cleanroom", "clean", "--format", "jsonl", "-"],
            stdin=fh,
            capture_output=True,
            check=True,
        )
    parts[("cli", args.cli_dump)] = hashlib.sha256(cli.stdout).hexdigest()
    total = hashlib.sha256()
    for key in sorted(parts):
        name = key[1].replace(str(bench) + "/", "")
        print(f"{parts[key][:16]}  {key[0]:<9} {name}")
        total.update(f"{key[0]} {name} {parts[key]}\n".encode())
    combined = total.hexdigest()
    print(f"combined {combined}  ({len(html)} HTML pages, {len(dumps)} dump files, {len(PRESETS)} presets)")
    if args.expect and args.expect != combined:
        print("MISMATCH: expected", args.expect)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
