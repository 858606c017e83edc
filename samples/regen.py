"""Regenerate (or check) the expected outputs of the samples.

    python samples/regen.py           # write samples/expected/<name>.cleaned for every samples/<name>.txt
    python samples/regen.py --check   # compare only; exit 1 and list the differences

Each expected file is ``cleanroom.clean(text).text`` with the default ("balanced") preset,
followed by one newline. The script imports the cleanroom found next to this folder, so it
checks the working tree even when another version is installed.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import cleanroom  # noqa: E402


def expected_for(sample: Path) -> str:
    text = sample.read_text(encoding="utf-8")
    return cleanroom.clean(text).text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with samples/expected/, write nothing")
    args = parser.parse_args(argv)

    out_dir = HERE / "expected"
    samples = sorted(HERE.glob("*.txt"))
    if not samples:
        print("regen: no samples/*.txt found", file=sys.stderr)
        return 1
    problems: list[str] = []
    for sample in samples:
        want = expected_for(sample)
        target = out_dir / (sample.stem + ".cleaned")  # not .txt: `cleanroom clean samples/` skips it
        if args.check:
            if not target.exists():
                problems.append(f"{target.relative_to(HERE.parent)}: missing")
                continue
            have = target.read_text(encoding="utf-8")
            if have != want:
                diff = difflib.unified_diff(
                    have.splitlines(), want.splitlines(), "expected/" + target.name, "now", lineterm="", n=1
                )
                problems.append("\n".join(diff))
        else:
            out_dir.mkdir(exist_ok=True)
            target.write_text(want, encoding="utf-8", newline="\n")
    if args.check:
        names = {s.stem + ".cleaned" for s in samples}
        for stale in sorted(out_dir.glob("*.cleaned")):
            if stale.name not in names:
                problems.append(f"{stale.relative_to(HERE.parent)}: no sample of that name")
        if problems:
            print(f"regen --check: {len(problems)} difference(s)", file=sys.stderr)
            for p in problems:
                print(p, file=sys.stderr)
            return 1
        print(f"regen --check: {len(samples)} samples match", file=sys.stderr)
    else:
        print(f"regen: wrote {len(samples)} expected outputs to {out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
