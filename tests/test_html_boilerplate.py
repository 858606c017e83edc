"""The seeds' kinds of boilerplate written as small HTML pages: each is removed, the article stays.

Every page is checked twice: as written (with the class / id / tag hints real sites carry) and
with every hint stripped (plain <div>s), where the text layers alone must do the job.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleanroom import Cleaner, Reason, preset
from cleanroom.html.tree import lxml_available

DATA = Path(__file__).resolve().parent / "data" / "html"
PARSERS = ["html.parser", *(["lxml"] if lxml_available() else [])]

ARTICLE = [
    "The city council voted on Tuesday to approve a long-debated plan that will turn the disused docks",
    "Supporters of the plan said the park would give residents of the surrounding neighbourhoods",
    "The mayor said that work on the first section of the park could begin next spring",
    "Residents will be invited to a series of public meetings in the coming months",
]
# (boilerplate text, reasons accepted for it)
BOILERPLATE = {
    "nav menu": (["News", "Politics", "Business", "Sport", "Culture"], None),
    "language switcher": (["English", "Deutsch", "Français"], None),
    "breaking ticker": (
        ["Breaking News", "Storm closes coastal roads", "Markets rally after rate decision"],
        None,
    ),
    "byline": (["By Jane Doe"], {Reason.BYLINE}),
    "read more": (["Read more: Council delays vote on docks again"], {Reason.READ_MORE}),
    "related": (["New bridge opens to cyclists", "Docks area to get new bus line"], None),
    "most read": (["Most Read", "Ten things to do this weekend", "Local bakery wins national prize"], None),
    "footer": (["All Rights Reserved", "Privacy Policy", "Terms of Use", "Download our app"], None),
    "cookie banner": (["We use cookies to improve your experience"], {Reason.COOKIE}),
    "share": (["Share on Facebook"], {Reason.SOCIAL}),
}
_HINTS = re.compile(r' (?:class|id)="[^"]*"')
_SEMANTIC = re.compile(r"<(/?)(?:header|nav|footer|aside|main|article|section)\b")


def plain(html: str) -> str:
    """The page with no DOM hints: no class or id, semantic tags turned into <div>."""
    return _SEMANTIC.sub(r"<\1div", _HINTS.sub("", html))


def page(kind: str) -> str:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    return html if kind == "hinted" else plain(html)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("kind", ["hinted", "plain"])
class TestSeedKindsInHtml:
    def test_article_survives(self, kind: str, parser: str) -> None:
        result = Cleaner().clean_html(page(kind), parser=parser)
        for start in ARTICLE:
            assert start in result.text
        assert result.title == "City council approves new river park plan"
        assert "City council approves" not in result.text  # the headline became the title

    @pytest.mark.parametrize("what", sorted(BOILERPLATE))
    def test_boilerplate_removed(self, kind: str, parser: str, what: str) -> None:
        cleaner = Cleaner()
        result = cleaner.clean_html(page(kind), parser=parser)
        snippets, reasons = BOILERPLATE[what]
        for s in snippets:
            assert s not in result.text, (what, s)
        if reasons is not None:
            found = {d.reason for d in result.decisions if any(s in d.original for s in snippets)}
            assert found & reasons, (what, found)

    def test_nothing_leaks(self, kind: str, parser: str) -> None:
        text = Cleaner().clean_html(page(kind), parser=parser).text
        assert "LEAK" not in text and "Accept all" not in text


def test_dom_layer_names_the_hint() -> None:
    result = Cleaner().clean_html(page("hinted"))
    dom = {d.original: d for d in result.decisions if d.layer == "dom"}
    assert dom["News"].reason == Reason.MENU and dom["News"].value == "nav"
    assert dom["Privacy Policy"].reason == Reason.LEGAL and dom["Privacy Policy"].value == "footer"
    assert dom["Share on Facebook Share on Twitter"].reason == Reason.SOCIAL


def test_dom_layer_can_be_disabled() -> None:

    result = Cleaner(preset("balanced").replace(disabled=frozenset({"dom"}))).clean_html(page("hinted"))
    assert not [d for d in result.decisions if d.layer == "dom"]
    for start in ARTICLE:
        assert start in result.text


def test_prose_in_a_header_wrapper_is_kept() -> None:
    """A DOM hint is evidence, not a rule: a long paragraph under a "header"-named wrapper stays."""
    para = (
        "This long opening paragraph sits inside a wrapper whose class happens to say header, as "
        "some templates do. Yet it is plainly the first paragraph of the story and must be kept."
    )
    html = (
        f'<div class="page-header-offset"><p>{para}</p><p>{para.replace("opening", "second")}</p></div>'
        '<nav><a href="/">Home</a></nav>'
    )
    result = Cleaner().clean_html(html)
    assert para in result.text
    assert "Home" not in result.text


def test_article_wins_over_an_outer_sidebar_hint() -> None:
    para = "The report, published on Friday, found that the number of cyclists in the city had doubled in ten years."
    html = (
        '<div class="layout-with-sidebar"><div class="widget"><p>Subscribe to our channel today</p></div>'
        f"<article><p>{para}</p><p>{para.replace('Friday', 'Monday')}</p></article></div>"
    )
    result = Cleaner().clean_html(html)
    assert para in result.text
    assert "Subscribe to our channel" not in result.text


MENU_WORDS = [
    "news",
    "sport",
    "business",
    "culture",
    "travel",
    "science",
    "health",
    "money",
    "opinion",
    "video",
    "weather",
    "cars",
    "homes",
    "jobs",
    "dating",
    "puzzles",
    "podcasts",
    "events",
    "books",
    "music",
    "film",
    "television",
    "theatre",
    "art",
    "gaming",
    "food",
    "wine",
]


def _menu() -> str:
    """A long menu of links: enough negative weight to separate two runs of prose."""
    return "".join(f"<li><a href='/{w}'>{w.title()}</a></li>" for w in MENU_WORDS)


def _paras(topic: str, n: int) -> str:
    return "".join(
        f"<p>The {topic} report number {i} said that the council had agreed to look again at the "
        f"plans, and that residents would be asked for their views before any decision was made.</p>"
        for i in range(n)
    )


def test_an_article_container_outweighs_longer_unmarked_prose() -> None:
    """The region layer weighs the markup's word: a short <article> beats a longer run of
    teaser prose in plain <div>s, and stops doing so when dom_region_weight is off."""
    html = (
        f'<div class="stream">{_paras("teaser", 5)}</div>'
        + f'<ul class="x">{_menu()}</ul>'
        + f"<article>{_paras('article', 3)}</article>"
    )
    on = Cleaner().clean_html(html)
    assert "The article report number 0" in on.text
    assert "The teaser report number 0" not in on.text
    off = Cleaner(preset("balanced").replace(dom_region_weight=None)).clean_html(html)
    assert "The teaser report number 0" in off.text


def test_paragraphs_behind_a_paywall_class_are_kept() -> None:
    """ "login"-type hints (paywall, modal) are weak: they never drop prose."""
    html = f"<article>{_paras('first', 2)}<div class='paywall'>{_paras('locked', 3)}</div></article>"
    result = Cleaner().clean_html(html)
    assert "The locked report number 2" in result.text


def test_teaser_articles_inside_the_post_are_not_the_article() -> None:
    """A post page that lists related posts as small <article>s inside its own: they count as
    teasers, not as article containers (region weighs them down)."""
    menu = _menu()
    teasers = "".join(f"<article>{_paras(f'teaser{i}', 1)}</article>" for i in range(4))
    html = f"<article>{_paras('post', 6)}<ul>{menu}</ul>{teasers}</article>"
    result = Cleaner().clean_html(html)
    assert "The post report number 5" in result.text
    assert "The teaser0 report" not in result.text
    off = Cleaner(preset("balanced").replace(dom_region_weight=None)).clean_html(html)
    assert "The teaser0 report" in off.text


def test_a_breaking_news_ticker_is_named_by_its_class() -> None:
    headline = "Storm closes coastal roads as rivers rise across the north of the country overnight"
    html = f'<div class="breaking-news"><ul><li>{headline}</li></ul></div><article>{_paras("x", 3)}</article>'
    result = Cleaner().clean_html(html)
    assert headline not in result.text
    (d,) = [d for d in result.decisions if d.original == headline]
    assert (d.layer, d.reason, d.value) == ("dom", Reason.TICKER, "ticker")


def test_the_last_paragraph_after_an_inline_related_box_is_kept() -> None:
    """A paragraph after a "Related" box inside the article is a sibling of the article's own
    paragraphs: the region layer takes it back even where the box ended the region."""
    last = (
        "Conventional methods reach about one terabit per square inch today, and the company says "
        "its new process will raise that figure several times over within five years."
    )
    related = "".join(f"<li><a href='/{i}'>Another story about storage number {i}</a></li>" for i in range(6))
    html = (
        f"<article><h1>Disk makers promise bigger drives</h1>{_paras('storage', 4)}"
        f"<div class='box'><h3>Related</h3><ul>{related}</ul></div><p>{last}</p></article>"
        f"<footer><ul>{''.join(f'<li>{w}</li>' for w in MENU_WORDS)}</ul></footer>"
    )
    result = Cleaner().clean_html(html)
    assert "The storage report number 3" in result.text
    assert last in result.text
    assert "Another story about storage" not in result.text


def test_a_list_of_short_items_without_links_is_not_a_menu() -> None:
    items = ["Rote Beeren", "Zitrusnoten", "Handgepflückt", "Sonnengetrocknet", "Kräftiger Körper"]
    plain_list = "".join(f"<li>{w}</li>" for w in items)
    linked_list = "".join(f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(items))
    for lst, kept in ((plain_list, True), (linked_list, False)):
        html = f"<article>{_paras('coffee', 2)}<ul>{lst}</ul>{_paras('roast', 2)}</article>"
        page, _ = Cleaner().run_html(html)
        menu = [ln for ln in page.lines if ln.text in items and ln.layer == "navigation"]
        assert (not menu) == kept, [ln.text for ln in menu]


def test_items_without_links_in_a_list_with_one_link_are_not_a_menu() -> None:
    items = ["Rote Beeren", "Zitrusnoten", "Handgepflückt", "Sonnengetrocknet", "Kräftiger Körper"]
    lst = "".join(f"<li>{w}</li>" for w in items) + "<li><a href='/shop'>Zum Shop</a></li>"
    html = f"<article>{_paras('coffee', 2)}<ul>{lst}</ul>{_paras('roast', 2)}</article>"
    page, _ = Cleaner().run_html(html)
    menu = [ln.text for ln in page.lines if ln.layer == "navigation"]
    assert not set(menu) & set(items), menu


def test_a_lead_paragraph_classed_teaser_and_cms_text_components_are_kept() -> None:
    lead = (
        "Dubiose Händler versprechen Hilfe bei Schlafstörungen und Gelenkschmerzen. Die "
        "Verbraucherzentrale warnt vor den Angeboten, die im Internet verkauft werden."
    )
    body = "".join(f"<div class='cmp-text'>{p}</div>" for p in _paras("body", 3).split("</p>") if p)
    cards = "".join(f"<div class='teaser'><a href='/{i}'>Weitere Meldung {i}</a></div>" for i in range(4))
    html = f"<main><h1>Warnung</h1><p class='teasertext'>{lead}</p>{body}{cards}</main>"
    result = Cleaner().clean_html(html)
    assert lead in result.text
    assert "The body report number 2" in result.text
    assert "Weitere Meldung 1" not in result.text


def test_a_card_list_is_dropped_and_paragraphs_and_lists_are_not() -> None:
    card = (
        "<div class='slide'><div class='card'>Projektingenieur Verfahrenstechnik {i}"
        "<div class='meta'>Stadt {i} <a href='/job/{i}'>Zum Job</a></div></div></div>"
    )
    cards_html = "".join(card.format(i=i) for i in range(5))
    items = "".join(f"<li>{w}</li>" for w in ("a spare inner tube", "two tyre levers", "a mini pump"))
    html = f"<article>{_paras('fusion', 2)}<div class='slider'>{cards_html}</div><ul>{items}</ul>{_paras('energy', 2)}</article>"
    result = Cleaner().clean_html(html)
    dropped = {d.original for d in result.decisions if d.value == "cards"}
    assert "Projektingenieur Verfahrenstechnik 3" in dropped and "Stadt 3 Zum Job" in dropped
    assert "The fusion report number 1" in result.text and "two tyre levers" in result.text
    off = Cleaner(preset("balanced").replace(dom_card_min_items=None)).clean_html(html)
    assert not [d for d in off.decisions if d.value == "cards"]


def test_a_lead_above_share_buttons_and_a_paragraph_after_a_related_heading_are_kept() -> None:
    """The region stops at share buttons and at a "Related" heading; the markup says the lead
    above the buttons and the paragraph after the heading (not a sibling of the article's
    <p>s) belong to the article."""
    lead = (
        "The long-debated plan for the old docks was approved on Tuesday night, and the first "
        "part of the new park could open to the public as early as next summer."
    )
    last = (
        "The council will publish the full plans next month, and residents will have six weeks to "
        "send in their comments before the final vote."
    )
    share = "".join(
        f"<li><a href='/s/{w}'>{w}</a></li>" for w in ("Teilen", "Twittern", "E-Mail", "Mitteilen") * 20
    )
    related = "".join(f"<li><a href='/r/{i}'>Another story about the docks {i}</a></li>" for i in range(8))
    body = (
        f"<div class='article-body'>{_paras('docks', 3)}<h3>Related</h3><ul>{related}</ul>"
        f"<div class='note'>{last}</div></div>"
    )
    html = (
        f"<ul class='menu'>{_menu()}</ul><main><article><header><h1>Docks plan approved</h1>"
        f"<div class='article-intro'>{lead}</div></header><ul class='share-buttons'>{share}</ul>"
        f"{body}</article></main>"
        f"<footer><p>{_paras('footer', 1)}</p></footer>"
    )
    result = Cleaner().clean_html(html)
    assert lead in result.text
    assert "The docks report number 2" in result.text
    assert last in result.text
    assert "Another story about the docks" not in result.text
    assert "The footer report" not in result.text
    off = Cleaner(preset("balanced").replace(dom_region_weight=None)).clean_html(html)
    assert lead not in off.text and last not in off.text


def test_a_caption_box_outside_figure_is_dropped_by_its_class() -> None:
    """Image captions in a <div class="image-caption"> (no <figure>) read as prose; the class
    word says what they are."""
    caption = (
        "Protesters gather outside the city hall on Tuesday evening, as the council meets to "
        "vote on the plan for the old docks."
    )
    html = (
        f"<article><h1>Docks plan approved</h1>{_paras('docks', 2)}"
        f"<div class='asset'><img src='a.jpg'><div class='image-caption'><p>{caption}</p></div></div>"
        f"{_paras('park', 2)}</article>"
    )
    result = Cleaner().clean_html(html)
    assert caption not in result.text
    (d,) = [d for d in result.decisions if d.original == caption]
    assert (d.layer, d.reason, d.value) == ("dom", Reason.CAPTION, "caption")
    assert "The docks report number 1" in result.text and "The park report number 0" in result.text


def test_a_ticker_list_goes_even_when_its_items_read_as_prose() -> None:
    """Ticker hints are weak (a "breaking" class on a wrapper must not take the article's prose),
    but the items of a ticker's list are other stories, headline and summary, however long."""
    item = (
        "Storm closes coastal roads NEWPORT: Heavy rain closed several coastal roads on Monday, "
        "and the police asked drivers to stay at home. The roads should reopen later in the week."
    )
    ticker = "".join(f"<li>{item.replace('Monday', day)}</li>" for day in ("Monday", "Tuesday", "Friday"))
    body = "".join(
        f"<p>The docks report number {i} said that the council had agreed to look again at the plans. "
        f"Residents would be asked for their views before any decision was made on the old docks.</p>"
        for i in range(8)
    )
    html = (
        f"<div class='content'><div class='breaking-news'><div class='breaking-block'><ul>{ticker}</ul>"
        f"</div></div><div class='text'>{body}</div></div>"
    )
    result = Cleaner().clean_html(html)
    assert "Heavy rain closed" not in result.text
    assert "The docks report number 7" in result.text
    wrapper = f"<div class='breaking-news'><article>{body}</article></div>"
    assert "The docks report number 7" in Cleaner().clean_html(wrapper).text


def test_a_page_of_short_lines_keeps_its_article_container() -> None:
    """No line is long enough to be good, so the region finds no run: the markup's article
    container is the content (with dom_region_weight off the output is empty)."""
    lines = ["Standorte", "Shuji: Japan.", "Walter: Deutschland.", "Filmmaterial", "Fuji X-TRA 400."]
    body = "".join(f"<h3>{t}</h3>" if ":" not in t and "." not in t else f"<p>{t}</p>" for t in lines)
    html = f"<nav><ul>{_menu()}</ul></nav><article><div class='entry-content'>{body}</div></article>"
    result = Cleaner().clean_html(html)
    assert "Fuji X-TRA 400." in result.text and "Shuji: Japan." in result.text
    assert "Politics" not in result.text
    assert Cleaner(preset("balanced").replace(dom_region_weight=None)).clean_html(html).text == ""


def test_short_lines_at_the_end_of_the_article_container_are_not_its_edge() -> None:
    """Inside the article's container short lines count as good, but a run does not end on
    one: an image credit or a box heading after the last paragraph goes; a closing list of
    short items and a short line with figures (a date, a price) stay."""
    tail = "<p>Beitragsbild</p><h3>Weitere Tourentipps</h3>"
    items = "<ul><li>England: tenth appearance</li><li>Spain: eleventh appearance</li></ul>"
    html = f"<article><h1>Docks</h1>{_paras('docks', 4)}{tail}</article><footer><p>Impressum</p></footer>"
    result = Cleaner().clean_html(html)
    assert "The docks report number 3" in result.text
    assert "Beitragsbild" not in result.text and "Weitere Tourentipps" not in result.text
    listed = Cleaner().clean_html(html.replace(tail, items + "<p>Tickets: 40,000</p>"))
    assert "Spain: eleventh appearance" in listed.text and "Tickets: 40,000" in listed.text


def test_a_lead_classed_teaser_above_share_buttons_is_kept() -> None:
    """A lead paragraph classed "teaser" ("article-teaser", "lead teaser") inside the article,
    set apart from the body by share buttons, is taken back like an unclassed one."""
    lead = (
        "The long-debated plan for the old docks was approved on Tuesday night, and the first "
        "part of the new park could open next summer. The council will publish the plans soon."
    )
    share = "".join(
        f"<li><a href='/s/{w}'>{w}</a></li>" for w in ("Teilen", "Twittern", "E-Mail", "Mitteilen") * 20
    )
    html = (
        f"<ul class='menu'>{_menu()}</ul><main><article><h1>Docks plan approved</h1>"
        f"<p class='article-teaser'>{lead}</p><ul class='share-buttons'>{share}</ul>"
        f"<div class='article-body'>{_paras('docks', 3)}</div></article></main>"
    )
    result = Cleaner().clean_html(html)
    assert lead in result.text
    assert "The docks report number 2" in result.text
    cards = "".join(
        f"<div class='teaser'><a href='/{i}'>{lead.replace('docks', f'pier {i}')}</a></div>" for i in range(3)
    )
    assert "pier 1" not in Cleaner().clean_html(html.replace("</article>", f"</article>{cards}")).text


def test_a_short_lead_at_the_top_of_the_article_is_kept() -> None:
    """A lead too short to be good on its own (near-good) at the top of the article, set apart
    from the body by share buttons, is taken back; the same line outside the article is not."""
    lead = "Since December the company has sent out a large number of warnings to users of free images."
    share = "".join(f"<li><a href='/s/{w}'>{w}</a></li>" for w in ("Share", "Tweet", "Mail", "Print") * 20)
    body = f"<div class='article-body'>{_paras('docks', 3)}</div>"
    html = (
        f"<ul class='menu'>{_menu()}</ul><main><article><h1>Warnings for image users</h1>"
        f"<div class='excerpt'><p>{lead}</p></div><ul class='share-buttons'>{share}</ul>"
        f"{body}</article></main>"
    )
    page, _ = Cleaner().run_html(html)
    (ln,) = [ln for ln in page.lines if ln.text == lead]
    assert ln.content == 0.9  # near-good: not good on its own
    result = Cleaner().clean_html(html)
    assert lead in result.text and "The docks report number 2" in result.text
    outside = html.replace(f"<div class='excerpt'><p>{lead}</p></div>", "").replace(
        "<main>", f"<p>{lead}</p><main>"
    )
    assert lead not in Cleaner().clean_html(outside).text


def test_an_article_body_of_one_sentence_paragraphs_in_an_ad_named_wrapper_is_kept() -> None:
    """The wrapper rule counts paragraphs of one long sentence as prose: an article body in a
    <div id="cuerpo-ad"> holds most of the page's prose and is no advert."""
    paras = "".join(
        f"<p>El Presidente llega el día {i} a Punta Arenas, donde se reunirá con las autoridades "
        f"regionales y con los vecinos que esperan respuestas sobre el plan de vivienda.</p>"
        for i in range(1, 7)
    )
    html = (
        f"<ul class='menu'>{_menu()}</ul><div id='contenedor-cuerpo'><div id='cuerpo-ad'>{paras}</div></div>"
        "<div class='ad-slot'><p>Publicidad</p></div>"
    )
    result = Cleaner().clean_html(html)
    assert "llega el día 6 a Punta Arenas" in result.text
    assert "Publicidad" not in result.text


def test_the_article_container_is_never_a_single_paragraph() -> None:
    """When one long paragraph holds most of a short post's prose, the container is still the
    element around the paragraphs (not the paragraph itself), so the post's short closing line
    counts as the article's."""
    long_para = " ".join(
        f"After two years without a single post the blog gets a new look, part {i} of the work is done."
        for i in range(6)
    )
    html = (
        f"<ul class='menu'>{_menu()}</ul><article><h2>Everything new in May</h2><p>{long_para}</p>"
        "<p>The next weeks will show whether I keep writing.</p><p>I hope you like the relaunch.</p>"
        "</article><ul class='footer-links'><li><a href='/imprint'>Imprint</a></li></ul>"
    )
    page, _ = Cleaner().run_html(html)
    assert all(ln.dom_main for ln in page.lines if ln.text.startswith(("After two", "I hope")))
    assert "I hope you like the relaunch." in Cleaner().clean_html(html).text


def test_one_word_list_items_without_links_inside_the_article_stay() -> None:
    """Inside the article, an ingredient list of one-word items stays when the items link
    nowhere; the same list made of links is dropped."""
    items = ["Frischhaltefolie", "Küchengasbrenner", "Backpapier"]
    plain_list = "".join(f"<li>{w}</li>" for w in items)
    linked_list = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in items)
    for lst, kept in ((plain_list, True), (linked_list, False)):
        html = f"<article>{_paras('cake', 2)}<ul>{lst}</ul>{_paras('bake', 2)}</article>"
        text = Cleaner().clean_html(html).text
        assert ("Küchengasbrenner" in text) == kept, text


