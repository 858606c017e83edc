"""Each layer on the data model directly: build a Page from the front end, call the layer's
apply(), and check which lines were dropped or edited, by which layer, with which reason.

Layers that rely on an earlier layer's measurement get it set by hand (helpers.make_page's
``language``; verdicts for the region layer), so each class tests one layer.
"""

from __future__ import annotations

import random
import textwrap
import unicodedata

import pytest
from helpers import PROSE, apply, drops, line, make_page, reason_of, seed_texts

import cleanroom
from cleanroom.config import Config, preset, preset_names
from cleanroom.errors import ConfigError
from cleanroom.frontend import parse, render
from cleanroom.layers import LAYER_IDS, LAYERS, get_layer
from cleanroom.layers._blocks import quantity_item
from cleanroom.layers.content import revise
from cleanroom.layers.region import max_run, regions, suffix_runs
from cleanroom.page import Page
from cleanroom.reasons import Reason

P1, P2, P3 = PROSE


def between(*middle: str) -> str:
    """Lines between two article paragraphs (one block per line)."""
    return "\n\n".join([P1, *middle, P2]) + "\n"


def kept_texts(page: Page) -> list[str]:
    return [ln.text for ln in page.lines if ln.kept and ln.text]


# ---------------------------------------------------------------- registry and configuration


class TestRegistry:
    def test_every_layer_has_a_test_class(self) -> None:
        names = {f"Test{''.join(p.title() for p in lid.split('_'))}" for lid in LAYER_IDS}
        assert names <= set(globals()), sorted(names - set(globals()))

    def test_layer_ids_are_unique_and_stable(self) -> None:
        assert len(set(LAYER_IDS)) == len(LAYER_IDS)
        assert all(lid and lid == lid.lower() and " " not in lid for lid in LAYER_IDS)
        for layer in LAYERS:
            assert layer.versioned_id == f"{layer.id}/v{layer.version}"
            assert get_layer(layer.id) is layer

    def test_unknown_layer_id_names_the_available_ones(self) -> None:
        with pytest.raises(ConfigError) as exc:
            Config(disabled=frozenset({"nope"}))
        msg = str(exc.value)
        assert "nope" in msg
        for lid in LAYER_IDS:
            assert lid in msg
        with pytest.raises(ConfigError, match="available"):
            get_layer("nope")

    def test_disabled_accepts_any_set(self) -> None:
        cfg = Config(disabled={"tickers"})  # type: ignore[arg-type]
        assert cfg.disabled == frozenset({"tickers"})
        assert not cfg.enabled("tickers") and cfg.enabled("chrome")

    def test_unknown_preset_lists_the_presets(self) -> None:
        with pytest.raises(ConfigError) as exc:
            preset("nope")
        for name in preset_names():
            assert name in str(exc.value)
        assert {"balanced", "precision", "recall"} <= set(preset_names())

    @pytest.mark.parametrize(
        "changes",
        [
            {"stopwords_low": 1.5},
            {"min_score": -0.1},
            {"length_low": 300, "length_high": 100},
            {"dom_region_weight": 0.5},
            {"dom_card_min_items": 1},
            {"nope": 1},
        ],
    )
    def test_bad_config_values_raise(self, changes: dict) -> None:
        with pytest.raises(ConfigError):
            preset("balanced").replace(**changes)

    def test_config_is_frozen(self) -> None:
        cfg = preset("balanced")
        with pytest.raises(AttributeError):
            cfg.menu_min_run = 5  # type: ignore[misc]

    def test_layers_record_every_change(self) -> None:
        """No layer changes a line behind the page's back: a changed text has an edit decision and a
        removed line a drop/title decision, both naming the layer that ran."""
        texts = list(seed_texts().values()) or [between("Home", "News", "Sport", "Privacy Policy")]
        for text in texts:
            page = Page(parse(text), preset("balanced"))
            for layer in LAYERS:
                before = {ln.no: (ln.text, ln.kept) for ln in page.lines}
                n = len(page.decisions)
                layer.apply(page)
                new = page.decisions[n:]
                assert all(d.layer == layer.id for d in new)
                edited = {d.line for d in new if d.action == "edit"}
                removed = {d.line for d in new if d.action in ("drop", "title")}
                for ln in page.lines:
                    text0, kept0 = before[ln.no]
                    if ln.text != text0:
                        assert ln.no in edited, (layer.id, ln.no)
                    if kept0 and not ln.kept:
                        assert ln.no in removed, (layer.id, ln.no)
                    assert ln.kept or not ln.text or not kept0 or ln.no in removed


# ---------------------------------------------------------------- normalize


class TestNormalize:
    def _edits(self, text: str, **cfg: object) -> dict[int, tuple[Reason, str]]:
        page = apply(make_page(text, preset("balanced").replace(**cfg) if cfg else None), "normalize")
        return {d.line: (d.reason, d.new_text or "") for d in page.decisions if d.action == "edit"}

    def _assert_joined(self, text: str, joined: str, line: int = 1) -> None:
        """The only edit is the joining, on ``line``, giving ``joined``."""
        assert self._edits(text) == {line: (Reason.WRAP_JOINED, joined)}

    @pytest.mark.parametrize("rule", ["━━━━━━━━━━━━━━━━━━━━", "____________", "==========", "~ ~ ~ ~ ~"])
    def test_a_horizontal_rule_is_dropped_and_joins_nothing(self, rule: str) -> None:
        # w3m draws <hr> as wide as its wrap column: it must not join the heading above it
        lines = [("Ein Absatz, der bis an den rechten Rand reicht und deshalb umbrochen " * 2)[:78]] * 4
        page = apply(
            make_page("\n".join([*lines, "Pour approfondir", rule, "Der nächste Absatz."])), "normalize"
        )
        assert drops(page)[6] == ("normalize", Reason.MARKUP)
        kept = kept_texts(page)
        assert kept[-2].endswith("Pour approfondir") and kept[-1] == "Der nächste Absatz."

    def test_a_paragraph_split_at_its_link_by_a_converter_is_rejoined(self) -> None:
        # bs4's get_text keeps the space around a link's text node
        text = (
            "Ein Lesehinweis in eigener Sache: Der Perlentaucher bringt heute einen \nEssay\n"
            " von mir unter dem Titel “Tanz der Lettern”. Ich schlage darin etwas vor."
        )
        self._assert_joined(
            text,
            "Ein Lesehinweis in eigener Sache: Der Perlentaucher bringt heute einen Essay von mir "
            "unter dem Titel “Tanz der Lettern”. Ich schlage darin etwas vor.",
        )

    def test_a_line_cut_after_an_opening_bracket_goes_on(self) -> None:
        # bs4 prints a link inside brackets or quotes on its own line: what the bracket opens
        # is the rest of the sentence, whatever its case
        text = (
            "Normalerweise leben Hummeln (Arbeiterinnen) etwa zwei Monate (\nSmeets & Duchateau 2003\n"
            ", vgl. auch „\nSteckbrief Hummel\n). Später im Jahr gibt es ein Phänomen."
        )
        self._assert_joined(
            text,
            "Normalerweise leben Hummeln (Arbeiterinnen) etwa zwei Monate (Smeets & Duchateau 2003, "
            "vgl. auch „Steckbrief Hummel). Später im Jahr gibt es ein Phänomen.",
        )

    def test_a_capitalised_link_inside_a_paragraph_is_rejoined(self) -> None:
        text = "Am 14. Juni 2005 hielt \nSteve Jobs\n eine vielbeachtete Rede vor den Absolventen."
        self._assert_joined(
            text,
            "Am 14. Juni 2005 hielt Steve Jobs eine vielbeachtete Rede vor den Absolventen.",
        )

    def test_a_link_of_several_words_inside_a_paragraph_is_rejoined(self) -> None:
        text = (
            "Am 14. Juni 2005 hielt \nSteve Jobs\n eine vielbeachtete \n"
            "Rede vor den Absolventen der Stanford University\n. Den Zuhörern erzählte er drei Geschichten."
        )
        self._assert_joined(
            text,
            "Am 14. Juni 2005 hielt Steve Jobs eine vielbeachtete Rede vor den Absolventen der "
            "Stanford University. Den Zuhörern erzählte er drei Geschichten.",
        )

    def test_a_chain_of_text_nodes_and_links_is_one_sentence(self) -> None:
        # bs4: text node, link, text node, link, text node; the last node starts with a noun
        text = (
            "An \ndieser\n und \nanderer\n Stelle habe ich vor kurzem das Projekt \n#DigitalHerrnhut\n"
            " aufgerissen."
        )
        self._assert_joined(
            text,
            "An dieser und anderer Stelle habe ich vor kurzem das Projekt #DigitalHerrnhut aufgerissen.",
        )

    @pytest.mark.parametrize(
        ("text", "joined"),
        [
            # a text node cut before a name that starts with a capital and goes on after it
            (
                "It announced an order of 50 \nAirbus\n A350-900 jets on Monday.",
                "It announced an order of 50 Airbus A350-900 jets on Monday.",
            ),
            # a no-break space at the node's edge, a link that ends the sentence
            (
                "Today only, Amazon offers \nApple’s 12-inch MacBook in certified condition for\u00a0\n$700\n.",
                "Today only, Amazon offers Apple’s 12-inch MacBook in certified condition for $700.",
            ),
            # a link that ends the paragraph
            (
                "Der Santa Fe übertrumpft hier sogar die deutsche \nPremium-Liga\n\nDer Tacho ist digital.",
                "Der Santa Fe übertrumpft hier sogar die deutsche Premium-Liga",
            ),
        ],
    )
    def test_a_capitalised_node_after_a_kept_space_goes_on_with_the_sentence(
        self, text: str, joined: str
    ) -> None:
        assert self._edits(text)[1] == (Reason.WRAP_JOINED, joined)

    def test_a_compound_split_at_its_link_is_glued_back(self) -> None:
        text = "Zugleich sinkt das Risiko, die Radon\n-Situation zu unterschätzen."
        self._assert_joined(text, "Zugleich sinkt das Risiko, die Radon-Situation zu unterschätzen.")
        # a signed number after a number is a table's next cell, not the rest of a word
        assert self._edits("Close 225.86\n-12.99\n-5.44%") == {}

    def test_an_elided_compound_in_a_wrapped_dump_keeps_its_space(self) -> None:
        # w3m wrapped the line before "-strukturen": "Aufgaben und -strukturen", not "und-strukturen"
        filler = "Outsourcing bezeichnet in der Ökonomie die Abgabe von Aufgaben"
        text = "\n".join(
            [
                "Outsourcing bzw. Auslagerung bezeichnet in der Ökonomie die Abgabe von Unternehmensaufgaben und",
                "-strukturen an externe oder interne Dienstleister. Es ist eine spezielle Form des Fremdbezugs",
                *[
                    filler + f" {i} und so weiter im Text dieser langen Zeile, die umbricht."
                    for i in range(6)
                ],
            ]
        )
        joined = self._edits(text)[1][1]
        assert "Unternehmensaufgaben und -strukturen" in joined

    def test_a_text_nodes_leading_space_is_not_an_indent(self) -> None:
        # bs4 keeps the text node's space: " I figured ..." is indented by one, its next line not
        text = (
            "Some setup notes follow here.\n"
            " I figured I might as well bite the bullet\n"
            "and improve on my setup, especially because it does not work with Emacs."
        )
        self._assert_joined(
            text,
            "I figured I might as well bite the bullet and improve on my setup, especially because it "
            "does not work with Emacs.",
            line=2,
        )

    def test_a_list_of_quantities_is_not_one_sentence(self) -> None:
        text = (
            "Ingredients\n 8-9 ripe pears, cored and peeled\n 1 lemon, or about 1/4 cup lemon juice\n"
            " 6 tbsp fruit pectin powder\n 1 tsp cinnamon"
        )
        page = apply(make_page(text), "normalize")
        assert [ln.text for ln in page.lines if ln.kept] == [
            "Ingredients",
            "8-9 ripe pears, cored and peeled",
            "1 lemon, or about 1/4 cup lemon juice",
            "6 tbsp fruit pectin powder",
            "1 tsp cinnamon",
        ]

    def test_a_short_sentence_before_a_capitalised_node_is_not_continued(self) -> None:
        # three words so far: too little to tell a cut sentence from a label and its value
        page = apply(make_page("Posted by \nJohn Smith\n Comments are closed."), "normalize")
        assert page.lines[0].text == "Posted by"

    def test_a_long_line_between_spaces_is_not_taken_for_a_link(self) -> None:
        # eleven words: a paragraph of its own, not a link's text
        text = (
            "Der Rat tagte am Dienstag lange \n"
            "Die Mitglieder des Rates stimmten nach langer Debatte über den neuen Plan ab\n"
            " und vertagten sich."
        )
        page = apply(make_page(text), "normalize")
        assert page.lines[1].kept and page.lines[1].text.startswith("Die Mitglieder")

    def test_punctuation_after_a_link_is_joined_without_a_space(self) -> None:
        # bs4 prints the comma after a link as a text node of its own: ", international ..."
        text = "David Brier\n, international anerkannter Fachmann für Brand Identity Management, hat"
        self._assert_joined(
            text,
            "David Brier, international anerkannter Fachmann für Brand Identity Management, hat",
        )

    def test_punctuation_after_a_kept_space_keeps_it(self) -> None:
        # the space is in the dump (French puts one before a colon): it stays
        text = "Le ministre a annoncé trois mesures \n: une baisse des taxes et deux aides."
        self._assert_joined(
            text,
            "Le ministre a annoncé trois mesures : une baisse des taxes et deux aides.",
        )

    @pytest.mark.parametrize(
        "text",
        [
            # the line after the short one starts a new sentence: a heading, not a link
            "The council met on Tuesday to vote \nNext Steps\nThe plan goes to a second reading.",
            # no space kept before the short line: not a text node cut at a link
            "The council met on Tuesday to vote\nNext Steps\n and then adjourned.",
        ],
    )
    def test_a_short_capitalised_line_without_both_spaces_is_not_a_link(self, text: str) -> None:
        page = apply(make_page(text), "normalize")
        assert page.lines[0].kept and page.lines[0].text == "The council met on Tuesday to vote"

    def test_a_markdown_line_break_is_not_a_split_paragraph(self) -> None:
        assert self._edits("Roses are red  \nviolets are blue") == {}  # two spaces: a <br>
        self._assert_joined("Roses are red \nviolets are blue", "Roses are red violets are blue")

    def test_glued_sentence_is_split(self) -> None:
        edits = self._edits("The talks were useful for both sides.He noted that they would continue.")
        assert edits == {
            1: (
                Reason.GLUED_SENTENCE,
                "The talks were useful for both sides. He noted that they would continue.",
            )
        }

    @pytest.mark.parametrize(
        "text",
        [
            "The service is written in Node.js and runs on every server.",
            "The U.S. and the U.K. signed the deal.",
            "Read the report at https://example.org/Reports.Html and www.example.com/About.Us today.",
            "Write to the desk at news.Desk@example.org for details.",
            "Scores were 3.5 and 4.Five at most.",
            "Nothing to change here.",
        ],
    )
    def test_no_split_inside_names_abbreviations_and_urls(self, text: str) -> None:
        assert self._edits(text) == {}

    def test_split_glued_can_be_switched_off(self) -> None:
        assert self._edits("Both sides.He noted it.", split_glued=False) == {}

    def test_markdown_emphasis_is_removed(self) -> None:
        edits = self._edits(
            "The economy, dragged down by the **war in Europe and inflation,** slowed _sharply_."
        )
        assert edits == {
            1: (
                Reason.MARKUP,
                "The economy, dragged down by the war in Europe and inflation, slowed sharply.",
            )
        }

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # html2text takes the space before a bold word and puts one before the comma after it
            (
                "The judge asked the**Public Prosecutor of Guatemala** , the plane's owner said.",
                "The judge asked the Public Prosecutor of Guatemala, the plane's owner said.",
            ),
            (
                "**_By Aaron Humes_** : The Americas cannot ignore the risk.",
                "By Aaron Humes: The Americas cannot ignore the risk.",
            ),
            ("Titles include _Gylt_ , _Kine_ and _Thumper_ .", "Titles include Gylt, Kine and Thumper."),
            # a space the text had stays: before a bold word, after a closing marker before a word
            ("A **bold** claim , and more.", "A bold claim , and more."),
            # ... and the one it took after a punctuation mark, or after the closing marker
            (
                "The judge asked the defence of Martinelli,**why the log was missing.**",
                "The judge asked the defence of Martinelli, why the log was missing.",
            ),
            (
                "In this section **Latest news**Armenia was named the most popular.",
                "In this section Latest news Armenia was named the most popular.",
            ),
            ("Follow RT on **Trends:**Evo Morales news", "Follow RT on Trends: Evo Morales news"),
            # an empty bold pair between two words is a space; after one letter, a drop cap
            (
                "Read our weekly roundup of market intelligence.****Follow us****to stay up to date.",
                "Read our weekly roundup of market intelligence. Follow us to stay up to date.",
            ),
            (
                "**See it now:****Amazon** has the speaker for less.",
                "See it now: Amazon has the speaker for less.",
            ),
            (
                "**S****unshine** was what she wanted most that summer.",
                "Sunshine was what she wanted most that summer.",
            ),
            (
                "**S**unshine was what she wanted most that summer.",
                "Sunshine was what she wanted most that summer.",
            ),
        ],
    )
    def test_markdown_emphasis_spacing_of_html2text(self, text: str, expected: str) -> None:
        assert self._edits(text) == {1: (Reason.MARKUP, expected)}

    @pytest.mark.parametrize(
        "text",
        [
            "Call __init__ on the base class, then set snake_case_names as usual.",
            "The product 2*3*4 is 24, and a footnote* stays.",
            "* a list item, and a lone ** pair of stars",
            # stars of the text, not glued between two words
            "The quote came from a source named only as Mel**** in the report.",
        ],
    )
    def test_no_markdown_edit_without_emphasis(self, text: str) -> None:
        assert self._edits(text) == {}

    def test_markdown_escapes_are_removed(self) -> None:
        edits = self._edits(r"Am 6\. November 2023 \- so steht es in C:\\Daten.")
        assert edits == {1: (Reason.MARKUP, r"Am 6. November 2023 - so steht es in C:\\Daten.")}

    def test_html_entities_left_by_a_converter_are_decoded(self) -> None:
        edits = self._edits("South Park creators give &#39;official apology&#39; after reports &amp; more.")
        assert edits == {
            1: (Reason.HTML_ENTITIES, "South Park creators give 'official apology' after reports & more.")
        }
        assert self._edits("Fish & chips; R&D; AT&T said") == {}

    def test_strip_markdown_can_be_switched_off(self) -> None:
        assert self._edits("It was **very** late.", strip_markdown=False) == {}

    def test_mojibake_is_repaired(self) -> None:
        edits = self._edits("The cafÃ© reopened on Monday, its owner said.")
        assert edits == {1: (Reason.UNICODE_FIXED, "The café reopened on Monday, its owner said.")}

    def test_invisible_characters_are_removed(self) -> None:
        edits = self._edits("Zero\u200bwidth and soft\u00adhyphen\x07 text.")
        assert edits == {1: (Reason.CONTROL_CHARS, "Zerowidth and softhyphen text.")}

    def test_decomposed_text_is_composed_to_nfc(self) -> None:
        # "e" + combining acute, and Bengali "য়" as one code point, which Unicode spells as
        # "য" + nukta: the same words in their canonical spelling, which a corpus and a search
        # for them need
        edits = self._edits("Le cafe\u0301 a rouvert lundi.\nআজ শনিবার দৌলতপুর\u09df")
        assert edits == {
            1: (Reason.UNICODE_COMPOSED, "Le café a rouvert lundi."),
            2: (Reason.UNICODE_COMPOSED, "আজ শনিবার দৌলতপুর\u09af\u09bc"),
        }
        assert edits[1][1] == unicodedata.normalize("NFC", "Le cafe\u0301 a rouvert lundi.")
        assert self._edits("Le café a rouvert lundi.") == {}
        assert self._edits("Le cafe\u0301 a rouvert.", fix_unicode=False) == {}

    def _wrapped_dump(self) -> tuple[str, list[str]]:
        paras = [" ".join([p] * 3) for p in PROSE]
        blocks = ["\n".join(textwrap.wrap(p, width=100)) for p in paras]
        return "Menu\n\n" + "\n\n".join(blocks) + "\n", paras

    def test_hard_wrapped_paragraphs_are_rejoined(self) -> None:
        text, paras = self._wrapped_dump()
        assert max(len(x) for x in text.splitlines()) <= 100
        page = apply(make_page(text), "normalize")
        assert kept_texts(page) == ["Menu", *paras]
        joined = [d for d in page.decisions if d.reason is Reason.WRAP_JOINED]
        heads = [d for d in joined if d.action == "edit"]
        assert len(heads) == 3
        assert all(d.action in ("edit", "drop") and d.layer == "normalize" for d in joined)
        assert render(page.lines) == "Menu\n\n" + "\n\n".join(paras)

    def test_wrapped_japanese_is_rejoined_without_a_space(self) -> None:
        # w3m wraps text without spaces between any two characters; a space at each join
        # would split words the original never split (and every token a scorer counts)
        first = "設定画面からではこのショートカットキーの設定を変更することができません。" * 4
        second = "困った挙げ句、色々調べた結果、別の方法でこの設定を変更することにしました。" * 3
        blocks = ["\n".join(p[k : k + 45] for k in range(0, len(p), 45)) for p in (first, second)]
        page = apply(make_page("\n\n".join(blocks) + "\n"), "normalize")
        assert kept_texts(page) == [first, second]

    def test_japanese_wrapped_by_terminal_columns_is_rejoined(self) -> None:
        # w3m wraps by columns and gives a Japanese character two: a full line holds 50 of
        # them, or more with Latin letters among them; a Latin word meets kana without a space
        para = (
            "そんな用途を考慮してか、Kindleや楽天koboにはデスクトップアプリが用意されています。"
            "今回はそのKindleデスクトップアプリKindle for PCに関する話。" * 3
        )
        rows, row, cols = [], "", 0
        for ch in para:  # wrap at 100 columns, as w3m does
            w = 1 if ch.isascii() else 2
            if cols + w > 100:
                rows.append(row)
                row, cols = "", 0
            row, cols = row + ch, cols + w
        rows.append(row)
        heading = "Ctrl＋Alt＋Kで"
        text = "\n".join(rows) + "\n" + heading + "\n\n" + "\n".join(rows) + "\n"
        page = apply(make_page(text), "normalize")
        assert kept_texts(page) == [para.strip(), heading, para.strip()] or kept_texts(page) == [
            para.strip() + heading,
            para.strip(),
        ]
        assert len(rows) >= 4 and all(len(r) < 70 for r in rows)  # short in characters: by columns

    def test_korean_wrapped_by_characters_is_rejoined_with_spaces(self) -> None:
        # lynx wraps Korean by characters (a full line of 94), and Korean puts spaces between words
        para = " ".join(["하지만 이러한 류화영의 폭로에 대해 엘제이 역시 반박하고 나섰다."] * 12)
        blocks = ["\n".join(textwrap.wrap(p, width=94)) for p in (para, para.replace("역시", "또한"))]
        page = apply(make_page("\n\n".join(blocks) + "\n"), "normalize")
        assert kept_texts(page) == [para, para.replace("역시", "또한")]

    def test_a_wrapped_line_opening_with_a_dash_goes_on(self) -> None:
        # lynx prints an em dash as "--": at the start of a wrapped line it is no list marker
        lines = [
            "   Challenges include designing the spacecraft to operate largely autonomously while all the crew",
            "   -- padded with extra body fat in advance of their trip -- sleep through much of the 180-day",
            "   cruise to Mars, the agency said on Monday in a statement about its study of human hibernation.",
        ]
        para = "\n".join(lines)
        page = apply(
            make_page("\n\n".join([para, para.replace("the", "a"), para.replace("crew", "team")])),
            "normalize",
        )
        assert kept_texts(page)[0] == " ".join(x.strip() for x in lines)

    def test_short_lines_and_list_items_are_not_joined(self) -> None:
        text, _ = self._wrapped_dump()
        text += "\n  • One item\n  • Two items\nShort\nlines\n"
        page = apply(make_page(text), "normalize")
        assert {"One item", "Two items", "Short", "lines"} <= set(kept_texts(page))

    def test_unwrapped_text_is_left_alone(self) -> None:
        page = apply(make_page("\n\n".join(PROSE)), "normalize")
        assert page.decisions == []

    def test_join_wrapped_can_be_switched_off(self) -> None:
        text, _ = self._wrapped_dump()
        page = apply(make_page(text, preset("balanced").replace(join_wrapped=False)), "normalize")
        assert not [d for d in page.decisions if d.reason is Reason.WRAP_JOINED]

    @pytest.mark.parametrize(
        "lines",
        [
            [
                "El Gobierno aprobó este martes un paquete de medidas para frenar la subida del",
                "precio del alquiler en las grandes ciudades, y la ministra explicó que las ayudas",
                "llegarán a más de doscientas mil familias, a las pequeñas empresas del sector,",
                "o incluso a más hogares si el presupuesto lo permite durante el próximo año.",
            ],
            [
                "The company said it had hired roughly two hundred and fifty new engineers in the last year and",
                "that it expected to hire another one hundred and fifty this year, bringing the total up to about",
                "900. That would make the division the largest in the group, according to the annual report of",
                "the company, which was published on Tuesday morning after a meeting of the board of directors.",
            ],
        ],
        ids=["o", "number"],
    )
    def test_wrapped_line_starting_like_a_marker_is_rejoined(self, lines: list[str]) -> None:
        para = "\n".join(lines)
        text = "\n\n".join([para, para.replace("the", "a"), para.replace("la", "una")])
        page = apply(make_page(text), "normalize")
        assert kept_texts(page)[0] == " ".join(lines)

    def test_a_paragraph_opening_with_a_number_is_rejoined(self) -> None:
        # "3. Der Bürgermeister ..." is parsed as a list item, but w3m wrapped it to the margin
        # (a list item's next line stands under its text)
        numbered = [
            "3. Der rote Bürgermeister und die rote Personalvertretung der Wiener Linien schmeißen dem Projekt",
            "unterwegs wunderbar Stöckchen zwischen die Beine, etwa die Farce um den Bus, der plötzlich so",
            "gefährlich ist, obwohl von Linz und Graz bis Istanbul Busse und Bahnen in Fußgängerzonen passen.",
        ]
        para = "\n".join(numbered[1:])
        page = apply(make_page("\n\n".join(["\n".join(numbered), para, para])), "normalize")
        assert render(page.lines).split("\n\n")[0] == " ".join(numbered)


