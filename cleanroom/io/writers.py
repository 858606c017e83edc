"""Writers: text, JSONL (plain, .gz, .zst), Parquet and WARC/WET, to stdout or to files that
appear under their final name only when complete (written to a temporary name, then renamed).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, cast

from ..errors import CleanroomError, InputError
from ..model import CleanResult
from .compress import compression_of, open_output_binary, strip_compression, text_writer
from .records import Record

OUTPUT_FORMATS = ("auto", "text", "jsonl", "parquet", "warc")
TMP_SUFFIX = ".cleanroom-tmp"


class OutputExists(CleanroomError):
    """An output file exists and --overwrite was not given."""


# ---------------------------------------------------------------- record serialisation


def record_metadata(rec: Record | None, result: CleanResult, with_decisions: bool = False) -> dict[str, Any]:
    """The "cleanroom" object stored with every cleaned record, whatever the format."""
    meta = result.metadata()
    if rec is not None and rec.replaced_chars:
        meta["invalid_utf8_replaced"] = rec.replaced_chars
    if rec is not None and rec.html is not None:
        meta["source"] = "html"
    if with_decisions:
        meta["decisions"] = [d.to_dict() for d in result.decisions]
    return meta


def output_fields(
    rec: Record,
    result: CleanResult,
    text_field: str,
    with_decisions: bool = False,
    html_field: str | None = None,
    keep_html: bool = False,
) -> dict[str, Any]:
    obj: dict[str, Any] = dict(rec.fields or {})
    if html_field and not keep_html:
        obj.pop(html_field, None)
    obj[text_field] = result.text
    obj["cleanroom"] = record_metadata(rec, result, with_decisions)
    return obj


def jsonl_record(rec: Record, result: CleanResult, text_field: str, with_decisions: bool = False) -> str:
    return json.dumps(output_fields(rec, result, text_field, with_decisions), ensure_ascii=False)


def reject_record(
    rec: Record, reason: str, result: CleanResult | None = None, code: str | None = None
) -> str:
    obj: dict[str, Any] = {"source": rec.source, "line": rec.line, "reason": reason, "code": code or reason}
    if result is not None:
        obj["score"] = round(result.score, 4)
    if rec.fields is not None:
        obj["record"] = rec.fields
    elif rec.raw is not None:
        obj["raw"] = rec.raw
    elif rec.text is not None:
        obj["text"] = rec.text
    return json.dumps(obj, ensure_ascii=False, default=str)


# ---------------------------------------------------------------- files


def mirror_path(out_dir: str, rel: str) -> str:
    """``rel`` placed under ``out_dir``; never outside it, whatever ``rel`` says (``..``,
    absolute paths, drive letters, or a symlink inside ``out_dir`` pointing elsewhere)."""
    base = os.path.realpath(out_dir)
    parts = [p for p in Path(rel.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    parts = [p for p in parts if not os.path.isabs(p) and ":" not in p[:2]]
    target = os.path.realpath(os.path.join(base, *parts)) if parts else os.path.join(base, "stdin.txt")
    if os.path.commonpath([base, target]) != base:
        raise InputError(f"refusing to write outside {out_dir}: {rel}")
    return target


def tmp_name(path: str) -> str:
    head, tail = os.path.split(path)
    return os.path.join(head, f".{tail}{TMP_SUFFIX}")


class AtomicFile:
    """A binary file written under a temporary name in the same folder and renamed to ``path``
    by :meth:`commit`; :meth:`abort` removes it. A run killed in between leaves only the
    hidden temporary file, never a partial file under the final name."""

    def __init__(self, path: str, overwrite: bool = False) -> None:
        if os.path.lexists(path) and not overwrite:
            raise OutputExists(f"{path} exists; pass --overwrite to replace it")
        if os.path.isdir(path):
            raise OutputExists(f"{path} is a folder")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.tmp = tmp_name(path)
        self.fh: BinaryIO = open(self.tmp, "wb")  # noqa: SIM115 - closed in commit/abort

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


class _Stdout:
    """sys.stdout's binary side, closed by nobody."""

    def __init__(self) -> None:
        self.fh = cast(BinaryIO, sys.stdout.buffer)

    def commit(self) -> None:
        self.fh.flush()

    def abort(self) -> None:
        self.fh.flush()


