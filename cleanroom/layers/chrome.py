"""Layer 6, footers and chrome: app promos, copyright and legal links, newsletter and social
prompts, login and preferences, cookie notices, bylines, read-time lines, ad labels, wire
disclaimers.

Each rule is a lexicon category with a matching mode (whole line, prefix, or phrase inside a
line) and a length limit: a phrase such as "privacy policy" removes a short footer line, never
a paragraph that discusses privacy policies.
"""

from __future__ import annotations

import re

from ..features import ends_sentence
from ..lexicon import PhraseSet, all_stopwords, norm_key, phrases, scanner
from ..memo import MISSING, TextMemo
from ..page import Page
from ..reasons import Reason
from .base import Layer

_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)
# "Download The Mint News App": an imperative at the start of a sentence, not "people download the app"
_APP = re.compile(r"(?:^|[.!?:]\s+)(?:download|get|install)\b[^.!?]{0,70}?\bapp\b", re.IGNORECASE)
_NEWSLETTER_WORD = re.compile(r"\bnewsletters?\b")
# letters that look like Latin ones but are not: Cyrillic, Armenian and full-width Latin. A
# word that mixes them with plain Latin letters ("Аdvеrtіѕе", "thiѕ", "usｅd") is written to slip
# past spam filters; a word never mixes them by accident (Greek is left out: "μm", "μg/l")
_LOOKALIKE = re.compile(r"[\u0400-\u04ff\u0530-\u058f\uff21-\uff3a\uff41-\uff5a]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]+")
# a photo credit: names joined by slashes
_CREDIT = re.compile(r"^[A-ZÀ-Þ][\w.'’ -]{1,40}(?:/[A-ZÀ-Þ][\w.'’ -]{1,40}){1,3}$")
_BYLINE_TAIL = re.compile(r"(?<!\s)\s+[|·•]\s+|,\s+")  # "By Bill Hoppe | Special to ..."
_BAR_TAIL = re.compile(r"(?<!\s)\s+[|·•]\s+")
# An image caption ends with its credit in parentheses: one to four capitalised words
# ("(AP)", "(Shatha Hammad)", "(Photo: Jane Doe)"), or "Credit: ..." / "Credit...".
_CAPTION_CREDIT = re.compile(
    # after a label the name may be written in lower case ("(Image: getty )")
    r"\((?:(?:[Pp]hoto|[Ff]oto|[Ii]mage|[Bb]ild|[Cc]redit|[Cc]rédit|[Ss]ource|[Qq]uelle|[Ff]uente)s?\s*[:/]\s*\w"
    r"|[A-ZÀ-Þ])[\w.'’&-]*(?:[ /][A-ZÀ-Þa-z][\w.'’&-]*){0,3}(?:, [Ff]ile)? ?\)$"
    r"|\((?:[Pp]hoto|[Ff]oto|[Ii]mage|[Bb]ild)s? (?:by|von|par|por|di|door) [^()]{3,80}\)$"
    r"|\bCredits?(?::|\.\.\.|…)\s*\S"
)
# a caption's sentence, then its photo credit, a name (no second sentence): "Puerto de
# Montevideo. Foto: Archivo El País."
_TRAILING_PHOTO_CREDIT = re.compile(
    r"[.!?]\s+(?:(?:[Ff]otos?|[Bb]ild(?:er)?|[Pp]hotos?|[Ii]mage|[Ii]magen|[Ii]magem)\s*:\s*|©\s*)"
    r"[A-ZÀ-Þ](?:(?!\.\s)[^!?:]){1,60}$"
)
# a caption's sentence, then its credit as a name, a slash and an agency: "... on July 25,
# 2019. J. Scott Applewhite / AP file"
_TRAILING_SLASH_CREDIT = re.compile(
    r"[.!?]\s+[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){1,3}\s?/\s?[A-ZÀ-Þ][\w.'’-]*"
    r"(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,2}(?:\s+file)?$"
)
# a caption's text, then its copyright credit at the end of the line, after a sentence end or
# a separator: "Le piquet de grève dans le hall de l'université / (C) Kab Niang" (html2text
# writes "©" as "(C)", which the legal rules' tests for "©" or "(c)" and a year miss). The
# credit is a name or an agency, no sentence: a full stop only inside a word or a domain, so
# an enumeration's clause ("... . (C) the Secretary shall ...") does not match
_TRAILING_COPYRIGHT = re.compile(
    r"(?:[.!?…\"”“)]\s*|\s[-–—/|]\s*)(?:©|\([Cc]\))\s?[\w@](?:[^©.!?]|\.(?=\S)){0,60}$"
)
# a credit that ends in a licence: a Creative Commons one ("Leena Simon, CC-BY-SA 4.0",
# "Foto: president.gov.ua | Lizenz: CC BY 4.0") or the public domain in a few languages
# ("... ważył 206 kilogramów /domena publiczna"), set apart by a separator (a sentence about
# the public domain is no credit: "entlässt also Fotos in die Public Domain.")
_LICENSE_CREDIT = re.compile(
    r"(?:^|[,|/–—(:\[]\s*)(?:(?:lizenz|licen[cs]e|licencia|licencja)\s*:\s*)?"
    r"(?:cc[- ]?(?:by|0)(?:[- ](?:sa|nc|nd)){0,3}(?:[- ]?\d\.\d)?|public domain|domena publiczna|"
    r"gemeinfrei|dominio p[úu]blico|domaine public|dom[íi]nio p[úu]blico)\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
# a caption that opens with its credit: "© John Brecher Needle poking skin during ..."
_LEADING_CREDIT = re.compile(r"©\s*[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3}\s+\S")
# a numbered figure's caption: "Abbildung 4: Die grösste Lawine ...", "Fig. 2. ...", after the
# placeholder of its image if the dump printed one ("[chart-1]Abbildung: ..."); the label is
# looked up in figure_label.tsv
_FIGURE_LABEL = re.compile(r"(?:\[[^\]]{0,40}\]\s*)?([^\W\d_]{2,14})\.? ?(\d{1,3}[a-z]?\s?[:.]|:)\s")
# without a number the label is a credit's ("Foto: Jane Doe"), and a longer line may be the
# credit run together with the first sentence of the text ("Bild: Jahr MediaDie Show ...")
_UNNUMBERED_CAPTION_MAX_WORDS = 10
# a gallery's counter: "Image 1 of 23", "Bild 3 von 12", "Foto 2 de 5" (w3m: "Image 1 of / 23")
_GALLERY_COUNT = re.compile(r"([^\W\d_]{2,14}) \d{1,3} (?:[^\W\d_]{1,3} )?/? ?\d{1,3}$")
# a gallery's caption under its counter: "2 of 4 A shopper looks at extension cords at ..."
# (the counter's word is one of a few languages' "of"; a capital follows)
_GALLERY_CAPTION = re.compile(r"(\d{1,2}) (?:of|von|de|sur|z|di|van|av) (\d{1,2}) [A-ZÀ-Þ]\S* \S+ \S")
# an author's note: a name of one to three capitalised words (a handle or an address may
# follow in brackets), a copula, then within its first words the writer's trade (bio_role.tsv):
# "Molly Wood (@mollywood) is an Ideas contributor at WIRED", "Max Muster ist Redakteur bei ..."
_BIO = re.compile(
    r"(?:[A-ZÀ-ÞĀ-Ž][\w.'’-]{0,40} ){1,3}(?:\([^()]{2,40}\) )?"
    r"(?:is|was|has been|ist|war|est|était|es|era|è|é|jest|był|była) "
)
_BIO_REACH = 80  # characters after the copula in which the trade must be named
# the marks of a photo's caption: a person's place in the picture after a name ("Deval Patrick,
# left, speaks ...", "Sabine Müller (links) und ...", "Hernández (izquierda) y ..."), an agency's
# "FILE - In this Oct. 28, 2019, file photo, ..." or "FILE PHOTO: ...", a line that opens by
# naming the picture ("This satellite image from NASA shows ...", "An artist's illustration of ...")
_PICTURE_OPENING = re.compile(
    r"FILE(?: PHOTO)?\b"
    r"|(?:This|An artist[’']s|Artist[’']s) (?:(?!is |was |are )[\w’'-]{1,40} ){0,2}(?:illustration|image|photo"
    r"|photograph|picture|rendering|impression)s? (?:of|from|shows|showing|provided|released|taken|made|issued)\b"
)
_PICTURE_OPENERS = ("FILE", "This ", "An artist", "Artist")
_IN_THIS_PHOTO = re.compile(
    r"\b[Ii]n this (?:[\w.,]{1,40} ){0,4}(?:photo|image|picture)(?:,| (?:taken|released|provided|made|issued|shows))"
)
# the place marks start with a literal (", " or " (") so that the search skips along the line
_PLACE = re.compile(
    r", (?:left|right|center|centre|second from (?:left|right)), "
    r"| \((?:left|right|center|centre|links|rechts|l\.|r\.|Mitte|à gauche|à droite|au centre|izquierda"
    r"|derecha|izq\.|dcha\.|sinistra|destra|esquerda|direita)\)"
)
# news agencies write captions of a hundred words and more ("... Nov. 20. (AP Photo/...)")
_CAPTION_MAX_WORDS = 130
# a consent banner's long text ("This website uses cookies to improve your experience while you
# navigate ... Out of these cookies, ..."): a paragraph with a cookie phrase that says "cookie"
# three times or more and once every this many words; an article about cookies says it less
# often (one of 62 words with two mentions and a banner's phrase quoted stays)
_COOKIE_WORDS_PER_MENTION = 35
_CREDIT_WORDS = re.compile(r"(?i)photo|foto|image|bild|credit|crédit|source|quelle|fuente|/")


def _is_caption_credit(text: str, at_end: bool = False) -> bool:
    """A caption ending in its credit: "... Oct. 13, 2017. (Reuters)", "(Photo: Jane Doe)".
    A bare "(DVD)" or "(Latest Model)" after a name is a product's label, not a credit: the
    credit follows a sentence, or names itself as one. ``at_end``: a "Credit: ..." must end
    the text (a long paragraph may name a tax credit on the way)."""
    tail = text[-80:] if at_end else text
    if text[-1:] != ")" and "redit" not in tail:
        return False  # no credit can match: the cheap test before the search
    m = _CAPTION_CREDIT.search(text)
    if m is None or (at_end and m.start() < len(text) - 80):
        return False
    if not m.group(0).startswith("("):
        return True  # "Credit: ..."
    before = text[: m.start()].rstrip()
    return before.endswith((".", "!", "?", "…")) or bool(_CREDIT_WORDS.search(m.group(0)))


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# the social networks an appeal to follow names
_NETWORKS = (
    r"(?:twitter|x\.com|facebook|instagram|telegram|tiktok|linkedin|youtube|mastodon|threads|"
    r"whatsapp|bluesky)"
)
# "Follow @jane on Twitter", "Síguenos en Telegram y recibe ...": an appeal to follow us or
# an account on a social network ("Follow the money: how Facebook ..." is a headline)
_FOLLOW = re.compile(
    # at the start of the line or of one of its sentences ("Made this recipe? Tag us on ...")
    r"(?:^|[.!?] +)(?:follow (?:us|me|our|@\w+)|tag (?:us|me)|find us|"
    r"folge (?:uns|mir)|folgt uns|folgen sie uns|markiere uns|markiert uns|finde uns|"
    r"suivez[- ](?:nous|@)|identifiez[- ]nous|retrouvez[- ]nous|"
    r"síguenos|siguenos|sígueme|etiquétanos|encuéntranos|seguici|seguimi|taggaci|trovaci|"
    r"siga-nos|sigam-nos|marque-nos|volg ons|tag ons|vind ons|obserwuj nas|oznacz nas|znajdź nas)"
    rf"[^.!?]{{0,60}}?\b{_NETWORKS}\b",
    re.IGNORECASE,
)
# "Follow The New York Times Opinion section on Facebook, Twitter and Instagram.": whom to
# follow named, then "on" a network
_FOLLOW_ON = re.compile(
    rf"(?:^|[.!?] +)follow [^.!?]{{0,60}}?\bon {_NETWORKS}\b",
    re.IGNORECASE,
)
# a clock time or a numeric date: "6:21", "11h46", "14.09.2020", "2015-04-05", "2016.12.01"
_DATE = r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b"
_CLOCK_OR_DATE = re.compile(r"\b\d{1,2}(?::|h)\d{2}\b|" + _DATE)
_NUMERIC_DATE = re.compile(_DATE)
# the parts of a post's meta line: "23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Ergänzungen"
_META_SEPARATOR = re.compile(r" [-|·•–—] ")
# Link labels printed without separators: "My ReadsWatchlistFeedbackLogout".
_GLUED_LABELS = re.compile(r"[a-z][A-Z][a-z]")
# a line that opens with a disclaimer's label ("Disclaimer: The responses below are not
# provided ...", "Haftungsausschluss: ...") or is a blog's pingback ("Pingback: <title>")
_DISCLAIMER_LABEL = re.compile(
    r"\W{0,3}(?:disclaimer|haftungsausschluss|avertissement|descargo de responsabilidad|"
    r"exención de responsabilidad|esclusione di responsabilità|isenção de responsabilidade)\s*[:(]",
    re.IGNORECASE,
)
_PINGBACK = re.compile(r"\W{0,3}(?:pingback|trackback)\b", re.IGNORECASE)
# a line that opens by telling the reader to click: a link's call to action ("CLICK HERE TO GET
# THE FOX NEWS APP", "Hier klicken, um die Antwort abzubrechen.", "Click to share on Reddit")
_CLICK_HERE = re.compile(
    r"(?:click|tap) (?:here|to)\b|klicken sie (?:hier|auf)\b|hier klicken\b|cliquez ici\b|"
    r"(?:haga|haz) clic aquí\b|clique aqui\b|clicca qui\b|kliknij (?:tutaj|tu)\b|klik hier\b",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^[A-ZÀ-ÞĀ-Ž][\w.'’-]*(?:\s+(?:[A-ZÀ-ÞĀ-Ž][\w.'’-]*|and|und|et|y|e|i|&|de|van|von|der|al|el|la|le|du|da|di|,))*\s*$"
)


