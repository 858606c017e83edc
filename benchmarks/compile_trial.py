#!/usr/bin/env python3
"""Would compiling the hot modules with mypyc pay? A trial, not part of the package build.

    python benchmarks/compile_trial.py [--shared ../shared] [--renderers w3m,html_text]

Copies cleanroom/ to a temporary folder, compiles the layers, the lexicon scanner, the line
model and the text front end there with mypyc (``pip install mypy``; it needs a C compiler),
then times ``Cleaner().clean`` over the chosen renderers' aeb dumps in two subprocesses, the
plain package and the compiled copy, and prints the CPU milliseconds per document of each
(best of three passes, ``time.process_time``). The outputs of the two are compared too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "features.py",
    "lexicon.py",
    "model.py",
    "page.py",
    "frontend.py",
    "scoring.py",
    *(
        f"layers/{p.name}"
        for p in sorted((ROOT / "cleanroom" / "layers").glob("*.py"))
        if p.name != "__init__.py"
    ),
]

TIMER = r"""
import hashlib, json, sys, time
from cleanroom import Cleaner
docs = []
for r in sys.argv[2].split(","):
    with open(f"{sys.argv[1]}/bench/aeb/dumps/{r}.jsonl", encoding="utf-8") as f:
        docs += [json.loads(line)["text"] for line in f]
c = Cleaner()
digest = hashlib.sha256("\0".join(c.clean(d).text for d in docs).encode()).hexdigest()[:16]
best = float("inf")
for _ in range(3):
    t = time.process_time()
    for d in docs:
        c.clean(d)
    best = min(best, time.process_time() - t)
import cleanroom.layers.chrome as probe
print(json.dumps({"ms_per_doc": 1000 * best / len(docs), "docs": len(docs), "digest": digest,
                  "compiled": probe.__file__.endswith(".so")}))
"""


def measure(path: Path, shared: str, renderers: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", TIMER, shared, renderers],
        capture_output=True,
        text=True,
        cwd=path,
        env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"},
    )
    if out.returncode != 0:
        raise SystemExit(f"timing {path.name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--renderers", default="w3m,html_text")
    args = ap.parse_args(argv)
    mypyc = shutil.which("mypyc") or str(Path(sys.executable).parent / "mypyc")
    with tempfile.TemporaryDirectory() as tmp:
        plain, compiled = Path(tmp) / "plain", Path(tmp) / "compiled"
        for dest in (plain, compiled):
            shutil.copytree(ROOT / "cleanroom", dest / "cleanroom")
        build = subprocess.run(
            [mypyc, *(f"cleanroom/{m}" for m in MODULES)], cwd=compiled, capture_output=True, text=True
        )
        if build.returncode != 0:
            print(build.stdout[-2000:], build.stderr[-2000:], file=sys.stderr)
            return 1
        a = measure(plain, args.shared, args.renderers)
        b = measure(compiled, args.shared, args.renderers)
    print(f"plain    {a['ms_per_doc']:.2f} ms/doc over {a['docs']} documents")
    print(f"compiled {b['ms_per_doc']:.2f} ms/doc ({len(MODULES)} modules; compiled={b['compiled']})")
    print(f"speed-up {a['ms_per_doc'] / b['ms_per_doc']:.2f}x; same output: {a['digest'] == b['digest']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