def test_an_h1_above_the_article_is_the_title_not_the_subtitle_below_it() -> None:
    """The first line of the run is a subtitle in an <h3>: the <h1> just above is the title,
    and the subtitle stays in the text (a text dump has no levels and keeps the old rule)."""
    subtitle = "First clinical trial of an automated blood drawing and testing device"
    html = (
        f"<ul class='menu'>{_menu()}</ul><main><h1>New Robot Does Superior Job Sampling Blood</h1>"
        f"<p>By</p><p>Todd Bates</p><article><h3>{subtitle}</h3>{_paras('robot', 4)}</article></main>"
    )
    result = Cleaner().clean_html(html)
    assert result.title == "New Robot Does Superior Job Sampling Blood"
    assert subtitle in result.text


def test_a_post_meta_box_is_dropped_by_its_class() -> None:
    """ "entry-meta", "postmetadata": the date / author / category box of a post, inside the
    article, goes (as a byline, value "meta") even when it reads as a sentence."""
    meta = "Der Beitrag wurde am Mittwoch in Allgemein veröffentlicht. Du kannst den Kommentaren folgen."
    html = (
        f"<article><h1>Docks</h1><div class='entry-meta'>Ultima modifica</div>{_paras('docks', 4)}"
        f"<p class='postmetadata'>{meta}</p></article>"
    )
    result = Cleaner().clean_html(html)
    assert "Ultima modifica" not in result.text and meta not in result.text
    assert "The docks report number 3" in result.text
    assert {d.value for d in result.decisions if d.original in ("Ultima modifica", meta)} == {"meta"}