def output_format(path: str, requested: str, input_format: str) -> str:
    """The format written to ``path``: the requested one, else from the name, else the input's."""
    if requested != "auto":
        return requested
    if path != "-":
        name = strip_compression(path).lower()
        if name.endswith((".jsonl", ".ndjson")):
            return "jsonl"
        if name.endswith((".parquet", ".pq")):
            return "parquet"
        if name.endswith((".warc", ".wet")):
            return "warc"
        if name.endswith(".txt"):
            return "text"
    return input_format


class Writer:
    """Serialises cleaned records to one output (a file or stdout) in one format."""

    def __init__(
        self,
        path: str,
        fmt: str,
        *,
        text_field: str = "text",
        decisions: bool = False,
        html_field: str | None = None,
        keep_html: bool = False,
        overwrite: bool = False,
    ) -> None:
        self.path = path
        self.fmt = fmt
        self.text_field = text_field
        self.decisions = decisions
        self.html_field = html_field
        self.keep_html = keep_html
        self.count = 0
        self.target: AtomicFile | _Stdout = _Stdout() if path == "-" else AtomicFile(path, overwrite)
        self._text: io.TextIOWrapper | None = None
        self._compressed: BinaryIO | None = None
        self._parquet: _ParquetOut | None = None
        self._warc: Any = None
        kind = None if path == "-" else compression_of(path)
        if fmt in ("jsonl", "text"):
            sys.stdout.flush()
            self._compressed = open_output_binary(self.target.fh, kind)
            self._text = text_writer(self._compressed, "cleanroom-json" if fmt == "jsonl" else "replace")
        elif fmt == "parquet":
            if path == "-":
                raise CleanroomError("Parquet output needs a file name, not stdout")
            self._parquet = _ParquetOut(self.target.fh)
        elif fmt == "warc":
            self._warc = _WarcOut(self.target.fh, gz=kind == "gz")
        else:
            raise CleanroomError(f"unknown output format {fmt!r}")

    def write(self, rec: Record, result: CleanResult) -> None:
        self.count += 1
        if self.fmt == "text":
            assert self._text is not None
            self._text.write(result.text + "\n")
            return
        obj = output_fields(rec, result, self.text_field, self.decisions, self.html_field, self.keep_html)
        if self.fmt == "jsonl":
            assert self._text is not None
            self._text.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        elif self.fmt == "parquet":
            assert self._parquet is not None
            obj["cleanroom"] = json.dumps(obj["cleanroom"], ensure_ascii=False, sort_keys=True)
            self._parquet.add(obj, rec.meta.get("schema"))
        else:
            self._warc.write(rec, result, obj["cleanroom"])

    def _finish(self) -> None:
        if self._text is not None:
            self._text.flush()
            self._text.detach()  # the binary handle is closed by its owner
            self._text = None
        if self._compressed is not None and self._compressed is not self.target.fh:
            self._compressed.close()
        if self._parquet is not None:
            self._parquet.close()
        if self._warc is not None:
            self._warc.close()

    def commit(self) -> None:
        self._finish()
        self.target.commit()

    def abort(self) -> None:
        try:
            if self._text is not None:
                self._text.detach()
        except (ValueError, OSError):
            pass
        self._text = None
        self.target.abort()


