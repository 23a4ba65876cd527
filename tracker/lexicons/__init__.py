"""Lexicon loader: cue words, event kinds, number words as data files.

Each language is one TOML file beside this module (``en.toml``, ``fr.toml``);
adding a language means adding a file. ``kinds.toml`` is no language: it is
the table of event kinds (:mod:`tracker.kinds`). Files are read lazily, on
first use, and cached for the life of the process: nothing is read at import
time.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

LEXICON_DIR = Path(__file__).resolve().parent
STOPWORDS_DIR = LEXICON_DIR / "stopwords"
#: Data files beside the languages that are not languages.
TABLES = frozenset({"kinds"})


@functools.lru_cache(maxsize=32)
def languages() -> tuple[str, ...]:
    """Codes of the languages that have a lexicon file, sorted."""
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.toml") if p.stem not in TABLES))


@functools.lru_cache(maxsize=32)
def load(language: str) -> dict[str, Any]:
    """The raw lexicon of ``language`` as parsed from its TOML file.

    Raises ``KeyError`` for a language without a file. The returned mapping is
    shared (cached): callers must not mutate it.
    """
    path = LEXICON_DIR / f"{language}.toml"
    if language not in languages():
        raise KeyError(f"no lexicon for language {language!r}")
    with path.open("rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=32)
def stopwords(language: str) -> frozenset[str]:
    """Lower-cased function words of ``language``.

    The union of the lexicon's ``words.stopwords`` and, when present, the
    one-word-a-line list ``stopwords/<language>.txt`` (``#`` starts a comment).
    """
    words = {w.lower() for w in load(language).get("words", {}).get("stopwords", [])}
    extra = STOPWORDS_DIR / f"{language}.txt"
    if extra.is_file():
        for line in extra.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip().lower()
            if word:
                words.add(word)
    return frozenset(words)