def test_an_aside_inside_the_article_goes_and_a_short_post_in_a_sidebar_wrapper_stays() -> None:
    """A sidebar hint inside the article (an <aside> box, a rail of other stories) no longer
    gives way to the article around it; a short post whose body sits in a sidebar-classed
    wrapper holds the page's prose (200+ characters) and is that wrapper's content."""
    box = "<aside class='embed'><h4>Opuszczony Dom</h4><p>Obraz z kolekcji prywatnej</p></aside>"
    html = f"<article><h1>Docks</h1>{_paras('docks', 2)}{box}{_paras('park', 2)}</article>"
    result = Cleaner().clean_html(html)
    assert "Opuszczony Dom" not in result.text and "Obraz z kolekcji" not in result.text
    assert "The park report number 1" in result.text
    sentences = [
        "Chelsea have this morning paid the full release fee to the Spanish club for their keeper.",
        "He will undergo a medical at the club's training ground today ahead of the record move.",
        "The 23-year-old flew to London yesterday evening with his agent and his family members.",
    ]
    post = "".join(f"<div class='post-body'>{t}</div>" for t in sentences)
    page = (
        f"<ul class='menu'>{_menu()}</ul><div class='main-wrapper'><div class='sidebar-wrap'>"
        f"<h1>Chelsea sign keeper</h1>{post}</div></div>"
    )
    assert "He will undergo a medical" in Cleaner().clean_html(page).text


