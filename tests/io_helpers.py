"""Shared helpers of the I/O, corpus and integration tests."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from corpus_gen import generate

from cleanroom.cli import main

SUMMARY = re.compile(r"cleanroom: (\d+) documents: (\d+) cleaned, (\d+) rejected, (\d+) skipped")


def run(*args: str, input: str | bytes | None = None) -> Result:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def counts(result: Result) -> tuple[int, int, int, int]:
    m = SUMMARY.search(result.stderr)
    assert m, result.stderr
    return tuple(int(x) for x in m.groups())  # type: ignore[return-value]


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def read_jsonl_any(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    elif path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
    return jsonl(data.decode("utf-8"))


def corpus(sites: int = 2, pages: int = 3) -> list[dict[str, Any]]:
    return generate(sites, pages)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too) with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
