"""Where cleaned records go: one output (a file or stdout), a folder mirroring the inputs, or
numbered shards with a manifest per finished shard so that ``--resume`` continues exactly
where a killed run stopped."""

from __future__ import annotations

import glob as globmod
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CleanroomError
from ..model import CleanResult
from .records import Record, RunStats
from .writers import TMP_SUFFIX, OutputExists, RejectsWriter, Writer, mirror_path, output_format


@dataclass
class WriteOptions:
    output: str = "-"
    output_format: str = "auto"
    text_field: str = "text"
    decisions: bool = False
    html_field: str | None = None
    keep_html: bool = False
    overwrite: bool = False
    rejects: str | None = None
    shard_size: int | None = None
    resume: bool = False
    roots: tuple[str, ...] = ()
    fingerprint: dict[str, Any] = field(default_factory=dict)  # options that shape the output


class Sink:
    """Receives every record in input order, with its fate."""

    #: input records already accounted for by a previous run (``--resume``)
    resume_from = 0
    stats: RunStats

    def write(self, rec: Record, result: CleanResult, input_format: str) -> None:
        raise NotImplementedError

    def reject(self, line: str) -> None:
        raise NotImplementedError

    def consumed(self, n: int) -> None:
        """``n`` input records (from the start) have been fully handled."""

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


def _writer(path: str, fmt: str, opts: WriteOptions) -> Writer:
    return Writer(
        path,
        fmt,
        text_field=opts.text_field,
        decisions=opts.decisions,
        html_field=opts.html_field,
        keep_html=opts.keep_html,
        overwrite=opts.overwrite,
    )


class SingleSink(Sink):
    """Everything to one file (renamed into place when complete) or stdout."""

    def __init__(self, opts: WriteOptions, stats: RunStats) -> None:
        self.opts = opts
        self.stats = stats
        self.writer: Writer | None = None
        self.rejects = RejectsWriter(opts.rejects, opts.overwrite) if opts.rejects else None
        if opts.output != "-" and os.path.lexists(opts.output) and not opts.overwrite:
            raise OutputExists(f"{opts.output} exists; pass --overwrite to replace it")

    def write(self, rec: Record, result: CleanResult, input_format: str) -> None:
        if self.writer is None:
            fmt = output_format(self.opts.output, self.opts.output_format, _default_format(input_format))
            self.writer = _writer(self.opts.output, fmt, self.opts)
        self.writer.write(rec, result)

    def reject(self, line: str) -> None:
        if self.rejects is None:
            raise CleanroomError("a record was rejected but no rejects file was given")
        self.rejects.write(line)

    def close(self) -> None:
        if self.writer is None and self.opts.output != "-":  # nothing cleaned: an empty output
            fmt = output_format(self.opts.output, self.opts.output_format, "jsonl")
            self.writer = _writer(self.opts.output, fmt, self.opts)
        if self.writer is not None:
            self.writer.commit()
        if self.rejects is not None:
            self.rejects.commit()

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
        if self.rejects is not None:
            self.rejects.abort()


def _default_format(input_format: str) -> str:
    return {"warc": "warc", "parquet": "parquet", "text": "text", "html": "text"}.get(input_format, "jsonl")


class MirrorSink(Sink):
    """One output file per input file, under the output folder, at the input's relative path.
    Each file is renamed into place when its input is finished."""

    def __init__(self, opts: WriteOptions, stats: RunStats) -> None:
        self.opts = opts
        self.stats = stats
        self.current: tuple[str, Writer] | None = None
        self.rejects = RejectsWriter(opts.rejects, opts.overwrite) if opts.rejects else None

    def _target(self, source: str) -> str:
        rel = _relative(source, self.opts.roots)
        if rel is None:
            rel = os.path.basename(source) if source != "<stdin>" else "stdin.txt"
        return mirror_path(self.opts.output, rel)

    def write(self, rec: Record, result: CleanResult, input_format: str) -> None:
        if self.current is None or self.current[0] != rec.source:
            self._finish()
            target = self._target(rec.source)
            fmt = self.opts.output_format
            if fmt == "auto":
                fmt = _default_format(input_format)
            self.current = (rec.source, _writer(target, fmt, self.opts))
        self.current[1].write(rec, result)

    def _finish(self) -> None:
        if self.current is not None:
            self.current[1].commit()
            self.current = None

    def reject(self, line: str) -> None:
        if self.rejects is None:
            raise CleanroomError("a record was rejected but no rejects file was given")
        self.rejects.write(line)

    def close(self) -> None:
        self._finish()
        if self.rejects is not None:
            self.rejects.commit()

    def abort(self) -> None:
        if self.current is not None:
            self.current[1].abort()
        if self.rejects is not None:
            self.rejects.abort()


def _relative(source: str, roots: tuple[str, ...]) -> str | None:
    for root in roots:
        if root != "-" and Path(root).is_dir():
            try:
                return str(Path(source).relative_to(root))
            except ValueError:
                continue
    return None


SHARD_EXT = {"jsonl": "jsonl.gz", "parquet": "parquet", "warc": "warc.gz", "text": "txt"}
MANIFEST_DIR = ".cleanroom"