def test_a_weak_hint_in_the_footer_goes_even_when_it_reads_as_prose() -> None:
    """A weak hint nested in a strong one (a promo box inside the <footer>) is as strong as the
    footer: its prose goes; the same box outside the footer keeps its prose."""
    about = (
        "Der Webcomic mit den niedlichen Schafen erscheint jede Woche neu und erzählt vom Leben "
        "auf der Weide. Die Schafe erleben dabei viele Abenteuer mit ihren Freunden."
    )
    widget = f"<div class='promo'><div class='text'>{about}</div></div>"
    for outer, by_dom in ((("<footer>", "</footer>"), True), (("", ""), False)):
        html = f"<article>{_paras('sheep', 4)}</article>{outer[0]}{widget}{outer[1]}"
        page, _ = Cleaner().run_html(html)
        (ln,) = [ln for ln in page.lines if ln.text == about]
        assert (ln.layer == "dom") == by_dom, ln.layer


def test_a_sidebar_goes_even_when_it_reads_as_prose() -> None:
    """Sidebar hints are strong: a widget's prose in an <aside> goes (unless the aside holds
    most of the page's prose, the wrapper rule)."""
    about = (
        "Die Taliban haben angeblich ein Sofortprogramm gegen die Krise beschlossen. Das meldet "
        "eine Nachrichtenagentur unter Berufung auf mehrere Quellen in der Hauptstadt."
    )
    html = f"<article>{_paras('sheep', 4)}</article><aside><div class='rss'>{about}</div></aside>"
    page, _ = Cleaner().run_html(html)
    (ln,) = [ln for ln in page.lines if ln.text == about]
    assert (ln.layer, ln.reason) == ("dom", Reason.OUTSIDE_MAIN)


