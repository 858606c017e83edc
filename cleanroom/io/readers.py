"""Readers: .txt files, JSONL (plain or .gz), folders and stdin, as a stream of Records."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .records import Record

BINARY_SNIFF = 8192


def open_binary(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    if path.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # noqa: SIM115 - closed by the caller


def decode(data: bytes) -> tuple[str, int]:
    """UTF-8 (BOM allowed) with replacement; returns the text and how many bytes were bad."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")


def looks_binary(head: bytes) -> bool:
    """NUL bytes outside a UTF-16 text, or mostly non-text bytes: not a text dump."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl > 0.1 * len(head)


def expand_paths(paths: tuple[str, ...], glob: str | None) -> Iterator[str]:
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            pattern = glob or "*"
            for f in sorted(path.rglob(pattern)):
                if f.is_file():
                    yield str(f)
        elif path.exists():
            yield p
        else:
            raise InputError("no such file or folder", source=p)


def read_text_file(path: str) -> Record:
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open_binary(path) as fh:
                data = fh.read()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return Record(source, 0, None, error=f"unreadable: {exc}")
    if looks_binary(data[:BINARY_SNIFF]):
        return Record(source, 0, None, error="binary file (NUL or control bytes), skipped")
    text, bad = decode(data)
    return Record(source, 0, text, replaced_chars=bad)


def read_jsonl(path: str, text_field: str) -> Iterator[Record]:
    """One Record per line; a line that is not a JSON object with a string text field becomes a
    Record with ``error`` set (the caller decides: stop the run or send it to the rejects)."""
    source = "<stdin>" if path == "-" else path
    fh = open_binary(path)
    try:
        for no, raw_bytes in enumerate(fh, start=1):
            raw, bad = decode(raw_bytes)
            raw = raw.rstrip("\r\n")
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield Record(
                    source, no, None, raw=raw, error=f"malformed JSON: {exc.msg} at column {exc.colno}"
                )
                continue
            if not isinstance(obj, dict):
                yield Record(source, no, None, raw=raw, error=f"not a JSON object but {type(obj).__name__}")
                continue
            text = obj.get(text_field)
            if not isinstance(text, str):
                what = "missing" if text_field not in obj else f"{type(text).__name__}, not a string"
                yield Record(source, no, None, fields=obj, raw=raw, error=f"field {text_field!r} is {what}")
                continue
            yield Record(source, no, text, fields=obj, raw=raw, replaced_chars=bad)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"read error: {exc}", source=source) from None
    finally:
        if path != "-":
            fh.close()


def is_jsonl(path: str, fmt: str) -> bool:
    if fmt == "jsonl":
        return True
    if fmt == "text":
        return False
    name = path[:-3] if path.endswith(".gz") else path
    return name.endswith((".jsonl", ".ndjson"))
