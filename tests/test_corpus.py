"""Corpus mode: per-site line counts (bounded), the site layer, and the gain it brings."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from corpus_gen import f1, generate
from io_helpers import jsonl, run, write_jsonl

from cleanroom import Cleaner, preset
from cleanroom.corpus import SiteCounter, count_sites, line_hash
from cleanroom.io.readers import site_of
from cleanroom.reasons import Reason


def test_site_of() -> None:
    assert site_of("https://www.Example.com:8080/a?b") == "example.com"
    assert site_of("http://news.example.org/") == "news.example.org"
    assert site_of("not a url") is None and site_of(None) is None and site_of("http://[bad") is None


def test_counts_are_per_document_and_per_site() -> None:
    c = count_sites(
        [("a.com", "Menu\nMenu\nText"), ("a.com", "Menu"), ("b.com", "Menu"), (None, "Menu"), ("a.com", None)]
    )
    assert c.documents == 3
    st = c.stats(min_docs=2)
    assert st.count("a.com", "MENU!") == 2  # normalised: case and punctuation folded
    assert st.count("b.com", "Menu") is None  # one document only
    assert st.count("a.com", "Text") is None


def test_the_counter_is_bounded_and_only_ever_undercounts() -> None:
    cap = 200
    c = SiteCounter(capacity=cap)
    exact: dict[int, int] = {}
    for i in range(3000):
        text = f"Site menu line\nFooter line {i % 3}\nUnique sentence number {i}"
        c.add("s.com", text)
        for key in ("site menu line", f"footer line {i % 3}", f"unique sentence number {i}"):
            h = line_hash("s.com", key)
            exact[h] = exact.get(h, 0) + 1
        assert len(c.counts) <= cap
    assert c.decrements > 0
    for h, v in c.counts.items():
        assert (v >> 32) <= exact[h]  # never over-estimated
        assert (v >> 32) >= exact[h] - c.decrements
    st = c.stats(min_docs=5)
    assert st.count("s.com", "Site menu line") is not None  # frequent lines survive
    assert st.count("s.com", "Footer line 1") is not None


def test_merge_of_partition_counters_equals_one_pass() -> None:
    docs = [("s.com", f"Menu\nLine {i % 4}") for i in range(40)]
    whole = count_sites(docs)
    merged = count_sites(docs[:15]).merge(count_sites(docs[15:]))
    assert merged.counts == whole.counts and merged.documents == whole.documents
    small = count_sites(docs[:15], capacity=3).merge(count_sites(docs[15:], capacity=3))
    assert len(small.counts) <= 3 and small.stats(5).count("s.com", "Menu") is not None


def test_prose_repeated_across_a_site_is_kept() -> None:
    para = (
        "The council approved the new budget for the schools on Monday, and officials said that the work "
        "would be finished before the end of the year, which many parents had hoped for."
    )
    other = "Residents said that they were pleased with the decision and that they would follow the next steps closely."
    pages = [f"Site Menu | Home\n\n{para}\n\n{other} Page {i}.\n\nSite footer text" for i in range(8)]
    stats = count_sites(("s.com", p) for p in pages).stats(min_docs=5)
    result = Cleaner(preset("balanced"), stats).clean(pages[0], "s.com")
    dropped = {d.original: d.reason for d in result.decisions if d.action == "drop"}
    assert dropped.get("Site footer text") == Reason.SITE_REPEAT
    assert para in result.text


def _mean_f1(records: list[dict], outputs: list[dict]) -> float:
    return statistics.mean(f1(o["text"], r["truth"])[2] for r, o in zip(records, outputs))


def test_corpus_mode_cli_removes_site_boilerplate_and_raises_f1(tmp_path: Path) -> None:
    recs = generate(3, 8)
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    plain = jsonl(run("clean", "-q", str(src)).stdout)
    report = tmp_path / "r.json"
    r = run("clean", "-q", "--corpus-mode", "--decisions", "--report", str(report), str(src))
    assert r.exit_code == 0, r.stderr
    site = jsonl(r.stdout)
    reasons = {d["reason"] for o in site for d in o["cleanroom"]["decisions"]}
    assert "site_repeat" in reasons
    assert _mean_f1(recs, site) > _mean_f1(recs, plain) + 0.01
    rep = json.loads(report.read_text())
    assert rep["lines_removed_by_reason"]["site_repeat"] > 0
    assert rep["site_pass"]["documents_counted"] == len(recs)
    # the threshold is a knob: no site has 9 pages, so nothing repeats often enough
    r9 = run("clean", "-q", "--corpus-mode", "--site-min-docs", "9", str(src))
    assert jsonl(r9.stdout) == plain


def test_site_field_names_the_site(tmp_path: Path) -> None:
    recs = generate(2, 6)
    for r in recs:
        r["domain"] = "one-site-for-all"
        del r["url"]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    no_site = run("clean", "-q", "--corpus-mode", "--report", str(tmp_path / "a.json"), str(src))
    assert no_site.exit_code == 0
    assert "site_repeat" not in json.loads((tmp_path / "a.json").read_text())["lines_removed_by_reason"]
    r = run(
        "clean",
        "-q",
        "--corpus-mode",
        "--site-field",
        "domain",
        "--report",
        str(tmp_path / "b.json"),
        str(src),
    )
    assert r.exit_code == 0
    assert json.loads((tmp_path / "b.json").read_text())["lines_removed_by_reason"]["site_repeat"] > 0


def test_corpus_mode_needs_files() -> None:
    r = run("clean", "--corpus-mode", "-", input="x")
    assert r.exit_code == 2 and "stdin" in r.stderr