def _wire_credit(text: str, key: str) -> bool:
    """A wire story's credit line: a credit prefix (``wire_credit.tsv``) then a name, "Reporting
    by Jane Doe; Editing by ..." ("Edited by a committee, ..." is a sentence)."""
    p = phrases("wire_credit").starts(key)
    if not p:
        return False
    words = text.lstrip("( ").split()
    rest = words[p.count(" ") + 1 :]
    if rest and rest[0].strip(":") == "":
        rest = rest[1:]  # "Redaktion : Anna Muster"
    name = rest[0].lstrip(":") if rest else ""
    return name[:1].isupper()


def _disguised_words(text: str) -> int:
    """How many words mix plain Latin letters with look-alike letters of another script."""
    if text.isascii() or not _LOOKALIKE.search(text):
        return 0
    return sum(1 for w in text.split() if _LOOKALIKE.search(w) and _ASCII_LETTER.search(w))


def _agency_caption_opening(text: str) -> bool:
    """ "FILE - ...", "FILE PHOTO: ...", "In this Oct. 28, 2019, file photo, ...": the way news
    agencies open a caption, at the start of the line."""
    if text.startswith("FILE") and _PICTURE_OPENING.match(text):
        return True
    return "n this " in text[:12] and _IN_THIS_PHOTO.match(text) is not None