# ---------------------------------------------------------------- metadata


class TestMetadata:
    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("/html/head/meta[@name='og:title']/@content", Reason.XPATH),
            ("https://sputniknews.com/20230203/blinken-visits-1106947717.html", Reason.BARE_URL),
            (
                "cdnn1.img.sputniknews.com/img/07e7/02/03/1106947_0:0:1920:1080_1920x0_80_0_0.jpg",
                Reason.BARE_URL,
            ),
            ("1920 1080 true", Reason.IMAGE_SIZE),
            ("1200x630", Reason.IMAGE_SIZE),
            ("en_EN", Reason.LOCALE_CODE),
            ("de-DE", Reason.LOCALE_CODE),
            ("2023-02-03T11:16+0000", Reason.TIMESTAMP),
            ("31 Jan 2023 11:03", Reason.TIMESTAMP),
            ("feedback@sputniknews.com", Reason.CONTACT),
            ("Contact us at +49 30 1234567 or press@example.org", Reason.CONTACT),
            ("blinken visits israel, us-palestinian talks, world, palestine", Reason.KEYWORD_LIST),
            ("[BUTTON]", Reason.FORM_RESIDUE),
            ("______", Reason.FORM_RESIDUE),
            # an image's file name printed in its place
            (
                "milano-design-week-2018-flos-anastassiades-jewels-after-jewels-Arrangements-01",
                Reason.FORM_RESIDUE,
            ),
            ("[Screen-Shot-2018-02-19-at-15][Screen-Shot-2018-02-19-at-15]", Reason.FORM_RESIDUE),
            ("farben_vorlage_minions_stencil_schablone", Reason.FORM_RESIDUE),
            ("[ ] Notify me when new comments are added.", Reason.FORM_RESIDUE),
            ('[X] I agree that the club can send me the "Pick Six" newsletter.', Reason.FORM_RESIDUE),
            (
                '<img height="1" width="1" style="display:none" src="https://example.com/p?c1=2&c2=157">',
                Reason.MARKUP,
            ),
        ],
    )
    def test_metadata_lines_are_dropped(self, text: str, reason: Reason) -> None:
        page = apply(make_page(between(text)), "metadata")
        assert drops(page) == {3: ("metadata", reason)}

    @pytest.mark.parametrize(
        "text",
        [
            "More than 100 people died in the floods.",
            "The ministry published its findings at https://example.org/report.pdf on Monday, officials said.",
            "Please write to press@example.org if you have questions about the program.",
            "On 2023-02-03 the minister said that the talks had been productive and would continue.",
            "Apples, Oranges, Pears, Plums",  # capitalised names: could be the article's enumeration
            # amounts: a meal plan's or a recipe's items, not meta keywords
            "Beachbody Performance Recover, 1 cup blueberries, 2 whole-grain rice cakes, 1 tsp. nut butter",
            "The report, which runs to 40 pages, covers finance, health, defence and education.",
            "Monday",
            "Updated",
            # a compound and a version string are not file names
            "Max-Planck-Institut-Direktor",
            "state-of-the-art",
            "0.0.0-YYYYmmddHHMMSS-abcdefabcdef",
            # a sentence naming a tag is no markup
            "Wrap the word in <b> and </b> to make it bold, as the editor explains in its help page.",
        ],
    )
    def test_sentences_and_words_are_kept(self, text: str) -> None:
        page = apply(make_page(between(text)), "metadata")
        assert page.decisions == []

    def test_phone_number_line_is_contact(self) -> None:
        assert reason_of(apply(make_page(between("+74956456601")), "metadata"), "+749") is Reason.CONTACT

    def test_year_line_is_timestamp(self) -> None:
        assert reason_of(apply(make_page(between("2023")), "metadata"), "2023") is Reason.TIMESTAMP


# ---------------------------------------------------------------- language


class TestLanguage:
    def test_german(self) -> None:
        page = apply(
            make_page(
                "Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf vorgelegt, der die Mieten in "
                "den Großstädten begrenzen soll. Kritiker sprechen von einem faulen Kompromiss."
            ),
            "language",
        )
        assert page.language == "de"
        assert 0.5 < page.language_probability <= 1.0
        assert "der" in page.stopwords and not page.char_based
        assert page.decisions == []

    def test_chinese_uses_a_character_stoplist(self) -> None:
        page = apply(
            make_page("我们今天去了公园，天气非常好。孩子们在草地上玩了一个下午，大家都很开心。"),
            "language",
        )
        assert page.language.startswith("zh")
        assert page.char_based and "的" in page.stopwords

    def test_nothing_to_detect(self) -> None:
        page = apply(make_page("\n\n"), "language")
        assert (page.language, page.language_probability) == ("unknown", 0.0)

    def test_detection_off_still_picks_a_stoplist(self) -> None:
        cfg = preset("balanced").replace(detect_language=False)
        page = apply(make_page("\n".join(PROSE), cfg), "language")
        assert page.language == "unknown"
        assert "the" in page.stopwords

    def test_deterministic(self) -> None:
        text = "Ceci est un petit texte. " * 3
        a, b = apply(make_page(text), "language"), apply(make_page(text), "language")
        assert (a.language, a.language_probability) == (b.language, b.language_probability)


# ---------------------------------------------------------------- accents

# A German page as html2text prints it when the HTML spelled its umlauts as entities
# (&uuml; -> "u"): the accents are gone from every word that had one.
STRIPPED_DE = (
    "Die Bundesregierung will die Mieten in den Großstadten begrenzen. Fur die Mieter ist das eine "
    "gute Nachricht, uber die Einzelheiten mussen die Lander aber noch verhandeln.\n\n"
    "Kritiker sprechen von einem faulen Kompromiss. Die Opposition fordert schärfere Regeln.\n\n"
    "FUR MEHR INFORMATIONEN: https://example.org/mieten-fur-alle/ oder info@example.org"
)


