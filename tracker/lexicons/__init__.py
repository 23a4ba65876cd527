"""Lexicon loader: cue words, event kinds, number words as data files.

Each language is one TOML file in the lexicon folder (``en.toml``,
``fr.toml``); adding a language means adding a file (README.md lists the keys
it needs). The folder is this package's, unless :func:`use_dir` or the
``TRACKER_LEXICONS`` environment variable names another; it is looked up
when a lexicon is needed, never at import. ``kinds.toml`` is no language: it
is the table of event kinds (:mod:`tracker.kinds`), always read from this
package. Files are read on first use and cached per folder.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

LEXICON_DIR = Path(__file__).resolve().parent
STOPWORDS_DIR = LEXICON_DIR / "stopwords"
#: Names another lexicon folder (when :func:`use_dir` has not).
ENV_VAR = "TRACKER_LEXICONS"
#: Data files beside the languages that are not languages.
TABLES = frozenset({"kinds"})

_chosen: Path | None = None


def use_dir(path: str | os.PathLike[str] | None) -> None:
    """Read lexicons from ``path`` from now on; ``None`` goes back to
    ``TRACKER_LEXICONS``, else this package's folder."""
    global _chosen
    _chosen = None if path is None else Path(path).resolve()


def directory() -> Path:
    """The lexicon folder in use: :func:`use_dir`, else ``TRACKER_LEXICONS``,
    else this package's folder."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV_VAR)
    return Path(env).resolve() if env else LEXICON_DIR


def languages() -> tuple[str, ...]:
    """Codes of the languages that have a lexicon file, sorted."""
    return _languages(directory())


def load(language: str) -> dict[str, Any]:
    """The raw lexicon of ``language`` as parsed from its TOML file.

    Raises ``KeyError`` for a language without a file. The returned mapping is
    shared (cached): callers must not mutate it.
    """
    return _load(directory(), language)


def stopwords(language: str) -> frozenset[str]:
    """Lower-cased function words of ``language``.

    The union of the lexicon's ``words.stopwords`` and, when present, the
    one-word-a-line list ``stopwords/<language>.txt`` of the lexicon folder
    (``#`` starts a comment).
    """
    return _stopwords(directory(), language)


@functools.lru_cache(maxsize=32)
def _languages(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in folder.glob("*.toml") if p.stem not in TABLES))


@functools.lru_cache(maxsize=64)
def _load(folder: Path, language: str) -> dict[str, Any]:
    if language not in _languages(folder):
        raise KeyError(f"no lexicon for language {language!r} in {folder}")
    with (folder / f"{language}.toml").open("rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=64)
def _stopwords(folder: Path, language: str) -> frozenset[str]:
    words = {w.lower() for w in _load(folder, language).get("words", {}).get("stopwords", [])}
    extra = folder / "stopwords" / f"{language}.txt"
    if extra.is_file():
        for line in extra.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip().lower()
            if word:
                words.add(word)
    return frozenset(words)