@pytest.mark.parametrize("parser", PARSERS)
def test_a_picture_with_a_short_text_in_a_box_of_its_own_is_a_caption(parser: str) -> None:
    """A <div> holding an image and a short text (a <figure> in all but name) is a caption
    box, inside the article too; an icon beside a text, a list item with its picture, a box
    with a heading (a teaser) and an article container holding a picture are not."""
    caption = "Protesters gather outside the city hall on Tuesday evening (Image: Agency)"
    icon_text = "Drivers will be asked to pay the new charge from next spring."
    step = "Stir the sauce until it thickens, then pour it over the fish."
    html = (
        f"<article><h1>Docks plan approved</h1>{_paras('docks', 2)}"
        f"<div class='photo'><p><img src='a.jpg'></p><span>{caption}</span></div>"
        f"<div class='note'><img src='i.png' width='16' height='16'>{icon_text}</div>"
        f"<ol><li><div><img src='s.jpg'><div>{step}</div></div></li></ol>"
        f"{_paras('park', 2)}</article>"
    )
    page, _ = Cleaner().run_html(html, parser)
    (ln,) = [ln for ln in page.lines if ln.text == caption]
    assert (ln.layer, ln.reason) == ("dom", Reason.CAPTION)
    for text in (icon_text, step, "The park report number 1"):
        (ln,) = [ln for ln in page.lines if ln.text.endswith(text) or ln.text.startswith(text)]
        assert ln.hints[:1] != ("caption",), text
    # a short post: its container holds the picture and all of the text
    post = "<div class='entry-content'><img src='a.jpg'><p>We went to the lake today. It was cold.</p></div>"
    assert "We went to the lake today" in Cleaner().clean_html(post, parser).text