class TestAccents:
    def test_restores_a_stripped_page(self) -> None:
        page = apply(make_page(STRIPPED_DE, language="de"), "accents")
        first = line(page, "Die Bundesregierung")
        assert "Großstädten" in first.text and "Für die Mieter" in first.text
        assert "über die Einzelheiten müssen die Länder" in first.text
        reasons = {(d.layer, d.reason) for d in page.decisions}
        assert reasons == {("accents", Reason.ACCENTS_RESTORED)}
        assert all(d.action == "edit" and d.new_text for d in page.decisions)

    def test_keeps_capitals_links_and_addresses(self) -> None:
        page = apply(make_page(STRIPPED_DE, language="de"), "accents")
        last = line(page, "FÜR MEHR")
        assert last.text.startswith("FÜR MEHR INFORMATIONEN:")
        assert "https://example.org/mieten-fur-alle/" in last.text  # a link stays as it is
        assert "info@example.org" in last.text

    def test_a_capital_umlaut_does_not_keep_a_stripped_line(self) -> None:
        # html2text strips "&uuml;" but prints "&Uuml;" as "Ü": the line is still stripped
        text = STRIPPED_DE + "\n\nEine unabhangige Überprufung der Informationen ist nicht moglich."
        page = apply(make_page(text, language="de"), "accents")
        assert line(page, "Eine").text == "Eine unabhängige Überprüfung der Informationen ist nicht möglich."

    def test_a_line_with_accents_keeps_its_spelling(self) -> None:
        page = apply(make_page(STRIPPED_DE, language="de"), "accents")
        # "fordert" could be "fördert": the line already writes "schärfere", so it is not
        # stripped, and the word is not in the table anyway
        assert line(page, "Kritiker").text.endswith("Die Opposition fordert schärfere Regeln.")

    def test_a_page_written_with_accents_is_left_alone(self) -> None:
        text = (
            "Wie die Tierschutz-Organisation mitteilt, gehört die Luxusmarke neu zu den Fur Free "
            "Retailers. Tierpelz wird künftig nicht mehr verkauft, erklärte das Unternehmen.\n\n"
            "Die Ware kommt aus Italien und wird über Händler in ganz Europa verkauft."
        )
        page = apply(make_page(text, language="de"), "accents")
        assert page.decisions == []

    def test_compounds_on_a_stripped_page(self) -> None:
        text = STRIPPED_DE + "\n\nDie Antrage fur die Bachenpramie gehen an die untere Jagdbehorde."
        page = apply(make_page(text, language="de"), "accents")
        assert (
            line(page, "Die Antr").text == "Die Anträge für die Bachenprämie gehen an die untere Jagdbehörde."
        )
        # a page written with its accents is not read for compounds at all
        fine = "Die Anträge für die Erlegungspramie gehen an die untere Jagdbehörde, schreibt das Amt."
        assert apply(make_page(fine, language="de"), "accents").decisions == []

    def test_accented_menus_do_not_hide_a_stripped_article(self) -> None:
        # the site's template prints its menus in UTF-8, the article came with entities: the
        # menus' accents are not the prose's and do not count against the article's damage
        menus = "\n".join(
            ["Über uns", "Ministerium für Ländliche Entwicklung", "Presse & Öffentlichkeit"] * 6
        )
        page = apply(make_page(menus + "\n\n" + STRIPPED_DE, language="de"), "accents")
        assert "Für die Mieter" in line(page, "Die Bundesregierung").text
        assert line(page, "Über uns").text == "Über uns"

    def test_too_few_words_to_restore(self) -> None:
        text = "Ein kurzer Text fur alle, die uber das Wetter reden wollen. Das Wetter ist gut."
        page = apply(make_page(text, language="de"), "accents")
        assert page.decisions == []  # two restorable words: below the bar

    def test_languages_without_a_table(self) -> None:
        text = "The fur trade is over, said the uber driver who had to muster his courage. " * 3
        for language in ("en", "unknown", "vi"):
            page = apply(make_page(text, language=language), "accents")
            assert page.decisions == []

    def test_runs_after_language_in_the_pipeline(self) -> None:
        res = cleanroom.clean(STRIPPED_DE)
        assert res.language == "de"
        assert "Für die Mieter" in res.text
        off = cleanroom.clean(STRIPPED_DE, Config(disabled=frozenset({"accents"})))
        assert "Fur die Mieter" in off.text


# ---------------------------------------------------------------- tickers


class TestTickers:
    def test_breaking_heading_and_its_block(self) -> None:
        text = (
            "BREAKING\nPalestinian shot and killed by IOF east of Al-Bureij camp\n"
            "Israeli drone drops bomb at outskirts of town of Blida\n\n" + "\n\n".join(PROSE)
        )
        page = apply(make_page(text), "tickers")
        assert drops(page) == {n: ("tickers", Reason.TICKER) for n in (1, 2, 3)}

    def test_stops_at_prose(self) -> None:
        long_prose = P1 + " " + P2
        page = apply(make_page(f"Latest\nStorm hits coast\n{long_prose}\n\n{P3}"), "tickers")
        assert set(drops(page)) == {1, 2}

    def test_standalone_heading_takes_the_next_block(self) -> None:
        page = apply(
            make_page(f"{P1}\n\nLatest News\n\nStorm hits coast\nMarkets fall again\n\n{P2}"), "tickers"
        )
        assert set(drops(page)) == {3, 5, 6}
        assert all(r is Reason.TICKER for _, r in drops(page).values())

    def test_words_in_a_sentence_are_not_a_ticker(self) -> None:
        page = apply(
            make_page(between("Breaking the deadlock, the two sides agreed to a new round of talks.")),
            "tickers",
        )
        assert page.decisions == []

    def test_section_label_does_not_take_the_lead_paragraph(self) -> None:
        # regression: "News" was a ticker heading and took the short lead paragraph under it
        lead = "The city council voted on Tuesday night to approve a network of protected cycling lanes."
        page = apply(make_page(f"News\n\n{lead}\n\n{P1}\n\n{P2}"), "tickers")
        assert reason_of(page, "The city council") is None


# ---------------------------------------------------------------- related


class TestRelated:
    @pytest.mark.parametrize(
        "text",
        [
            "Read more: No such thing as leftist Zionism",
            "READ MORE » Why the region floods every spring",
            "Also read: How the floods started",
            "See also - The storms of 2021",
            "Lesen Sie auch: Die Bahn streikt erneut",
            "Lire aussi : Le président en visite à Berlin",
            "Leer más: Los precios de la vivienda suben",
            "Auch lesen: Diese drei Sternzeichen verschenken ihr Herz",
            "Dowiedz się więcej: Kto jak głosował ws. unijnych funduszy?",
            "Lea: Consejo Permanente de la OEA aborda este miércoles la confiscación de sus oficinas",
            "Leia: Governo anuncia novas medidas para o setor",
            "Previous Post: 2012 Harley-Davidson Fatboy 1800 | Reader review",
        ],
    )
    def test_read_more_lines(self, text: str) -> None:
        page = apply(make_page(between(text), language="en"), "related")
        assert drops(page) == {3: ("related", Reason.READ_MORE)}

    @pytest.mark.parametrize(
        "text",
        [
            "More than 100 people died in the floods.",
            "Read more about the floods in our coverage, which has been updated every hour since Sunday.",
            "Watching the water rise was terrifying, one resident said.",
        ],
    )
    def test_sentences_starting_like_a_prefix_are_kept(self, text: str) -> None:
        page = apply(make_page(between(text), language="en"), "related")
        assert page.decisions == []

    @pytest.mark.parametrize(
        "heading",
        ["Lesen Sie auch die folgenden Beiträge:", "Related coverage from How to Do Everything: Money:"],
    )
    def test_a_read_more_heading_over_a_list(self, heading: str) -> None:
        text = (
            "\n".join([P1, "", heading, "- How to invest in index funds", "- When can you retire", "", P2])
            + "\n"
        )
        page = apply(make_page(text, language="en"), "related")
        assert drops(page) == {n: ("related", Reason.RELATED_BLOCK) for n in (3, 4, 5)}

    def test_a_list_introduced_by_a_function_word_is_the_articles(self) -> None:
        heading = "Mehr als 100 Befragte nannten drei Gründe:"
        text = (
            "\n".join([P1, "", heading, "- die Miete", "- der Lärm", "- der Weg zur Arbeit", "", P2]) + "\n"
        )
        page = apply(make_page(text, language="de"), "related")
        assert page.decisions == []

    def test_related_heading_and_its_list(self) -> None:
        text = between(
            "Related News\nRubio to serve for long term as State Secretary\n"
            "France condemns Israeli attack on WCK aid workers in Gaza"
        )
        page = apply(make_page(text, language="en"), "related")
        assert drops(page) == {n: ("related", Reason.RELATED_BLOCK) for n in (3, 4, 5)}
        assert P2 in kept_texts(page)

    @pytest.mark.parametrize(
        "heading",
        [
            "Most Read",
            "Read Next",
            "Recommended for you",
            "You may also like",
            "Você pode gostar...",
            "Pour aller plus loin",
            "Zum Weiterlesen",
            "Empfohlen für dich",
        ],
    )
    def test_related_headings(self, heading: str) -> None:
        page = apply(make_page(between(f"{heading}\nStory one\nStory two"), language="en"), "related")
        assert set(drops(page)) == {3, 4, 5}

    def test_list_length_is_bounded(self) -> None:
        cfg = preset("balanced").replace(related_max_lines=2)
        page = apply(make_page(between("Most Read\nOne\nTwo\nThree\nFour"), cfg, language="en"), "related")
        assert set(drops(page)) == {3, 4, 5}
        assert {"Three", "Four"} <= set(kept_texts(page))

    def test_a_related_list_ends_at_an_ingredient_list(self) -> None:
        # a read-more heading above the recipe takes its teasers, not the ingredients under them
        rows = [
            "Weiterlesen",
            "Gewinnspiele",
            "Probeabo",
            "Zutaten",
            "- 350 g Zucker",
            "- 500 ml Milch",
            "- 2 EL Backkakao",
        ]
        page = apply(make_page(between("\n".join(rows)), language="de"), "related")
        kept = set(kept_texts(page))
        assert {"350 g Zucker", "500 ml Milch", "2 EL Backkakao"} <= kept
        assert "Gewinnspiele" not in kept

    def test_a_read_more_link_printed_after_each_teaser_is_no_heading(self) -> None:
        # "weiterlesen" closes each of a promo box's teasers; the recipe's headline and intro
        # after the last one (an intro without a full stop) are the page's own text
        rows = [
            "Gewinnspiele - mitmachen und gewinnen!",
            "weiterlesen",
            "Probeabo: 3 Ausgaben für nur 7,50 €",
            "weiterlesen",
            "Schneewittchen-Kuchen mit Mini-Marshmallows",
            "Spieglein, Spieglein an der Wand, wer ist der leckerste Kuchen im ganzen Land? Es ist der"
            " Schneewittchen-Kuchen mit Schattenmorellen und marmoriertem Teig",
        ]
        page = apply(make_page(between("\n".join(rows)), language="de"), "related")
        assert drops(page) == {n: ("related", Reason.READ_MORE) for n in (4, 6)}

    def test_a_single_read_more_line_still_heads_a_list(self) -> None:
        rows = ["Weiterlesen", "Gewinnspiele - mitmachen und gewinnen!", "Probeabo für nur 7,50 €"]
        page = apply(make_page(between("\n".join(rows)), language="de"), "related")
        assert drops(page) == {n: ("related", Reason.RELATED_BLOCK) for n in (3, 4, 5)}

    def test_a_tag_list_ends_at_a_statement(self) -> None:
        # "Themen" in a site's menu reads as a "Topics" heading; the tags it takes stop at the
        # article's first statement, which a list item of a few words never is
        lead = "Die Impfpflicht für die Pflege sei ein falscher Ansatz zur Bekämpfung der Pandemie."
        page = apply(
            make_page(between(f"Themen\nÜber uns\nAbo-Service\n- {lead}\nNächster Satz"), language="de"),
            "related",
        )
        assert set(drops(page)) == {3, 4, 5}
        assert {lead, "Nächster Satz"} <= set(kept_texts(page))

    def test_inline_headline_on_an_english_page(self) -> None:
        page = apply(
            make_page(between("Blinken Failed to Offer Steps to End Violence in Middle East"), language="en"),
            "related",
        )
        assert drops(page) == {3: ("related", Reason.INLINE_HEADLINE)}
        d = page.decisions[0]
        assert d.threshold is not None and isinstance(d.value, float) and d.value >= d.threshold

    TOUR = (
        "Coral Sky Amphitheatre -- West Palm Beach, Florida\n"
        "MIDFLORIDA Credit Union Amphitheatre -- Tampa, Florida\n"
        "Ameris Bank Amphitheatre -- Alpharetta, Georgia"
    )
    DATES = (
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\n"
        "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL\n"
        "Aug. 14 -- Ameris Bank Amphitheatre, Alpharetta, GA"
    )

    def test_lines_that_open_with_a_date_are_an_event_list(self) -> None:
        # a tour's dates, not teasers; a dated byline (with its year) is no event
        page = apply(make_page(between(self.DATES), language="en"), "related")
        assert page.decisions == []
        byline = "November 12, 2018 | By Jane Doe And The Editors Of Example Magazine"
        page = apply(
            make_page(between(f"{byline}\n{byline.replace('Jane', 'John')}"), language="en"), "related"
        )
        assert {r for _, r in drops(page).values()} == {Reason.INLINE_HEADLINE}

    def test_title_case_lines_a_colon_announces_are_the_texts_own(self) -> None:
        intro = "The band will play these dates in the summer of 2020:"
        page = apply(make_page(between(f"{intro}\n{self.TOUR}"), language="en"), "related")
        assert page.decisions == []
        # without the announcement the same lines read as a list of headlines
        bare = apply(make_page(between(self.TOUR), language="en"), "related")
        assert set(drops(bare)) == {3, 4, 5}
        assert {r for _, r in drops(bare).values()} == {Reason.INLINE_HEADLINE}

    def test_a_title_case_heading_with_a_colon_announces_nothing(self) -> None:
        # a heading in Title Case is a headline itself, not a line of the text
        heading = "The Doobie Brothers Tour Dates In North America:"
        page = apply(make_page(between(f"{heading}\n{self.TOUR}"), language="en"), "related")
        assert drops(page) == {n: ("related", Reason.INLINE_HEADLINE) for n in (3, 4, 5, 6)}

    def test_german_line_is_not_an_inline_headline(self) -> None:
        de1 = (
            "Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf vorgelegt, der die Mieten in den "
            "Großstädten begrenzen soll, wie ein Sprecher in Berlin mitteilte."
        )
        de2 = (
            "Kritiker sprechen von einem faulen Kompromiss, weil die Regeln nur für neue Verträge gelten und "
            "viele Ausnahmen enthalten, die erst später geprüft werden sollen."
        )
        caption = "Bundeskanzler Olaf Scholz und Frankreichs Präsident Emmanuel Macron in Paris"
        page = apply(make_page(f"{de1}\n\n{caption}\n\n{de2}", language="de"), "related")
        assert page.decisions == []
        # and through the whole pipeline, which detects the language itself
        assert (
            caption
            in cleanroom.clean(f"{de1}\n\n{caption}\n\n{de2}\n\n{de1.replace('Mittwoch', 'Montag')}").text
        )

    # reader comments: header lines ending in a speech verb and a colon
    COMMENT = (
        "I read this twice and still think the working group is a way to delay the decision until after "
        "the elections, which is what both governments have done every time this came up. My own "
        "representative voted for it. I have written to her office and have not had an answer yet."
    )

    def _thread(self, headers: list[str], article: list[str]) -> Page:
        parts = [*article]
        for h in headers:
            parts += [h, self.COMMENT]
        return apply(make_page("\n\n".join(parts) + "\n", language="en"), "related")

    def _comment_drops(self, page: Page) -> set[int]:
        return {n for n, (_, r) in drops(page).items() if r == Reason.COMMENTS}

    def test_dated_thread_after_the_article(self) -> None:
        page = self._thread(["Jane on May 12, 2020 at 4:47 pm said:", "Tom says:"], [P1, P2, P3])
        assert self._comment_drops(page) == {7, 9, 11, 13}
        assert kept_texts(page) == [P1, P2, P3]

    def test_a_discussion_longer_than_its_article_is_cut_too(self) -> None:
        # six comments hold more prose than the two paragraphs above them
        headers = [f"Reader {k} on May {k}, 2020 at 4:47 pm said:" for k in range(1, 7)]
        page = self._thread(headers, [P1, P2])
        assert len(self._comment_drops(page)) == 12
        assert kept_texts(page) == [P1, P2]

    def test_the_date_can_follow_the_header(self) -> None:
        page = self._thread(
            [f"fan{k} says:\n\nNovember 19, 2019 at 6:3{k} am" for k in range(2)], [P1, P2, P3]
        )
        assert kept_texts(page) == [P1, P2, P3]

    def test_undated_headers_are_not_a_thread(self) -> None:
        # a forum's quotes ("JohnDoe said:"), however many: no date, no thread
        page = self._thread([f"fan{k} said:" for k in range(5)], [P1, P2, P3])
        assert self._comment_drops(page) == set()

    def test_a_short_post_under_a_long_dated_thread_needs_some_article(self) -> None:
        # a few words of post: the dated headers alone do not make the rest a thread to cut
        headers = [f"Reader {k} on May {k}, 2020 at 4:47 pm said:" for k in range(1, 7)]
        page = self._thread(headers, ["Open thread for May."])
        assert self._comment_drops(page) == set()

    def test_quotes_in_an_article_are_not_comments(self) -> None:
        page = self._thread(["The minister said:", "Her spokesman said:"], [P1])
        assert self._comment_drops(page) == set()

    def test_a_related_list_ends_where_short_paragraphs_go_on(self) -> None:
        # a tabloid's paragraphs are one sentence each, shorter than the list's prose test
        rows = [
            "Related articles",
            "Plague outbreak in China sparks fears",
            "Black Death: Case confirmed in Inner Mongolia",
            "However, the other 28 people have showed no signs or symptoms of the plague.",
            "Health officials said the risk of the disease spreading was extremely low.",
            "The patient is being treated in isolation at a hospital in Beijing.",
        ]
        page = apply(make_page(between("\n".join(rows)), language="en"), "related")
        assert set(drops(page)) == {3, 4, 5}
        assert set(rows[3:]) <= set(kept_texts(page))

    def test_a_teasers_summary_and_its_caption_do_not_end_a_related_list(self) -> None:
        # two statements and then a headline again: still the list
        rows = [
            "Related articles",
            "Plague outbreak in China sparks fears",
            "The case was confirmed in Inner Mongolia on Tuesday evening.",
            "A doctor checks a patient in a hospital in Beijing last year.",
            "Black Death returns to the steppe",
        ]
        page = apply(make_page(between("\n".join(rows)), language="en"), "related")
        assert set(drops(page)) == {3, 4, 5, 6, 7}

    def test_title_case_subheadings_of_an_article_are_kept(self) -> None:
        # four lone Title-Case lines between paragraphs divide the article into sections
        heads = [
            "The Best Streaming Service for Sports",
            "Our Favorite Live Television Apps",
            "The Cheapest Way to Watch Movies",
            "How We Picked the Winners",
        ]
        parts = [P1]
        for head in heads:
            parts += [head, f"{P2} {P3}"]
        page = apply(make_page("\n\n".join(parts) + "\n", language="en"), "related")
        assert page.decisions == []
        # one or two such lines inside a story are teasers for other stories
        page = apply(make_page("\n\n".join(parts[:5]) + "\n", language="en"), "related")
        assert {r for _, r in drops(page).values()} == {Reason.INLINE_HEADLINE}

    def test_labels_over_their_values_are_no_teaser_list(self) -> None:
        # a police log: a name and a colon over the charges, which the teaser rule read as
        # headline and summary
        names = ["Elizabeth A. Burton:", "Michael J. Carter Jr.:", "Donna Lee Smith:", "Kevin R. Dunn:"]
        rows = []
        for name in names:
            rows += [name, "Possession of methamphetamine, held on a $5,000 bond."]
        page = apply(make_page(between(*rows), language="en"), "related")
        assert page.decisions == []

    def test_inline_headlines_can_be_switched_off(self) -> None:
        cfg = preset("balanced").replace(drop_inline_headlines=False)
        page = apply(
            make_page(between("Blinken Failed to Offer Steps to End Violence in Middle East"), cfg, "en"),
            "related",
        )
        assert page.decisions == []


