"""Bytes to clean text, and the fingerprint of an article's text."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterator

from tracker.ingest.article import Article

CP1252_WARNING = "not valid UTF-8; decoded as cp1252"
UTF16_WARNING = "UTF-16 text; decoded as UTF-16"

#: Share of control bytes above which a file is taken for binary.
BINARY_CONTROL_RATIO = 0.10
#: Only the start of a file is inspected for binary content.
BINARY_SNIFF_BYTES = 8192

#: Text that is not valid UTF-8 is still read as UTF-8 (invalid bytes replaced)
#: when it has valid multi-byte characters and its invalid bytes are under
#: this share of it, or no more numerous than those characters.
MAX_INVALID_UTF8_SHARE = 0.01
#: How many offsets of invalid bytes a warning lists.
SHOWN_OFFSETS = 3
#: When charset-normalizer finds several encodings equally plausible, as it
#: does for most short Western texts, the first of these among them wins:
#: the articles read here are English and French.
PREFERRED_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman")

# Control bytes that text files do not contain (tab, LF, VT, FF, CR are text).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
# C0 and C1 controls except tab and newline; BOMs and zero-width spaces left
# inside the text; vertical tab and form feed, which become line breaks; lone
# surrogates (from a JSON "\\ud800"), which no UTF-8 database can store.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff\u2028\u2029\ud800-\udfff]")
_REPLACEMENTS = {"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n\n"}
# surrogateescape turns each invalid byte into one of these lone surrogates.
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


class NotText(ValueError):
    """The bytes are not text; the message says why, in one line."""


def looks_binary(data: bytes) -> bool:
    """True when ``data`` has NUL bytes or too many control bytes to be text."""
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_RATIO * len(head)


def invalid_utf8_warning(offsets: list[int], places: int, count: int) -> str:
    """The warning for text read as UTF-8 despite ``count`` invalid bytes.

    ``offsets`` are the first byte offsets of the ``places`` runs of invalid bytes.
    """
    shown = ", ".join(map(str, offsets[:SHOWN_OFFSETS]))
    if places > SHOWN_OFFSETS:
        shown += f" and {places - SHOWN_OFFSETS} more"
    at = "offset" if places == 1 else "offsets"
    bad = "1 bad byte" if count == 1 else f"{count} bad bytes"
    return f"not valid UTF-8 at byte {at} {shown}; read as UTF-8, {bad} replaced by U+FFFD"


def decode_mostly_utf8(data: bytes, *, offset: int = 0) -> tuple[str, str] | None:
    """Read ``data`` as UTF-8 if only a few of its bytes are invalid.

    Returns the text, each run of invalid bytes replaced by U+FFFD, and the
    warning naming where they were (``offset`` is added, so a line of a file
    can report offsets in the file); ``None`` when the bytes do not look like
    damaged UTF-8. A text with no valid multi-byte character is never taken:
    ASCII plus a few high bytes is a legacy 8-bit encoding, read right by
    cp1252, not UTF-8 with holes.
    """
    if data.startswith(codecs.BOM_UTF8):
        data, offset = data[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
    text = data.decode("utf-8", errors="surrogateescape")
    runs = list(_ESCAPED_BYTES.finditer(text))
    invalid = sum(len(run[0]) for run in runs)
    ascii_chars = len(text.encode("ascii", errors="ignore"))
    valid_multibyte = len(text) - ascii_chars - invalid
    if valid_multibyte <= 0 or not runs:
        return None
    if invalid >= MAX_INVALID_UTF8_SHARE * len(data) and len(runs) > valid_multibyte:
        return None
    offsets = [
        offset + len(text[: run.start()].encode("utf-8", errors="surrogateescape"))
        for run in runs[:SHOWN_OFFSETS]
    ]
    repaired = _ESCAPED_BYTES.sub("\ufffd", text)
    return repaired, invalid_utf8_warning(offsets, len(runs), invalid)


def detect_encoding(data: bytes) -> tuple[str, str] | None:
    """Guess a legacy encoding with charset-normalizer; ``(encoding, text)`` or ``None``.

    ``None`` when the library is missing, fails, or finds nothing plausible.
    """
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    try:
        matches = list(from_bytes(data))
    except Exception:  # a detector failing on odd bytes means "no guess"
        return None
    if not matches:
        return None
    lowest = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= lowest]
    candidates = [
        name
        for name in PREFERRED_ENCODINGS
        if any(name in match.could_be_from_charset for match in tied)
    ]
    candidates.append(min(matches, key=lambda match: match.chaos).encoding)
    for name in candidates:
        try:
            return name, data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _legacy_warning(encoding: str) -> str:
    if encoding == "cp1252":
        return CP1252_WARNING
    return f"not valid UTF-8; decoded as {encoding} (detected)"


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode file bytes; return the cleaned text and the warnings met.

    In order: UTF-16 with a BOM; UTF-8 (with or without a BOM); UTF-8 with a
    few invalid bytes replaced (see :func:`decode_mostly_utf8`); the encoding
    charset-normalizer detects; cp1252. Raises :class:`NotText` for binary
    content, checked before any 8-bit guess so that no binary file is
    "decoded" as mojibake.
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
    mostly = decode_mostly_utf8(data)
    if mostly is not None:
        return clean_text(mostly[0]), [mostly[1]]
    detected = detect_encoding(data)
    if detected is not None:
        encoding, text = detected
        return clean_text(text), [_legacy_warning(encoding)]
    try:
        return clean_text(data.decode("cp1252")), [CP1252_WARNING]
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; text that has them is neither.
        raise NotText("not UTF-8 text, nor cp1252 (binary file?)") from None


def decode_line(raw: bytes, *, offset: int = 0) -> tuple[str, list[str]]:
    """Decode one line of a JSON Lines file; ``offset`` is where it starts in the file.

    Like :func:`decode_text` but never refuses and asks no detector (a line is
    too short to guess from): not UTF-8, even mostly, means cp1252 with a
    stray undefined byte replaced, and the JSON parser judges the rest.
    """
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    mostly = decode_mostly_utf8(raw, offset=offset)
    if mostly is not None:
        return mostly[0], [mostly[1]]
    return raw.decode("cp1252", errors="replace"), [CP1252_WARNING]


# A numeric character reference, decimal or hex, its ";" optional as in HTML.
_CHAR_REFERENCE = r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?"
_CHAR_REFERENCE_TEXT = re.compile(_CHAR_REFERENCE)
_CHAR_REFERENCE_BYTES = re.compile(_CHAR_REFERENCE.encode("ascii"))
#: Line ends and tab: the only control characters markup may refer to.
_KEPT_CONTROLS = frozenset((0x09, 0x0A, 0x0D))


def _reference_replacement(hex_digits: str | None, digits: str | None) -> str | None:
    """What a reference to this code point becomes: ``""`` (dropped),
    ``"&#N;"`` (another reference), or ``None`` (kept as written)."""
    value = (hex_digits or digits or "").lstrip("0")
    code = int(value or "0", 16 if hex_digits else 10) if len(value) <= 8 else 0x110000
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        # Not a character: U+FFFD, as HTML says. Left alone, feedparser's
        # chr() raises on the first and a surrogate cannot be stored.
        return "&#65533;"
    if 0x80 <= code <= 0x9F:
        # As browsers do (HTML5): &#146; is the cp1252 byte 0x92, a quote mark;
        # the five bytes cp1252 leaves undefined are dropped.
        try:
            return f"&#{ord(bytes([code]).decode('cp1252'))};"
        except UnicodeDecodeError:
            return ""
    if (code < 0x20 and code not in _KEPT_CONTROLS) or code == 0x7F:
        return ""
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return ""  # noncharacters: never text
    return None


def _replace_reference_text(match: re.Match[str]) -> str:
    replacement = _reference_replacement(match[1], match[2])
    return match[0] if replacement is None else replacement


def _replace_reference_bytes(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = (None if group is None else group.decode() for group in match.groups())
    replacement = _reference_replacement(hex_digits, digits)
    return match[0] if replacement is None else replacement.encode("ascii")


def drop_control_references(markup: str) -> str:
    """Drop references to control characters and noncharacters from HTML or XML.

    libxml2, under trafilatura and lxml, gives up on a whole page at one
    ``&#27;`` or ``&#xFFFF;``, so the article's text was lost for a character
    nobody can see. C0 controls but tab and line ends, DEL and noncharacters
    are dropped; C1 references (``&#x9b;``) become the cp1252 character a
    browser shows (``&#8250;``, ›), or are dropped when cp1252 has none;
    references to no character (surrogates, past U+10FFFF) become U+FFFD.
    """
    if "&#" not in markup:
        return markup
    return _CHAR_REFERENCE_TEXT.sub(_replace_reference_text, markup)


def drop_control_references_bytes(markup: bytes) -> bytes:
    """:func:`drop_control_references` on undecoded ASCII-compatible bytes (a feed)."""
    if b"&#" not in markup:
        return markup
    return _CHAR_REFERENCE_BYTES.sub(_replace_reference_bytes, markup)


def _replace_control(match: re.Match[str]) -> str:
    char = match[0]
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return _REPLACEMENTS.get(char, "")


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and drop control characters but ``\\n`` and ``\\t``.

    Lone surrogates become U+FFFD.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Searching first keeps the common clean case at one C-level scan.
    if _CONTROL_CHARS.search(text):
        text = _CONTROL_CHARS.sub(_replace_control, text)
    return text


def _normalized_pieces(text: str) -> Iterator[str]:
    """``" ".join(unicodedata.normalize("NFKC", text).split())``, in pieces.

    NFKC works on a copy of four bytes a character, twice: over a 5 MB article
    that is some 50 MB at once. Pieces of about 64 KB, each cut just before a
    plain space (a character that never combines with what precedes it), give
    the same text with a small buffer. A run of white space cut in two is
    mended by dropping the space that ends a piece, since the next piece
    begins with one."""
    start, size = 0, len(text)
    pending: str | None = None
    while start < size:
        end = size if size - start <= _HASH_CHUNK else text.find(" ", start + _HASH_CHUNK)
        end = size if end < 0 else end
        piece = _collapsed(unicodedata.normalize("NFKC", text[start:end]))
        start = end
        if pending is None:
            piece = piece.lstrip(" ")  # the text's leading white space
            if not piece:
                continue
        else:
            yield pending.rstrip(" ")  # the next piece begins with the run's one space
        pending = piece
    if pending is not None:
        yield pending.rstrip(" ")


_HASH_CHUNK = 1 << 16


def _collapsed(text: str) -> str:
    """Each run of white space as one space, the ends' runs kept as one space
    too (``str.split`` and ``join``: four times faster than a regex)."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def content_hash(article: Article) -> str:
    """SHA-256 hex digest of the article's title and body, normalised.

    NFKC folds look-alike code points (non-breaking spaces, ligatures) and
    every run of whitespace becomes one space, so re-wrapped or re-encoded
    copies of one article share a hash. Case and punctuation are kept: they
    can change meaning. The title is kept apart from the body, so moving a
    line from one to the other changes the hash.
    """
    digest = hashlib.sha256()
    for piece in _normalized_pieces(article.title or ""):
        digest.update(piece.encode("utf-8"))
    digest.update(b"\n")
    for piece in _normalized_pieces(article.body):
        digest.update(piece.encode("utf-8"))
    return digest.hexdigest()


def human_size(size: int) -> str:
    """``54_945_382`` -> ``"52.4 MB"``; ``5 * 1024 * 1024`` -> ``"5 MB"``."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
