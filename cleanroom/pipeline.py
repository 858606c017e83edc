"""The Cleaner: one path from text to CleanResult, shared by the library, the CLI, the
process pool and the engine integrations (they only schedule ``Cleaner.clean``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import frontend
from .config import Config, preset
from .errors import CleanroomError, ConfigError, DocumentError
from .layers import LAYERS
from .layers.content import Content
from .layers.language import apply_fallback
from .model import CleanResult, ScoreReport
from .page import Page
from .scoring import report, score_lines

if TYPE_CHECKING:
    from .corpus.site import SiteStats
    from .html import HtmlDocument

# The HTML front end (cleanroom.html: BeautifulSoup glue, DOM hints) and the byte decoder
# that lives beside it are imported when a page or bytes first come in: a run over text
# never needs them, and each process would otherwise load them at start-up.

_CONTENT = Content()


class Cleaner:
    """Cleans documents with one configuration.

    Built once and reused; it holds only the frozen config and the stateless layers, so it
    can be pickled to worker processes and shared between threads.
    """

    def __init__(self, config: Config | str | None = None, site_stats: SiteStats | None = None) -> None:
        if config is None:
            config = preset("balanced")
        elif isinstance(config, str):
            config = preset(config)
        self.config = config
        #: corpus mode: site-wide line counts from a first pass (cleanroom.corpus.count_sites)
        self.site_stats = site_stats
        self.layers = tuple(layer for layer in LAYERS if config.enabled(layer.id))
        #: the config of text dumps: with the learned layer on, the features it reads are
        #: measured with the values the model was trained with (learned.MEASURED_WITH), so a
        #: preset or a custom threshold there changes HTML pages and the rule pipeline only
        self.text_config = config
        if config.enabled("learned"):
            from .layers.learned import load_model

            measured_with = load_model(config.learned_model).measured_with
            if measured_with:
                self.text_config = config.replace(**measured_with)

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "site_stats": self.site_stats}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"], state.get("site_stats"))  # type: ignore[misc]

    def run(self, text: str | bytes, site: str | None = None) -> Page:
        """Run the layers and return the processed page (used by ``explain``). ``site`` names
        the document's site for the corpus-mode layer (used only with ``site_stats``).

        Bytes are decoded as :func:`cleanroom.html.decode.decode_text` describes.
        """
        if isinstance(text, (bytes, bytearray, memoryview)):
            from .html.decode import decode_text

            text = decode_text(bytes(text)).text
        elif not isinstance(text, str):
            raise TypeError(f"clean() takes str or bytes, not {type(text).__name__}")
        try:
            lines = frontend.parse(text)
        except Exception as exc:  # a bug: see DocumentError
            raise DocumentError("frontend", exc) from exc
        return self._apply(Page(lines, self.text_config, text), site)

    def run_html(
        self, html: str | bytes, parser: str | None = None, site: str | None = None, dom_paths: bool = True
    ) -> tuple[Page, HtmlDocument]:
        """The HTML front end's lines through the same layers; the page and what was read.
        ``dom_paths=False`` leaves the lines' ``dom_path`` empty (no layer reads it)."""
        if not isinstance(html, (str, bytes, bytearray, memoryview)):
            raise TypeError(f"clean_html() takes str or bytes, not {type(html).__name__}")
        from .html import parse_html

        try:
            doc = parse_html(html, parser, dom_paths)
        except ConfigError:
            raise  # an unknown parser name is a usage error
        except Exception as exc:  # a bug: see DocumentError
            raise DocumentError("html", exc) from exc
        return self._apply(Page(doc.lines, self.config), site), doc

    def _apply(self, page: Page, site: str | None = None) -> Page:
        page.site, page.site_stats = site, self.site_stats
        layer: Any = None
        try:
            for layer in self.layers:
                if layer.id == "content" and not page.stopwords and not self.config.enabled("language"):
                    apply_fallback(page)
                layer.apply(page)
            if not self.config.enabled("content"):
                layer = _CONTENT
                _CONTENT.apply(page)  # measure only, for the score
        except (MemoryError, CleanroomError):
            raise
        except Exception as exc:
            # A layer that raises has a bug; the error names it, and a runner that catches
            # CleanroomError per document records a rejection instead of dying.
            raise DocumentError(getattr(layer, "id", "pipeline"), exc) from exc
        return page

    def clean(self, text: str | bytes, site: str | None = None) -> CleanResult:
        """Clean one text dump (str, or bytes: BOM, UTF-8, else cp1252; see ``run``)."""
        if isinstance(text, (bytes, bytearray, memoryview)):
            from .html.decode import decode_text

            dec = decode_text(bytes(text))
            source = {"format": "text", "encoding": dec.encoding, "encoding_source": dec.source}
            return self.result(self.run(dec.text, site), source)
        return self.result(self.run(text, site))

    def clean_html(
        self, html: str | bytes, parser: str | None = None, site: str | None = None
    ) -> CleanResult:
        """Clean one HTML page (bytes are decoded as described in cleanroom.html.decode)."""
        page, doc = self.run_html(html, parser, site, dom_paths=False)  # the result has no paths
        if page.title is None and doc.title:
            page.title = doc.title  # the <title> element, when no headline was found in the body
        return self.result(page, doc.source())

    def result(self, page: Page, source: dict[str, Any] | None = None) -> CleanResult:
        """The CleanResult of a page the layers have run over (``run`` / ``run_html``)."""
        out = frontend.render(page.lines)
        if self.config.with_title and page.title:
            out = page.title + ("\n\n" + out if out else "")
        score, input_score, components = score_lines(page.lines)
        return CleanResult(
            text=out,
            title=page.title,
            score=score,
            input_score=input_score,
            language=page.language,
            language_probability=page.language_probability,
            decisions=tuple(page.decisions),
            stats=dict(page.stats),
            components=components,
            source=source or {},
        )

    def clean_many(self, texts: Iterable[str]) -> Iterator[CleanResult]:
        """Lazily clean an iterable of texts, in order."""
        for text in texts:
            yield self.clean(text)

    def score(self, text: str | bytes) -> ScoreReport:
        result = self.clean(text)
        return report(result.input_score, result.components)


_DEFAULT: Cleaner | None = None


def _default() -> Cleaner:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT


def clean(text: str | bytes, config: Config | str | None = None) -> CleanResult:
    """Clean one text dump (str, or bytes decoded as ``Cleaner.run`` says) with ``config``
    (default: the "balanced" preset). Raises only for bad arguments (TypeError, ConfigError)
    and, for a bug inside the library, DocumentError."""
    return (_default() if config is None else Cleaner(config)).clean(text)


def clean_html(html: str | bytes, config: Config | str | None = None) -> CleanResult:
    """Clean one HTML page (str, or bytes decoded from its BOM / meta charset) with ``config``."""
    return (_default() if config is None else Cleaner(config)).clean_html(html)


def score(text: str | bytes, config: Config | str | None = None) -> ScoreReport:
    """Cleanliness of any text, raw or cleaned, with its components."""
    return (_default() if config is None else Cleaner(config)).score(text)