# ---------------------------------------------------------------- chrome


class TestChrome:
    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("By Al Mayadeen English", Reason.BYLINE),
            ("Source: Agencies", Reason.BYLINE),
            ("4 Min Read", Reason.READ_TIME),
            ("© 2023 Al Mayadeen. All Rights Reserved", Reason.LEGAL),
            ("Privacy Policy", Reason.LEGAL),
            ("Alle Rechte vorbehalten", Reason.LEGAL),
            ("Tous droits réservés", Reason.LEGAL),
            ("Política de privacidad", Reason.LEGAL),
            ("Download The Mint News App to get Daily Market Updates.", Reason.APP_PROMO),
            ("Get it on Google Play", Reason.APP_PROMO),
            (
                "We use cookies to improve your experience. By continuing you accept our use of cookies.",
                Reason.COOKIE,
            ),
            ("Sign up for our newsletter", Reason.NEWSLETTER),
            ("Du willst nichts mehr verpassen?", Reason.NEWSLETTER),
            (
                "Immediate online access to all issues. Subscription will auto renew annually.",
                Reason.NEWSLETTER,
            ),
            ("Share on Facebook", Reason.SOCIAL),
            ("Follow @jane_doe on Twitter for updates from the courtroom", Reason.SOCIAL),
            ("Gefällt Ihnen dieser Artikel?", Reason.CHROME),
            ("Dieses Skript als PDF herunterladen", Reason.CHROME),
            ("¡Mira lo que tiene nuestro canal de YouTube!", Reason.CHROME),
            ("Support independent journalism: become a member today.", Reason.CHROME),
            (
                "(Reporting by Greg Roumeliotis, Joshua Franklin and Koh Gui Qing; Editing by Martin Howell.)",
                Reason.BYLINE,
            ),
            ("Síguenos en Telegram y recibe las noticias más importantes.", Reason.SOCIAL),
            # the appeal after a question in the same line
            ("Made this recipe? Tag us on Instagram!", Reason.SOCIAL),
            ("Schon nachgekocht? Markiere uns auf Instagram und zeig uns dein Ergebnis.", Reason.SOCIAL),
            ("×", Reason.CHROME),
            ("My ReadsWatchlistFeedbackLogout", Reason.CHROME),
            (
                "This story has been published from a wire agency feed without modifications to the text.",
                Reason.DISCLAIMER,
            ),
            ("Comments (12)", Reason.COMMENTS),
            ("Auf einer Seite lesen", Reason.CHROME),
            ("Empfohlener redaktioneller Inhalt", Reason.CHROME),
            ("Palestinians inspect a damaged house in Gaza, Oct. 13, 2017. (Reuters)", Reason.CAPTION),
            ("Protesters gather outside the parliament in the capital (AP Photo/Jane Smith)", Reason.CAPTION),
            ("Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com", Reason.CAPTION),
            # a trailing copyright credit after a separator; html2text prints "©" as "(C)"
            ("Le piquet de grève dans le hall de l'université / (C) Kab Niang", Reason.CAPTION),
            ("Die Ministerin bei der Eröffnung der Messe in Hannover. - (C) Jane Doe / dpa", Reason.CAPTION),
            ("Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.", Reason.CAPTION),
            ("Crédits photos : AFP", Reason.CAPTION),
            (
                "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE. Die Fotos dürfen nicht verwendet werden.",
                Reason.DISCLAIMER,
            ),
            ("Puerto de Montevideo. Foto: Archivo El País.", Reason.CAPTION),
            # a numbered figure's caption, after its image's placeholder too
            ("Abbildung 4: Die grösste Lawine dieser Berichtsperiode wurde ausgelöst.", Reason.CAPTION),
            ("Fig. 2. The flux measured over the first three nights of the campaign.", Reason.CAPTION),
            ("[chart-1]Abbildung: Farblich codierte Schneehöhen im Mattertal", Reason.CAPTION),
            ("Rys. 1. Schemat instalacji", Reason.CAPTION),
            ("Foto: Anna Jay.", Reason.CAPTION),
            # a person's place in the photo, an agency's file photo
            (
                "Former Gov. Deval Patrick, left, speaks with a business owner during a campaign stop, "
                "Tuesday, Nov. 19, 2019, in Columbia, S.C.",
                Reason.CAPTION,
            ),
            (
                "FILE PHOTO: Traders work on the floor at the New York Stock Exchange in New York.",
                Reason.CAPTION,
            ),
            (
                "In this Dec. 12, 2006, file photo, made available by NASA, two astronauts work outside.",
                Reason.CAPTION,
            ),
            (
                "Sabine Müller (links) und Margot Friedländer stellen das Buch im Haus der Presse vor.",
                Reason.CAPTION,
            ),
            (
                "An artist's illustration of a plume of water vapor rising from the moon Europa.",
                Reason.CAPTION,
            ),
            (
                "This satellite image from NASA shows fires detected near Delhi on Nov. 3, 2019.",
                Reason.CAPTION,
            ),
            (
                "A cyclist rides next to a blocked petrol plant in the outskirts of La Paz, Bolivia, November 19, "
                "2019. © Reuters / David Mercado",
                Reason.CAPTION,
            ),
            ("This copy is for your personal, non-commercial use only.", Reason.DISCLAIMER),
            ("Empfiehl dies deinen Freunden.", Reason.CHROME),
            ("Was passiert mit meinen Daten?", Reason.COOKIE),
            ("Buch bestellen", Reason.CHROME),
            # an author's note names the writer's trade
            ("Dallas Robinson is a freelance writer living in Minneapolis", Reason.BYLINE),
            (
                "Molly Wood (@mollywood) is an Ideas contributor at WIRED and the host of a daily radio show.",
                Reason.BYLINE,
            ),
            ("Max Muster ist Redakteur im Ressort Politik und schreibt über Europa.", Reason.BYLINE),
            (
                "Apple logo, Apple TV and App Store are registered trademarks of Apple Inc., registered in "
                "the U.S. and other countries.",
                Reason.DISCLAIMER,
            ),
            ("You may revoke this consent at any time with effect for the future.", Reason.COOKIE),
            # a caption under the label a page wrote for screen readers
            ("Image caption Mourners attend a funeral in Brooklyn, New York", Reason.CAPTION),
            ("Media caption The moment the bridge gave way was caught on camera", Reason.CAPTION),
            ("Pie de foto Los manifestantes marcharon hasta el centro de la ciudad", Reason.CAPTION),
            # a gallery's counter
            ("Image 1 of 23", Reason.CHROME),
            ("Bild 3 von 12", Reason.CHROME),
            # a blog's links to the posts before and after
            ("Newer Post Older Post Home", Reason.CHROME),
            ("Ältere Beiträge", Reason.CHROME),
            ("Get the latest news straight to your phone with the Example Daily app.", Reason.APP_PROMO),
            # an agency's caption runs to a hundred words and more
            (
                "BOSSIER CITY, LOUISIANA - NOVEMBER 14: The president pauses while speaking during a rally at the "
                "civic centre on November 14, 2019 in Bossier City, Louisiana. The president held the rally in "
                "support of the Republican candidate for governor, who is looking to unseat the incumbent in the "
                "state's election on Saturday, after a campaign that drew national attention and several visits "
                "from party leaders over the final weeks. (Photo by Jane Doe/Example Images)",
                Reason.CAPTION,
            ),
            ("As an Amazon Associate I earn from qualifying purchases.", Reason.DISCLAIMER),
            ("This entry was posted in News and tagged floods, rain, river.", Reason.BYLINE),
            ("Dieser Eintrag wurde veröffentlicht in Podcast und verschlagwortet mit berlin.", Reason.BYLINE),
            ("Comments are moderated and may take a while to appear.", Reason.COMMENTS),
            ("Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.", Reason.COMMENTS),
            ("To view the full story, please subscribe to The Daily Example.", Reason.NEWSLETTER),
            ("Vous avez lu 1 des 4 articles gratuits ce mois-ci.", Reason.NEWSLETTER),
            ("Als Amazon-Partner verdiene ich an qualifizierten Verkäufen.", Reason.DISCLAIMER),
            # dated bylines, of any length up to 20 words
            ("Posted on October 27, 2015 by Admin", Reason.BYLINE),
            ("Veröffentlicht am 17. Dezember 2019 von Simon Dückert", Reason.BYLINE),
            ("Par Nicolas Gutierrez C. le 14.09.2020 à 11h46", Reason.BYLINE),
            ("Publicado el 21 de abril de 2022 a las 22:04h", Reason.BYLINE),
            (
                "By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
                Reason.BYLINE,
            ),
            ("Updated 11:21 pm CST, Tuesday, November 19, 2019", Reason.BYLINE),
            # Latin words spelled with Cyrillic or full-width look-alikes: spam and ads
            (
                "Аdvеrtіѕе wіth thе most visited news site in Веlіzе ~ Wе оffеr fullу сuѕtоmіzаblе packages",
                Reason.SPAM,
            ),
            ("I usｅd to be suggested thiѕ web site by way of my cousin.", Reason.SPAM),
            # a credit after its label in lower case, a space before the bracket
            ("Protesters do not want Hong Kong to lose its autonomy (Image: getty )", Reason.CAPTION),
            # an image's alternative text and its caption, printed together
            ("Lemon tree seeds showing rootsLemon tree seeds showing roots", Reason.CAPTION),
            ("Happy Birthday, Riesling! Happy Birthday, Riesling!", Reason.CAPTION),
            # a post's meta line, its parts set apart, and a wiki's footer
            ("23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Ergänzungen", Reason.BYLINE),
            ("8. Dezember 2010 um 09:43 · Rezepte von Mutti · 6 Kommentare", Reason.BYLINE),
            ("Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.", Reason.BYLINE),
            # whom to follow named, then "on" a network; a comment form's prompts
            (
                "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
                Reason.SOCIAL,
            ),
            ("Please log in using one of these methods to post your comment:", Reason.COMMENTS),
            ("Benachrichtige mich über nachfolgende Kommentare via E-Mail.", Reason.COMMENTS),
            # a byline after a date and a separator, a byline with a tail after a bar
            ("October 9, 2018 | by Olivia Larsen", Reason.BYLINE),
            ("By Amy Kuperinsky | NJ Advance Media for NJ.com", Reason.BYLINE),
            ("Share to linkedin", Reason.SOCIAL),
            # a disclaimer's label, a pingback, a paywall's question
            (
                "Disclaimer: The responses below are not provided or commissioned by the bank advertiser.",
                Reason.DISCLAIMER,
            ),
            (
                "Pingback: Das Bankrott-System im Wanken – Wake News Radio/TV – 28.7.16 | Terraherz",
                Reason.COMMENTS,
            ),
            ("Möchten Sie weiterlesen?", Reason.NEWSLETTER),
            # captions by their credit: an agency's "File" in brackets, a leading ©, a name and
            # an agency after a slash
            (
                "Vicente Aguiar loads garage door trims into his pickup truck outside a Home Depot "
                "in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
                Reason.CAPTION,
            ),
            (
                "© John Brecher Needle poking skin during administration of flu shot at Mary's Center, "
                "a community health center in Washington.",
                Reason.CAPTION,
            ),
            (
                "Rep. Ilhan Omar, D-Minn., speaks at the Capitol on July 25, 2019. J. Scott Applewhite / AP file",
                Reason.CAPTION,
            ),
            # a link's call to action
            ("CLICK HERE TO GET THE FOX NEWS APP", Reason.CHROME),
            ("Hier klicken, um die Antwort abzubrechen.", Reason.CHROME),
            # a reprint notice
            ("This article is the copyrighted property of Breaking Belize News.", Reason.DISCLAIMER),
            (
                "Written permission must be obtained before reprint in online or print media.",
                Reason.DISCLAIMER,
            ),
            ("Vervielfältigung nur mit Genehmigung", Reason.DISCLAIMER),
            # a licence as a credit, a screen reader's label glued to its caption, a gallery's
            # caption under its counter, market data terms, a blog engine's long footer
            ("Logo von Jonathas Mello, CC BY", Reason.CAPTION),
            ("Foto: president.gov.ua, Wikimedia Commons (CC BY 4.0)", Reason.CAPTION),
            ("Angus Barbieri mając 27 lat, ważył 206 kilogramów /domena publiczna", Reason.CAPTION),
            (
                "Media captionJulian Assange being dragged from the Ecuadorean embassy in London",
                Reason.CAPTION,
            ),
            (
                "2 of 4 A shopper looks at extension cords at a hardware store, Tuesday, Nov. 19, 2019.",
                Reason.CAPTION,
            ),
            ("Quotes delayed at least 15 minutes. Real-time quotes provided by BATS.", Reason.DISCLAIMER),
            (
                "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde "
                "unter Allgemein, Region Halle - Leipzig, Tastings & Events abgelegt. Du kannst die Kommentare "
                "zu diesen Eintrag durch den RSS 2.0 Feed verfolgen. Kommentare sind derzeit geschlossen.",
                Reason.BYLINE,
            ),
            (
                "We welcome reader comments on the top stories of the day. Some comments may be republished "
                "on the website or in the newspaper; email addresses will not be published.",
                Reason.COMMENTS,
            ),
            ("Got a confidential news tip? We want to hear from you.", Reason.CHROME),
            (
                "Please check the opt-in box to acknowledge that you would like to subscribe.",
                Reason.NEWSLETTER,
            ),
            # an agency's caption, however long, by its opening (w3m joins the credit line to it)
            (
                "FILE - In this Monday, Oct. 28, 2019, file photo, U.S. Ambassador to the European Union "
                "Gordon Sondland walks to a secure area of the Capitol to testify as part of the House "
                "impeachment inquiry into President Donald Trump, in Washington. Sondland is scheduled to be "
                "the first witness when the impeachment hearings resume at 9 a.m. EST Wednesday, Nov. 20. "
                "(AP Photo/Patrick Semansky, File) Patrick Semansky, ASSOCIATED PRESS",
                Reason.CAPTION,
            ),
        ],
    )
    def test_chrome_lines(self, text: str, reason: Reason) -> None:
        page = apply(make_page(between(text)), "chrome")
        assert drops(page) == {3: ("chrome", reason)}

    def test_ad_label(self) -> None:
        page = apply(make_page(between("Advertisement")), "chrome")
        assert drops(page)[3][1] in (Reason.AD_LABEL, Reason.CHROME)

    @pytest.mark.parametrize(
        "text",
        [
            "By the end of the year, the company expects to have hired more than 400 new staff in Europe.",
            "The privacy policy of the company was criticised by regulators, who said users were not told "
            "how their data was shared.",
            "Source code for the project is published under an open licence, the foundation said.",
            "Copyright lawyers said that the ruling could change the way music is licensed in Europe for "
            "years to come.",
            # the label's words start a sentence about captions, not a caption
            "Image captions help readers who cannot see the picture, and every site should write them.",
            # one odd letter is a slip, Greek units are science, Cyrillic words are Russian
            "You are wondеrful! Thanks for the tips on growing lemons from seed.",
            "The filter holds back particles of 5 μm and lead above 10 μg/l, the report says.",
            "The exhibition moves from Москва to Petersburg in the spring, the organisers said.",
            # a refrain is not a caption printed twice, nor is a line with one word twice
            "la la la la la la",
            "We want justice now! We want justice now! We want justice now! We want justice now!",
            # a score table and an event list are not meta lines: no date, no year
            "Endstand intern | 8:4 | 1:21",
            "Monday, November 18 - 7:30 pm - City Hall",
            "New York, New York",
            # clicking, not a call to click
            "Clicking here and there, the designer found the menu hard to use on a phone.",
            # a sentence about a licence or the public domain is no credit; a counter without a
            # capital after it is a share; "iPhone" is no glued label
            "Ein anonymer Uploader entlässt also Fotos in die Public Domain.",
            "The photographs are published under a CC BY licence by the archive.",
            "1 of 4 adults in the survey said they had skipped a meal to save money.",
            "iPhone captions are generated on the device, the company said.",
            # a clause of a law after "(C)" is a sentence, not a credit
            "The fund pays for the schools. (C) the Secretary shall report on it. The rest follows.",
        ],
    )
    def test_prose_mentioning_chrome_words_is_kept(self, text: str) -> None:
        page = apply(make_page(between(text)), "chrome")
        assert page.decisions == []

    @pytest.mark.parametrize(
        "text",
        [
            "By 2030 half of all new cars in Europe will be electric",  # a year is not a date
            "Von der Leyen will Kriegsland Ukraine in EU holen – Österreich zahlt die Zeche",
            "Video shows dramatic rescue of kidnapped girl on 5th Avenue",
            "Follow the money: how Facebook pays its taxes in Ireland",  # not an appeal to follow us
            "Follow-up tests on Facebook users showed no effect",
            "The disclaimer was added to every page in 2019, the company said.",
            "The train runs twice a day between the two cities. Berlin / Hamburg",  # no person's name
            "By Land And Sea, Refugees Keep Coming To Greece",  # a headline, no tail after a bar
            "November 5, 2019 | By the time the polls closed, turnout had doubled",
            "Police say the suspects used Instagram to find us, the victims told the court",
            "Edited by a committee, the report was published on Monday.",  # no name after the credit
            # a label that does not end at the colon is not a credit's label
            "Featured image of the week: a tiger in the snow, taken by a reader from Bern",
            # a sentence about a photo is not a caption's credit
            "The museum bought the print in 1998. Photo: the first one ever taken of the city",
            # a figure label needs its number and a colon or full stop; a credit's label without
            # a number, a short line: here it runs into the first sentence of the text
            "Figure skating is popular: the rink in the old town is full every weekend",
            "Bild: Jahr MediaDie Fishing Masters Show in Rostock sollte ursprünglich im September stattfinden.",
            "Chapter 1 of 3",
            # "left" as a verb, a photo essay: no caption
            "Many of those who stayed, and those who left, said the town had changed for good.",
            "In this photo essay we follow three families through the winter in the mountains.",
            "This is a photo of my garden in the first week of May, before the roses opened.",
            # an interviewee's trade is the article's; "Die Studie" is no name
            "Jane Doe is a professor of economics at Yale University.",
            "Die Studie ist von der Autorin des Berichts über die Pflege mitverfasst worden.",
            # a long paragraph naming a credit on the way is not a caption
            "The budget changes several allowances for families with children. Tax Credit: the amount rises "
            "from 500 to 700 euros a year for each child under fourteen, and the income limit for the full "
            "amount is raised by a tenth, which the ministry says will reach another 200,000 households. "
            "Opposition parties said the increase would not make up for the higher prices of energy and food "
            "that families have faced since the spring, and asked for the limit to be raised much further.",
        ],
    )
    def test_headlines_starting_like_a_byline_are_kept(self, text: str) -> None:
        page = apply(make_page(between(text)), "chrome")
        assert page.decisions == []

    @pytest.mark.parametrize(
        "text",
        [
            "12) Roger Waters – The Wall live in Berlin (DVD)",
            "Apple AirPods with Charging Case (Latest Model)",
        ],
    )
    def test_a_product_label_in_brackets_is_not_a_caption_credit(self, text: str) -> None:
        page = apply(make_page(between(text)), "chrome")
        assert page.decisions == []

    def test_short_sentence_about_copyright_is_kept(self) -> None:
        text = "Copyright lawyers said the ruling could change how music is licensed for years to come."
        page = apply(make_page(between(text)), "chrome")
        assert page.decisions == []

    @pytest.mark.parametrize(
        "text",
        [
            "Users who open the app store after the update will see a prompt asking whether they want to "
            "allow tracking.",
            "Some small companies said that they had already seen fewer people download the app since the "
            "warning was tested.",
        ],
    )
    def test_prose_about_apps_is_kept(self, text: str) -> None:
        page = apply(make_page(between(text)), "chrome")
        assert page.decisions == []

    def test_a_long_consent_banner_is_a_cookie_notice(self) -> None:
        banner = (
            "This website uses cookies to improve your experience while you navigate through the "
            "website. Out of these cookies, the cookies that are categorized as necessary are stored "
            "on your browser as they are essential for the working of basic functionalities of the "
            "website. We also use third-party cookies that help us analyze and understand how you use "
            "this website. These cookies will be stored in your browser only with your consent. You "
            "also have the option to opt-out of these cookies."
        )
        assert len(banner.split()) > 60  # past the length where chrome rules stop looking
        page = apply(make_page(between(banner)), "chrome")
        assert [(d.action, d.reason) for d in page.decisions] == [("drop", Reason.COOKIE)]

    def test_an_article_paragraph_about_cookies_is_kept(self) -> None:
        # it quotes a banner's phrase, but says "cookie" less often than a banner does
        text = (
            "Cookies are small files that websites store on your computer. Regulators in Europe have "
            "argued for years about whether sites that say we use cookies to improve your experience "
            "give users a real choice, and the courts have now ruled that a banner must make refusing "
            "as easy as accepting, which many publishers say will cost them revenue from the "
            "advertising they depend on to pay their reporters."
        )
        assert len(text.split()) > 60
        page = apply(make_page(between(text)), "chrome")
        assert page.decisions == []

    def test_numbers_alone_never_match_a_phrase(self) -> None:
        # a phrase like "18+" folds to the key "18": it must not match every line holding 18
        from cleanroom.lexicon import phrases

        for cat in ("chrome_phrase", "ad", "chrome_line", "share", "cookie"):
            assert all(any(ch.isalpha() for ch in p) for p in phrases(cat).phrases), cat
        page = apply(make_page(between("6 | Ryan Blaney | 2339 | 1 | 1 | 11 | 18")), "chrome")
        assert page.decisions == []


