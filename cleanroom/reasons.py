"""Stable reason codes: every removal or edit names exactly one of these.

The string values are part of the public contract (they appear in JSONL metadata, run
reports and ``explain`` output), so a code is never renamed, only added.
"""

from __future__ import annotations

from enum import Enum


class Reason(str, Enum):
    # normalize: edits
    UNICODE_FIXED = "unicode_fixed"
    CONTROL_CHARS = "control_chars"
    UNICODE_COMPOSED = "unicode_composed"  # code points composed to Unicode NFC: "e\u0301" -> "é"
    GLUED_SENTENCE = "glued_sentence"
    WRAP_JOINED = "wrap_joined"
    MARKUP = "markup"  # Markdown emphasis markers removed ("**bold**" -> "bold"); a rule line dropped
    HTML_ENTITIES = "html_entities"  # entities a converter left undecoded: "&#39;" -> "'"
    # accents: an edit
    ACCENTS_RESTORED = "accents_restored"  # bare letters a converter printed: "fur" -> "für"
    # markup residue and metadata dumps
    XPATH = "xpath"
    BARE_URL = "bare_url"
    IMAGE_SIZE = "image_size"
    LOCALE_CODE = "locale_code"
    TIMESTAMP = "timestamp"
    CONTACT = "contact"
    KEYWORD_LIST = "keyword_list"
    FORM_RESIDUE = "form_residue"
    # navigation
    MENU = "menu"
    BREADCRUMB = "breadcrumb"
    LANGUAGE_SWITCHER = "language_switcher"
    TAG_LIST = "tag_list"
    # tickers
    TICKER = "ticker"
    # related and promo blocks
    READ_MORE = "read_more"
    RELATED_BLOCK = "related_block"
    INLINE_HEADLINE = "inline_headline"
    # footers and chrome
    APP_PROMO = "app_promo"
    LEGAL = "legal"
    NEWSLETTER = "newsletter"
    SOCIAL = "social"
    CHROME = "chrome"
    COOKIE = "cookie"
    BYLINE = "byline"
    READ_TIME = "read_time"
    AD_LABEL = "ad_label"
    DISCLAIMER = "disclaimer"
    COMMENTS = "comments"
    CAPTION = "caption"  # an image caption or credit (a <figcaption>, or a line ending in "(AP)")
    SPAM = "spam"  # Latin words spelled with look-alike letters of other scripts ("Аdvеrtіѕе")
    # content classification and region
    LOW_DENSITY = "low_density"
    OUTSIDE_MAIN = "outside_main"
    # duplicates
    DUPLICATE = "duplicate"
    SITE_REPEAT = "site_repeat"  # corpus mode: repeated across documents of one site
    # title
    TITLE = "title"

    def __str__(self) -> str:  # so f-strings print the code, not the enum repr
        return self.value