def test_class_words_in_other_languages_and_appeal_boxes_are_hints() -> None:
    """The hint vocabulary is not English only ("siguenos", "kommentare", "werbung"); a
    call-to-action box ("cta") is an appeal, a "disclaimer" box a legal note, an "rss" box a
    feed of other sites' headlines. A job page's "bewerbung" (application) is not an ad."""
    boxes = {
        "siguenos": "Follow us on all the networks to get every update as it happens right away.",
        "kommentare": "Peter wrote on Monday that he had always liked the old docks very much.",
        "werbung": "Buy the new phone now and get the second one free at all of our shops.",
        "cta": "If you enjoyed this article, become a member and support our journalism today.",
        "disclaimer": "Prices were correct at the time of writing and may have changed since then.",
        "rss": "Another site reports that the old harbour will be closed for the whole winter.",
    }
    apply = "Send us your application with a short letter and your CV by the end of May."
    html = (
        f"<article><h1>Docks plan approved</h1>{_paras('docks', 3)}"
        + "".join(f"<div class='{cls}'><p>{text}</p></div>" for cls, text in boxes.items())
        + f"<div class='bewerbung'><p>{apply}</p></div>{_paras('park', 2)}</article>"
    )
    result = Cleaner().clean_html(html)
    for cls, text in boxes.items():
        assert text not in result.text, cls
        (d,) = [d for d in result.decisions if d.original == text]
        assert d.layer == "dom", cls
    assert apply in result.text
    assert "The park report number 1" in result.text