# ---------------------------------------------------------------- navigation


class TestNavigation:
    def test_breadcrumb_is_dropped(self) -> None:
        page = apply(make_page(between("Home > Politics > Europe")), "navigation")
        assert drops(page) == {3: ("navigation", Reason.BREADCRUMB)}

    def test_breadcrumb_ending_in_a_headline_keeps_the_headline(self) -> None:
        text = between("Home / News / World / Blinken says US officials will stay in the Mideast")
        page = apply(make_page(text), "navigation")
        (d,) = page.decisions
        assert (d.action, d.reason, d.new_text) == (
            "edit",
            Reason.BREADCRUMB,
            "Blinken says US officials will stay in the Mideast",
        )

    def test_label_and_value_lines_are_not_a_menu(self) -> None:
        rows = [
            "Hersteller: Lovato Electric",
            "Bauform: Hutschiene",
            "Anschluss: Schraubklemme",
            "Zulassung: MID",
        ]
        page = apply(make_page("\n".join([P1, *rows, P2]) + "\n"), "navigation")
        assert page.decisions == []

    def test_an_ingredient_list_is_not_a_menu(self) -> None:
        # under half of its items hold a digit, but every amount comes with a unit
        rows = [
            "Zutaten",
            "- 200 g Schlagsahne",
            "- Frischhaltefolie",
            "- Küchengasbrenner",
            "- 20 g Mini-Marshmallows",
            "- Salz",
            "- Pfeffer",
        ]
        page = apply(make_page("\n".join([P1, *rows, P2]) + "\n"), "navigation")
        kept = set(kept_texts(page))
        assert {"200 g Schlagsahne", "20 g Mini-Marshmallows"} <= kept

    def test_an_ingredient_lists_last_items_without_amounts_are_not_a_menu(self) -> None:
        # the list ends in tools without amounts, and the next heading follows: the tools go on
        # the list above them, they do not start a menu with that heading
        rows = [
            "- 200 g Schlagsahne",
            "- 20 g Mini-Marshmallows",
            "- Frischhaltefolie",
            "- Küchengasbrenner",
            "Zubereitung",
        ]
        page = apply(make_page("\n".join([P1, "Zutaten", *rows, P2]) + "\n"), "navigation")
        assert {"Frischhaltefolie", "Küchengasbrenner"} <= set(kept_texts(page))
        # a blank line between the amounts and the items: not the same list
        broken = ["- 200 g Schlagsahne", "- 20 g Mini-Marshmallows", "", *rows[2:]]
        page = apply(make_page("\n".join([P1, "Zutaten", *broken, P2]) + "\n"), "navigation")
        assert "Frischhaltefolie" not in set(kept_texts(page))

    @pytest.mark.parametrize(
        ("text", "quantity"),
        [
            ("350 g Zucker", True),
            ("½ Teelöffel Zimt", True),
            ("3 Zweige Rosmarin", True),
            ("2 sprigs thyme", True),
            ("4 Eier", False),  # a count without a unit: "10 Tipps" is written so too
            ("1 Pck. Vanillezucker", True),
            ("1 ½ cups flour", True),
            ("½ TL Salz", True),
            ("400 gramów", True),
            ("500g", True),
            ("2 - 3 cucharadas de aceite", True),
            ("5\xa0g Salz", True),
            ("5G Netzausbau", False),  # a capital one-letter "unit" is a name
            ("3 Ausgaben für nur 7,50 €", False),
            ("15 – 30 Min", False),  # time is no unit here: "5 Min. Lesezeit" is chrome
            ("10 Tipps für den Garten", False),
            ("2019", False),
            ("12\t", False),
            ("Salz", False),
        ],
    )
    def test_quantity_items(self, text: str, quantity: bool) -> None:
        assert quantity_item(text) is quantity

    def test_a_numbered_ranking_is_not_a_menu(self) -> None:
        # short names under numbers counting down: the article's list, not links
        rows = [
            f"{n}. {name}"
            for n, name in zip(
                range(100, 94, -1),
                ["Ray Gillen", "Kevin Dubrow", "Joshua Todd", "Tim Owens", "Wes Scantlin", "Dani Filth"],
            )
        ]
        page = apply(make_page("\n".join([P1, *rows, P2]) + "\n"), "navigation")
        assert page.decisions == []

    def test_numbered_labels_out_of_sequence_are_still_a_menu(self) -> None:
        rows = ["1. Home", "7. News", "3. Sport", "12. Kultur", "5. Wetter"]
        page = apply(make_page("\n".join([P1, *rows, P2]) + "\n"), "navigation")
        assert drops(page) == {n: ("navigation", Reason.TAG_LIST) for n in (2, 3, 4, 5, 6)}

    def test_headlines_with_comment_counts_are_a_list(self) -> None:
        rows = [
            "Colin Kaepernick says the owners are still running from him (185)",
            "Myles Garrett should expect a significant suspension (148)",
            "Reports: the quarterback will be fined after the brawl (145)",
            "Vikings come back from eighteen points down to beat the Broncos (145)",
        ]
        page = apply(make_page("\n".join([P1, *rows, P2]) + "\n"), "navigation")
        assert drops(page) == {n: ("navigation", Reason.MENU) for n in (2, 3, 4, 5)}

    @pytest.mark.parametrize(
        "rows",
        [
            # three ratings in a match report: too short a run to be a list of counts
            [
                "Central: David Gómez (6)",
                "Asistentes: Octavio Jara y Diego Salazar (7)",
                "Secretario: Geiner Zúñiga (7)",
            ],
            # years, not counts: a filmography
            ["The Godfather (1972)", "The Conversation (1974)", "Apocalypse Now (1979)", "Tetro (2009)"],
            # several counts on a line: data
            [
                "Red Plate Red Cabbage (1) Radish (1)",
                "Muffin Poppy (1) Sugar (1)",
                "Pie Egg (1) Flour (2)",
                "Soup Leek (1) Salt (1)",
            ],
        ],
    )
    def test_lines_ending_in_numbers_that_are_not_a_counted_list(self, rows: list[str]) -> None:
        page = apply(make_page("\n\n".join([P1, *rows, P2]) + "\n"), "navigation")
        assert page.decisions == []

    @pytest.mark.parametrize(
        "row",
        ["1 | Kyle Busch | 5040 | 5 | 1 | 17 | 27", "Pos. | 2019 | 2020 | 2021", "Q3 | 4.1% | 3.9% | 2.2%"],
    )
    def test_a_table_row_of_figures_is_not_a_breadcrumb(self, row: str) -> None:
        page = apply(make_page(between(row)), "navigation")
        assert page.decisions == []

    @pytest.mark.parametrize(
        "switcher",
        ["Ar\nEs", "EN\nDE\nFR", "English · Deutsch · Français", "English Deutsch Français Español"],
    )
    def test_language_switcher(self, switcher: str) -> None:
        page = apply(make_page(between(switcher)), "navigation")
        found = drops(page)
        assert found and set(found.values()) == {("navigation", Reason.LANGUAGE_SWITCHER)}

    @pytest.mark.parametrize("switcher", ["English | Deutsch | Français", "English / Deutsch / Español"])
    def test_language_switcher_with_separators(self, switcher: str) -> None:
        # regression: breadcrumbs ran first and claimed these as breadcrumbs
        page = apply(make_page(between(switcher)), "navigation")
        assert set(drops(page).values()) == {("navigation", Reason.LANGUAGE_SWITCHER)}

    def test_menu_run(self) -> None:
        page = apply(make_page(between("Gardening\nMotoring\nProperty\nPuzzles")), "navigation")
        assert drops(page) == {n: ("navigation", Reason.MENU) for n in (3, 4, 5, 6)}
        d = page.decisions[0]
        assert d.value == 4.0 and d.threshold == 3.0

    def test_bulleted_run(self) -> None:
        page = apply(make_page(between("  • Gardening\n  • Motoring\n  • Property")), "navigation")
        assert set(drops(page)) == {3, 4, 5}
        assert {r for _, r in drops(page).values()} <= {Reason.MENU, Reason.TAG_LIST}

    def test_three_short_lines_between_paragraphs_are_the_articles(self) -> None:
        # subheadings inside the text (a heading, its one-line claim, the next heading): a menu
        # sits in the page's chrome, not between two paragraphs
        rows = "Our vision\nA fair future for all\nOur mission"
        page = apply(make_page(between(rows)), "navigation")
        assert page.decisions == []

    def test_three_short_lines_above_the_article_are_a_menu(self) -> None:
        text = "\n\n".join(["Gardening", "Motoring", "Property", P1, P2]) + "\n"
        page = apply(make_page(text), "navigation")
        assert drops(page) == {n: ("navigation", Reason.MENU) for n in (1, 3, 5)}

    def test_two_short_lines_are_not_a_menu(self) -> None:
        page = apply(make_page(between("Gardening\nMotoring")), "navigation")
        assert page.decisions == []

    def test_list_introduced_by_a_colon_is_kept(self) -> None:
        page = apply(
            make_page(between("You will need:\n  • flour\n  • sugar\n  • eggs\n  • butter")), "navigation"
        )
        assert page.decisions == []

    def test_list_of_quantities_is_kept(self) -> None:
        page = apply(make_page(between("200 g flour\n150 g sugar\n3 eggs")), "navigation")
        assert page.decisions == []

    def test_menu_rule_can_be_switched_off(self) -> None:
        cfg = preset("balanced").replace(menu_min_run=None)
        page = apply(make_page(between("Gardening\nMotoring\nProperty\nPuzzles"), cfg), "navigation")
        assert page.decisions == []


