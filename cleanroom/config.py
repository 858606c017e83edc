"""One frozen configuration object; presets are named instances of it.

Every numeric knob accepts ``None`` to switch its check off. Thresholds are documented here
once; docs/config.md is generated from nothing else but this file's field list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    #: ids of layers to skip (see ``cleanroom.layers.LAYER_IDS``)
    disabled: frozenset[str] = field(default_factory=frozenset)

    # --- normalize
    #: repair mojibake with ftfy on lines that show its signs; compose text to Unicode NFC
    fix_unicode: bool = True
    #: re-join paragraphs that a text browser hard-wrapped at a fixed width
    join_wrapped: bool = True
    #: split sentences glued by a lost line break ("both sides.He noted")
    split_glued: bool = True
    #: remove Markdown emphasis markers ("**bold**", "_italic_") that converters such as
    #: html2text print around words
    strip_markdown: bool = True

    # --- dom (HTML input: hints from tags, roles, class and id words)
    #: a hinted element holding at least this share of the page's prose is the article's
    #: wrapper, and its hint is ignored (None: hints always apply)
    dom_container_share: float | None = 0.5
    #: weak hints (header, sidebar, tags, promo, ticker, login) never drop prose this long
    dom_prose_chars: int | None = 150
    #: the deepest element holding this share of the page's prose is the article's container:
    #: its short and near-good lines count as good (None: off)
    dom_main_share: float | None = 0.75
    #: at least this many sibling elements with the same arrangement of short, linked lines
    #: (teaser cards, job ads, product tiles) are a card list, dropped (None: off)
    dom_card_min_items: int | None = 3
    #: on a page with an article container (<article>, <main>, articleBody), the region layer
    #: multiplies the weight of a good line inside it by this and divides every other good
    #: line's by it; it also takes back paragraphs outside the region that are siblings of
    #: the article's own (None: the markup does not weigh in the region)
    dom_region_weight: float | None = 4.0

    # --- navigation
    #: a run of at least this many short, link-like lines is a menu
    menu_min_run: int | None = 3
    #: a line of at most this many words can be a menu item / tag / chrome line
    short_words: int = 6

    # --- related blocks
    #: after a "Related" style heading, drop at most this many lines of headlines
    related_max_lines: int | None = 40

    # --- content classification (jusText-style, per line after re-joining)
    #: lines shorter than this (characters) are "short" and left to their neighbours
    length_low: int = 75
    #: lines longer than this with enough stopwords are "good" on their own
    length_high: int = 150
    #: stopword density below this is "bad" for a non-short line
    stopwords_low: float = 0.16
    #: stopword density at or above this is "good" (if long) or "near good"
    stopwords_high: float = 0.35
    #: drop English Title-Case headline lines inside the body (usually links to other stories)
    drop_inline_headlines: bool = True
    #: HTML input: a line with more of its characters inside links than this is "bad"
    #: (jusText uses 0.2 for its own paragraphs; None: off)
    max_link_density: float | None = 0.5

    # --- main-content region (maximum-scoring contiguous region, as in Body Text Extraction)
    #: keep other regions whose score reaches this share of the main region's score
    secondary_region_share: float | None = 0.35
    #: weight of a bad line's length against a good line's in the region score
    bad_weight: float = 1.0
    #: weight of a short line that is good only through its neighbours
    promoted_weight: float = 0.2
    #: a run of content starts and ends with a line that is content on its own
    trim_short_edges: bool = True
    #: share of that weight a line removed by an earlier layer keeps (0: such lines do not
    #: separate runs of prose)
    removed_weight: float = 0.35
    #: a related / comments / newsletter / share heading after this many characters of
    #: good text ends the content, unless more text follows than came before (None: off)
    boundary_min_chars: int | None = 400

    # --- learned line model (layer "learned", see docs/learned.md)
    #: a line the model gives at least this probability of being main text is kept (None:
    #: the threshold the model was trained with, stored in the model file)
    learned_threshold: float | None = None
    #: path of a line model JSON to use instead of the shipped one (None: the shipped one)
    learned_model: str | None = None

    # --- duplicates
    #: drop exact repeats of lines of at least this many characters (None: off)
    duplicate_min_chars: int | None = 20

    # --- site (corpus mode only: needs the counts of a first pass, see docs/corpus.md)
    #: drop lines found in at least this many documents of the page's site (None: off)
    site_min_docs: int | None = 5
    #: ...unless they looked like article prose in more than this share of those documents
    site_max_prose_share: float = 0.5

    # --- language
    #: detect the document language (langdetect, seeded); off reports "unknown"
    detect_language: bool = True
    #: characters of text sampled for detection (bounded cost)
    language_sample_chars: int = 500

    # --- output
    #: put the title, when found, on the first line of the output text
    with_title: bool = False
    #: documents whose output score is below this are flagged for rejection (None: off)
    min_score: float | None = None

    def __post_init__(self) -> None:
        from .layers import LAYER_IDS

        unknown = sorted(set(self.disabled) - set(LAYER_IDS))
        if unknown:
            raise ConfigError(f"unknown layer id(s): {', '.join(unknown)}; available: {', '.join(LAYER_IDS)}")
        if not isinstance(self.disabled, frozenset):
            object.__setattr__(self, "disabled", frozenset(self.disabled))
        for name in (
            "stopwords_low",
            "stopwords_high",
            "secondary_region_share",
            "min_score",
            "dom_container_share",
            "dom_main_share",
            "max_link_density",
            "site_max_prose_share",
            "learned_threshold",
        ):
            v = getattr(self, name)
            if v is not None and not 0.0 <= v <= 1.0:
                raise ConfigError(f"{name} must be within [0, 1], got {v!r}")
        if self.dom_card_min_items is not None and self.dom_card_min_items < 2:
            raise ConfigError(f"dom_card_min_items must be >= 2, got {self.dom_card_min_items!r}")
        if self.dom_region_weight is not None and self.dom_region_weight < 1.0:
            raise ConfigError(f"dom_region_weight must be >= 1, got {self.dom_region_weight!r}")
        if self.length_low < 0 or self.length_high < self.length_low:
            raise ConfigError("need 0 <= length_low <= length_high")

    def enabled(self, layer_id: str) -> bool:
        return layer_id not in self.disabled

    def replace(self, **changes: Any) -> Config:
        known = {f.name for f in fields(self)}
        bad = sorted(set(changes) - known)
        if bad:
            raise ConfigError(f"unknown config field(s): {', '.join(bad)}")
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["disabled"] = sorted(self.disabled)
        return d


PRESETS: dict[str, Config] = {}


def _register_presets() -> None:
    balanced = Config()
    PRESETS["balanced"] = balanced
    # The content and region thresholds below shape HTML pages and the rule pipeline. On text
    # dumps the learned model decides, and its features are measured with the values it was
    # trained with (learned.MEASURED_WITH), so there the presets differ by learned_threshold:
    # cross-validated, the model's own features at a higher threshold gave more precision
    # and more recall than these thresholds at the same one (docs/learned.md).
    # precision: keep only what reads as prose; accept losing headings and short lines
    PRESETS["precision"] = balanced.replace(
        stopwords_low=0.25,
        stopwords_high=0.40,
        length_low=110,
        length_high=180,
        secondary_region_share=None,
        bad_weight=1.6,
        learned_threshold=0.7,
    )
    # recall: keep anything that might be text; remove only clear boilerplate
    PRESETS["recall"] = balanced.replace(
        stopwords_low=0.12,
        stopwords_high=0.28,
        length_low=60,
        length_high=120,
        secondary_region_share=0.15,
        bad_weight=0.6,
        drop_inline_headlines=False,
        learned_threshold=0.25,
    )


def preset(name: str) -> Config:
    """The named preset; an unknown name lists the available ones."""
    if not PRESETS:
        _register_presets()
    try:
        return PRESETS[name]
    except KeyError:
        raise ConfigError(f"unknown preset {name!r}; available: {', '.join(sorted(PRESETS))}") from None


def preset_names() -> list[str]:
    if not PRESETS:
        _register_presets()
    return sorted(PRESETS)
