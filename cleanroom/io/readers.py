"""Readers: text files and folders, JSONL (plain, .gz, .zst), Parquet, WARC/WET and stdin,
as one stream of Records.

Everything streams: JSONL line by line, Parquet one row group batch at a time, WARC one record
at a time. Only a single text document (a whole .txt file) is ever read into memory at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError
from .compress import DEFAULT_MAX_RATIO, open_input, strip_compression
from .records import Record

BINARY_SNIFF = 8192
FORMATS = ("auto", "text", "jsonl", "parquet", "warc", "wet", "html")


@dataclass(frozen=True)
class ReadOptions:
    fmt: str = "auto"
    glob: str | None = None
    text_field: str = "text"
    html_field: str | None = None  # JSONL/Parquet field holding HTML (cleaned with clean_html)
    url_field: str = "url"
    site_field: str | None = None  # a field naming the site directly, instead of the URL's host
    max_ratio: float | None = DEFAULT_MAX_RATIO
    parquet_batch: int = 256


def decode(data: bytes, encoding: str | None = None) -> tuple[str, int]:
    """UTF-8 (BOM allowed) with replacement; returns the text and how many bytes were bad."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(encoding), 0
        except (LookupError, UnicodeDecodeError):
            pass
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


def site_of(url: str | None) -> str | None:
    """The site key of a URL: its host, lower-cased, without a leading "www."."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def expand_paths(paths: tuple[str, ...], glob: str | None) -> Iterator[str]:
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            pattern = glob or "*"
            for f in sorted(path.rglob(pattern)):
                rel = f.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or not f.is_file():
                    continue  # hidden files and folders (.git, .cache) are never documents
                yield str(f)
        elif path.exists():
            yield p
        else:
            raise InputError("no such file or folder", source=p)


DOCUMENT_SUFFIXES = (
    ".txt",
    ".text",
    ".jsonl",
    ".ndjson",
    ".parquet",
    ".pq",
    ".warc",
    ".wet",
    ".arc",
    ".html",
    ".htm",
    ".xhtml",
)


def is_document_name(name: str) -> bool:
    """A file name cleanroom reads by default inside a folder (compression suffix aside)."""
    return strip_compression(name).lower().endswith(DOCUMENT_SUFFIXES)


def format_of(path: str, fmt: str) -> str:
    """The input format of one file: ``fmt`` unless it is "auto", else from the name."""
    if fmt != "auto":
        return "warc" if fmt == "wet" else fmt
    name = strip_compression(path).lower()
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith((".warc", ".wet", ".arc")):
        return "warc"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return "text"


def is_jsonl(path: str, fmt: str) -> bool:
    return format_of(path, fmt) == "jsonl"


def read_records(paths: tuple[str, ...], opts: ReadOptions) -> Iterator[Record]:
    """Every record of every input, in order (folders in sorted order)."""
    named = set(paths)
    for path in expand_paths(paths, opts.glob):
        if opts.glob is None and path not in named and not is_document_name(path):
            # found in a folder, not named, and of no type we read (a README, a script):
            # skipped and counted, quietly; --glob reads it
            yield Record(
                path,
                0,
                None,
                error="not a document type (use --glob to read it)",
                code="not_document",
                skip=True,
            )
            continue
        kind = format_of(path, opts.fmt)
        if kind == "jsonl":
            yield from read_jsonl(path, opts.text_field, opts)
        elif kind == "parquet":
            if path == "-":
                raise InputError("Parquet cannot be read from stdin; name the file", source="<stdin>")
            yield from read_parquet(path, opts)
        elif kind == "warc":
            yield from read_warc(path, opts)
        elif kind == "html":
            yield read_html_file(path, opts.max_ratio)
        else:
            yield read_text_file(path, opts.max_ratio)


def _read_whole(path: str, max_ratio: float | None, sniff: bool = False) -> bytes | Record:
    """A whole file's bytes, or the skipped Record that says why it could not be read. With
    ``sniff``, a file whose first bytes look binary is skipped without reading the rest."""
    source = "<stdin>" if path == "-" else path
    try:
        with open_input(path, max_ratio) as fh:
            if not sniff:
                return fh.read()
            head = fh.read(BINARY_SNIFF)
            if looks_binary(head):
                return Record(
                    source,
                    0,
                    None,
                    error="binary file (NUL or control bytes), skipped",
                    code="binary",
                    skip=True,
                )
            return head + fh.read()
    except InputError as exc:
        return _unreadable(source, _bare(exc, source))
    except (OSError, EOFError) as exc:
        return _unreadable(source, str(exc))


def _read_error(source: str, line: int, why: str) -> Record:
    """A file that broke off while being read (truncated, corrupt): its last, fatal record."""
    return Record(source, line, None, error=f"read error: {why}", code="read_error", skip=True, fatal=True)


def _unreadable(source: str, why: str, fatal: bool = False) -> Record:
    return Record(source, 0, None, error=f"unreadable: {why}", code="unreadable", skip=True, fatal=fatal)


def read_text_file(path: str, max_ratio: float | None = DEFAULT_MAX_RATIO) -> Record:
    source = "<stdin>" if path == "-" else path
    data = _read_whole(path, max_ratio, sniff=True)
    if isinstance(data, Record):
        return data
    text, bad = decode(data)
    return Record(source, 0, text, replaced_chars=bad, size=len(data))


def read_html_file(path: str, max_ratio: float | None = DEFAULT_MAX_RATIO) -> Record:
    """One HTML page; its bytes are decoded by the HTML front end's rules (BOM, <meta charset>,
    http-equiv, then fallbacks), not as plain UTF-8."""
    source = "<stdin>" if path == "-" else path
    data = _read_whole(path, max_ratio)
    if isinstance(data, Record):
        return data
    from ..html.decode import decode_html

    decoded = decode_html(data)
    return Record(source, 0, None, html=decoded.text, size=len(data))


def _bare(exc: InputError, source: str) -> str:
    msg = str(exc)
    return msg[len(source) + 2 :] if msg.startswith(source + ": ") else msg


def _from_object(source: str, no: int, obj: Any, opts: ReadOptions, raw: str | None, bad: int = 0) -> Record:
    """A Record from one structured input record (a JSON object or a Parquet row)."""
    if not isinstance(obj, dict):
        return Record(
            source, no, None, raw=raw, error=f"not a JSON object but {type(obj).__name__}", code="not_object"
        )
    url = obj.get(opts.url_field)
    url = url if isinstance(url, str) else None
    site = obj.get(opts.site_field) if opts.site_field else site_of(url)
    site = site if isinstance(site, str) and site else None
    if opts.html_field is not None:
        html = obj.get(opts.html_field)
        if isinstance(html, str):
            return Record(
                source, no, None, fields=obj, raw=raw, html=html, url=url, site=site,
                replaced_chars=bad, size=len(html.encode("utf-8", "surrogatepass")),
            )  # fmt: skip
    text = obj.get(opts.text_field)
    if not isinstance(text, str):
        if opts.text_field not in obj:
            err, code = f"field {opts.text_field!r} is missing", "text_missing"
        elif text is None:
            err, code = f"field {opts.text_field!r} is null", "text_null"
        else:
            err, code = f"field {opts.text_field!r} is {type(text).__name__}, not a string", "text_not_string"
        return Record(source, no, None, fields=obj, raw=raw, error=err, code=code, url=url, site=site)
    return Record(
        source, no, text, fields=obj, raw=raw, replaced_chars=bad, url=url, site=site,
        size=len(text.encode("utf-8", "surrogatepass")),
    )  # fmt: skip


def read_jsonl(path: str, text_field: str = "text", opts: ReadOptions | None = None) -> Iterator[Record]:
    """One Record per line; a line that is not a JSON object with a string text field becomes a
    Record with ``error`` set (the caller decides: stop the run or send it to the rejects); a
    file that ends early or will not decompress ends with a ``fatal`` Record."""
    opts = opts or ReadOptions(text_field=text_field)
    if opts.text_field != text_field:
        opts = ReadOptions(**{**opts.__dict__, "text_field": text_field})
    source = "<stdin>" if path == "-" else path
    no = 0
    try:
        fh = open_input(path, opts.max_ratio)
    except InputError as exc:
        yield _unreadable(source, _bare(exc, source), fatal=True)
        return
    try:
        for no, raw_bytes in enumerate(fh, start=1):  # noqa: B007 - no is used after the loop
            if raw_bytes.isspace():
                continue
            raw, bad = decode(raw_bytes)
            raw = raw.rstrip("\r\n")
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield Record(
                    source,
                    no,
                    None,
                    raw=raw,
                    error=f"malformed JSON: {exc.msg} at column {exc.colno}",
                    code="malformed_json",
                )
                continue
            except RecursionError:
                yield Record(
                    source,
                    no,
                    None,
                    raw=raw[:1000],
                    error="malformed JSON: nested too deeply",
                    code="malformed_json",
                )
                continue
            yield _from_object(source, no, obj, opts, raw, bad)
    except InputError as exc:
        yield _read_error(source, no + 1, _bare(exc, source))
    except (OSError, EOFError) as exc:
        yield Record(
            source, no + 1, None, error=f"read error: {exc}", code="read_error", skip=True, fatal=True
        )
    finally:
        if path != "-":
            fh.close()


def read_parquet(path: str, opts: ReadOptions) -> Iterator[Record]:
    """Rows of a Parquet file, one batch of ``opts.parquet_batch`` rows in memory at a time."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "Parquet needs the optional dependency pyarrow: pip install 'cleanroom[parquet]'", source=path
        ) from None
    no = 0
    try:
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
        for batch in pf.iter_batches(batch_size=opts.parquet_batch):
            for row in batch.to_pylist():
                no += 1
                rec = _from_object(path, no, row, opts, None)
                rec.meta["schema"] = schema
                yield rec
    except InputError:
        raise
    except Exception as exc:  # pyarrow.ArrowInvalid, OSError: a corrupt or truncated file
        yield Record(path, no + 1, None, error=f"read error: {exc}", code="read_error", skip=True, fatal=True)


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, opts: ReadOptions) -> Iterator[Record]:
    """WARC and WET records: a WET "conversion" record is a text dump, a "response" record with
    an HTML payload is an HTML page; other records are skipped with a counted reason."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise InputError(
            "WARC/WET needs the optional dependency warcio: pip install 'cleanroom[warc]'", source=path
        ) from None
    source = "<stdin>" if path == "-" else path
    no = 0
    try:
        fh = open_input(path, opts.max_ratio)
    except InputError as exc:
        yield _unreadable(source, _bare(exc, source), fatal=True)
        return
    try:
        for rec in ArchiveIterator(fh, arc2warc=True):
            no += 1
            yield _warc_record(source, no, rec)
    except InputError as exc:
        yield _read_error(source, no + 1, _bare(exc, source))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Record(
            source, no + 1, None, error=f"read error: {exc}", code="read_error", skip=True, fatal=True
        )
    finally:
        if path != "-":
            fh.close()


def _warc_record(source: str, no: int, rec: Any) -> Record:
    headers = rec.rec_headers
    rtype = rec.rec_type or "unknown"
    url = headers.get_header("WARC-Target-URI")
    fields: dict[str, Any] = {
        "id": headers.get_header("WARC-Record-ID"),
        "url": url,
        "date": headers.get_header("WARC-Date"),
        "warc_type": rtype,
    }
    meta = {"warc_headers": list(headers.headers), "warc_type": rtype}
    if rtype == "conversion":
        data = rec.content_stream().read()
        text, bad = decode(data)
        return Record(
            source, no, text, fields=fields, url=url, site=site_of(url), meta=meta,
            replaced_chars=bad, size=len(data),
        )  # fmt: skip
    if rtype == "response" and rec.http_headers is not None:
        ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
        if any(t in ctype for t in _HTML_TYPES):
            charset = None
            if "charset=" in ctype:
                charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None
            data = rec.content_stream().read()
            html, bad = decode(data, charset)
            fields["content_type"] = ctype
            return Record(
                source, no, None, fields=fields, html=html, url=url, site=site_of(url), meta=meta,
                replaced_chars=bad, size=len(data),
            )  # fmt: skip
        return Record(
            source,
            no,
            None,
            fields=fields,
            url=url,
            error="a WARC response that is not HTML",
            code="warc_not_html",
            skip=True,
            meta=meta,
        )
    return Record(
        source,
        no,
        None,
        fields=fields,
        url=url,
        error=f"a WARC {rtype} record, not a document",
        code=f"warc_{rtype}",
        skip=True,
        meta=meta,
    )


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