# ---------------------------------------------------------------- duplicates


class TestDuplicates:
    CAPTION = "Rescue workers help residents leave a flooded street in the village on Sunday."

    def test_repeated_caption(self) -> None:
        page = apply(make_page(between(self.CAPTION, self.CAPTION)), "duplicates")
        (d,) = page.decisions
        assert (d.line, d.action, d.layer, d.reason, d.value) == (
            5,
            "drop",
            "duplicates",
            Reason.DUPLICATE,
            3.0,
        )

    def test_repeat_is_matched_on_the_normalised_key(self) -> None:
        page = apply(make_page(between(self.CAPTION, "  • " + self.CAPTION.upper())), "duplicates")
        assert drops(page) == {5: ("duplicates", Reason.DUPLICATE)}

    def test_repeat_of_a_removed_line_is_judged_on_its_own(self) -> None:
        # duplicates runs last, over kept lines: when the first copy was removed (a teaser
        # above the article), the copy that survived the other layers stays
        page = make_page(between("Privacy Policy", "Privacy Policy"))
        page.drop(line(page, "Privacy Policy"), "chrome", Reason.LEGAL)
        apply(page, "duplicates")
        assert drops(page) == {3: ("chrome", Reason.LEGAL)}

    def test_line_equal_to_the_title_goes(self) -> None:
        page = make_page(between(self.CAPTION))
        page.title = self.CAPTION
        apply(page, "duplicates")
        assert [d.reason for d in page.decisions] == [Reason.DUPLICATE]

    def test_threshold_and_off_switch(self) -> None:
        text = between("Short", "Short", self.CAPTION, self.CAPTION)
        page = apply(make_page(text, preset("balanced").replace(duplicate_min_chars=20)), "duplicates")
        assert set(drops(page)) == {9}
        page = apply(make_page(text, preset("balanced").replace(duplicate_min_chars=None)), "duplicates")
        assert page.decisions == []

    A = "T-Mobile chief executive John Legere is stepping down in May 2020."
    B = "Legere will hand over the reins to the chief operating officer, Mike Sievert."

    def test_the_same_sentences_broken_into_lines_another_way_go(self) -> None:
        # a summary box that runs two of the article's lines together, and the reverse
        page = apply(make_page(between(self.A, self.B, f"{self.A} {self.B}")), "duplicates")
        assert drops(page) == {7: ("duplicates", Reason.DUPLICATE)}
        assert page.decisions[0].value == 3.0  # the first line holding one of its sentences
        page = apply(make_page(between(f"{self.A} {self.B}", self.B)), "duplicates")
        assert drops(page) == {5: ("duplicates", Reason.DUPLICATE)}

    def test_a_line_with_a_new_sentence_or_mostly_short_ones_stays(self) -> None:
        new = "The company said the change had been planned for more than a year."
        page = apply(make_page(between(self.A, f"{self.A} {new}")), "duplicates")
        assert page.decisions == []
        # what the repeated sentence leaves is short sentences, most of the line
        short = "Yes. No. Maybe so. Who knows? We will see. Time will tell. Wait."
        page = apply(make_page(between(self.A, f"{short} {self.A}")), "duplicates")
        assert page.decisions == []

    def test_distinct_lines_are_kept(self) -> None:
        assert apply(make_page("\n".join(PROSE)), "duplicates").decisions == []


# ---------------------------------------------------------------- content


class TestContent:
    def test_only_measures(self) -> None:
        text = between(
            "Sign in", "Politics Economy Sports Culture Health Technology Science Environment Travel"
        )
        page = apply(make_page(text, language="en"), "content")
        assert page.decisions == []
        assert all(ln.kept for ln in page.lines if ln.text)

    def test_classes(self) -> None:
        text = "\n\n".join(
            [
                "Sign in",
                P1,
                "He said it was a good day.",
                P2,
                "Politics Economy Sports Culture Health Technology Science Environment Travel Food Style",
            ]
        )
        page = apply(make_page(text, language="en"), "content")
        got = {ln.text[:12]: ln.verdict for ln in page.lines if ln.text}
        assert (
            got
            == {
                "Sign in": "bad",  # short at the edge of the page
                P1[:12]: "good",
                "He said it w": "good",  # short between good lines
                P2[:12]: "good",
                "Politics Eco": "bad",  # no stopwords
            }
        )
        prose = line(page, P1[:20])
        assert prose.stop_density >= 0.3 and prose.content == 1.0
        assert 0.0 <= line(page, "Politics").content < prose.content

    def test_no_stoplist_falls_back_to_sentence_punctuation(self) -> None:
        # no language set: empty stoplist, sentence marks per character stand in for stopwords
        sentences = "Kuku alikuja. Mama alipika. Watoto walicheza nje. Mvua ilinyesha. Tulikaa nyumbani. " * 2
        label = "Habari Michezo Biashara Burudani Teknolojia Afya Elimu Siasa Utamaduni Mazingira Safari"
        page = apply(make_page(f"{sentences}\n\n{label}"), "content")
        dense, flat = (ln for ln in page.lines if ln.text)
        assert dense.stop_density > flat.stop_density
        assert flat.verdict == "bad"

    @pytest.mark.parametrize(
        ("classes", "expected"),
        [
            (["good", "near_good", "bad"], ["good", "good", "bad"]),
            (["bad", "near_good", "bad"], ["bad", "bad", "bad"]),
            (["good", "short", "good"], ["good", "good", "good"]),
            (["bad", "short", "bad"], ["bad", "bad", "bad"]),
            (["short", "good", "short"], ["bad", "good", "bad"]),
            (["good", "short", "short", "bad", "bad"], ["good", "good", "bad", "bad", "bad"]),
        ],
    )
    def test_context_revision(self, classes: list[str], expected: list[str]) -> None:
        assert revise(classes) == expected


# ---------------------------------------------------------------- region


class TestRegion:
    def _page(self, spec: list[tuple[str, str]]) -> Page:
        """A page whose lines carry the given verdicts, as the content layer would leave them."""
        page = make_page("\n\n".join(t for t, _ in spec), language="en")
        texts = [ln for ln in page.lines if ln.text]
        for ln, (_, verdict) in zip(texts, spec):
            ln.verdict = verdict  # type: ignore[assignment]
            ln.content = 1.0 if verdict == "good" else 0.1  # good on its own, as content would say
        return page

    TEASER = (
        "The city's new tram line opened on Sunday after four years of construction. Thousands of "
        "residents queued at the first stops to ride it before the official ceremony, which the mayor "
        "opened with a short speech about the"
    )

    def _teasers(self, end: str) -> list[tuple[str, str]]:
        return [(P1, "good"), (P2, "good"), (P3, "good"), ("You may also like", "bad")] + [
            (f"{self.TEASER} {k} {end}", "good") for k in range(6)
        ]

    def test_excerpts_after_a_related_heading_are_not_the_article_going_on(self) -> None:
        # six teaser excerpts cut off with an ellipsis outweigh the article, but they are teasers
        page = apply(self._page(self._teasers("…")), "region")
        assert kept_texts(page) == [P1, P2, P3]

    def test_paragraphs_after_a_related_box_that_outweigh_the_article_stay(self) -> None:
        # the same paragraphs ending like sentences: the article goes on after a box
        page = apply(self._page(self._teasers("future.")), "region")
        assert len(kept_texts(page)) == 9

    def test_islands_outside_the_main_run_are_dropped(self) -> None:
        page = self._page(
            [("Sign in", "bad"), ("Gardening", "bad"), (P1, "good"), (P2, "good"), ("Privacy Policy", "bad")]
        )
        apply(page, "region")
        assert set(drops(page).values()) == {("region", Reason.OUTSIDE_MAIN)}
        assert kept_texts(page) == [P1, P2]

    def test_bad_line_inside_the_main_run_is_low_density(self) -> None:
        page = self._page([(P1, "good"), ("Click", "bad"), (P2, "good"), (P3, "good")])
        apply(page, "region")
        d = {d.line: d for d in page.decisions}[3]
        assert (d.action, d.reason) == ("drop", Reason.LOW_DENSITY)
        assert d.threshold == preset("balanced").stopwords_low

    def test_headline_above_the_main_run_becomes_the_title(self) -> None:
        headline = "Floods force thousands from their homes in the north"
        page = self._page([("Menu", "bad"), (headline, "bad"), (P1, "good"), (P2, "good")])
        apply(page, "region")
        assert page.title == headline
        titles = [d for d in page.decisions if d.action == "title"]
        assert [(d.layer, d.reason, d.new_text) for d in titles] == [("region", Reason.TITLE, headline)]
        assert headline not in kept_texts(page)

    def test_a_line_ending_in_a_colon_is_not_the_title(self) -> None:
        headline = "Floods force thousands from their homes in the north"
        intro = "The tutorial consists of these content blocks:"
        page = self._page([(headline, "bad"), (intro, "bad"), (P1, "good"), (P2, "good")])
        apply(page, "region")
        assert page.title == headline

    @pytest.mark.parametrize("cut", [",", ";", "—"])
    def test_a_sentence_cut_off_is_not_the_title(self, cut: str) -> None:
        # the first line of a story wrapped or cut in mid-sentence ("... nothing else in sight—")
        headline = "Chapter One: The White Room"
        opening = f"A pure white empty space that seemed to stretch for all eternity was all that I saw{cut}"
        page = self._page([(headline, "bad"), (opening, "bad"), (P1, "good"), (P2, "good")])
        apply(page, "region")
        assert page.title == headline

    @pytest.mark.parametrize(
        "fragment", ["after reading this post by a friend", "skip to main | skip to sidebar"]
    )
    def test_a_line_starting_in_lower_case_is_not_the_title(self, fragment: str) -> None:
        headline = "Floods force thousands from their homes in the north"
        page = self._page([(headline, "bad"), (fragment, "bad"), (P1, "good"), (P2, "good")])
        apply(page, "region")
        assert page.title == headline
        # a brand written in lower case first is still a headline
        brand = "iPhone 15 review: the best battery in years"
        page = self._page([("Menu", "bad"), (brand, "bad"), (P1, "good"), (P2, "good")])
        apply(page, "region")
        assert page.title == brand

    def test_a_bar_of_markdown_links_is_not_the_title(self) -> None:
        # html2text prints a link bar as one line; topmost and title-shaped, it is no headline
        headline = "What I learned from a year of repairing my own bicycle"
        bar = "[Home](/) [Archive](/archive) [About](/about) [Subscribe](/subscribe)"
        page = apply(self._page([(bar, "bad"), (headline, "bad"), (P1, "good"), (P2, "good")]), "region")
        assert page.title == headline
        # a headline that is one link is still a headline
        linked = "[Floods force thousands from their homes](/news/floods)"
        page = apply(self._page([("Menu", "bad"), (linked, "bad"), (P1, "good"), (P2, "good")]), "region")
        assert page.title == linked

    def test_a_dateline_with_a_time_of_day_is_not_the_title(self) -> None:
        dateline = "Wednesday 20 November 2019 11:42, UK"
        page = apply(self._page([("Menu", "bad"), (dateline, "bad"), (P1, "good"), (P2, "good")]), "region")
        assert page.title is None
        # a score is no time of day
        score = "Dortmund beat Bayern 2:1 to reach the cup final"
        page = apply(self._page([("Menu", "bad"), (score, "bad"), (P1, "good"), (P2, "good")]), "region")
        assert page.title == score

    @pytest.mark.parametrize(
        "form",
        ["Suche nach: [ ] [Suche]", "Search this site ____________ (BUTTON) Go", "Your email [____] here"],
    )
    def test_a_form_printed_by_a_text_browser_is_not_the_title(self, form: str) -> None:
        # topmost and otherwise title-shaped, a search box is no headline
        headline = "Floods force thousands from their homes in the north"
        page = apply(self._page([(form, "bad"), (headline, "bad"), (P1, "good"), (P2, "good")]), "region")
        assert page.title == headline

    def test_the_headline_above_byline_and_date_is_the_title(self) -> None:
        # all three are title-shaped; the headline is the topmost, the byline the nearest
        headline = "New SUVs and electric vehicles highlight L.A. Auto Show"
        lines = [
            ("Menu", "bad"),
            (headline, "bad"),
            ("Reuters, Monday, November 18, 2019", "bad"),
            ("Tom Krisher, AP Auto Writer", "bad"),
            (P1, "good"),
            (P2, "good"),
        ]
        page = apply(self._page(lines), "region")
        assert page.title == headline
        assert "Tom Krisher, AP Auto Writer" not in (page.title or "")

    def test_the_topmost_line_on_the_articles_topic_is_the_title(self) -> None:
        # a login bar above the headline is title-shaped and topmost, but shares no word with
        # the article; the headline shares "president", "capital", "trade", "talks"
        headline = "President arrives in the capital for trade talks"
        lines = [
            ("Account Settings Log Out", "bad"),
            (headline, "bad"),
            ("Reuters, Monday, November 18, 2019", "bad"),
            (P1, "good"),
            (P2, "good"),
        ]
        page = apply(self._page(lines), "region")
        assert page.title == headline
        # a line sharing a single word is not enough: the topmost line stays the title
        one = "Capital Region Weather Alerts And Closings"
        page = apply(
            self._page([(one, "bad"), ("Lifestyle section of the Daily", "bad"), (P1, "good"), (P2, "good")]),
            "region",
        )
        assert page.title == one
        # a standfirst below the headline shares more words, but the headline is above it
        standfirst = "Both leaders said they hoped to reach an agreement on trade before the summer recess"
        lines = [
            ("Account Settings Log Out", "bad"),
            (headline, "bad"),
            (standfirst, "bad"),
            (P1, "good"),
            (P2, "good"),
        ]
        assert apply(self._page(lines), "region").title == headline

    def test_a_headline_a_related_list_took_names_the_title_when_no_kept_line_is_on_topic(self) -> None:
        # "Up next:" over the page's own headline: the related list took it; the login bar
        # left above it is no title, and the headline stays dropped
        headline = "President arrives in the capital for trade talks"
        spec = [
            ("Account Settings Log Out", "bad"),
            ("Up next:", "bad"),
            (headline, "bad"),
            ("Jane Doe, November 18, 2019", "bad"),
            (P1, "good"),
            (P2, "good"),
        ]
        page = self._page(spec)
        texts = [ln for ln in page.lines if ln.text]
        for ln in texts[1:4]:
            page.drop(ln, "related", Reason.RELATED_BLOCK)
        apply(page, "region")
        assert page.title == headline
        assert [d.action for d in page.decisions if d.line == texts[2].no] == ["drop"]
        # a dropped line off the article's topic names nothing: the kept one stays the title
        spec[2] = ("Weather warnings issued for the coast tonight", "bad")
        page = self._page(spec)
        texts = [ln for ln in page.lines if ln.text]
        for ln in texts[1:4]:
            page.drop(ln, "related", Reason.RELATED_BLOCK)
        assert apply(page, "region").title == "Account Settings Log Out"

    def test_a_headline_above_the_window_on_the_articles_topic_is_the_title(self) -> None:
        # fourteen gallery counters push the headline out of the twelve lines above the article;
        # nothing in the window is on the topic, so the headline higher up is the title
        headline = "President arrives in the capital for trade talks"
        gallery = [(f"Photo {k} of 14", "bad") for k in range(1, 15)]
        spec = [(headline, "bad"), *gallery, ("Account Settings Log Out", "bad"), (P1, "good"), (P2, "good")]
        page = apply(self._page(spec), "region")
        assert page.title == headline and headline not in kept_texts(page)
        # off the topic, a line that high up is not taken: the window's topmost line is
        spec[0] = ("Weather warnings issued for the coast tonight", "bad")
        assert apply(self._page(spec), "region").title == "Account Settings Log Out"

    def test_the_headline_named_by_the_documents_title_is_the_title(self) -> None:
        # bs4 and html-text print the document's <title> first: the line above the article that
        # it names is the headline, even when another title-shaped line stands higher
        headline = "Floods force thousands from their homes in the north"
        lines = [
            (f"{headline} | The Daily Example", "bad"),
            ("Most read stories of the week on our site", "bad"),
            (headline, "bad"),
            ("Jane Doe, Staff Writer", "bad"),
            (P1, "good"),
            (P2, "good"),
        ]
        page = apply(self._page(lines), "region")
        assert page.title == headline
        # a document title that names no line above the article: the topmost title-shaped
        # line is taken, here the document title itself
        lines[0] = ("The Daily Example - News from the north", "bad")
        page = apply(self._page(lines), "region")
        assert page.title == "The Daily Example - News from the north"

    def test_a_headline_dropped_before_is_still_the_title_but_stays_dropped(self) -> None:
        headline = "Floods force thousands from their homes in the north"
        page = self._page(
            [(f"{headline} - The Daily Example", "bad"), (headline, "bad"), (P1, "good"), (P2, "good")]
        )
        page.drop(page.lines[1], "navigation", Reason.MENU)
        apply(page, "region")
        assert page.title == headline
        assert [d.action for d in page.decisions if d.line == page.lines[1].no] == ["drop"]

    def test_a_caption_printed_twice_at_the_top_is_not_a_document_title(self) -> None:
        # a dump that opens with a photo's caption, printed again below: the second copy is
        # not a headline the first line names; the headline above the article is the title
        caption = "The president speaks during a televised debate in the capital on Sunday. Photo: AP"
        headline = "Floods force thousands from their homes in the north"
        lines = [(caption, "bad"), (caption, "bad"), (headline, "bad"), (P1, "good"), (P2, "good")]
        page = self._page(lines)
        for ln in page.lines[:2]:
            page.drop(ln, "chrome", Reason.CAPTION)
        apply(page, "region")
        assert page.title == headline
        # the same lines not taken as captions: the first line names the second, as a
        # document title names its headline
        page = apply(self._page(lines), "region")
        assert page.title == caption

    def test_a_headline_a_menu_rule_took_just_above_the_article_names_the_title(self) -> None:
        # kicker, headline and date line read as a menu of three short lines; the standfirst
        # below is title-shaped too, but the headline stands higher
        headline = "Weltmeisterschaften in Fukuoka verschoben"
        standfirst = "Was seit Wochen berichtet wurde, ist nun offiziell bestätigt worden"
        spec = [("Bericht", "bad"), (headline, "bad"), ("01.02.2022 Allgemein", "bad")]
        spec += [(standfirst, "bad"), (P1, "good"), (P2, "good")]
        page = self._page(spec)
        for ln in page.lines[:3]:
            page.drop(ln, "navigation", Reason.MENU)
        apply(page, "region")
        assert page.title == headline
        assert [d.action for d in page.decisions if d.line == page.lines[1].no] == ["drop"]
        # farther up than four lines above the article, a menu's line is a menu's line
        far = spec[:2] + [("Archiv", "bad"), ("Termine", "bad"), ("Meldungen", "bad")] + spec[2:]
        page = self._page(far)
        for ln in page.lines[:6]:
            page.drop(ln, "navigation", Reason.MENU)
        apply(page, "region")
        assert page.title == standfirst

    def test_a_markdown_h1_above_the_article_is_the_title(self) -> None:
        # html2text prints <h1> as "# ": the nearest such heading above the article is the title,
        # even beyond the window of title-shaped lines and when a menu rule dropped it
        headline = "Floods force thousands from their homes in the north"
        filler = [(f"Photo gallery of the storm, picture number {k}", "bad") for k in range(14)]
        lines = [("# The Daily Example news site", "bad"), (f"# {headline}", "bad")]
        lines += [*filler, ("Reuters November 18, 2019 11:03 PM", "bad"), (P1, "good"), (P2, "good")]
        page = self._page(lines)
        page.drop(page.lines[1], "navigation", Reason.MENU)
        apply(page, "region")
        assert page.title == headline
        # without heading marks the topmost title-shaped line of the window is taken
        plain = [(t.removeprefix("# "), v) for t, v in lines]
        page = apply(self._page(plain), "region")
        assert page.title == "Photo gallery of the storm, picture number 3"
        # a "## " subheading is not an h1: the window's rule again
        sub = [(t.replace("# ", "## "), v) for t, v in lines]
        page = apply(self._page(sub), "region")
        assert page.title == "Photo gallery of the storm, picture number 3"
        # nor is lynx's indented "#", the bullet of a list nested four deep
        nested = [("      " + t if t.startswith("# ") else t, v) for t, v in lines]
        page = apply(self._page(nested), "region")
        assert page.title == "Photo gallery of the storm, picture number 3"

    def test_nothing_good_means_nothing_kept(self) -> None:
        page = apply(self._page([("Home", "bad"), ("Login", "bad")]), "region")
        assert kept_texts(page) == []

    def test_regions(self) -> None:
        # main run 100; a second run of 50 is kept at share 0.35, dropped at 0.6 and with None
        weights = [100.0, -200.0, 50.0]
        assert regions(weights, 0.35) == [(0, 1), (2, 3)]
        assert regions(weights, 0.6) == [(0, 1)]
        assert regions(weights, None) == [(0, 1)]
        assert regions([-1.0, -2.0], 0.35) == []

    def test_suffix_runs_are_kadane_on_every_suffix(self) -> None:
        # the boundary cut asks for the best run after each boundary heading; suffix_runs answers
        # for all of them in one pass (one max_run each was quadratic in a page of many pages).
        # Integer-valued weights add up exactly in either direction: the same runs, ties included
        rng = random.Random(6)
        for _ in range(3000):
            weights = [float(rng.choice([-3, -2, -1, 0, 0, 1, 2, 3, 5])) for _ in range(rng.randint(0, 30))]
            lo = rng.randint(0, len(weights))
            got = suffix_runs(weights, lo)
            assert got == [max_run(weights, i, len(weights)) for i in range(lo, len(weights))], weights


