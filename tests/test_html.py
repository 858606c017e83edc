"""HTML front end: decoding, what never leaks, lists / tables / <br>, DOM evidence, safety."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanroom import Cleaner, clean, clean_html
from cleanroom.html import decode_html, explain_rows, parse_html, replay_html
from cleanroom.html.tree import flatten_deep, lxml_available

PARSERS = ["html.parser", *(["lxml"] if lxml_available() else [])]
PROSE = (
    "The committee published its report on Monday after a year of hearings, and its members said "
    "that the findings would shape the debate about the new law for a long time to come."
)


def texts(html: str | bytes, parser: str | None = None) -> list[str]:
    return [ln.text for ln in parse_html(html, parser).lines]


# --- charset


class TestDecode:
    def test_utf8_bom(self) -> None:
        d = decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>")
        assert (d.encoding, d.source) == ("utf-8", "bom")
        assert d.text == "<p>café</p>"

    def test_utf16_bom(self) -> None:
        d = decode_html("\ufeff<p>naïve</p>".encode("utf-16-le"))
        assert d.source == "bom" and d.encoding == "utf-16"
        assert d.text == "<p>naïve</p>"

    def test_meta_charset(self) -> None:
        page = '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>'
        d = decode_html(page.encode("cp1251"))
        assert (d.encoding, d.source, d.declared) == ("cp1251", "meta charset", "windows-1251")
        assert "Привет" in d.text

    def test_http_equiv(self) -> None:
        page = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
            "</head><body><p>日本語のテキスト</p></body></html>"
        )
        d = decode_html(page.encode("shift_jis"))
        assert (d.encoding, d.source) == ("shift_jis", "http-equiv")
        assert "日本語のテキスト" in d.text

    def test_latin1_label_means_cp1252(self) -> None:
        page = '<meta charset="iso-8859-1"><p>\u201cquoted\u201d caf\xe9</p>'
        d = decode_html(page.encode("cp1252"))
        assert d.encoding == "cp1252"
        assert "\u201cquoted\u201d café" in d.text

    def test_wrong_declaration_valid_utf8_wins(self) -> None:
        page = '<meta charset="iso-8859-1"><p>Grüße aus Köln</p>'
        d = decode_html(page.encode("utf-8"))
        assert d.encoding == "utf-8" and d.declared == "iso-8859-1"
        assert "Grüße aus Köln" in d.text

    def test_missing_declaration_cp1252_fallback(self) -> None:
        d = decode_html("<p>Fa\xe7ade, na\xefve, \u20ac5</p>".encode("cp1252"))
        assert (d.encoding, d.source) == ("cp1252", "fallback")
        assert "Façade, naïve, €5" in d.text

    def test_declared_utf8_with_broken_bytes_uses_replacement(self) -> None:
        data = '<meta charset="utf-8"><p>schön und gut</p>'.encode() + b"<p>bad \xff byte</p>"
        d = decode_html(data)
        assert (d.encoding, d.source) == ("utf-8", "utf-8 replace")
        assert "schön" in d.text and "\ufffd" in d.text

    def test_unknown_label_never_raises(self) -> None:
        d = decode_html(b'<meta charset="x-no-such-charset"><p>caf\xe9</p>')
        assert d.text.endswith("</p>")

    def test_recorded_on_the_result(self) -> None:
        r = clean_html(f'<meta charset="windows-1252"><p>{PROSE} Caf\xe9.</p>'.encode("cp1252"))
        assert r.source["encoding"] == "cp1252"
        assert r.source["encoding_source"] == "meta charset"
        assert r.metadata()["source"]["format"] == "html"
        assert "Café." in r.text

    def test_str_input(self) -> None:
        r = clean_html(f"<p>{PROSE}</p>")
        assert r.source["encoding"] == "str" and PROSE in r.text

    def test_bad_type(self) -> None:
        with pytest.raises(TypeError):
            clean_html(42)  # type: ignore[arg-type]


# --- what never leaks


@pytest.mark.parametrize("parser", PARSERS)
class TestNeverLeaks:
    def test_script_style_template_noscript_svg_iframe(self, parser: str) -> None:
        page = (
            "<html><head><title>T</title><style>p{color:red}</style><script>var a='HEADLEAK';</script>"
            "</head><body><p>Visible one.</p><script>document.write('SCRIPTLEAK')</script>"
            "<style>.x{}</style><template><p>TEMPLATELEAK</p></template><noscript>NOSCRIPTLEAK</noscript>"
            "<svg><text>SVGLEAK</text><title>SVGTITLE</title></svg><iframe>IFRAMELEAK</iframe>"
            "<select><option>OPTIONLEAK</option></select><!-- COMMENTLEAK --><p>Visible two.</p></body></html>"
        )
        out = " ".join(texts(page, parser))
        assert out == "Visible one. Visible two."

    def test_hidden_elements(self, parser: str) -> None:
        page = (
            "<body><p>Shown.</p><div hidden>HIDDEN1</div><div aria-hidden='true'>HIDDEN2</div>"
            "<div style='display: none'>HIDDEN3</div><span style='VISIBILITY:hidden'>HIDDEN4</span>"
            "<div aria-hidden='false'>Shown too.</div></body>"
        )
        assert texts(page, parser) == ["Shown.", "Shown too."]

    def test_title_is_a_candidate_not_a_line(self, parser: str) -> None:
        doc = parse_html(
            f"<html><head><title> A   Title </title></head><body><p>{PROSE}</p></body></html>", parser
        )
        assert doc.title == "A Title"
        assert [ln.text for ln in doc.lines] == [PROSE]


# --- structure


@pytest.mark.parametrize("parser", PARSERS)
class TestStructure:
    def test_br_is_a_line_break_in_one_block(self, parser: str) -> None:
        lines = parse_html("<p>First line<br>second line<br/>third</p><p>Next paragraph</p>", parser).lines
        assert [ln.text for ln in lines] == ["First line", "second line", "third", "Next paragraph"]
        assert lines[0].block == lines[1].block == lines[2].block != lines[3].block

    def test_lists_one_line_per_item(self, parser: str) -> None:
        lines = parse_html(
            "<p>Intro:</p><ul><li>one <b>bold</b></li><li>two</li></ul><ol><li>three</li></ol>", parser
        ).lines
        items = [ln for ln in lines if ln.in_list]
        assert [(ln.text, ln.bullet, ln.tag) for ln in items] == [
            ("one bold", "-", "li"),
            ("two", "-", "li"),
            ("three", "-", "li"),
        ]
        assert items[0].block == items[1].block  # one list, one block

    def test_tables_one_line_per_row(self, parser: str) -> None:
        page = "<table><tr><th>City</th><th>Pop.</th></tr><tr><td>Oslo</td><td>709,000</td></tr></table>"
        lines = parse_html(page, parser).lines
        assert [ln.text for ln in lines] == ["City | Pop.", "Oslo | 709,000"]
        assert all(ln.in_table and ln.tag == "tr" for ln in lines)

    def test_headings_and_pre(self, parser: str) -> None:
        lines = parse_html("<h2>Sub <i>title</i></h2><pre>a  b\nc</pre>", parser).lines
        assert (lines[0].text, lines[0].bullet, lines[0].level) == ("Sub title", "##", 2)
        assert [ln.text for ln in lines[1:]] == ["a b", "c"]

    def test_render_separates_paragraphs(self, parser: str) -> None:
        other = "A second paragraph follows, and it tells the reader what the committee will do next with the report."
        r = Cleaner().clean_html(f"<article><p>{PROSE}</p><p>{other}</p></article>", parser=parser)
        assert r.text == PROSE + "\n\n" + other

    def test_dom_evidence(self, parser: str) -> None:
        page = (
            '<html><body><div class="main"><article><p>Text with <a href="/x">a link</a>.</p></article></div>'
            '<div id="siteFooter"><figure><figcaption>Photo credit</figcaption></figure></div></body></html>'
        )
        lines = parse_html(page, parser).lines
        p, cap = lines
        assert p.dom_path == "html>body>div.main>article>p"
        assert p.hints == ("main",) and p.hint_node == 0
        # characters inside <a> over characters of the line (text pieces stripped at their ends)
        assert p.link_density == pytest.approx(len("a link") / len("Text witha link."), abs=0.01)
        assert cap.in_figure and cap.hints[0] == "footer" and cap.hint_node > 0
        assert set(p.ancestors) < set(p.ancestors) | {0} and p.ancestors[:2] == cap.ancestors[:2]


def test_text_path_lines_have_no_dom_evidence() -> None:
    r = Cleaner().run("Home\nNews\n\n" + PROSE)
    assert all(ln.tag == "" and ln.hints == () and ln.link_density is None for ln in r.lines)
    assert clean(PROSE).source == {}


# --- safety


@pytest.mark.parametrize("parser", PARSERS)
def test_external_entities_not_resolved(parser: str, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><p>Entity: &xxe; and &amp; done.</p><img src='file://{secret}'></body></html>"
    )
    out = " ".join(texts(page, parser))
    assert "TOPSECRET" not in out
    assert "done." in out


@pytest.mark.parametrize("parser", PARSERS)
def test_deep_nesting_is_linear(parser: str) -> None:
    n = 100_000
    deep = "<html><body>" + "<div>" * n + f"<p>{PROSE}</p>" + "</div>" * n + "</body></html>"
    flat = "<html><body>" + "<div></div>" * n + f"<p>{PROSE}</p></body></html>"
    t0 = time.perf_counter()
    flat_result = Cleaner().clean_html(flat, parser=parser)
    t_flat = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = Cleaner().clean_html(deep, parser=parser)
    t_deep = time.perf_counter() - t0
    assert PROSE in result.text and PROSE in flat_result.text
    # same size, same order of work: a quadratic walk would be thousands of times slower
    assert t_deep < 10 * t_flat + 1.0, (t_deep, t_flat)
    if parser == "lxml":
        assert any("flattened" in note for note in result.source["notes"])


def test_flatten_deep_keeps_text_and_breaks_blocks() -> None:
    out = flatten_deep("<div><div><div><p>a</p><p>b</p></div></div></div>", max_depth=2)
    assert out.count("<br>") >= 2 and "a" in out and "b" in out
    assert flatten_deep("<script>if (a<b) x='<div>'</script><p>x</p>", 1).startswith("<script>")


# --- explain and replay


def test_explain_rows_and_replay() -> None:
    page_html = (
        '<nav><a href="/">Home</a> <a href="/n">News</a></nav>'
        f"<article><h1>A headline of the story here</h1><p>{PROSE}</p><p>{PROSE}!</p></article>"
        "<footer><p>© 2024 Example. All rights reserved.</p></footer>"
    )
    cleaner = Cleaner()
    result = cleaner.clean_html(page_html)
    page, _ = cleaner.run_html(page_html)
    rows = explain_rows(page)
    assert [r["line"] for r in rows] == [ln.no for ln in page.lines]
    by_text = {r["text"]: r for r in rows}
    assert by_text["Home News"]["verdict"] == "drop" and by_text["Home News"]["why"] == "dom:menu"
    assert by_text["Home News"]["path"] == "html>body>nav"
    assert by_text[PROSE]["verdict"] == "keep"
    # the recorded decisions, replayed on the HTML front end's lines, give the same text
    assert replay_html(page_html, result.decisions) == result.text


def test_cli_explain_html(tmp_path) -> None:
    import gzip

    from click.testing import CliRunner

    from cleanroom.cli import main

    src = (Path(__file__).resolve().parent / "data" / "html" / "article.html").read_bytes()
    for name, data in (("page.html", src), ("page.htm.gz", gzip.compress(src))):
        path = tmp_path / name
        path.write_bytes(data)
        res = CliRunner().invoke(main, ["explain", str(path), "--no-color"])
        assert res.exit_code == 0, res.output
        assert "html (utf-8" in res.output.splitlines()[0]
        assert "dom:menu" in res.output and "html>body>header.site-header>nav.main-nav>ul>li" in res.output
        assert "keep" in res.output
