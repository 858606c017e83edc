"""Compressed streams: .gz and .zst, read with a bound on the decompression ratio and a clear
error for a truncated file; written deterministically (a gzip header without a time stamp or
a file name), so that the same run gives the same bytes.

Reading goes through one small decompressor loop for both formats instead of ``gzip.open``
and ``zstandard.stream_reader``: those stop silently on a truncated .zst file and would let a
gzip/zstd bomb expand without limit. Here every call produces a bounded amount of output and
the total is checked against ``max_ratio`` times the compressed size (with a floor, so small
files that compress very well, such as a million empty lines, still read).
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import sys
import zlib
from typing import Any, BinaryIO, cast

from ..errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
#: decompressed bytes may exceed ``max_ratio`` x compressed size only below this floor
RATIO_FLOOR = 64 * 1024 * 1024
#: default bound on decompressed / compressed size (0 or None: no bound)
DEFAULT_MAX_RATIO = 100
_OUT_CHUNK = 1 << 20


def compression_of(path: str) -> str | None:
    """ "gz", "zst" or None, from the file name."""
    low = path.lower()
    if low.endswith(".gz"):
        return "gz"
    if low.endswith((".zst", ".zstd")):
        return "zst"
    return None


def strip_compression(name: str) -> str:
    kind = compression_of(name)
    if kind == "gz":
        return name[:-3]
    if kind == "zst":
        return name[: name.lower().rfind(".zst")]
    return name


def zstandard_module() -> Any:
    try:
        import zstandard
    except ImportError:
        raise InputError(
            ".zst files need the optional dependency zstandard: pip install 'cleanroom[zst]'"
        ) from None
    return zstandard


class _Decompressor(io.RawIOBase):
    """A readable raw stream of the decompressed bytes of ``raw`` (gzip or zstd, multi-member
    or multi-frame), bounded by ``limit`` bytes, raising InputError when the input ends
    inside a member/frame or is not valid compressed data."""

    def __init__(self, raw: BinaryIO, kind: str, source: str, max_ratio: float | None) -> None:
        super().__init__()
        self.raw = raw
        self.kind = kind
        self.source = source
        self.max_ratio = max_ratio or None
        try:
            self.size: int | None = os.fstat(raw.fileno()).st_size
        except (OSError, AttributeError, io.UnsupportedOperation):
            self.size = None  # a pipe: bound by what has been read so far
        self.read_in = 0
        self.out = 0
        self.pending = b""  # decompressed bytes not yet returned, from self.pos on
        self.pos = 0
        self.tail = b""  # compressed bytes given to the decompressor but not consumed
        self.done = False
        # zstd has no max_length: feed small pieces so one call stays small (an RLE block of
        # 4 bytes can expand to 128 KiB)
        self.in_chunk = 64 * 1024 if kind == "gz" else 2048
        self.dec: Any = self._new()
        self.started = False  # bytes of the current member/frame were seen

    def _new(self) -> Any:
        if self.kind == "gz":
            return zlib.decompressobj(wbits=31)
        return zstandard_module().ZstdDecompressor().decompressobj()

    def readable(self) -> bool:
        return True

    def _error(self, what: str) -> InputError:
        return InputError(what, source=self.source)

    def _check_ratio(self) -> None:
        if self.max_ratio is None:
            return
        compressed = self.size if self.size is not None else self.read_in + 65536
        if self.out > max(RATIO_FLOOR, self.max_ratio * compressed):
            raise self._error(
                f"decompression bomb: more than {self.max_ratio:g} times the compressed size "
                f"({self.out} bytes from {compressed}); raise --max-ratio if this file is genuine"
            )

    def _step(self) -> bytes:
        """Decompress a bounded piece; b"" only at the clean end of the input."""
        while True:
            if not self.tail:
                self.tail = self.raw.read(self.in_chunk)
                self.read_in += len(self.tail)
                if not self.tail:
                    if self.started and not self.dec.eof:
                        raise self._error(f"truncated .{self.kind} file (ends inside compressed data)")
                    return b""
            self.started = True
            try:
                if self.kind == "gz":
                    chunk = self.dec.decompress(self.tail, _OUT_CHUNK)
                    self.tail = self.dec.unconsumed_tail
                else:
                    chunk = self.dec.decompress(self.tail)
                    self.tail = b""
            except zlib.error as exc:
                raise self._error(f"corrupt .gz data: {exc}") from None
            except Exception as exc:  # zstandard.ZstdError
                raise self._error(f"corrupt .{self.kind} data: {exc}") from None
            if self.dec.eof:
                # zlib leaves the bytes after the member in unused_data (and, with max_length,
                # a copy of them in unconsumed_tail); zstd in unused_data and our tail
                rest = self.dec.unused_data if self.kind == "gz" else self.dec.unused_data + self.tail
                self.dec = self._new()
                self.started = False
                self.tail = rest.lstrip(b"\x00") if self.kind == "gz" else rest  # gzip padding
            if chunk:
                self.out += len(chunk)
                self._check_ratio()
                return chunk

    def readinto(self, buffer: Any) -> int:
        if self.pos >= len(self.pending) and not self.done:
            self.pending, self.pos = self._step(), 0
            if not self.pending:
                self.done = True
        n = min(len(buffer), len(self.pending) - self.pos)
        buffer[:n] = memoryview(self.pending)[self.pos : self.pos + n]
        self.pos += n
        return n

    def close(self) -> None:
        if not self.closed:
            if self.raw is not sys.stdin.buffer:
                self.raw.close()
        super().close()


def open_input(path: str, max_ratio: float | None = DEFAULT_MAX_RATIO) -> BinaryIO:
    """A binary stream of ``path`` ("-" is stdin), decompressed when it is .gz/.zst (by name,
    or by magic bytes on stdin)."""
    source = "<stdin>" if path == "-" else path
    if path == "-":
        raw: BinaryIO = cast(BinaryIO, io.BufferedReader(cast(Any, sys.stdin.buffer), 1 << 16))
        head = cast(io.BufferedReader, raw).peek(4)[:4]
        kind = "gz" if head.startswith(GZIP_MAGIC) else "zst" if head.startswith(ZSTD_MAGIC) else None
    else:
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as exc:
            raise InputError(f"unreadable: {exc.strerror or exc}", source=source) from None
        kind = compression_of(path)
    if kind is None:
        return raw
    return cast(BinaryIO, io.BufferedReader(_Decompressor(raw, kind, source, max_ratio), 1 << 16))


def open_output_binary(fh: BinaryIO, kind: str | None) -> BinaryIO:
    """Wrap a binary file handle with a deterministic compressor (``kind`` from the name)."""
    if kind == "gz":
        return cast(BinaryIO, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=6))
    if kind == "zst":
        return cast(BinaryIO, zstandard_module().ZstdCompressor(level=3).stream_writer(fh, closefd=False))
    return fh


def _json_escape(err: UnicodeError) -> tuple[str, int]:
    """Lone surrogates (valid in JSON strings, not in UTF-8) written as JSON escapes."""
    assert isinstance(err, UnicodeEncodeError)
    bad = err.object[err.start : err.end]
    return "".join(f"\\u{ord(c):04x}" for c in bad), err.end


codecs.register_error("cleanroom-json", _json_escape)


def text_writer(fh: BinaryIO, errors: str = "cleanroom-json") -> io.TextIOWrapper:
    """UTF-8 text over ``fh``; lone surrogates become JSON escapes (JSONL) or "?" (text)."""
    return io.TextIOWrapper(cast(Any, fh), encoding="utf-8", errors=errors, newline="\n", write_through=False)