class RejectsWriter:
    """The rejects side file (JSONL, plain or compressed by name), atomic like the outputs."""

    def __init__(self, path: str, overwrite: bool = False) -> None:
        self.count = 0
        self.target: AtomicFile | _Stdout = _Stdout() if path == "-" else AtomicFile(path, overwrite)
        self._bin = (
            open_output_binary(self.target.fh, compression_of(path)) if path != "-" else self.target.fh
        )
        self._text = text_writer(self._bin)

    def write(self, line: str) -> None:
        self.count += 1
        self._text.write(line + "\n")

    def commit(self) -> None:
        self._text.flush()
        self._text.detach()
        if self._bin is not self.target.fh:
            self._bin.close()
        self.target.commit()

    def abort(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            self._text.detach()
        self.target.abort()


# ---------------------------------------------------------------- Parquet


class _ParquetOut:
    """Rows buffered into row groups; the schema is the input file's plus a "cleanroom" JSON
    string column, or inferred from the first row group when the input was not Parquet."""

    ROW_GROUP = 1024

    def __init__(self, fh: BinaryIO) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise CleanroomError(
                "Parquet output needs the optional dependency pyarrow: pip install 'cleanroom[parquet]'"
            ) from None
        self.fh = fh
        self.rows: list[dict[str, Any]] = []
        self.schema: Any = None
        self.writer: Any = None

    def add(self, row: dict[str, Any], schema: Any) -> None:
        if self.schema is None and schema is not None:
            import pyarrow as pa

            fields = [f for f in schema if f.name != "cleanroom"]
            self.schema = pa.schema([*fields, pa.field("cleanroom", pa.string())], metadata=schema.metadata)
        self.rows.append(row)
        if len(self.rows) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            table = pa.Table.from_pylist(self.rows, schema=self.schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise CleanroomError(f"records do not fit the Parquet schema of the output: {exc}") from None
        if self.writer is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.fh, self.schema, compression="zstd")
        self.writer.write_table(table)
        self.rows = []

    def close(self) -> None:
        self._flush()
        if self.writer is None:  # no rows at all: still a valid (empty) Parquet file
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = self.schema or pa.schema(
                [pa.field("text", pa.string()), pa.field("cleanroom", pa.string())]
            )
            self.writer = pq.ParquetWriter(self.fh, schema)
        self.writer.close()


# ---------------------------------------------------------------- WARC / WET


# headers that describe the input record's block, not the cleaned text
_DROP_HEADERS = {
    "warc-type",
    "warc-record-id",
    "content-type",
    "content-length",
    "warc-block-digest",
    "warc-payload-digest",
    "warc-concurrent-to",
    "warc-truncated",
    "warc-identified-payload-type",
    "warc-refers-to",
}
# the namespace of the record ids (uuid5); uuid is imported with the WARC writer, which is
# the only one that needs it (it costs a few ms of every run's start-up otherwise)
_NS = "6f1c3c2e-7b1a-4c47-9d0e-3c1e5a2b9f10"


class _WarcOut:
    """Cleaned documents as WET-style "conversion" records (text/plain), written with warcio.

    The input record's WARC headers are kept (URI, date, warcinfo id, IP, languages...);
    the record id is derived from the input's (uuid5), so reruns write the same bytes, and
    WARC-Refers-To names the record the text was converted from. cleanroom's metadata goes
    in a ``WARC-Cleanroom`` header as one line of JSON.
    """

    def __init__(self, fh: BinaryIO, gz: bool) -> None:
        try:
            from warcio.warcwriter import WARCWriter
        except ImportError:
            raise CleanroomError(
                "WARC/WET output needs the optional dependency warcio: pip install 'cleanroom[warc]'"
            ) from None
        self.writer = WARCWriter(fh, gzip=gz, warc_version="1.0")
        self.fh = fh

    def write(self, rec: Record, result: CleanResult, meta: dict[str, Any]) -> None:
        import uuid

        from warcio.statusandheaders import StatusAndHeaders

        old: list[tuple[str, str]] = rec.meta.get("warc_headers") or []
        old_map = {k.lower(): v for k, v in old}
        source_id = old_map.get("warc-record-id") or f"<urn:cleanroom:{rec.source}:{rec.line}>"
        if old_map.get("warc-type") == "conversion" and "warc-refers-to" in old_map:
            refers = old_map["warc-refers-to"]  # the response the WET text came from
        else:
            refers = source_id
        headers = [("WARC-Type", "conversion")]
        headers.append(("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.UUID(_NS), source_id)}>"))
        headers += [(k, v) for k, v in old if k.lower() not in _DROP_HEADERS]
        if "warc-target-uri" not in old_map and rec.url:
            headers.append(("WARC-Target-URI", rec.url))
        if "warc-date" not in old_map:
            headers.append(("WARC-Date", "1970-01-01T00:00:00Z"))  # deterministic, unknown
        headers.append(("WARC-Refers-To", refers))
        headers.append(("WARC-Cleanroom", json.dumps(meta, ensure_ascii=True, sort_keys=True)))
        headers.append(("Content-Type", "text/plain"))
        payload = result.text.encode("utf-8", "surrogatepass")
        record = self.writer.create_warc_record(
            rec.url or "",
            "conversion",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_headers=StatusAndHeaders("WARC/1.0", headers, protocol="WARC/1.0"),
        )
        self.writer.write_record(record)

    def close(self) -> None:
        self.fh.flush()
