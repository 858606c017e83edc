"""samples/: every sample's cleaned output equals its expected file (samples/expected/*.cleaned),
and a folder run reads only the dumps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cleanroom.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_samples_match_their_expected_outputs() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "samples" / "regen.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_folder_run_reads_only_documents(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", "-q", str(ROOT / "samples"), "-o", f"{out}/"])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted(p.name for p in (ROOT / "samples").glob("*.txt"))
