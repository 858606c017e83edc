"""A synthetic web corpus with known article text: sites x pages built from per-site templates.

Each site has its own menu, tagline, "most read" sidebar (a rotating pick from the site's
headlines), promo and footer lines; each page has a unique article of generated English prose.
The templates are deliberately *site-specific* (no lexicon phrase such as "Read more" or
"Cookie"), which is what a one-document cleaner cannot recognise and corpus mode can.

Used by tests/test_corpus.py and benchmarks/corpus_gain.py (imported from there).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

NOUNS = [
    "council",
    "river",
    "school",
    "budget",
    "harbour",
    "museum",
    "farmer",
    "bridge",
    "hospital",
    "teacher",
    "market",
    "village",
    "festival",
    "station",
    "library",
    "orchestra",
    "factory",
    "election",
    "garden",
    "railway",
    "forest",
    "island",
    "mayor",
    "committee",
    "report",
    "storm",
    "winter",
    "harvest",
    "project",
    "community",
    "court",
    "clinic",
    "newspaper",
]
ADJS = [
    "new",
    "old",
    "local",
    "small",
    "large",
    "regional",
    "public",
    "quiet",
    "busy",
    "northern",
    "southern",
    "annual",
    "early",
    "late",
]
VERBS = [
    "approved",
    "rejected",
    "visited",
    "described",
    "opened",
    "closed",
    "repaired",
    "funded",
    "studied",
    "reviewed",
    "announced",
    "delayed",
    "expanded",
    "welcomed",
    "criticised",
]
PLACES = [
    "Ashford",
    "Bramley",
    "Colton",
    "Dunmore",
    "Eastleigh",
    "Farrow",
    "Glenhurst",
    "Harlow",
    "Ivybridge",
    "Kelso",
]
NAMES = ["Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"]


def sentence(r: random.Random) -> str:
    n1, n2, n3 = r.sample(NOUNS, 3)
    form = r.randrange(4)
    if form == 0:
        s = (
            f"the {r.choice(ADJS)} {n1} {r.choice(VERBS)} the plan for the {n2} on {r.choice(['Monday', 'Friday', 'Sunday'])}, "
            f"and officials said that the {n3} would be ready before the end of the year"
        )
    elif form == 1:
        s = (
            f"{r.choice(NAMES)}, who has worked at the {n1} in {r.choice(PLACES)} for {r.randint(3, 30)} years, "
            f"said that it was not clear whether the {n2} could cope with the {r.choice(ADJS)} {n3}"
        )
    elif form == 2:
        s = (
            f"according to the {n1}, more than {r.randint(2, 900)} people have asked about the {n2} since it was "
            f"{r.choice(VERBS)} by the {r.choice(ADJS)} {n3} last month"
        )
    else:
        s = (
            f"it is the first time in {r.randint(5, 60)} years that the {n1} has been {r.choice(VERBS)}, "
            f"and many in the {n2} hope that this will bring the {n3} back to life"
        )
    return s[0].upper() + s[1:] + "."


def paragraph(r: random.Random) -> str:
    return " ".join(sentence(r) for _ in range(r.randint(2, 4)))


def headline(r: random.Random) -> str:
    return f"{r.choice(PLACES)} {r.choice(NOUNS)} {r.choice(VERBS)} after {r.choice(ADJS)} {r.choice(NOUNS)} vote"


class Site:
    def __init__(self, k: int, r: random.Random) -> None:
        self.host = f"www.{r.choice(PLACES).lower()}-{k}-gazette.example"
        self.name = f"The {r.choice(PLACES)} Gazette {k}"
        sections = r.sample(
            ["News", "Sport", "Business", "Opinion", "Culture", "Travel", "Food", "Science"], 5
        )
        self.menu = [self.name, *sections, "Subscribe"]
        self.tagline = (
            f"{self.name}: independent reporting from {r.choice(PLACES)} since {r.randint(1850, 1990)}"
        )
        self.headlines = [headline(r) for _ in range(12)]
        self.promo = f"Support {self.name} with a gift of {r.randint(3, 9)} pounds a month"
        self.inline = [
            f"Photo: {self.name} archive",
            f"Registered readers of {self.name} can save stories for later",
            f"{self.name} newsroom, updated daily",
        ]
        self.footer = [
            f"{self.name} is part of the {r.choice(PLACES)} Media Group",
            f"Registered office: {r.randint(1, 200)} {r.choice(PLACES)} Road",
            "About us | Contact | Advertise | Jobs",
        ]

    def page(self, r: random.Random, i: int) -> tuple[str, str, str]:
        """(url, text dump, article text)"""
        title = headline(r)
        paras = [paragraph(r) for _ in range(r.randint(3, 6))]
        most = r.sample(self.headlines, 4)
        lines = [
            *self.menu,
            "",
            self.tagline,
            "",
            title,
            "",
            self.inline[2],
            "",
            paras[0] + "\n",
            self.inline[0],
            "",
            paras[1] + "\n",
            self.promo,
            "",
            paras[2] + "\n",
            self.inline[1],
            "",
            *[p + "\n" for p in paras[3:]],
            "Most read",
            *most,
            "",
            *self.footer,
        ]
        url = f"https://{self.host}/{r.choice(self.menu[1:5]).lower()}/{i}-{title.lower().replace(' ', '-')}"
        return url, "\n".join(lines) + "\n", "\n".join(paras)


def generate(sites: int, pages: int, seed: int = 7) -> list[dict[str, Any]]:
    r = random.Random(seed)
    made = [Site(k, r) for k in range(sites)]
    records = []
    for i in range(pages):
        for s in made:
            url, text, article = s.page(r, i)
            records.append({"id": f"{s.host}/{i}", "url": url, "text": text, "truth": article})
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return path


_WORD = re.compile(r"\w+")


def f1(predicted: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of a cleaned text against the article."""
    p, t = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(truth.lower()))
    overlap = sum((p & t).values())
    prec = overlap / max(sum(p.values()), 1)
    rec = overlap / max(sum(t.values()), 1)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
