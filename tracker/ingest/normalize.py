"""Bytes to clean text, and the fingerprint of an article's text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tracker.ingest.article import Article

CP1252_WARNING = "not valid UTF-8; decoded as cp1252"
UTF16_WARNING = "UTF-16 text; decoded as UTF-16"

#: Share of control bytes above which a file is taken for binary.
BINARY_CONTROL_RATIO = 0.10
#: Only the start of a file is inspected for binary content.
BINARY_SNIFF_BYTES = 8192

# Control bytes that text files do not contain (tab, LF, VT, FF, CR are text).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
# C0 and C1 controls except tab and newline; BOMs and zero-width spaces left
# inside the text; vertical tab and form feed, which become line breaks.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff\u2028\u2029]")
_AS_NEWLINE = {"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n\n"}


class NotText(ValueError):
    """The bytes are not text; the message says why, in one line."""


def looks_binary(data: bytes) -> bool:
    """True when ``data`` has NUL bytes or too many control bytes to be text."""
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_RATIO * len(head)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode file bytes as UTF-8, else UTF-16 (with a BOM), else cp1252.

    Returns the cleaned text and the warnings met. Raises :class:`NotText` for
    binary content, checked first so that no binary file is "decoded" as
    cp1252 mojibake.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return clean_text(data.decode("utf-16")), [UTF16_WARNING]
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise NotText("not text (binary file?)")
    try:
        return clean_text(data.decode("utf-8-sig")), []
    except UnicodeDecodeError:
        pass
    try:
        return clean_text(data.decode("cp1252")), [CP1252_WARNING]
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; text that has them is neither.
        raise NotText("not UTF-8 text, nor cp1252 (binary file?)") from None


def _replace_control(match: re.Match[str]) -> str:
    return _AS_NEWLINE.get(match[0], "")


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and drop control characters but ``\\n`` and ``\\t``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Searching first keeps the common clean case at one C-level scan.
    if _CONTROL_CHARS.search(text):
        text = _CONTROL_CHARS.sub(_replace_control, text)
    return text


def _normalized(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def content_hash(article: Article) -> str:
    """SHA-256 hex digest of the article's title and body, normalised.

    NFKC folds look-alike code points (non-breaking spaces, ligatures) and
    every run of whitespace becomes one space, so re-wrapped or re-encoded
    copies of one article share a hash. Case and punctuation are kept: they
    can change meaning. The title is kept apart from the body, so moving a
    line from one to the other changes the hash.
    """
    key = _normalized(article.title or "") + "\n" + _normalized(article.body)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def human_size(size: int) -> str:
    """``54_945_382`` -> ``"52.4 MB"``; ``5 * 1024 * 1024`` -> ``"5 MB"``."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
