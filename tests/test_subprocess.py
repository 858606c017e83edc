"""The installed entry point, once through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import PROSE, REPO, SEEDS, seed_texts


def cleanroom_cmd(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanroom", *args],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
    )


def test_clean_jsonl_stdin() -> None:
    records = [
        {"id": "first", "text": "Home\nNews\nSport\n\n" + "\n\n".join(PROSE) + "\n\nPrivacy Policy\n"},
        {"id": 2, "text": "", "source": "empty"},
        {"id": "third", "text": "\n\n".join(reversed(PROSE)), "tags": ["x", "y"]},
    ]
    proc = cleanroom_cmd(
        "clean", "--format", "jsonl", "-", input="".join(json.dumps(r) + "\n" for r in records)
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["first", 2, "third"]
    assert PROSE[0] in out[0]["text"] and "Privacy Policy" not in out[0]["text"]
    assert out[1]["text"] == "" and out[1]["source"] == "empty"
    assert out[2]["tags"] == ["x", "y"]
    assert all("cleanroom" in o for o in out)
    assert "3 documents: 3 cleaned" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not seed_texts(), reason=f"no seeds at {SEEDS}")
def test_explain_seed() -> None:
    name = sorted(seed_texts())[0]
    proc = cleanroom_cmd("explain", "--no-color", str(SEEDS / name))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("# ") and name in lines[0]
    verdicts = [x.split()[1] for x in lines[1:] if x.strip()]
    assert {"keep", "drop"} <= set(verdicts)
    assert "\x1b[" not in proc.stdout
