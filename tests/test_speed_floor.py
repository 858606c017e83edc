"""benchmarks/speed_floor.py measures the cost floor of the benchmark command: its stage
commands must give every record back unchanged (so run.py times them on the same input and
output as cleanroom), and it must read run.py's throughput figure, not a wrong number."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "speed_floor.py"

RECORDS = [
    {"id": "a", "text": "Home\nNews\n\nThe council met on Tuesday. It voted on the budget.\n", "url": "x"},
    {"id": "b", "text": "CafÃ© owners said the rent had doubled since last year.\n"},
    {"id": "c", "text": ""},
    {"id": "d"},
]


@pytest.mark.parametrize("stage", ["io", "parse", "language", "normalize"])
def test_stage_gives_records_back_unchanged(stage: str) -> None:
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS)
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--stage", stage],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    assert [json.loads(line) for line in proc.stdout.splitlines()] == RECORDS


def test_reads_run_py_throughput(tmp_path: Path) -> None:
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "run.py").write_text(
        "print('w3m F1 0.650  P 0.5  R 0.99  812.0 docs/s')\n"
        "print('mean F1 0.650 over 1 renderers (shingles); 345.6 docs/s, 3.10 MB/s of dump')\n"
    )
    spec = importlib.util.spec_from_file_location("speed_floor", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    # the mean line's figure, not the renderer line's
    assert mod.docs_per_s(tmp_path, "aeb", "w3m", "true") == pytest.approx(345.6)
