"""Turn paths (files, folders, ``-``) into a stream of articles and read errors."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from tracker.config import DEFAULT_MAX_BYTES
from tracker.ingest.article import Article
from tracker.ingest.errors import InputError, ReadError
from tracker.ingest.fetch import is_url
from tracker.ingest.streams import EXTENSIONS, FORMATS, read_stream

STDIN_PATH = "<stdin>"


def read_inputs(
    paths: Sequence[str],
    *,
    fmt: str | None = None,
    glob: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    timeout: float | None = None,
) -> Iterator[Article | ReadError]:
    """Read articles from files, folders, URLs and ``-`` (standard input), lazily.

    Yields an :class:`Article` per article read and a :class:`ReadError` per
    input (or line, or feed entry) that could not be read; never raises for a
    bad input. Folders are walked recursively in sorted order, skipping hidden
    files and folders, keeping names that match ``glob`` (default: the known
    extensions). ``fmt`` forces one of :data:`FORMATS`; otherwise the format
    is guessed from the content, then the extension. ``max_bytes`` limits each
    file (each line, for JSON Lines). An ``http://`` or ``https://`` address is
    fetched (``timeout`` seconds at most per step, see :mod:`.fetch`) and read
    by its content type; a failed fetch is one read error.

    Raises :class:`InputError` at once, before reading, for a bad call: no
    paths, an unknown format, a limit that is not positive.
    """
    if isinstance(paths, str):
        paths = [paths]  # a lone path would otherwise be read letter by letter
    if not paths:
        raise InputError("no input given: name files, folders, or - for standard input")
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if max_bytes <= 0:
        raise InputError(f"the size limit must be positive, not {max_bytes}")
    return _read_all(
        list(paths), fmt=fmt, glob=glob, max_bytes=max_bytes, stdin=stdin, timeout=timeout
    )


def _read_all(
    paths: list[str],
    *,
    fmt: str | None,
    glob: str | None,
    max_bytes: int,
    stdin: BinaryIO | None,
    timeout: float | None,
) -> Iterator[Article | ReadError]:
    client = None  # one HTTP client for every address of the call, opened on first use
    try:
        for path in paths:
            if path == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from _guarded(
                    STDIN_PATH, read_stream(stream, STDIN_PATH, "", None, fmt, max_bytes)
                )
            elif is_url(path):
                from tracker.ingest import fetch

                seconds = fetch.DEFAULT_TIMEOUT if timeout is None else timeout
                client = client or fetch.new_client(seconds)
                yield from _guarded(
                    path,
                    fetch.read_url(
                        path, fmt=fmt, max_bytes=max_bytes, client=client, timeout=seconds
                    ),
                )
            elif os.path.isdir(path):
                yield from _read_folder(path, fmt=fmt, glob=glob, max_bytes=max_bytes)
            else:
                yield from _read_file(path, fmt, max_bytes)
    finally:
        if client is not None:
            client.close()


def count_inputs(paths: Sequence[str], *, glob: str | None = None) -> int | None:
    """How many inputs :func:`read_inputs` will read (files in folders, files,
    addresses), or None when standard input is one of them. A quick walk: no
    file is opened."""
    if "-" in paths:
        return None
    total = 0
    for path in paths:
        if not is_url(path) and os.path.isdir(path):
            total += sum(1 for item in _walk(path, glob) if not isinstance(item, ReadError))
        else:
            total += 1
    return total


#: In a folder, files that travel with articles but are not articles: a folder's
#: documentation and the labels read by ``tracker eval``. Named files still load.
_NOT_ARTICLES = (
    "readme*",
    "license*",
    "licence*",
    "changelog*",
    "contributing*",
    "labels.jsonl",
    "*.labels.jsonl",
)


def _wanted(name: str, glob: str | None) -> bool:
    if any(fnmatch.fnmatch(name.lower(), pattern) for pattern in _NOT_ARTICLES):
        return False
    if glob is not None:
        return fnmatch.fnmatch(name, glob)
    return os.path.splitext(name)[1].lower() in EXTENSIONS


def _walk(folder: str, glob: str | None) -> Iterator[str | ReadError]:
    """Matching files under ``folder``, depth first, sorted by name, hidden ones skipped."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadError(folder, _os_message(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Symlinked folders are not followed: they can loop.
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, glob)
        elif _wanted(entry.name, glob):
            yield entry.path


def _read_folder(
    folder: str, *, fmt: str | None, glob: str | None, max_bytes: int
) -> Iterator[Article | ReadError]:
    found = False
    for item in _walk(folder, glob):
        if isinstance(item, ReadError):
            yield item
            continue
        found = True
        yield from _read_file(item, fmt, max_bytes)
    if not found:
        yield no_files_error(folder, glob)


def no_files_error(folder: str, glob: str | None) -> ReadError:
    looked_for = glob if glob is not None else ", ".join(f"*{ext}" for ext in EXTENSIONS)
    return ReadError(folder, f"no article files found (looked for {looked_for})")


def folder_files(folder: str, glob: str | None = None) -> Iterator[str | ReadError]:
    """The files :func:`read_inputs` reads in ``folder`` (and the folders it
    could not list, as read errors), in the order it reads them."""
    return _walk(folder, glob)


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def _read_file(path: str, fmt: str | None, max_bytes: int) -> Iterator[Article | ReadError]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after a lazy read
    except OSError as exc:
        yield ReadError(path, _os_message(exc))
        return
    with handle:
        try:
            size: int | None = os.fstat(handle.fileno()).st_size
        except OSError:
            size = None
        extension = os.path.splitext(path)[1].lower()
        yield from _guarded(path, read_stream(handle, path, extension, size, fmt, max_bytes))


def _guarded(path: str, results: Iterator[Article | ReadError]) -> Iterator[Article | ReadError]:
    """``results``, with an exception raised while reading turned into a last read error."""
    try:
        yield from results
    except OSError as exc:  # a read failing halfway (I/O error, a folder on some systems)
        yield ReadError(path, _os_message(exc))
    except Exception as exc:
        # A parser library failing on one input must not end the batch: this
        # input is reported, the others are still read.
        yield ReadError(path, f"could not read: {type(exc).__name__}: {exc}".splitlines()[0])
