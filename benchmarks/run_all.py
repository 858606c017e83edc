#!/usr/bin/env python3
"""Run both dev sets through the shared benchmark and print the figures as Markdown.

    python benchmarks/run_all.py [--shared ../shared] [--presets] [--out benchmarks/results.json]

Uses ../shared/bench/run.py (the same command every figure in docs/benchmarks.md comes from):
each renderer's dumps are piped through `python -m cleanroom clean --format jsonl -`.
With --presets, the English set is also run once per preset.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_set(shared: Path, name: str, cmd: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(shared / "bench" / "run.py"), "--set", name, "--cmd", cmd, "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def table(name: str, res: dict) -> str:
    rows = [f"### {name}", "", "| renderer | F1 | P | R | docs/s |", "|---|---|---|---|---|"]
    for r, v in sorted(res["renderers"].items()):
        n_docs = 181 if name.startswith("aeb") else 355
        rows.append(
            f"| {r} | {v['f1']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} "
            f"| {n_docs / v['seconds']:.0f} |"
        )
    rows.append(f"| **mean** | **{res['mean_f1']:.3f}** | | | {res['docs_per_s']:.0f} |")
    return "\n".join(rows) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--presets", action="store_true", help="also run the English set once per preset")
    ap.add_argument("--out", default=None, help="write all results as JSON here")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "bench" / "run.py").exists():
        print(f"no benchmark at {shared}/bench", file=sys.stderr)
        return 2
    base = f"{sys.executable} -m cleanroom clean -q --format jsonl -"
    results: dict[str, dict] = {}
    results["aeb"] = run_set(shared, "aeb", base)
    results["multi"] = run_set(shared, "multi", base)
    if args.presets:
        for p in ("precision", "recall"):
            results[f"aeb-{p}"] = run_set(shared, "aeb", base + f" --preset {p}")
            results[f"multi-{p}"] = run_set(shared, "multi", base + f" --preset {p}")
    for name, res in results.items():
        print(table(name, res))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
