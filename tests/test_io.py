"""Formats, streaming, sharding, reports and the safety of outputs (issues 5 and 6, I/O parts)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from io_helpers import corpus, counts, jsonl, read_jsonl_any, run, tree, write_jsonl
from measure import FULL_SIZE, best_time, full_ratios, measured, peak_memory, ratios

import cleanroom
from cleanroom.config import preset
from cleanroom.errors import InputError
from cleanroom.io.compress import RATIO_FLOOR, open_input
from cleanroom.io.job import JobOptions
from cleanroom.io.job import run as run_job
from cleanroom.io.readers import ReadOptions, read_records
from cleanroom.io.runner import clean_records
from cleanroom.io.sinks import WriteOptions
from cleanroom.io.writers import mirror_path

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------- JSONL, plain and compressed


@pytest.mark.parametrize("suffix", ["jsonl", "jsonl.gz", "jsonl.zst"])
def test_jsonl_round_trip_keeps_every_field(tmp_path: Path, suffix: str) -> None:
    recs = corpus(2, 2)
    recs[0]["extra"] = {"nested": [1, 2, "x"]}
    src = write_jsonl(tmp_path / f"in.{suffix}", recs)
    out = tmp_path / f"out.{suffix}"
    r = run("clean", "-o", str(out), str(src))
    assert r.exit_code == 0, r.stderr
    got = read_jsonl_any(out)
    assert [o["id"] for o in got] == [x["id"] for x in recs]
    assert got[0]["extra"] == {"nested": [1, 2, "x"]}
    for o, x in zip(got, recs):
        assert o["url"] == x["url"] and o["truth"] == x["truth"]
        assert 0 <= o["cleanroom"]["score"] <= 1 and o["text"] != x["text"]
    # the output reads back as input (round trip), with nothing lost
    again = run("clean", "-q", str(out))
    assert again.exit_code == 0 and len(jsonl(again.stdout)) == len(recs)


def test_compressed_output_is_deterministic(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(1, 3))
    for name in ("a.jsonl.gz", "b.jsonl.gz"):
        assert run("clean", "-q", "-o", str(tmp_path / name), str(src)).exit_code == 0
        time.sleep(1.1 if name == "a.jsonl.gz" else 0)  # a gzip time stamp would differ
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()


@pytest.mark.parametrize("kind", ["gz", "zst"])
def test_gzip_bomb_stops_with_a_clear_error(tmp_path: Path, kind: str) -> None:
    if kind == "gz":
        member = gzip.compress(b"\0" * (16 << 20), compresslevel=9)  # 16 MiB -> ~16 KiB
    else:
        import zstandard

        member = zstandard.ZstdCompressor(level=19).compress(b"\0" * (16 << 20))  # -> ~530 bytes
    bomb = tmp_path / f"bomb.jsonl.{kind}"
    # ~256 KiB of 16 MiB members: 256 MiB of NUL bytes as gzip (ratio ~1000), 8 GiB as zstd
    bomb.write_bytes(member * ((256 << 10) // len(member)))
    r = run("clean", str(bomb))
    assert r.exit_code == 1
    assert "decompression bomb" in r.stderr and "--max-ratio" in r.stderr
    assert "Traceback" not in r.stderr
    # It stops at RATIO_FLOOR (64 MiB; 100 x the compressed size is less). Time: against an
    # ordinary .jsonl.gz of the same compressed size. Memory: against that limit, since the NUL
    # bytes are one line that is read whole until the stop.
    ordinary = write_jsonl(tmp_path / f"ordinary.jsonl.{kind}", corpus(3, 270 if kind == "gz" else 200))
    assert 0.5 < ordinary.stat().st_size / bomb.stat().st_size < 2
    code, t_bomb, m_bomb = measured(lambda: run("clean", "-q", str(bomb)).exit_code)
    _, t_ord, m_ord = measured(
        lambda: run("clean", "-q", "-o", str(tmp_path / "out.jsonl"), str(ordinary)).exit_code
    )
    print(
        f"\n{kind} bomb: {t_bomb:.2f} s {m_bomb / 1e6:.0f} MB; ordinary .{kind} of the same size: "
        f"{t_ord:.2f} s {m_ord / 1e6:.0f} MB; time ratio {t_bomb / t_ord:.2f}, memory / limit {m_bomb / RATIO_FLOOR:.2f}"
    )
    assert code == 1
    assert t_bomb / t_ord <= 2 and m_bomb <= 2 * RATIO_FLOOR, (t_bomb / t_ord, m_bomb)


@pytest.mark.parametrize("mb", [5, pytest.param(100, marks=FULL_SIZE)])
def test_a_jsonl_line_of_100_mb(tmp_path: Path, mb: int) -> None:
    # one record whose text is mb MB of ordinary pages (menus, prose, footers) on one JSONL line;
    # the ordinary input of the same size is the same text as a plain text document
    pages = "\n\n".join(r["text"] for r in corpus(3, 10))
    size = mb * 1_000_000
    text = (pages + "\n\n") * (size // (len(pages) + 2) + 1)
    text = text[: text.rfind("\n\n", 0, size)]
    big = tmp_path / "big.jsonl"
    big.write_text(
        json.dumps({"id": "big", "url": "https://example.com/a", "text": text}) + "\n", encoding="utf-8"
    )
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    run("clean", "-q", str(ROOT / "samples" / "news_w3m.txt"))  # warm-up before the fork: lexicons
    code, t, m = full_ratios(
        lambda: run("clean", "-q", "-o", str(tmp_path / "a.jsonl"), str(big)).exit_code,
        lambda: run("clean", "-q", "-o", str(tmp_path / "b.jsonl"), str(tmp_path / "big.txt")).exit_code,
        f"JSONL line of {mb} MB against the same text as .txt",
    )
    assert code == 0
    (got,) = read_jsonl_any(tmp_path / "a.jsonl")  # read whole, cleaned, written back as one record
    assert got["id"] == "big" and 0 < len(got["text"]) < len(text) and 0 <= got["cleanroom"]["score"] <= 1
    assert t <= 3 and m <= 3, (t, m)


def test_a_binary_file_is_skipped_unread(tmp_path: Path) -> None:
    size = 4_000_000
    binary = tmp_path / "image.txt"  # a document name, binary content
    binary.write_bytes((b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))) * (size // 272))
    page = tmp_path / "page.txt"
    page.write_text(
        ("\n\n".join(r["text"] for r in corpus(3, 10)) + "\n\n") * (size // 80_000), encoding="utf-8"
    )
    r = run("clean", str(binary))
    assert r.exit_code == 0 and counts(r) == (1, 0, 0, 1) and "binary" in r.stderr
    # its first 8 KiB decide: against a text file of the same size, and the file's own size
    out = ["-q", "--overwrite", "-o", str(tmp_path / "out.jsonl")]
    t = best_time(lambda: run("clean", *out, str(binary)), 1) / best_time(
        lambda: run("clean", *out, str(page)), 1
    )
    m = peak_memory(lambda: run("clean", *out, str(binary)))
    assert t <= 1 and m <= size / 10, (t, m)


def test_a_million_empty_lines_compress_well_and_still_read(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt.gz"
    p.write_bytes(gzip.compress(b"\n" * 1_000_000))  # ratio ~1000 but below the 64 MiB floor
    with open_input(str(p)) as fh:
        assert len(fh.read()) == 1_000_000


@pytest.mark.parametrize("suffix", ["jsonl.gz", "jsonl.zst"])
def test_truncated_compressed_file(tmp_path: Path, suffix: str) -> None:
    recs = corpus(2, 100)  # several zstd blocks, so half the file holds whole records
    full = write_jsonl(tmp_path / f"full.{suffix}", recs)
    cut = tmp_path / f"cut.{suffix}"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    r = run("clean", str(cut))
    assert r.exit_code == 1 and f"truncated .{suffix.split('.')[-1]} file" in r.stderr
    assert "Traceback" not in r.stderr
    # with --on-error skip, what could be read is kept and the rest is counted as skipped
    out = tmp_path / "out.jsonl"
    r = run("clean", "--on-error", "skip", "-o", str(out), str(cut))
    assert r.exit_code == 0
    docs, cleaned, rejected, skipped = counts(r)
    assert 0 < cleaned < len(recs) and rejected == 0 and skipped == 1
    assert docs == cleaned + rejected + skipped
    assert "truncated" in r.stderr
    # bound: against an intact file of about the same compressed size (the first half)
    half = write_jsonl(tmp_path / f"half.{suffix}", recs[: len(recs) // 2])
    t, m = ratios(
        lambda: run("clean", "-q", "--on-error", "skip", "--overwrite", "-o", str(out), str(cut)),
        lambda: run("clean", "-q", "--overwrite", "-o", str(out), str(half)),
        runs=1,
    )
    assert t <= 3 and m <= 3, (t, m)


def test_corrupt_gzip_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl.gz"
    p.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(200))
    r = run("clean", str(p))
    assert r.exit_code == 1 and "corrupt .gz" in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- structured records that are not documents


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("[1, 2]", "not_object"),
        ('"a string"', "not_object"),
        ("42", "not_object"),
        ('{"id": "x"}', "text_missing"),
        ('{"id": "x", "text": null}', "text_null"),
        ('{"id": "x", "text": 42}', "text_not_string"),
        ('{"id": "x", "text": ["a", "list"]}', "text_not_string"),
        ('{"id": "x", "text": "unterminated', "malformed_json"),
    ],
)
def test_bad_records_are_rejects_with_a_code(tmp_path: Path, line: str, code: str) -> None:
    good = corpus(1, 2)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(good[0]) + "\n" + line + "\n" + json.dumps(good[1]) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    rejects = tmp_path / "rejects.jsonl"
    r = run("clean", "--on-error", "skip", "--rejects", str(rejects), "--report", str(report), str(src))
    assert r.exit_code == 0
    assert len(jsonl(r.stdout)) == 2
    (rej,) = jsonl(rejects.read_text(encoding="utf-8"))
    assert rej["code"] == code and rej["line"] == 2
    rep = json.loads(report.read_text())
    assert rep["rejects_by_reason"] == {code: 1}
    assert rep["documents_in"] == rep["documents_out"] + rep["rejected"] + rep["skipped"] == 3


def test_a_file_of_bad_records(tmp_path: Path) -> None:
    # every kind above, 160 lines: each a reject with its code, at no more than the cost of as many
    # ordinary records of the same size (a short text each)
    kinds = ["[1, 2]", '"a string"', "42", '{"id": "x"}', '{"id": "x", "text": null}',
             '{"id": "x", "text": 42}', '{"id": "x", "text": ["a", "list"]}', '{"id": "x", "text": "unterminated']  # fmt: skip
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(kinds[i % len(kinds)] + "\n" for i in range(160)), encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(
        "".join(json.dumps({"id": i, "text": "A short line."}) + "\n" for i in range(160)), encoding="utf-8"
    )
    assert 0.5 < good.stat().st_size / bad.stat().st_size < 2
    report = tmp_path / "report.json"
    args = ["--on-error", "skip", "--overwrite", "--rejects", str(tmp_path / "rejects.jsonl")]
    r = run("clean", *args, "--report", str(report), "-o", str(tmp_path / "out.jsonl"), str(bad))
    assert r.exit_code == 0
    rep = json.loads(report.read_text())
    assert rep["documents_in"] == rep["rejected"] == 160 and rep["documents_out"] == 0
    assert rep["rejects_by_reason"] == {
        "not_object": 60, "text_missing": 20, "text_null": 20, "text_not_string": 40, "malformed_json": 20
    }  # fmt: skip
    t, m = ratios(
        lambda: run("clean", "-q", *args, "-o", str(tmp_path / "out.jsonl"), str(bad)),
        lambda: run("clean", "-q", *args, "-o", str(tmp_path / "out.jsonl"), str(good)),
        runs=1,
    )
    assert t <= 3 and m <= 3, (t, m)


# ---------------------------------------------------------------- Parquet


def test_parquet_round_trip_in_row_group_batches(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = corpus(2, 5)
    for i, r in enumerate(recs):
        r["n"] = i
        r["tags"] = ["a", str(i)]
    table = pa.Table.from_pylist(recs)
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, row_group_size=3)
    out = tmp_path / "out.parquet"
    r = run("clean", "-o", str(out), str(src))
    assert r.exit_code == 0, r.stderr
    got = pq.read_table(out)
    assert got.schema.names == [*table.schema.names, "cleanroom"]
    for name in table.schema.names:
        assert got.schema.field(name).type == table.schema.field(name).type
    rows = got.to_pylist()
    assert [x["n"] for x in rows] == list(range(len(recs)))
    assert rows[3]["tags"] == ["a", "3"]
    assert json.loads(rows[0]["cleanroom"])["score"] > 0
    # batches are bounded: a reader with batch size 4 never holds more than 4 rows
    sizes = []
    for rec in read_records((str(src),), ReadOptions(parquet_batch=4)):
        sizes.append(rec.line)
    assert sizes == list(range(1, len(recs) + 1))


def test_parquet_to_jsonl_and_back(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(1, 3))
    pq_out = tmp_path / "mid.parquet"
    assert run("clean", "-q", "-o", str(pq_out), str(src)).exit_code == 0
    r = run("clean", "-q", "--output-format", "jsonl", str(pq_out))
    assert [o["id"] for o in jsonl(r.stdout)] == [x["id"] for x in corpus(1, 3)]


# ---------------------------------------------------------------- WARC and WET


def _write_warc(path: Path, wet: bool) -> list[str]:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    recs = corpus(1, 2)
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for x in recs:
            if wet:
                body = x["text"].encode()
                rec = w.create_warc_record(
                    x["url"],
                    "conversion",
                    payload=BytesIO(body),
                    length=len(body),
                    warc_headers_dict={
                        "WARC-Date": "2024-05-01T10:00:00Z",
                        "WARC-Identified-Content-Language": "eng",
                    },
                )
                w.write_record(rec)
            else:
                html = f"<html><body><p>{x['truth']}</p></body></html>".encode()
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                req = b"GET / HTTP/1.1\r\n\r\n"
                w.write_record(
                    w.create_warc_record(x["url"], "request", payload=BytesIO(req), length=len(req))
                )
                w.write_record(
                    w.create_warc_record(
                        x["url"], "response", payload=BytesIO(html), length=len(html), http_headers=http
                    )
                )
        if not wet:
            png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    "https://x.example/a.png",
                    "response",
                    payload=BytesIO(b"\x89PNG"),
                    length=4,
                    http_headers=png,
                )
            )
    return [x["url"] for x in recs]


def test_wet_round_trip_keeps_warc_headers(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    src = tmp_path / "in.warc.wet.gz"
    urls = _write_warc(src, wet=True)
    out = tmp_path / "out.warc.wet.gz"
    report = tmp_path / "r.json"
    r = run("clean", "-o", str(out), "--report", str(report), str(src))
    assert r.exit_code == 0, r.stderr
    with open(out, "rb") as fh:
        items = [(rec.rec_headers, rec.content_stream().read().decode()) for rec in ArchiveIterator(fh)]
    assert len(items) == 2
    for (headers, text), url in zip(items, urls):
        assert headers.get_header("WARC-Type") == "conversion"
        assert headers.get_header("WARC-Target-URI") == url
        assert headers.get_header("WARC-Date") == "2024-05-01T10:00:00Z"
        assert headers.get_header("WARC-Identified-Content-Language") == "eng"
        assert headers.get_header("WARC-Refers-To")
        meta = json.loads(headers.get_header("WARC-Cleanroom"))
        assert meta["score"] > 0 and text and "Most read" not in text
    rep = json.loads(report.read_text())
    assert rep["skipped_by_reason"] == {"warc_warcinfo": 1}
    assert rep["documents_in"] == 3 and rep["documents_out"] == 2
    # the same bytes again: record ids derive from the input's
    out2 = tmp_path / "again.warc.wet.gz"
    assert run("clean", "-q", "-o", str(out2), str(src)).exit_code == 0
    assert out2.read_bytes() == out.read_bytes()


def test_warc_response_records_are_html(tmp_path: Path) -> None:
    from cleanroom.pipeline import Cleaner

    src = tmp_path / "in.warc.gz"
    urls = _write_warc(src, wet=False)
    report = tmp_path / "r.json"
    r = run("clean", "-o", str(tmp_path / "out.jsonl"), "--report", str(report), str(src))
    assert r.exit_code == 0, r.stderr
    rep = json.loads(report.read_text())
    skipped = rep["skipped_by_reason"]
    assert skipped["warc_warcinfo"] == 1 and skipped["warc_request"] == 2 and skipped["warc_not_html"] == 1
    out = jsonl((tmp_path / "out.jsonl").read_text())
    if callable(getattr(Cleaner, "clean_html", None)):  # the HTML front end is installed
        assert [o["url"] for o in out] == urls and all(o["cleanroom"]["source"] == "html" for o in out)
    else:
        assert out == [] and skipped["html_unsupported"] == 2
    assert rep["documents_in"] == rep["documents_out"] + rep["rejected"] + rep["skipped"] == 6


# ---------------------------------------------------------------- folders, mirroring, overwrite


def test_text_folder_mirrors_nested_names(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "a" / "b").mkdir(parents=True)
    recs = corpus(1, 3)
    for i, x in enumerate(recs):
        (src / ("a/b" if i else "a") / f"p{i}.txt").write_text(x["text"], encoding="utf-8")
    r = run("clean", "-o", f"{tmp_path}/out/", str(src))
    assert r.exit_code == 0
    assert sorted(tree(tmp_path / "out")) == ["a/b/p1.txt", "a/b/p2.txt", "a/p0.txt"]


def test_mirror_path_never_leaves_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for rel in ("../../etc/passwd", "/etc/passwd", "a/../../x", "C:/x", "..\\..\\x"):
        assert os.path.commonpath([str(out), mirror_path(str(out), rel)]) == str(out)
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(InputError, match="outside"):
        mirror_path(str(out), "link/x.txt")


def test_mirrored_output_through_a_symlink_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "link").mkdir(parents=True)
    (src / "link" / "p.txt").write_text(corpus(1, 1)[0]["text"], encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    r = run("clean", "-o", f"{out}/", str(src))
    assert r.exit_code == 1 and "outside" in r.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(1, 1))
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    r = run("clean", "-o", str(out), str(src))
    assert r.exit_code == 1 and "--overwrite" in r.stderr
    assert out.read_text() == "precious\n"
    assert run("clean", "-q", "--overwrite", "-o", str(out), str(src)).exit_code == 0
    assert jsonl(out.read_text())[0]["id"] == corpus(1, 1)[0]["id"]


def test_a_failed_run_leaves_no_output_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(corpus(1, 1)[0]) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl.gz"
    assert run("clean", "-o", str(out), str(src)).exit_code == 1
    assert list(tmp_path.iterdir()) == [src]


# ---------------------------------------------------------------- signals: nothing partial under a final name


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    # this checkout's package, not whichever one is installed (cwd is not the checkout)
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", "cleanroom", "clean", "-q", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _big_input(tmp_path: Path, n: int = 3000) -> Path:
    recs = corpus(3, max(n // 3, 1))
    return write_jsonl(tmp_path / "big.jsonl", recs)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_leaves_no_partial_output(tmp_path: Path, sig: signal.Signals) -> None:
    # big enough that the run is still going when the signal comes, however fast the machine
    src = _big_input(tmp_path, 12000)
    out = tmp_path / "out.jsonl.gz"
    proc = _start(["-j", "2", "-o", str(out), str(src)], tmp_path)
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".cleanroom-tmp") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    time.sleep(0.3)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=30)
    assert not out.exists()
    if sig == signal.SIGKILL:  # workers die with their parent (no orphans)
        deadline = time.monotonic() + 10
        while _alive_group(proc.pid):
            assert time.monotonic() < deadline, "orphaned workers"
            time.sleep(0.05)
    else:
        assert proc.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130}[sig]
        assert b"Traceback" not in err, err.decode()
        assert [p.name for p in tmp_path.iterdir()] == [src.name]  # the temporary file is gone too


def _alive_group(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    try:  # zombies count as gone
        out = subprocess.run(["ps", "-o", "stat=", "-g", str(pgid)], capture_output=True, text=True).stdout
    except OSError:
        return True
    return any(not st.startswith("Z") for st in out.split())


# ---------------------------------------------------------------- report, accounting, jobs, streaming


def test_report_and_accounting_on_a_mixed_corpus(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    recs = corpus(2, 3)
    lines = [json.dumps(x) for x in recs] + ["[]", '{"text": null}', "{bad"]
    (src / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "b.txt").write_text(recs[0]["text"], encoding="utf-8")
    (src / "c.txt").write_bytes(b"\x00\x01\x02" * 100)  # binary under a document name
    (src / "notes.md").write_text("not a document type: counted as skipped", encoding="utf-8")
    report = tmp_path / "report.json"
    # a threshold between the documents' scores: some are kept, some go to the rejects
    scores = [cleanroom.clean(x["text"]).score for x in recs]
    threshold = f"{(min(scores) + max(scores)) / 2:.4f}"
    r = run(
        "clean", "--on-error", "skip", "--min-score", threshold, "-o", f"{tmp_path}/out/", "--report", str(report), str(src)
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    rep = json.loads(report.read_text())
    assert rep["documents_in"] == 12
    assert rep["documents_in"] == rep["documents_out"] + rep["rejected"] + rep["skipped"]
    assert rep["skipped_by_reason"] == {"binary": 1, "not_document": 1}
    assert {"not_object", "text_null", "malformed_json"} <= set(rep["rejects_by_reason"])
    assert sum(rep["rejects_by_reason"].values()) == rep["rejected"]
    assert sum(rep["score_histogram"].values()) == 7  # every cleaned document, kept or below min score
    assert rep["languages"] == {"en": 7}
    assert rep["bytes_in"] > rep["bytes_out"] > 0
    assert rep["lines_removed_by_layer"]["related"] > 0 and rep["wall_time_s"] > 0
    rejected = jsonl((tmp_path / "out" / "rejects.jsonl").read_text())
    assert len(rejected) == rep["rejected"]


def _job(tmp_path: Path, src: Path, jobs: int, name: str, **write: object) -> bytes:
    out = tmp_path / name
    opts = JobOptions(paths=(str(src),), write=WriteOptions(output=str(out), **write), jobs=jobs)  # type: ignore[arg-type]
    run_job(opts, preset("balanced"), warn=lambda m: None)
    return out.read_bytes()


def test_jobs_give_identical_bytes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(3, 12))
    one = _job(tmp_path, src, 1, "one.jsonl.gz")
    assert one == _job(tmp_path, src, 2, "two.jsonl.gz") == _job(tmp_path, src, 3, "three.jsonl.gz")


def test_the_pool_reads_only_a_bounded_window_ahead(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(2, 200))
    read = 0

    def counting():  # type: ignore[no-untyped-def]
        nonlocal read
        for rec in read_records((str(src),), ReadOptions()):
            read += 1
            yield rec

    ahead = 0
    for i, _ in enumerate(clean_records(counting(), preset("balanced"), jobs=2, chunksize=4), start=1):
        ahead = max(ahead, read - i)
    assert ahead <= 2 * 4 * 4 + 4  # jobs * 4 batches of chunksize, plus the batch being filled


def test_stdin_gzip_is_detected(tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps(x) + "\n" for x in corpus(1, 2)).encode())
    r = run("clean", "-q", "--format", "jsonl", "-", input=data)
    assert r.exit_code == 0 and len(jsonl(r.stdout)) == 2


def test_html_field_goes_to_the_html_front_end(tmp_path: Path) -> None:
    from cleanroom.pipeline import Cleaner

    recs = [
        {"id": str(i), "url": r["url"], "html": f"<p>{r['truth']}</p>"} for i, r in enumerate(corpus(1, 2))
    ]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    report = tmp_path / "r.json"
    r = run("clean", "-q", "--html-field", "html", "--keep-html", "--report", str(report), str(src))
    assert r.exit_code == 0, r.stderr
    rep = json.loads(report.read_text())
    assert rep["documents_in"] == rep["documents_out"] + rep["rejected"] + rep["skipped"] == 2
    if callable(getattr(Cleaner, "clean_html", None)):
        out = jsonl(r.stdout)
        assert [o["html"] for o in out] == [x["html"] for x in recs] and all(o["text"] for o in out)
    else:
        assert rep["skipped_by_reason"] == {"html_unsupported": 2} and r.stdout == ""
