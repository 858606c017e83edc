"""--shard-size / --resume: a run killed with SIGKILL at random moments and resumed writes
exactly the bytes of a run that was never interrupted (shards, rejects, manifests)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from io_helpers import corpus, run, tree, write_jsonl


def _input(tmp_path: Path) -> Path:
    recs = corpus(3, 200)  # 600 documents, about 2.5 s of cleaning
    lines = [json.dumps(r) for r in recs]
    for i in range(7, len(lines), 50):
        lines[i] = '{"id": "bad", "text": null}'  # rejects land in per-shard rejects files
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


ARGS = ["--shard-size", "25", "--on-error", "skip", "--corpus-mode"]


def _cmd(src: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "cleanroom",
        "clean",
        "-q",
        *ARGS,
        "-j",
        str(jobs),
        "--resume",
        "-o",
        f"{out}/",
        str(src),
    ]


def test_kill_9_at_random_points_then_resume_gives_identical_output(tmp_path: Path) -> None:
    src = _input(tmp_path)
    ref = tmp_path / "ref"
    assert run("clean", "-q", *ARGS, "-o", f"{ref}/", str(src)).exit_code == 0
    expected = tree(ref)
    assert len([k for k in expected if k.startswith("part-")]) >= 10
    assert any(k.startswith("rejects-") for k in expected)

    # kill at random fractions of how long a whole run takes on this machine, so the test
    # kills mid-run on a fast idle machine and on a loaded one alike
    t0 = time.monotonic()
    timed = subprocess.run(_cmd(src, tmp_path / "timed", jobs=1), capture_output=True, timeout=120)
    assert timed.returncode == 0, timed.stderr.decode()
    duration = time.monotonic() - t0

    rng = random.Random(5)
    out = tmp_path / "out"
    kills = 0
    for attempt in range(12):
        if kills >= 3:
            break
        proc = subprocess.Popen(
            _cmd(src, out, jobs=1 + attempt % 2), start_new_session=True, stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.1, 0.6) * duration)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole job, workers included
            kills += 1
            proc.communicate(timeout=30)
        else:
            proc.communicate(timeout=30)
            shutil.rmtree(out)  # it finished before the kill: start over, to kill mid-run
            continue
        # whatever is under a final name is complete: every part-* has its manifest
        for name in os.listdir(out) if out.exists() else []:
            if name.startswith("part-"):
                assert (out / ".cleanroom" / f"{name.split('.')[0]}.json").exists(), name
    assert kills >= 2
    final = subprocess.run(_cmd(src, out, jobs=2), capture_output=True, timeout=120)
    assert final.returncode == 0, final.stderr.decode()
    assert tree(out) == expected


def test_resume_with_other_options_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(1, 6))
    out = f"{tmp_path}/out/"
    assert run("clean", "-q", "--shard-size", "2", "-o", out, str(src)).exit_code == 0
    r = run("clean", "-q", "--shard-size", "3", "--resume", "-o", out, str(src))
    assert r.exit_code == 1 and "other options" in r.stderr
    r = run("clean", "-q", "--shard-size", "2", "-o", out, str(src))
    assert r.exit_code == 1 and "--resume" in r.stderr
    assert run("clean", "-q", "--shard-size", "2", "--resume", "-o", out, str(src)).exit_code == 0


def test_report_of_a_resumed_run_counts_everything_once(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(2, 5))
    out = tmp_path / "out"
    rep1, rep2 = tmp_path / "r1.json", tmp_path / "r2.json"
    assert (
        run("clean", "-q", "--shard-size", "3", "--report", str(rep1), "-o", f"{out}/", str(src)).exit_code
        == 0
    )
    # drop the last two shards as if the run had been killed, then resume
    for i in (2, 3):
        (out / ".cleanroom" / f"part-{i:05d}.json").unlink()
    args = ("clean", "-q", "--shard-size", "3", "--resume", "--report", str(rep2), "-o", f"{out}/", str(src))
    assert run(*args).exit_code == 0
    a, b = json.loads(rep1.read_text()), json.loads(rep2.read_text())
    for key in (
        "documents_in",
        "documents_out",
        "bytes_in",
        "bytes_out",
        "lines_removed_by_layer",
        "score_histogram",
    ):
        assert a[key] == b[key], key
    assert b["resumed_after_records"] == 6 and b["shards"] == 4