def test_paragraphs_after_a_read_more_break_in_a_rail_classed_body_column_are_kept() -> None:
    """The article's body column carries a "rail" class (kept as the article's wrapper); a
    "Read More" button ends the run, and the rest of the story, in a wrapper of its own after it,
    is taken back: its lines sit under the same hinted element as the run's."""
    rest = [
        "US stock futures were last trading slightly positive during Asian trading hours after recording small losses earlier.",
        "A breakthrough in the trade deal has remained just out of reach for quite some time, and the talks hit another snag last week.",
    ]
    body = "".join(
        f"<div class='body-paragraph'>{p}</div>" for p in re.findall(r"<p>(.*?)</p>", _paras("market", 4))
    )
    html = (
        f"<ul class='menu'>{_menu()}</ul><article><h1>Markets mixed</h1>{_paras('lead', 1)}<div class='side-of-rail'>"
        f"<section class='body-text'>{body}<div class='read-more-button'>Read More</div>"
        f"<div class='read-all'>{''.join(f'<div class=body-paragraph>{p}</div>' for p in rest)}</div>"
        f"</section></div></article><footer><ul>{''.join(f'<li>{w}</li>' for w in MENU_WORDS)}</ul></footer>"
    )
    result = Cleaner().clean_html(html)
    assert "The market report number 3" in result.text
    for p in rest:
        assert p in result.text


