"""The layer registry: every layer by its stable id, in the order the pipeline runs them."""

from __future__ import annotations

from .accents import Accents
from .base import Layer
from .chrome import Chrome
from .content import Content
from .dom import Dom
from .duplicates import Duplicates
from .language import Language
from .learned import Learned
from .metadata import Metadata
from .navigation import Navigation
from .normalize import Normalize
from .region import Region
from .related import Related
from .site import Site
from .tickers import Tickers

# Language runs third: it only measures, and the layers after it need the stoplist.
# Accents comes right after it: its table is the page's language's, and the rules after it
# should read "für", not the "fur" a converter printed.
# The specific rules (tickers, related, chrome) claim their lines before navigation judges
# the remaining runs of short lines, so a byline is reported as a byline, not a menu item.
# Duplicates run last, over what is left: the copy inside the article is the one that stays
# (a headline or lead repeated in a teaser above the article must not take the article's).
# Site-wide repeats (corpus mode) go before classification, after the specific rules have
# claimed and named their lines, so they count as negative evidence for the region.
LAYERS: tuple[Layer, ...] = (
    Normalize(),
    Metadata(),
    Dom(),
    Language(),
    Accents(),
    Tickers(),
    Related(),
    Chrome(),
    Navigation(),
    Site(),
    Content(),
    Learned(),
    Region(),
    Duplicates(),
)
LAYER_IDS: tuple[str, ...] = tuple(layer.id for layer in LAYERS)


def get_layer(layer_id: str) -> Layer:
    for layer in LAYERS:
        if layer.id == layer_id:
            return layer
    from ..errors import ConfigError

    raise ConfigError(f"unknown layer id {layer_id!r}; available: {', '.join(LAYER_IDS)}")


__all__ = ["LAYERS", "LAYER_IDS", "Layer", "get_layer"]
