"""Bytes to text for HTML input: the BOM, then the page's own declaration, then fallbacks.

The order, and why:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) is unambiguous;
2. bytes that decode as strict UTF-8 and contain multi-byte sequences are UTF-8 whatever the
   page declares: random bytes in another encoding almost never form valid UTF-8, while pages
   that declare "iso-8859-1" but are saved as UTF-8 are common;
3. the charset named by ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` in the first
   4 KiB, decoded strictly (Latin-1 and ASCII labels mean cp1252, as browsers read them);
4. UTF-8 with replacement characters, when the page declares UTF-8 or its bytes are nearly
   valid UTF-8 (a few broken sequences among many good ones);
5. cp1252 (undefined bytes become U+FFFD), which never fails.

Nothing here raises on any input; :class:`Decoded` records what was used.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# [^<>]: a "<meta" that is never closed stops at the next tag (linear, not quadratic)
_META_CHARSET = re.compile(rb"""<meta[^<>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_HTTP_EQUIV = re.compile(rb"""<meta[^<>]*?http-equiv\s*=\s*["']?content-type""", re.IGNORECASE)
# labels that browsers read as another encoding (WHATWG Encoding Standard)
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
}
SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec used ("utf-8", "cp1252", "shift_jis", ...)
    source: str  # why: "bom", "utf-8", "meta charset", "http-equiv", "utf-8 replace", "fallback"
    declared: str | None = None  # the charset the page declared, if any


def declared_charset(head: bytes) -> tuple[str | None, str | None]:
    """(charset label, "meta charset" | "http-equiv") from the first bytes of a page."""
    for m in _META_CHARSET.finditer(head):
        tag_start = head.rfind(b"<", 0, m.start() + 1)
        tag = head[tag_start : m.end()]
        label = m.group(1).decode("ascii", "replace").strip().lower()
        return label, ("http-equiv" if _HTTP_EQUIV.match(tag) else "meta charset")
    return None, None


def _codec(label: str) -> str | None:
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that can be read to find its meta tag is not UTF-16
    return _ALIASES.get(name, name)


def _nearly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    return good > 0 and bad <= max(2, good // 20)


def decode_html(data: bytes) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(
                data[len(bom) :].decode(enc, "replace"), enc.replace("-le", "").replace("-be", ""), "bom"
            )
    label, how = declared_charset(data[:SNIFF_BYTES])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if label is None or not data.isascii():
            return Decoded(text, "utf-8", "utf-8", label)
        # pure ASCII: any ASCII-compatible declaration reads the same; report it
        codec = _codec(label)
        return Decoded(text, codec or "utf-8", how or "utf-8", label)
    codec = _codec(label) if label else None
    if codec and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec, how or "meta charset", label)
        except (UnicodeDecodeError, LookupError):
            pass
    if codec == "utf-8" or _nearly_utf8(data):
        return Decoded(data.decode("utf-8", "replace"), "utf-8", "utf-8 replace", label)
    return Decoded(data.decode("cp1252", "replace"), "cp1252", "fallback", label)


def decode_text(data: bytes) -> Decoded:
    """Bytes of a text dump to str: a BOM, else strict UTF-8, else UTF-8 with replacement
    characters when the bytes are nearly UTF-8, else cp1252 (steps 1, 2, 4 and 5 above; a text
    dump has no meta charset). Never raises."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(enc, "replace")
            return Decoded(text, enc.replace("-le", "").replace("-be", ""), "bom")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    if _nearly_utf8(data):
        return Decoded(data.decode("utf-8", "replace"), "utf-8", "utf-8 replace")
    return Decoded(data.decode("cp1252", "replace"), "cp1252", "fallback")
