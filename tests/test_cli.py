"""The command line through click's CliRunner (a real subprocess only for --jobs)."""

from __future__ import annotations

import gc
import gzip
import json
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import PROSE, REPO, golden_cases, seed_texts
from io_helpers import counts, run

import cleanroom
from cleanroom.cli import main
from cleanroom.io.readers import read_jsonl, read_text_file
from cleanroom.layers import LAYER_IDS

ARTICLE = (
    "Home\nWorld\nPolitics\nBusiness\n\nTalks continue in the capital\n\nBy Jane Doe\n\n"
    + "\n\n".join(PROSE)
    + "\n\nRead more: Why the talks matter\n\nPrivacy Policy\n© 2024 The Example Times\n"
)
OTHER = "\n\n".join(reversed(PROSE)) + "\n\nContact Us\nTerms of Use\n"
summary = counts  # the run summary's (documents, cleaned, rejected, skipped)


def jsonl(text: str) -> list[dict]:
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


# ---------------------------------------------------------------- text input


def test_clean_text_file_to_stdout(article: Path) -> None:
    r = run("clean", str(article))
    assert r.exit_code == 0
    assert r.stdout == cleanroom.clean(ARTICLE).text + "\n"
    assert PROSE[0] in r.stdout and "Privacy Policy" not in r.stdout
    assert summary(r) == (1, 1, 0, 0)


def test_clean_stdin() -> None:
    r = run("clean", "-", input=ARTICLE)
    assert r.exit_code == 0
    assert r.stdout == cleanroom.clean(ARTICLE).text + "\n"


def test_no_path_means_stdin() -> None:
    assert run("clean", input=ARTICLE).stdout == cleanroom.clean(ARTICLE).text + "\n"


def test_folder_with_glob(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "c.md").write_text(
        "# not selected\n\nThis file must not be read by the glob.\n", encoding="utf-8"
    )
    r = run("clean", "--glob", "*.txt", str(tmp_path))
    assert r.exit_code == 0
    assert summary(r) == (2, 2, 0, 0)
    assert PROSE[0] in r.stdout and "must not be read" not in r.stdout