def _caption_marked(text: str) -> bool:
    if text.startswith(_PICTURE_OPENERS) and _PICTURE_OPENING.match(text):
        return True
    if "file photo" in text or ("n this " in text and _IN_THIS_PHOTO.search(text)):
        return True
    # the place follows a name: "Deval Patrick, left," (not "those who left,")
    return any(text[: m.start()].rsplit(" ", 1)[-1][:1].isupper() for m in _PLACE.finditer(text))


def _figure(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The match of ``pattern`` at the start of the line when its first group is a figure
    label (figure_label.tsv: "Abbildung", "Fig", "Image")."""
    m = pattern.match(text)
    return m if m is not None and phrases("figure_label").equals(m.group(1).casefold()) else None


def _author_bio(text: str) -> bool:
    m = _BIO.match(text)
    if m is None:
        return False
    # "Der Bericht ist ...", "The study was ...": a name holds no function word
    stop = all_stopwords()
    if any(word.casefold() in stop for word in text[: m.end()].split()[:-1]):
        return False
    reach = text[m.end() : m.end() + _BIO_REACH].split(". ", 1)[0]
    roles = phrases("bio_role")
    return any(roles.equals(word) for word in norm_key(reach).split())


def _dated(text: str, key: str, clock: bool = True) -> bool:
    """The line carries a full date or a time: a clock time or numeric date, or a number next
    to a date word of three letters or more ("November 19, 2019", "17. Dezember 2019", "5 hours
    ago"); a bare year is not one ("By 2030, half of all cars ..."). ``clock=False``: a date,
    a time alone is not enough (a score: "Endstand | 8:4 | 1:21")."""
    if (_CLOCK_OR_DATE if clock else _NUMERIC_DATE).search(text):
        return True
    words = key.split(" ")
    dates = phrases("dates").phrases
    for i, w in enumerate(words):
        if w.isdigit():
            for j in (i - 1, i + 1):
                if 0 <= j < len(words) and len(words[j]) >= 3 and words[j] in dates:
                    return True
    return False


def _byline_part(text: str) -> bool:
    """A part after a separator is a byline: "October 9, 2018 | by Olivia Larsen"."""
    prefixes = phrases("byline_prefix")
    for part in _META_SEPARATOR.split(text)[1:]:
        p = prefixes.starts(norm_key(part))
        if p and _NAME.match(part[len(p) :].lstrip(" :")):
            return True
    return False


def _doubled(text: str) -> bool:
    """The same words twice in one line, three to twenty words each time: a text browser
    prints an image's alternative text and then its caption, or a teaser's picture and its
    link ("Lemon tree seeds showing rootsLemon tree seeds showing roots"). A paragraph printed
    twice is the page's own text (its lead, shown again)."""
    n = len(text)
    for cut in (n // 2, (n + 1) // 2):
        first = text[:cut].strip()
        if 2 <= first.count(" ") < 20 and first == text[cut:].strip():
            # not a refrain ("la la la la la la"), nor the same sentence four times
            opening = " ".join(first.split()[:3])
            return len(set(first.casefold().split())) >= 2 and first.find(opening, 1) < 0
    return False


def _label_unglued(text: str, key: str, labels: PhraseSet) -> str:
    """The key of the line with its first word split where a capital follows a lower-case
    letter: converters print a screen reader's label glued to the caption ("Media
    captionJulian Assange being dragged ..."). Only for a line that starts with the first
    word of a label, glued or not ("mediacaption ..."): no other line can hold one."""
    if not key.startswith(tuple(labels.by_first)):
        return ""
    for i in range(1, min(len(text), 24)):
        if text[i].isupper() and text[i - 1].islower():
            return norm_key(f"{text[:i]} {text[i:]}")
    return ""


def _licensed(key: str) -> bool:
    """A cheap test before _LICENSE_CREDIT: the words a licence credit needs."""
    return any(w in key for w in ("cc", "domain", "domena", "gemeinfrei", "domin", "domín"))


_SCANNED = (
    "readtime",
    "chrome_phrase",
    "share",
    "cookie",
    "app_promo",
    "disclaimer",
    "newsletter",
    "post_meta",
    "comment_policy",
    "appeal",
    "download",
)


# classify() reads the text, its key (norm_key of the text, kept in step by Page.edit) and
# the config's short_words: its answers are memoised per short_words (cleanroom/memo.py)
_VERDICTS: dict[int, TextMemo[Reason | None]] = {}


class Chrome(Layer):
    id = "chrome"
    description = (
        "app promos, legal and copyright, newsletter, social, login, cookies, bylines, read time, ads"
    )

    def apply(self, page: Page) -> None:
        short_words = page.config.short_words
        memo = _VERDICTS.get(short_words)
        if memo is None:
            memo = _VERDICTS[short_words] = TextMemo()
        for ln in page.lines:
            if not ln.kept or not ln.text:
                continue
            reason = memo.get(ln.text, MISSING)
            if reason is MISSING:
                reason = memo.put(ln.text, self.classify(ln.text, short_words, ln.key))
            if reason is not None:
                page.drop(ln, self.id, reason)  # type: ignore[arg-type]

    @staticmethod
    def classify(text: str, short_words: int, key: str | None = None) -> Reason | None:
        if key is None:
            key = norm_key(text)
        if not key:
            return Reason.CHROME  # only symbols: "×", "|", "»"
        n_words = key.count(" ") + 1
        if n_words >= 6 and _doubled(text):
            return Reason.CAPTION
        if _disguised_words(text) >= 2:
            return Reason.SPAM  # "Аdvеrtіѕе wіth thе most visited news site ..." (a spam comment, an ad)
        if n_words > 60:
            # a paragraph: no chrome rule applies to it, but for an agency's long caption, by
            # its credit at the end or its opening ("FILE - In this Monday, Oct. 28, 2019, file
            # photo, ...", which w3m and lynx join with the credit line under it)
            if n_words <= _CAPTION_MAX_WORDS and (
                _is_caption_credit(text, at_end=True) or _agency_caption_opening(text)
            ):
                return Reason.CAPTION
            mentions = key.count("cookie")
            if (
                mentions >= 3
                and mentions * _COOKIE_WORDS_PER_MENTION >= n_words
                and "cookie" in scanner(_SCANNED).scan(key)
            ):
                return Reason.COOKIE
            return None
        sentence = ends_sentence(text)
        if n_words <= short_words + 2:
            if phrases("ad").equals(key):
                return Reason.AD_LABEL
            if phrases("chrome_line").equals(key):
                return Reason.CHROME
            if phrases("comments_heading").equals(key.rstrip(" 0123456789")):
                return Reason.COMMENTS
        found = scanner(_SCANNED).scan(key)
        if n_words <= short_words + 2 and "readtime" in found:
            return Reason.READ_TIME
        copyright_sign = "©" in text or "copyright" in key or "(c)" in text or "(C)" in text
        if (
            n_words <= 15
            and copyright_sign
            and _COPYRIGHT.search(text)
            and ("©" in text or not sentence or _YEAR.search(text))
        ):
            return (
                Reason.LEGAL
            )  # "© 2024 Example Media. All rights reserved.", not a sentence about copyright
        if n_words <= 20 and not sentence:
            if n_words <= 12:
                if "chrome_phrase" in found:
                    return Reason.LEGAL
                if "share" in found:
                    return Reason.SOCIAL
                if "download" in found:
                    return Reason.CHROME  # "Dieses Skript als PDF herunterladen", "Print this article"
            p = phrases("byline_prefix").starts(key)
            if p and _dated(text, key):
                return Reason.BYLINE  # "Posted on March 30, 2015 by Admin", "By HNN Staff | November 18, ..."
            if n_words <= 12 and _META_SEPARATOR.search(text) and _dated(text, key) and _byline_part(text):
                return Reason.BYLINE  # "October 9, 2018 | by Olivia Larsen"
            if (
                3 <= n_words <= 15
                and len(_META_SEPARATOR.findall(text)) >= 2
                and _dated(text, key, clock=False)
                and _YEAR.search(text)
            ):
                # a post's or a comment's meta line, its parts set apart: "8. Dezember 2010 um
                # 09:43 · Rezepte von Mutti · 6 Kommentare" (none of the dev dumps' 233 such lines
                # is the article's). The year is required: an event list gives day and time
                # ("Monday, November 18 - 7:30 pm - City Hall")
                return Reason.BYLINE
            if n_words <= 12:
                # up to 12 words when a separator sets a tail apart ("By Amy Kuperinsky | NJ
                # Advance Media for NJ.com"); a headline has no such tail
                if p and (n_words <= 8 or _BAR_TAIL.search(text)):
                    rest = _BYLINE_TAIL.split(text[len(p) :].lstrip(" :"), 1)[0]
                    # "By Jane Doe", "Source: Agencies": the prefix is followed by a name
                    if _NAME.match(rest) or text[: len(p) + 2].rstrip().endswith(":"):
                        return Reason.BYLINE
                if len(_GLUED_LABELS.findall(text)) >= 2:
                    return Reason.CHROME
        if n_words >= 5 and _caption_marked(text):
            return Reason.CAPTION  # "Former Gov. Deval Patrick, left, speaks with a business owner ..."
        if _author_bio(text):
            return Reason.BYLINE  # "Jane Doe is a freelance writer based in Toronto. ..."
        if n_words <= 40 and _wire_credit(text, key):
            return Reason.BYLINE  # "(Reporting by Jane Doe; additional reporting by ...; Editing by ...)"
        if n_words >= 5 and _is_caption_credit(text):
            return Reason.CAPTION  # "... in Gaza, Oct. 13, 2017. (Reuters)"
        colon = text.find(":", 0, 40)
        if n_words <= 20 and colon > 0 and phrases("image_credit").equals(norm_key(text[:colon])):
            return Reason.CAPTION  # "Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss."
        labels = phrases("caption_label")
        if n_words <= 60 and (
            (n_words >= 3 and labels.starts(key))
            or (n_words >= 2 and labels.starts(_label_unglued(text, key, labels)))
        ):
            # "Image caption Mourners attend a funeral in ...": the label a screen reader reads
            return Reason.CAPTION
        if (m := _figure(_FIGURE_LABEL, text)) and (
            m.group(2) != ":" or n_words <= _UNNUMBERED_CAPTION_MAX_WORDS
        ):
            return Reason.CAPTION  # "Abbildung 5: Oberflächenreif in einem Nordhang (Foto: ...)."
        if n_words <= 6 and _figure(_GALLERY_COUNT, text):
            return Reason.CHROME  # "Image 1 of 23"
        if text[:1].isdigit() and (m := _GALLERY_CAPTION.match(text)) and 0 < int(m[1]) <= int(m[2]):
            return Reason.CAPTION
        if 5 <= n_words <= 40 and "/" in text and _TRAILING_SLASH_CREDIT.search(text):
            return Reason.CAPTION
        if 5 <= n_words <= 40 and text.startswith("©") and _LEADING_CREDIT.match(text):
            return Reason.CAPTION
        if 3 <= n_words <= 40 and copyright_sign and _TRAILING_COPYRIGHT.search(text):
            return Reason.CAPTION  # "Le piquet de grève dans le hall de l'université / (C) Kab Niang"
        if 3 <= n_words <= 30 and _TRAILING_PHOTO_CREDIT.search(text):
            return Reason.CAPTION  # "Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com"
        if n_words <= 40 and _licensed(key) and _LICENSE_CREDIT.search(text):
            return Reason.CAPTION  # "Logo von Jonathas Mello, CC BY"
        if n_words <= 20 and _CLICK_HERE.match(text.lstrip("»›>→•*-– ")):
            return Reason.CHROME
        if n_words <= 25 and (_FOLLOW.search(text) or _FOLLOW_ON.search(text)):
            return Reason.SOCIAL
        if "cookie" in found:
            return Reason.COOKIE
        if ("app" in key and _APP.search(text)) or (n_words <= 12 and "app_promo" in found):
            return Reason.APP_PROMO
        if "disclaimer" in found or (n_words <= 60 and _DISCLAIMER_LABEL.match(text)):
            return Reason.DISCLAIMER
        if n_words <= 40 and _PINGBACK.match(text):
            return Reason.COMMENTS
        if n_words <= 30 and "newsletter" in found:
            return Reason.NEWSLETTER
        if "post_meta" in found:  # (60 words at most: longer lines left above)
            return Reason.BYLINE  # "This entry was posted in News and tagged floods, rain."
        if n_words <= 40 and "appeal" in found:
            return Reason.CHROME  # "Gefällt Ihnen dieser Artikel?", "Support independent journalism."
        if n_words <= 40 and "comment_policy" in found:
            return Reason.COMMENTS  # "Comments are moderated and may take a while to appear."
        if n_words <= 10 and not sentence and _NEWSLETTER_WORD.search(key):
            return Reason.NEWSLETTER  # "Get our daily Entertainment newsletter"
        if n_words <= 10 and not sentence and _CREDIT.match(text):
            return Reason.BYLINE  # "Sonu Mehta/Hindustan Times/Getty Images"
        return None