class ShardSink(Sink):
    """Numbered shards of ``shard_size`` cleaned records (``part-00000.jsonl.gz`` ...).

    A shard and its rejects are written under temporary names; when the shard is full they
    are renamed into place and then a manifest ``.cleanroom/part-00000.json`` is written
    (renamed into place too): it records how many input records the run had consumed and the
    cumulative statistics. ``--resume`` trusts only shards with a manifest, deletes anything
    after them, skips the consumed input and continues, so a run killed at any moment and
    resumed writes the same bytes as one that was never interrupted.
    """

    def __init__(self, opts: WriteOptions, stats: RunStats, fmt: str) -> None:
        assert opts.shard_size
        self.opts = opts
        self.stats = stats
        self.fmt = "jsonl" if fmt == "auto" else fmt
        self.ext = SHARD_EXT[self.fmt] if not opts.output_format.startswith("jsonl.") else opts.output_format
        self.dir = opts.output
        self.mdir = os.path.join(self.dir, MANIFEST_DIR)
        self.fingerprint = hashlib.sha256(
            json.dumps({**opts.fingerprint, "shard_size": opts.shard_size, "ext": self.ext}, sort_keys=True,
                       default=str).encode()
        ).hexdigest()[:16]  # fmt: skip
        self.index = 0
        self.writer: Writer | None = None
        self.rejects: RejectsWriter | None = None
        self.consumed_n = 0
        os.makedirs(self.mdir, exist_ok=True)
        self._prepare()

    def _names(self, i: int) -> tuple[str, str, str]:
        return (
            os.path.join(self.dir, f"part-{i:05d}.{self.ext}"),
            os.path.join(self.dir, f"rejects-{i:05d}.jsonl.gz"),
            os.path.join(self.mdir, f"part-{i:05d}.json"),
        )

    def _prepare(self) -> None:
        existing = sorted(
            globmod.glob(os.path.join(self.dir, "part-*"))
            + globmod.glob(os.path.join(self.mdir, "part-*.json"))
        )
        done = 0
        last: dict[str, Any] | None = None
        if self.opts.resume:
            while os.path.exists(self._names(done)[2]):
                with open(self._names(done)[2], encoding="utf-8") as fh:
                    m = json.load(fh)
                if m.get("fingerprint") != self.fingerprint:
                    raise CleanroomError(
                        f"{self.dir} was written with other options (shard size, format, config or inputs); "
                        "resume with the same command, or pass --overwrite to start again"
                    )
                last = m
                done += 1
        elif existing and not self.opts.overwrite:
            raise OutputExists(f"{self.dir} already holds shards; pass --resume to continue or --overwrite")
        # everything not covered by a manifest is a leftover of an interrupted run
        for path in (
            existing
            + globmod.glob(os.path.join(self.dir, "rejects-*"))
            + globmod.glob(os.path.join(self.dir, f".*{TMP_SUFFIX}"))
            + globmod.glob(os.path.join(self.mdir, f".*{TMP_SUFFIX}"))
        ):
            name = os.path.basename(path)
            num = "".join(ch for ch in name.split(".")[0] if ch.isdigit())
            if path.endswith(TMP_SUFFIX) or not num or int(num) >= done:
                os.unlink(path)
        self.index = done
        if last is not None:
            self.resume_from = self.consumed_n = last["input_records"]
            self.stats.merge(RunStats.from_dict(last["stats"]))

    def _open(self) -> None:
        if self.writer is None:
            part, rej, _ = self._names(self.index)
            self.writer = _writer(part, self.fmt, self.opts)
            self.rejects = RejectsWriter(rej, overwrite=True)

    def write(self, rec: Record, result: CleanResult, input_format: str) -> None:
        self._open()
        assert self.writer is not None
        self.writer.write(rec, result)

    def reject(self, line: str) -> None:
        self._open()
        assert self.rejects is not None
        self.rejects.write(line)

    def consumed(self, n: int) -> None:
        self.consumed_n = n
        if self.writer is not None and self.writer.count >= (self.opts.shard_size or 0):
            self._commit()

    def _commit(self) -> None:
        self._open()
        assert self.writer is not None and self.rejects is not None
        part, rej, manifest = self._names(self.index)
        had_rejects = self.rejects.count > 0
        doc = {
            "shard": self.index,
            "file": os.path.basename(part),
            "records": self.writer.count,
            "rejects": os.path.basename(rej) if had_rejects else None,
            "input_records": self.consumed_n,
            "fingerprint": self.fingerprint,
            "stats": self.stats.to_dict(),
        }
        tmp = os.path.join(self.mdir, f".{os.path.basename(manifest)}{TMP_SUFFIX}")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        # the manifest is on disk before the shard takes its final name, so the shard and its
        # manifest appear one rename apart (a kill between the two leaves a complete shard that
        # --resume, trusting manifests only, rewrites)
        self.rejects.commit()
        if not had_rejects:
            os.unlink(rej)
        self.writer.commit()
        os.replace(tmp, manifest)
        self.writer = self.rejects = None
        self.index += 1

    def close(self) -> None:
        if self.writer is not None:
            self._commit()

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
        if self.rejects is not None:
            self.rejects.abort()
        self.writer = self.rejects = None

    def shards(self) -> int:
        return self.index