class TestLearned:
    """The learned line model (layers/learned.py): it measures a probability per line, the
    region layer decides with it."""

    TEXT = (
        "Talks continue in the capital\n\n"
        + "\n\n".join(PROSE)
        + "\n\nShare this story\n\nSubscribe\n\nContact us\n\nJobs at Example Media\n"
    )

    def _page(self, config: Config | None = None) -> Page:
        page = make_page(self.TEXT, config, language="en")
        return apply(page, "content", "learned")

    def test_shape_columns(self) -> None:
        from cleanroom.layers.learned import EXTRA, FEATURES, SHAPE, _shape_columns

        at = FEATURES.index(SHAPE[0])
        assert FEATURES[at : at + len(SHAPE) + len(EXTRA)] == SHAPE + EXTRA
        caps, digits, colon, sentences = _shape_columns(
            ["Here is why:", "The Big Game Tonight", "In 2019 there were 12 cases. Most were mild.", ""]
        )
        assert colon == [1.0, 0.0, 0.0, 0.0]
        assert caps[1] == 1.0 and caps[0] < caps[1]
        assert digits[2] > 0.0 == digits[1]
        assert sentences[2] > 0.0 == sentences[1]
        assert (caps[3], digits[3], colon[3], sentences[3]) == (0.0, 0.0, 0.0, 0.0)

    def test_extra_columns(self) -> None:
        from cleanroom.layers.learned import EXTRA, FEATURES, features
        from cleanroom.model import Line

        texts = ["BREAKING NEWS TODAY", "Why does it matter?", "The vote was close.", "Why does it matter?"]
        lines = [Line(no=i + 1, raw=t, text=t, block=1 if i < 3 else 2) for i, t in enumerate(texts)]
        rows = features(lines, [True] * 4, [0] * 5, 70)
        assert len(rows[0]) == len(FEATURES) and EXTRA[0] in FEATURES
        col = {name: [r[FEATURES.index(name)] for r in rows] for name in EXTRA}
        assert col["upper"][0] == 1.0 and 0.0 < col["upper"][2] < 0.2
        assert col["question"] == [0.0, 1.0, 0.0, 1.0]
        assert col["repeated"] == [0.0, 1.0, 0.0, 1.0]
        assert col["block"] == [0.3, 0.3, 0.3, 0.1]
        assert col["prev_end"] == [0.0, 0.0, 1.0, 1.0]
        assert col["next_end"] == [1.0, 1.0, 1.0, 0.0]

    def test_gap_columns(self) -> None:
        from cleanroom.layers.learned import FEATURES, GAPS, _measured, features

        page = make_page(
            "Home\n\nNews\n\nSport\n\n"
            + "\n\n".join(PROSE[:2])
            + "\n\nBy Jane Doe\n\n"
            + PROSE[2]
            + "\n\nRelated stories\n\nSome teaser about something else entirely today\n",
            language="en",
        )
        apply(page, "content")
        for text, reason in (
            ("Home", Reason.MENU),
            ("News", Reason.MENU),
            ("Sport", Reason.MENU),
            ("By Jane", Reason.BYLINE),
            ("Related", Reason.RELATED_BLOCK),
        ):
            page.drop(line(page, text), "test", reason)
        measured = _measured(page)
        assert measured is not None
        lines, inside, gaps, kinds = measured
        assert [ln.text[:12] for ln in lines] == [p[:12] for p in PROSE[:3]] + ["Some teaser "]
        # (related, nav, meta) of the removed lines before each kept line, and after the last
        assert kinds == [(0.0, 1.0, 0.0), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0), (1.0, 0.0, 0.0), (0.0, 0.0, 0.0)]
        assert FEATURES[-len(GAPS) :] == GAPS
        rows = features(lines, inside, gaps, 70, kinds)
        col = {name: [r[FEATURES.index(name)] for r in rows] for name in GAPS}
        assert col["nav_before"] == [1.0, 0.0, 0.0, 0.0]
        assert col["meta_before"] == [0.0, 0.0, 1.0, 0.0] and col["meta_after"] == [0.0, 1.0, 0.0, 0.0]
        assert col["related_before"] == [0.0, 0.0, 0.0, 1.0] and col["related_after"] == [0.0, 0.0, 1.0, 0.0]
        # the teaser comes after a related line removed once the article had begun, the third
        # paragraph and the teaser after a byline removed inside it
        assert col["past_related"] == [0.0, 0.0, 0.0, 1.0]
        assert col["past_meta"] == [0.0, 0.0, 1.0, 1.0]
        # without kinds (a caller that has none) the columns are zero
        assert all(r[-len(GAPS) :] == (0.0,) * len(GAPS) for r in features(lines, inside, gaps, 70))

    def test_shipped_model_loads_and_matches_the_features(self) -> None:
        from cleanroom.layers.learned import FEATURES, load_model

        model = load_model()
        assert len(model.weights) == len(FEATURES)
        assert 0.0 < model.threshold < 1.0

    def test_prose_is_kept_and_trailing_chrome_is_not(self) -> None:
        from cleanroom.layers.learned import load_model

        page = self._page()
        probs = {ln.text: ln.learned for ln in page.lines if ln.text}
        threshold = load_model().threshold
        for p in PROSE:
            assert probs[p] is not None and probs[p] >= threshold
        assert probs["Jobs at Example Media"] is not None and probs["Jobs at Example Media"] < threshold
        apply(page, "region")
        assert kept_texts(page) == PROSE
        d = next(d for d in page.decisions if d.original == "Jobs at Example Media")
        assert (d.layer, d.reason, d.threshold) == ("region", Reason.OUTSIDE_MAIN, threshold)
        assert isinstance(d.value, float) and d.value < threshold

    def test_inference_is_deterministic(self) -> None:
        a = [ln.learned for ln in self._page().lines]
        b = [ln.learned for ln in self._page().lines]
        assert a == b

    def test_disabled_layer_leaves_the_decision_to_the_rules(self) -> None:
        cfg = preset("balanced").replace(disabled={"learned"})
        page = Page(parse(self.TEXT), cfg)
        for layer in LAYERS:
            if cfg.enabled(layer.id):
                layer.apply(page)
        assert all(ln.learned is None for ln in page.lines)
        r = cleanroom.clean(self.TEXT, cfg)
        # the rules decide alone: a low-density drop records the stopword density and its threshold
        assert all(d.threshold in (None, cfg.stopwords_low) for d in r.decisions)

    def test_a_list_is_kept_or_dropped_whole(self) -> None:
        from cleanroom.layers.learned import smooth_lists
        from cleanroom.model import Line

        texts = ["a tube", "two levers", "a pump", "a tool"]
        items = [Line(no=i + 1, raw=t, text=t, bullet="-", block=3) for i, t in enumerate(texts)]
        kept = smooth_lists(items, [0.45, 0.29, 0.34, 0.52], 0.4)
        assert all(p >= 0.4 for p in kept) and kept[0] == 0.45 and kept[3] == 0.52
        dropped = smooth_lists(items, [0.45, 0.29, 0.34, 0.2], 0.4)
        assert all(p < 0.4 for p in dropped)
        # a lone item, or items of different blocks, keep their own probability
        items[2].block = 4
        assert smooth_lists(items[1:3], [0.29, 0.5], 0.4) == [0.29, 0.5]

    def test_a_decision_against_both_neighbours_is_revised(self) -> None:
        from cleanroom.layers.learned import revise_isolated
        from cleanroom.model import Line

        texts = ["How do you talk to a giant?", "Use big words!", "What falls in winter?", "Snow!", "Why?"]
        lines = [Line(no=i + 1, raw=t, text=t) for i, t in enumerate(texts)]
        # a short answer dropped between two kept questions is kept at the threshold
        out = revise_isolated(lines, [0.9, 0.2, 0.8, 0.1, 0.7], 0.5, [0] * 6, 75)
        assert out[:3] == [0.9, 0.5, 0.8]
        # in an alternation the fills win: the answers are kept, no question is dropped
        lines[3].text = "Snow, of course!"
        alternation = revise_isolated(lines, [0.9, 0.2, 0.8, 0.1, 0.7], 0.5, [0] * 6, 75)
        assert alternation == [0.9, 0.5, 0.8, 0.5, 0.7]
        lines[3].text = "Snow!"
        # ... but a one-word line between them is a label and stays dropped
        assert revise_isolated(lines, [0.9, 0.8, 0.6, 0.1, 0.7], 0.5, [0] * 6, 75)[3] == 0.1
        # not across a line an earlier rule removed: the stretch is broken there
        assert revise_isolated(lines, [0.9, 0.2, 0.8, 0.1, 0.7], 0.5, [0, 0, 1, 0, 0, 0], 75)[1] == 0.2
        # two dropped lines between kept ones are kept
        two = revise_isolated(lines, [0.9, 0.2, 0.3, 0.8, 0.1], 0.5, [0] * 6, 75)
        assert two[:4] == [0.9, 0.5, 0.5, 0.8]
        # three are a block of their own
        three = [0.9, 0.2, 0.3, 0.1, 0.8]
        assert revise_isolated(lines, three, 0.5, [0] * 6, 75) == three

    def test_a_revised_drop_says_so(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        import json

        from cleanroom.layers.learned import FEATURES

        # a model that keeps short lines and drops long ones: the short line between two
        # paragraphs is kept by the model and dropped by its neighbours
        weights = [0.0] * len(FEATURES)
        weights[FEATURES.index("len")] = -20.0
        path = tmp_path / "short.json"
        path.write_text(
            json.dumps({"features": FEATURES, "weights": weights, "bias": 12.0}), encoding="utf-8"
        )
        cfg = preset("balanced").replace(learned_model=str(path))
        text = f"{PROSE[0]}\n\nThe vote is on Friday\n\n{PROSE[1]}\n\n{PROSE[2]}"
        page = apply(make_page(text, cfg, language="en"), "content", "learned", "region")
        line = next(ln for ln in page.lines if ln.text == "The vote is on Friday")
        assert line.revised == "neighbours" and not line.kept
        d = next(d for d in page.decisions if d.original == "The vote is on Friday")
        assert (d.layer, d.value, d.threshold) == ("region", "neighbours", 0.5)
        # the paragraphs are the model's own decision: their value is its probability
        own = [d.value for d in page.decisions if d.original in PROSE]
        assert len(own) == 3 and all(isinstance(v, float) and v < 0.5 for v in own)
        # a short item of a list whose other items the model drops goes with its list
        items = [p[:120] for p in PROSE[:3]]
        text = f"{PROSE[0]}\n\n- " + "\n- ".join([*items, "Two tyre levers"]) + f"\n\n{PROSE[1]}"
        page = apply(make_page(text, cfg, language="en"), "content", "learned", "region")
        line = next(ln for ln in page.lines if ln.text == "Two tyre levers")
        assert line.revised == "list" and not line.kept
        assert next(d.value for d in page.decisions if d.original == "- Two tyre levers") == "list"

    def test_a_short_line_kept_alone_is_dropped(self) -> None:
        from cleanroom.layers.learned import revise_isolated
        from cleanroom.model import Line

        long = "A paragraph that reads as prose, long enough to count as more than a heading or a label."
        texts = ["Share this", "Koala rescued from a bushfire", "4 diggs Video", long, "Follow us"]
        lines = [Line(no=i + 1, raw=t, text=t) for i, t in enumerate(texts)]
        out = revise_isolated(lines, [0.1, 0.6, 0.2, 0.8, 0.3], 0.5, [1, 0, 0, 1, 2, 0], 75)
        # the headline alone in a teaser list goes, even across a removed line
        assert out[1] < 0.5 and out[0] == 0.1 and out[2] == 0.2
        # a long paragraph alone between dropped lines is more often content: it stays when
        # the model was sure of it (0.25 or more above the threshold) ...
        assert out[3] == 0.8
        # ... and goes when it was not (a bio or a teaser's summary between dropped lines)
        unsure = revise_isolated(lines, [0.1, 0.6, 0.2, 0.7, 0.3], 0.5, [1, 0, 0, 1, 2, 0], 75)
        assert 0.49 < unsure[3] < 0.5
        assert revise_isolated(lines, [0.1, 0.6, 0.2, 0.7, 0.3], 0.4, [0] * 6, 75)[3] == 0.7
        # the first and last lines have one neighbour only and keep their own decision
        edges = [0.6, 0.2, 0.1, 0.2, 0.6]
        assert revise_isolated(lines, edges, 0.5, [0] * 6, 75) == edges

    def test_html_input_is_left_to_the_markup(self) -> None:
        html = "<article>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article><p>Jobs at Example Media</p>"
        page, _ = cleanroom.Cleaner().run_html(html)
        assert all(ln.learned is None for ln in page.lines)
        assert kept_texts(page) == PROSE

    def test_decisions_replay_to_the_output(self) -> None:
        r = cleanroom.clean(self.TEXT)
        assert cleanroom.replay(self.TEXT, r.decisions) == r.text

    def test_threshold_from_the_config(self) -> None:
        everything = cleanroom.clean(self.TEXT, preset("balanced").replace(learned_threshold=0.0))
        assert [d.reason for d in everything.decisions if d.layer == "region"] == [Reason.TITLE]
        nothing = cleanroom.clean(self.TEXT, preset("balanced").replace(learned_threshold=1.0))
        assert nothing.text == ""

    def test_a_model_for_other_features_is_refused(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        from cleanroom.layers.learned import load_model

        bad = tmp_path / "m.json"
        bad.write_text('{"features": ["len"], "weights": [1.0], "bias": 0.0}', encoding="utf-8")
        with pytest.raises(ConfigError, match="features"):
            load_model(str(bad))
        with pytest.raises(ConfigError, match="cannot load"):
            load_model(str(tmp_path / "missing.json"))

    def test_text_dumps_are_measured_as_the_model_was_trained(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        import json

        from cleanroom.layers.learned import FEATURES, MEASURED_WITH, load_model

        # the shipped model records the balanced preset's values for every field it reads
        shipped = load_model().measured_with
        assert shipped == {k: getattr(preset("balanced"), k) for k in MEASURED_WITH}
        # a preset's own thresholds then apply to HTML and to the rule pipeline, not to the
        # features of a text dump, which the model would misjudge
        strict = cleanroom.Cleaner("precision")
        assert strict.config.stopwords_low != shipped["stopwords_low"]
        assert strict.text_config.stopwords_low == shipped["stopwords_low"]
        assert strict.text_config.learned_threshold == strict.config.learned_threshold
        assert strict.run(self.TEXT).config is strict.text_config
        rules = cleanroom.Cleaner(preset("precision").replace(disabled={"learned"}))
        assert rules.text_config is rules.config
        # a model file names only fields that shape features, with the values they had
        data = {"features": list(FEATURES), "weights": [0.0] * len(FEATURES), "bias": 0.0}
        own = tmp_path / "own.json"
        own.write_text(json.dumps(dict(data, measured_with={"length_low": 40})), encoding="utf-8")
        cleaner = cleanroom.Cleaner(preset("precision").replace(learned_model=str(own)))
        assert cleaner.text_config.length_low == 40 and cleaner.text_config.length_high == 180
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(dict(data, measured_with={"short_words": 3})), encoding="utf-8")
        with pytest.raises(ConfigError, match="measured_with"):
            load_model(str(bad))
        bad.write_text(json.dumps(dict(data, measured_with={"length_low": "75"})), encoding="utf-8")
        with pytest.raises(ConfigError, match="length_low must be a number"):
            load_model(str(bad))


class TestLineTrees:
    """The boosted trees of the line model, compiled to a function (cleanroom/treecode.py)."""

    # x0 <= 0.5 ? (x1 <= 2.0 ? 1.0 : -1.0) : 0.25, and a stump on x2
    TREES = [
        {
            "feature": [0, 1, -1, -1, -1],
            "threshold": [0.5, 2.0, 0.0, 0.0, 0.0],
            "left": [1, 2, -1, -1, -1],
            "right": [4, 3, -1, -1, -1],
            "value": [0.0, 0.0, 1.0, -1.0, 0.25],
        },
        {
            "feature": [2, -1, -1],
            "threshold": [-3.0, 0, 0],
            "left": [1, -1, -1],
            "right": [2, -1, -1],
            "value": [0, 0.5, -0.5],
        },
    ]

    @staticmethod
    def _walk(tree: dict[str, list[float]], x: list[float]) -> float:
        i = 0
        while tree["feature"][i] >= 0:
            f = int(tree["feature"][i])
            i = int(tree["left"][i] if x[f] <= tree["threshold"][i] else tree["right"][i])
        return tree["value"][i]

    def test_compiled_trees_walk_like_the_lists(self) -> None:
        from cleanroom.treecode import compile_trees

        margin = compile_trees(self.TREES, 3)  # type: ignore[arg-type]
        rows = [[0.5, 2.0, -3.0], [0.6, 0.0, 0.0], [0.0, 2.5, -4.0], [1e9, -1e9, 1e9]]
        for x in rows:
            assert margin(x) == sum(self._walk(t, x) for t in self.TREES)  # type: ignore[arg-type]
        assert margin([0.5, 2.0, -3.0]) == 1.5  # thresholds are inclusive on the left

    def test_malformed_trees_are_refused(self) -> None:
        from cleanroom.treecode import compile_trees

        loop = dict(self.TREES[1], left=[0, -1, -1])
        with pytest.raises(ConfigError, match="order"):
            compile_trees([loop], 3)  # type: ignore[list-item]
        with pytest.raises(ConfigError, match="feature 2"):
            compile_trees([self.TREES[1]], 2)  # type: ignore[list-item]
        with pytest.raises(ConfigError, match="finite"):
            compile_trees([dict(self.TREES[1], value=[0.0, float("nan"), 1.0])], 3)  # type: ignore[list-item]
        with pytest.raises(ConfigError, match="length"):
            compile_trees([dict(self.TREES[1], value=[0.0])], 3)  # type: ignore[list-item]
        # a chain of splits too deep for Python's parser is refused, not a SyntaxError
        n = 60
        chain = {
            "feature": [0] * n + [-1] * (n + 1),
            "threshold": [0.0] * (2 * n + 1),
            "left": [i + 1 if i < n - 1 else n for i in range(n)] + [-1] * (n + 1),
            "right": [n + 1 + i for i in range(n)] + [-1] * (n + 1),
            "value": [0.0] * (2 * n + 1),
        }
        with pytest.raises(ConfigError, match="deeper"):
            compile_trees([chain], 3)  # type: ignore[list-item]
        # numbers only: a string where a threshold belongs is not written into the code
        with pytest.raises(ValueError):
            compile_trees([dict(self.TREES[1], threshold=["0 or __import__('os')", 0, 0])], 3)  # type: ignore[list-item]

    def test_trees_add_to_the_logistic_log_odds(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        import json
        import math

        from cleanroom.layers.learned import FEATURES, load_model

        n = len(FEATURES)
        stump = {
            "feature": [0, -1, -1],
            "threshold": [0.5, 0, 0],
            "left": [1, -1, -1],
            "right": [2, -1, -1],
            "value": [0, -2.0, 3.0],
        }
        data = {"features": list(FEATURES), "weights": [0.0] * n, "bias": 0.5, "trees": [stump]}
        path = tmp_path / "m.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        model = load_model(str(path))
        low, high = (0.0,) * n, (1.0,) + (0.0,) * (n - 1)
        sig = lambda z: 1.0 / (1.0 + math.exp(-z))  # noqa: E731
        assert model.probabilities([low, high]) == [sig(0.5 - 2.0), sig(0.5 + 3.0)]
        assert model.trees == 1


class TestDom:
    """The dom layer on the data model directly: lines carrying DOM evidence by hand."""

    @staticmethod
    def _page(rows: list[tuple[str, tuple[str, ...], int, tuple[int, ...]]]) -> Page:
        from cleanroom.model import Line

        lines = [
            Line(
                no=i,
                raw=t,
                text=t,
                block=i,
                tag="p",
                hints=h,
                hint_node=node,
                ancestors=anc,
                link_density=0.0,
            )
            for i, (t, h, node, anc) in enumerate(rows, start=1)
        ]
        return Page(lines, preset("balanced"))

    def test_text_lines_are_untouched(self) -> None:
        page = make_page("Home\nNews\n\n" + "\n\n".join(PROSE))
        apply(page, "dom")
        assert page.decisions == [] and not any(ln.dom_main for ln in page.lines)

    def test_hint_drops_with_its_reason_and_value(self) -> None:
        page = self._page(
            [
                ("Home", ("nav",), 5, (1, 5)),
                (PROSE[0], ("main",), 0, (1, 2, 3)),
                (PROSE[1], ("main",), 0, (1, 2, 3)),
                ("Share this story", ("share", "main"), 9, (1, 2, 9)),
                ("© 2024 Example", ("footer",), 7, (1, 7)),
            ]
        )
        apply(page, "dom")
        got = {d.original: (d.layer, d.reason, d.value) for d in page.decisions}
        assert got == {
            "Home": ("dom", Reason.MENU, "nav"),
            "Share this story": ("dom", Reason.SOCIAL, "share"),
            "© 2024 Example": ("dom", Reason.LEGAL, "footer"),
        }

    def test_weak_hint_spares_prose_headings_and_main(self) -> None:
        page = self._page(
            [
                (PROSE[0], ("header",), 4, (1, 4)),
                ("Sidebar teaser", ("sidebar",), 6, (1, 6)),
                ("Paywall inside the article", ("login", "main"), 8, (1, 2, 8)),
                ("Aside inside the article", ("sidebar", "main"), 10, (1, 2, 10)),
                (PROSE[1], ("main",), 0, (1, 2)),
            ]
        )
        apply(page, "dom")
        # a sidebar inside the article (an <aside> box, a rail) is the exception: it goes
        assert [d.original for d in page.decisions] == ["Sidebar teaser", "Aside inside the article"]

    def test_hinted_wrapper_holding_the_prose_is_ignored(self) -> None:
        rows = [(p, ("comment",), 3, (1, 3)) for p in PROSE] + [("Reply", ("comment",), 9, (1, 3, 9))]
        page = apply(self._page(rows), "dom")
        assert [d.original for d in page.decisions] == ["Reply"]

    def test_container_marks_dom_main(self) -> None:
        page = self._page(
            [
                ("Menu label", (), 0, (1, 2)),
                (PROSE[0], (), 0, (1, 3, 4)),
                ("Short line in the article", (), 0, (1, 3, 4)),
                (PROSE[1], (), 0, (1, 3, 5)),
                (PROSE[2], (), 0, (1, 3, 5)),
            ]
        )
        apply(page, "dom")
        assert [ln.dom_main for ln in page.lines] == [False, True, True, True, True]
        off = Page(page.lines, preset("balanced").replace(dom_main_share=None))
        for ln in off.lines:
            ln.dom_main = False
        apply(off, "dom")
        assert not any(ln.dom_main for ln in off.lines)

    def test_link_density_makes_a_line_bad(self) -> None:
        page = make_page("\n\n".join(PROSE), language="en")
        page.lines[0].link_density = 0.9
        apply(page, "content")
        assert page.lines[0].verdict == "bad" and page.lines[2].verdict == "good"
        cfg = preset("balanced").replace(max_link_density=None)
        page2 = make_page("\n\n".join(PROSE), cfg, language="en")
        page2.lines[0].link_density = 0.9
        apply(page2, "content")
        assert page2.lines[0].verdict == "good"


class TestSite:
    """Corpus mode: the counts of a first pass (cleanroom.corpus) given to the page."""

    MENU = "Home | News | Sport | Weather"

    def _stats(self, docs: int, config: Config | None = None) -> object:
        from cleanroom.corpus import count_sites

        cfg = config or preset("balanced")
        pages = [
            f"{self.MENU}\n\n{P1} Page {i}.\n\n{P2}\n\nCopyright 2024 Example Media" for i in range(docs)
        ]
        counter = count_sites(("example.com", text) for text in pages)
        return counter.stats(cfg.site_min_docs, cfg.site_max_prose_share)

    def _page(self, stats: object, site: str | None = "example.com") -> Page:
        page = make_page(f"{self.MENU}\n\n{P1}\n\n{P2}\n\nCopyright 2024 Example Media", language="en")
        page.site, page.site_stats = site, stats  # type: ignore[assignment]
        return apply(page, "site")

    def test_lines_repeated_across_the_site_are_dropped_with_their_count(self) -> None:
        page = self._page(self._stats(6))
        got = {d.original: d for d in page.decisions}
        assert set(got) == {self.MENU, "Copyright 2024 Example Media"}
        d = got[self.MENU]
        assert (d.layer, d.reason, d.value, d.threshold) == ("site", Reason.SITE_REPEAT, 6.0, 5.0)

    def test_prose_repeated_on_every_page_is_kept(self) -> None:
        # P2 is on all six pages, but it is article prose in every occurrence
        assert P2 in kept_texts(self._page(self._stats(6)))

    def test_below_the_threshold_or_without_a_site_nothing_happens(self) -> None:
        assert self._page(self._stats(4)).decisions == []
        assert self._page(self._stats(6), site="other.org").decisions == []
        assert self._page(self._stats(6), site=None).decisions == []
        assert apply(make_page(self.MENU), "site").decisions == []  # no counts: not corpus mode
