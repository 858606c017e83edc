#!/usr/bin/env python3
"""How fast the benchmark command could be at best: the cost floor of the steps any design of
cleanroom must take, measured the way ``../shared/bench/run.py`` measures cleanroom itself
(the whole command, start-up included, one process).

    python benchmarks/speed_floor.py [--shared ../shared] [--sets aeb,multi] [--renderers w3m,...]

Each stage is a command that reads the benchmark's JSONL records on stdin and writes them back,
doing only part of the work, and run.py times it on every dump file:

- ``io``: Python start-up, reading and writing the JSONL records;
- ``parse``: + splitting each text into cleanroom's lines (``frontend.parse``);
- ``language``: + the language layer (langdetect, seeded, one trial on a bounded sample);
- ``normalize``: + the normalize layer (ftfy where mojibake shows, invisible characters,
  hard-wrap re-joining, glued sentences) -- the floor: what is left of a cleaner without a
  single filter;
- ``cleanroom``: the real command, ``python -m cleanroom clean --format jsonl -``.

The records come back unchanged, so F1 is the raw dump's and only docs/s matters here. With
``--stage NAME`` the script is that stage's command itself (what run.py calls).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("io", "parse", "language", "normalize")


def run_stage(stage: str) -> None:
    """Be the command of one stage: JSONL records in on stdin, the same records out."""
    out = sys.stdout
    if stage == "io":  # cleanroom is not even imported
        for line in sys.stdin:
            out.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")
        return
    from cleanroom import frontend
    from cleanroom.config import preset
    from cleanroom.layers.language import Language
    from cleanroom.layers.normalize import Normalize
    from cleanroom.page import Page

    cfg = preset("balanced")
    layers = {"parse": [], "language": [Language()], "normalize": [Language(), Normalize()]}[stage]
    for line in sys.stdin:
        rec = json.loads(line)
        text = rec.get("text") or ""
        page = Page(frontend.parse(text), cfg, text)
        for layer in layers:
            layer.apply(page)
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def docs_per_s(shared: Path, bench_set: str, renderers: str, cmd: str) -> float:
    """run.py's own docs/s figure (the whole command, start-up included) for one command."""
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "bench" / "run.py"),
            "--set",
            bench_set,
            "--renderers",
            renderers,
            "--cmd",
            cmd,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found = re.search(r"([\d.]+) docs/s, [\d.]+ MB/s", proc.stdout)
    if found is None:
        raise SystemExit(f"run.py printed no throughput:\n{proc.stdout}\n{proc.stderr}")
    return float(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stage", choices=STAGES, help="be this stage's command (run.py calls this)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sets", default="aeb,multi")
    ap.add_argument("--renderers", default="w3m,lynx,html2text,inscriptis,html_text,bs4")
    args = ap.parse_args()
    if args.stage:
        run_stage(args.stage)
        return
    shared = Path(args.shared)
    commands = {s: f"{sys.executable} {Path(__file__).resolve()} --stage {s}" for s in STAGES}
    commands["cleanroom"] = f"{sys.executable} -m cleanroom clean --format jsonl -"
    print("| stage | " + " | ".join(f"{s} docs/s" for s in args.sets.split(",")) + " |")
    print("|---|" + "---|" * len(args.sets.split(",")))
    for name, cmd in commands.items():
        figures = [docs_per_s(shared, s, args.renderers, cmd) for s in args.sets.split(",")]
        print(f"| {name} | " + " | ".join(f"{f:.0f}" for f in figures) + " |", flush=True)


if __name__ == "__main__":
    main()