def test_title_case_table_rows_and_repeated_plan_items_in_the_article_stay() -> None:
    rows = "".join(
        f"<tr><td>Nov {d}</td><td>Madison Square Garden New York City Tickets</td></tr>" for d in (3, 4)
    )
    plan = "".join(
        f"<h3>Day {d}</h3><ul><li>Breakfast: oatmeal with berries and nuts</li></ul>" for d in (1, 2)
    )
    html = f"<article>{_paras('tour', 2)}<table>{rows}</table>{plan}{_paras('diet', 2)}</article>"
    result = Cleaner().clean_html(html)
    assert result.text.count("Madison Square Garden New York City Tickets") == 2
    assert result.text.count("Breakfast: oatmeal with berries and nuts") == 2


def test_the_articles_own_unlinked_paragraphs_are_not_headlines_or_duplicates() -> None:
    sub = "<p><strong>The Doobie Brothers Tour Dates And Ticket Prices</strong></p>"
    meal = "<p>Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.</p>"
    teaser = "<p><a href='/x'>Another Story About Bands That Went Back On The Road</a></p>"
    html = (
        f"<article><h1>Bands go back on tour</h1>{_paras('tour', 2)}{sub}{_paras('band', 1)}{meal}"
        f"{_paras('plan', 1)}{meal}{_paras('bus', 1)}{teaser}{_paras('road', 2)}</article>"
    )
    result = Cleaner().clean_html(html)
    assert "The Doobie Brothers Tour Dates And Ticket Prices" in result.text
    assert result.text.count("Portion Fix Containers") == 2
    assert "Another Story About Bands" not in result.text  # a linked Title-Case teaser still goes
    assert result.title == "Bands go back on tour" and "Bands go back on tour" not in result.text