def test_output_dir_mirrors_names(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    r = run("clean", "-o", f"{out}/", str(src))
    assert r.exit_code == 0 and r.stdout == ""
    assert (out / "a.txt").read_text(encoding="utf-8") == cleanroom.clean(ARTICLE).text + "\n"
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == cleanroom.clean(OTHER).text + "\n"


def test_output_file(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "cleaned.txt"
    r = run("clean", "-o", str(out), str(article))
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == cleanroom.clean(ARTICLE).text + "\n"


@pytest.mark.parametrize("name", ["precision", "recall"])
def test_preset(article: Path, name: str) -> None:
    r = run("clean", "--preset", name, str(article))
    assert r.exit_code == 0
    assert r.stdout == cleanroom.clean(ARTICLE, name).text + "\n"


def test_unknown_preset_is_a_usage_error(article: Path) -> None:
    r = run("clean", "--preset", "nope", str(article))
    assert r.exit_code == 2
    assert "balanced" in r.stderr


def test_disable_unknown_layer_is_a_usage_error(article: Path) -> None:
    r = run("clean", "--disable", "nope", str(article))
    assert r.exit_code == 2
    assert "nope" in r.stderr
    for lid in LAYER_IDS:
        assert lid in r.stderr
    assert r.stdout == ""


def test_disable_layer(article: Path) -> None:
    r = run("clean", "--disable", "chrome", "--disable", "related", str(article))
    assert r.exit_code == 0
    cfg = cleanroom.Config(disabled=frozenset({"chrome", "related"}))
    assert r.stdout == cleanroom.clean(ARTICLE, cfg).text + "\n"


def test_missing_file_is_an_error_without_traceback(tmp_path: Path) -> None:
    r = run("clean", str(tmp_path / "nope.txt"))
    assert r.exit_code == 1
    assert "nope.txt" in r.stderr and "Traceback" not in r.stderr


def test_empty_text_file_passes_through(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    r = run("clean", str(p))
    assert r.exit_code == 0
    assert r.stdout == "\n"
    assert summary(r) == (1, 1, 0, 0)


def test_binary_file_is_skipped(tmp_path: Path, article: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run("clean", str(binary), str(article))
    assert r.exit_code == 0
    assert "image.txt" in r.stderr and "skipped" in r.stderr
    assert summary(r) == (2, 1, 0, 1)
    assert PROSE[0] in r.stdout


def test_invalid_utf8_is_replaced_and_counted(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes(
        ARTICLE.encode("utf-8") + "\n\nCaf\xe9 cr\xe8me at the end of the page.\n".encode("latin-1")
    )
    r = run("clean", str(p))
    assert r.exit_code == 0
    assert "2 invalid UTF-8 bytes replaced" in r.stderr
    assert PROSE[0] in r.stdout


# ---------------------------------------------------------------- JSONL


RECORDS = [
    {"id": "a", "text": ARTICLE, "url": "https://example.com/a", "meta": {"lang": "en", "n": 1}},
    {"id": "b", "text": OTHER, "url": "https://example.com/b"},
    {"id": "c", "text": "", "url": "https://example.com/empty"},
]
META_KEYS = {"score", "input_score", "language", "title", "removed_lines"}


def test_jsonl_keeps_fields_and_adds_metadata(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.data", RECORDS)
    r = run("clean", "--format", "jsonl", str(src))
    assert r.exit_code == 0
    out = jsonl(r.stdout)
    assert [o["id"] for o in out] == ["a", "b", "c"]
    for rec, o in zip(RECORDS, out):
        assert {k: v for k, v in o.items() if k not in ("text", "cleanroom")} == {
            k: v for k, v in rec.items() if k != "text"
        }
        assert o["text"] == cleanroom.clean(rec["text"]).text
        meta = o["cleanroom"]
        assert set(meta) >= META_KEYS
        assert 0.0 <= meta["score"] <= 1.0 and 0.0 <= meta["input_score"] <= 1.0
    assert out[0]["cleanroom"]["title"] == "Talks continue in the capital"
    assert out[0]["cleanroom"]["language"] == "en"
    assert out[0]["cleanroom"]["removed_lines"] > 0
    assert summary(r) == (3, 3, 0, 0)


def test_empty_document_passes_through() -> None:
    r = run("clean", "--format", "jsonl", "-", input=json.dumps({"id": 7, "text": ""}) + "\n")
    assert r.exit_code == 0
    (o,) = jsonl(r.stdout)
    assert o["id"] == 7 and o["text"] == "" and o["cleanroom"]["removed_lines"] == 0


def test_jsonl_stdin_with_text_field_and_decisions() -> None:
    data = json.dumps({"id": 1, "body": ARTICLE}) + "\n"
    r = run("clean", "--format", "jsonl", "--text-field", "body", "--decisions", "-", input=data)
    assert r.exit_code == 0
    (o,) = jsonl(r.stdout)
    assert o["body"] == cleanroom.clean(ARTICLE).text and "text" not in o
    decisions = o["cleanroom"]["decisions"]
    assert decisions and all({"line", "action", "layer", "reason"} <= set(d) for d in decisions)


# reading .gz leaks the raw file handle (see test_gz_input_closes_its_file); keep it out of this test
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_jsonl_gz_in_and_out(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        for rec in RECORDS:
            fh.write(json.dumps(rec) + "\n")
    out = tmp_path / "out.jsonl.gz"
    r = run("clean", "-o", str(out), str(src))
    assert r.exit_code == 0 and r.stdout == ""
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        got = jsonl(fh.read())
    assert [o["id"] for o in got] == ["a", "b", "c"]
    assert got[0]["text"] == cleanroom.clean(ARTICLE).text


def test_jsonl_output_dir(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "part-1.jsonl", RECORDS)
    out = tmp_path / "out"
    r = run("clean", "-o", f"{out}/", str(src))
    assert r.exit_code == 0
    assert [o["id"] for o in jsonl((out / "part-1.jsonl").read_text(encoding="utf-8"))] == ["a", "b", "c"]


@pytest.mark.parametrize("reader", ["jsonl", "text"])
def test_gz_input_closes_its_file(tmp_path: Path, reader: str) -> None:
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(RECORDS[0]) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if reader == "jsonl":
            assert [r.fields["id"] for r in read_jsonl(str(src), "text") if r.fields] == ["a"]
        else:
            assert read_text_file(str(src)).text
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_jsonl_gz_output_dir_is_compressed(tmp_path: Path) -> None:
    src = tmp_path / "part-1.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(RECORDS[0]) + "\n")
    out = tmp_path / "out"
    assert run("clean", "-o", f"{out}/", str(src)).exit_code == 0
    with gzip.open(out / "part-1.jsonl.gz", "rt", encoding="utf-8") as fh:
        assert [o["id"] for o in jsonl(fh.read())] == ["a"]


def test_output_dir_run_twice_in_one_process(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "part-1.jsonl", RECORDS)
    out = tmp_path / "out"
    assert run("clean", "-o", f"{out}/", str(src)).exit_code == 0
    again = run("clean", "-o", f"{out}/", str(src))  # never overwritten silently (issue 6)
    assert again.exit_code == 1 and "--overwrite" in again.stderr
    assert run("clean", "--overwrite", "-o", f"{out}/", str(src)).exit_code == 0
    assert len(jsonl((out / "part-1.jsonl").read_text(encoding="utf-8"))) == len(RECORDS)


def test_min_score_sends_documents_to_rejects(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    rejects = tmp_path / "rejects.jsonl"
    r = run("clean", "--min-score", "0.99", "--rejects", str(rejects), str(src))
    assert r.exit_code == 0
    kept = jsonl(r.stdout)
    rejected = jsonl(rejects.read_text(encoding="utf-8"))
    assert len(kept) + len(rejected) == len(RECORDS)
    assert rejected, "the empty record has score 0 and must be rejected"
    assert all(k["cleanroom"]["score"] >= 0.99 for k in kept)
    for rej in rejected:
        assert rej["reason"] == "below_min_score" and rej["score"] < 0.99
        assert rej["record"]["id"] in {"a", "b", "c"} and rej["line"] >= 1
    n, cleaned, n_rejected, skipped = summary(r)
    assert (n, cleaned, n_rejected, skipped) == (3, len(kept), len(rejected), 0)
    assert "below_min_score" in r.stderr


def test_min_score_to_stdout_needs_rejects(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    r = run("clean", "--min-score", "0.5", str(src))
    assert r.exit_code == 2 and "--rejects" in r.stderr


BAD_LINES = [json.dumps(RECORDS[0]), '{"id": "x", "text": "unterminated', json.dumps(RECORDS[1])]


def test_malformed_jsonl_stops_with_location(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    r = run("clean", str(src))
    assert r.exit_code == 1
    assert f"{src}:2" in r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"id": "x", "text": "unterminated', "malformed JSON"),
        ('["a", "list"]', "not a JSON object"),
        ('{"id": "x", "text": 42}', "field 'text'"),
        ('{"id": "x"}', "field 'text'"),
    ],
)
def test_on_error_skip_writes_the_line_to_rejects(tmp_path: Path, line: str, why: str) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join([BAD_LINES[0], line, BAD_LINES[2]]) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    r = run("clean", "--on-error", "skip", "--rejects", str(rejects), str(src))
    assert r.exit_code == 0
    assert [o["id"] for o in jsonl(r.stdout)] == ["a", "b"]
    (rej,) = jsonl(rejects.read_text(encoding="utf-8"))
    assert rej["line"] == 2 and why in rej["reason"]
    if "raw" in rej:
        assert rej["raw"] == line  # verbatim
    else:  # a JSON object with a bad text field comes back as the object itself
        assert rej["record"] == json.loads(line)
    assert summary(r) == (3, 2, 1, 0)


def test_invalid_utf8_in_jsonl_is_counted(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "a", "text": "Caf\xe9 and cr\xe8me."}\n' + (json.dumps(RECORDS[1]) + "\n").encode()
    )
    r = run("clean", str(src))
    assert r.exit_code == 0
    first = jsonl(r.stdout)[0]
    assert first["cleanroom"]["invalid_utf8_replaced"] == 2
    assert "2 invalid UTF-8 bytes replaced" in r.stderr


# ---------------------------------------------------------------- explain and score


EXPLAIN_LINE = re.compile(r"^\s*(\d+) (keep|drop|edit|title)\s+(\S*)\s")


def test_explain(article: Path) -> None:
    r = run("explain", str(article))
    assert r.exit_code == 0
    rows = [EXPLAIN_LINE.match(x) for x in r.stdout.splitlines()[1:]]
    assert all(rows)
    verdicts = {(m.group(2), m.group(3)) for m in rows if m}
    assert ("drop", "chrome:legal") in verdicts
    assert ("drop", "related:read_more") in verdicts
    assert any(v == "keep" for v, _ in verdicts)
    assert any(v == "title" for v, _ in verdicts)
    for m in rows:
        if m and m.group(2) == "drop":
            layer, _, reason = m.group(3).partition(":")
            assert layer in LAYER_IDS and reason
    # every non-blank input line is shown once, in order
    shown = [int(m.group(1)) for m in rows if m]
    assert shown == [i for i, x in enumerate(ARTICLE.split("\n"), 1) if x.strip()]


def test_explain_only_removed(article: Path) -> None:
    r = run("explain", "--only-removed", str(article))
    assert r.exit_code == 0
    rows = [EXPLAIN_LINE.match(x) for x in r.stdout.splitlines()[1:]]
    assert rows and all(m and m.group(2) != "keep" for m in rows)
    assert PROSE[0] not in r.stdout


def test_explain_stdin_and_missing_file(tmp_path: Path) -> None:
    assert "drop" in run("explain", "-", input=ARTICLE).stdout
    r = run("explain", str(tmp_path / "nope.txt"))
    assert r.exit_code == 2


def test_score_table(article: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    r = run("score", str(article), str(other))
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split()[:2] == ["document", "score"] and len(lines) == 3
    value = float(lines[1].split()[1])
    assert value == pytest.approx(cleanroom.score(ARTICLE).score, abs=1e-3)


def test_score_jsonl(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    r = run("score", "--format", "jsonl", str(src))
    assert r.exit_code == 0
    out = jsonl(r.stdout)
    assert [o["id"] for o in out] == ["a", "b", "c"]
    for o in out:
        assert 0.0 <= o["score"] <= 1.0 and o["components"]
    assert out[0]["score"] == pytest.approx(cleanroom.score(ARTICLE).score, abs=1e-4)


def test_version_and_help() -> None:
    assert cleanroom.__version__ in run("--version").stdout
    assert "clean" in run("--help").stdout


# ---------------------------------------------------------------- --jobs


def test_jobs_2_equals_jobs_1(tmp_path: Path) -> None:
    texts = [c["input"] for c in golden_cases().values()] + list(seed_texts().values())
    texts += [ARTICLE, OTHER, "", "\n".join(PROSE)]
    records = [{"id": i, "text": t, "n": i * i} for i, t in enumerate(texts * 2)][:30]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    outs = []
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "cleanroom", "clean", "--jobs", jobs, "-q", str(src)],
            capture_output=True,
            cwd=REPO,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert [o["id"] for o in jsonl(outs[0].decode())] == [r["id"] for r in records]


# ---------------------------------------------------------------- smaller options


def test_with_title(article: Path) -> None:
    r = run("clean", "--with-title", str(article))
    assert r.exit_code == 0
    assert r.stdout.startswith("Talks continue in the capital\n\n")


def test_utf16_text_file(tmp_path: Path) -> None:
    p = tmp_path / "utf16.txt"
    p.write_bytes(ARTICLE.encode("utf-16"))
    r = run("clean", str(p))
    assert r.exit_code == 0
    assert r.stdout == cleanroom.clean(ARTICLE).text + "\n"


def test_on_error_skip_defaults_rejects_next_to_the_output(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("clean", "--on-error", "skip", "-o", str(out), str(src))
    assert r.exit_code == 0
    assert [o["id"] for o in jsonl(out.read_text(encoding="utf-8"))] == ["a", "b"]
    (rej,) = jsonl((tmp_path / "out.jsonl.rejects.jsonl").read_text(encoding="utf-8"))
    assert rej["line"] == 2


def test_min_score_rejects_text_documents(tmp_path: Path) -> None:
    p = tmp_path / "menu.txt"
    p.write_text("Home\nNews\nSport\nLogin\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    r = run("clean", "--min-score", "0.5", "--rejects", str(rejects), str(p))
    assert r.exit_code == 0 and r.stdout == ""
    (rej,) = jsonl(rejects.read_text(encoding="utf-8"))
    assert rej["reason"] == "below_min_score" and rej["source"] == str(p) and "Home" in rej["text"]
    assert summary(r) == (1, 0, 1, 0)


def test_score_skips_binary_files(tmp_path: Path, article: Path) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = run("score", str(binary), str(article))
    assert r.exit_code == 0
    assert "blob.bin" in r.stderr
    assert len(r.stdout.splitlines()) == 2


def test_html_file_is_cleaned_as_html(tmp_path: Path) -> None:
    """A .html file goes through the HTML front end (charset from <meta>, no markup leaks)."""
    body = "".join(
        f"<p>Paragraph {i} of the report says that the council will meet again next week to vote on the "
        f"new budget, and that residents may attend.</p>"
        for i in range(4)
    )
    page = (
        '<html><head><meta charset="windows-1252"><title>T</title><script>var x = 1;</script></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>{body}"
        "<p>Caf\xe9 owners said so.</p></article><footer>All Rights Reserved</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    result = CliRunner().invoke(main, ["clean", "-q", str(path)])
    assert result.exit_code == 0, result.output
    assert "Paragraph 3 of the report" in result.output
    assert "Café owners said so." in result.output
    assert "var x" not in result.output and "All Rights Reserved" not in result.output


def test_config_shows_what_text_dumps_run_with() -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["config", "--preset", "precision"])
    assert res.exit_code == 0, res.output
    shown = json.loads(res.output)
    strict = cleanroom.preset("precision")
    assert shown["preset"] == "precision" and shown["stopwords_low"] == strict.stopwords_low
    assert shown["learned_threshold"] == strict.learned_threshold
    # the model measured its features with the balanced values: text dumps run with those
    balanced = cleanroom.preset("balanced")
    assert shown["text_dumps"]["stopwords_low"] == balanced.stopwords_low
    assert shown["text_dumps"]["length_low"] == balanced.length_low
    assert "learned_threshold" not in shown["text_dumps"]
    assert json.loads(runner.invoke(main, ["config"]).output)["text_dumps"] == {}
    rules = json.loads(
        runner.invoke(main, ["config", "--preset", "precision", "--disable", "learned"]).output
    )
    assert rules["text_dumps"] == {}


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_interrupt_swallowed_inside_a_finalizer_still_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python runs a signal handler wherever the main thread is; the KeyboardInterrupt it raises
    # inside a __del__ is printed and dropped. The run must stop at its next record anyway,
    # exit 130 and leave no output under its final name.
    import signal as sig

    import cleanroom.cli as cli

    class Finalized:
        def __del__(self) -> None:
            cli._on_signal(sig.SIGINT, None)

    reached: list[str] = []

    def fake_run(opts: object, cfg: object, *, warn: object, tick: Callable[[], None]) -> None:
        obj = Finalized()
        del obj  # the handler's exception is swallowed here
        gc.collect()
        tick()  # the next record
        reached.append("went on")

    monkeypatch.setattr(cli, "run_job", fake_run)
    src = tmp_path / "in.txt"
    src.write_text("\n\n".join(PROSE) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", "-q", "-o", str(out), str(src)])
    assert result.exit_code == 130, result.output
    assert reached == []
    assert "interrupted" in result.output
    assert not out.exists()
