"""Follow sources: every period, add what is new in feeds, pages, folders and files.

A round looks at each source in turn. A URL is asked with the validators of its
last answer (ETag, Last-Modified), so an unchanged feed costs a 304; an answer
whose bytes did not change is not read again either. A file is read again only
when its size or modification time changed; a folder's new and changed files
are read. What is read goes through :func:`tracker.pipeline.add_inputs`, so an
entry seen before is a duplicate (a no-op), and each article is committed
before it is reported.

What each source showed is recorded only once its articles are stored: a
source whose fetch fails, or whose articles could not be written, is tried
again in full on the next round. One failing source never stops the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from tracker import store
from tracker.errors import TrackerError
from tracker.link import consolidate
from tracker.models import utcnow
from tracker.pipeline import AddResult, BatchSummary, Outcome, add_inputs
from tracker.workers import describe_error

if TYPE_CHECKING:
    import httpx

    from tracker.config import Settings
    from tracker.db import Database
    from tracker.ingest import Article, ReadError

#: ``tracker watch`` looks again this often unless told otherwise.
DEFAULT_EVERY = 15 * 60.0

_PERIOD_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smh]?)")
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_period(text: str) -> float:
    """Seconds in a period written ``30s``, ``5m``, ``1h``, ``1h30m`` or ``90``
    (seconds). Raises ValueError for anything else, or for no time at all."""
    spec = text.strip().lower()
    pos, total, parts = 0, 0.0, 0
    while pos < len(spec):
        match = _PERIOD_PART.match(spec, pos)
        if match is None:
            raise ValueError(f"cannot read {text!r} as a period (try 30s, 5m or 1h)")
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        pos = match.end()
        parts += 1
        while pos < len(spec) and spec[pos] == " ":
            pos += 1
    if not parts:
        raise ValueError(f"cannot read {text!r} as a period (try 30s, 5m or 1h)")
    if total <= 0:
        raise ValueError(f"the period must be longer than 0, not {text!r}")
    return total


def describe_period(seconds: float) -> str:
    """``900`` -> ``15m``; ``5400`` -> ``1h30m``; ``45`` -> ``45s``."""
    whole = int(seconds)
    if whole != seconds:
        return f"{seconds:g}s"
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    out = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return out + (f"{secs}s" if secs or not out else "")


class Stop(BaseException):
    """The process was asked to stop (SIGTERM): leave between two statements,
    with what was committed kept. A BaseException, like KeyboardInterrupt, so
    that no ``except Exception`` on the way takes it for one article's error."""


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Stop` in the main thread."""
    import signal

    def handler(_signum: int, _frame: Any) -> None:
        raise Stop

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    """A source as the user named it: a URL, a folder or a file."""

    name: str
    kind: str  # "url", "folder" or "file"

    @classmethod
    def parse(cls, name: str) -> Source:
        from tracker.ingest import is_url

        if is_url(name):
            return cls(name, "url")
        if name == "-":
            raise TrackerError("standard input cannot be watched: name files, folders or URLs")
        if os.path.isdir(name):
            return cls(name, "folder")
        if os.path.exists(name):
            return cls(name, "file")
        raise TrackerError(f"{name}: no such file or folder")


def _file_key(path: str) -> str:
    return os.path.abspath(path)


@dataclass
class Batch:
    """Inputs found changed in one source, and what to record once they are stored."""

    source: Source
    items: Callable[[], Iterator[Article | ReadError]]
    #: Recorded source name -> what it shows now (None: only looked at).
    states: dict[str, store.WatchState | None]
    #: Which recorded source each input path belongs to (files of a folder).
    owner: Callable[[str | None], str]
    #: How many inputs (files or answers) the batch reads.
    inputs: int = 1


@dataclass
class RoundReport:
    """What one round did."""

    number: int
    summary: BatchSummary = field(default_factory=BatchSummary)
    #: Sources that failed as a whole (a fetch, a folder that cannot be read).
    failed_sources: list[str] = field(default_factory=list)
    #: Claims folded together at the end of the round's batches, and why a
    #: batch's folding failed and was undone.
    merged: list[consolidate.Merged] = field(default_factory=list)
    not_consolidated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.summary.added or self.summary.failed)


@dataclass
class Hooks:
    """What the caller is told as a round goes (all optional)."""

    #: Each result, once its article is committed (duplicates included).
    result: Callable[[AddResult], None] | None = None
    #: A source about to be read: its name and how many inputs it reads.
    batch: Callable[[str, int], None] | None = None
    #: A source done.
    batch_done: Callable[[], None] | None = None


class Watcher:
    """Rounds over a fixed list of sources, remembering what each showed."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        sources: Sequence[Source],
        *,
        glob: str | None = None,
        fmt: str | None = None,
        timeout: float | None = None,
        workers: int | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        from tracker.ingest import fetch

        self.database = database
        self.settings = settings
        self.sources = list(sources)
        self.glob = glob
        self.fmt = fmt
        self.timeout = fetch.DEFAULT_TIMEOUT if timeout is None else timeout
        self.workers = workers
        self._client = client
        self._own_client = client is None
        self.rounds = 0

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            from tracker.ingest import fetch

            self._client = fetch.new_client(self.timeout)
        return self._client

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None

    # -- one round ------------------------------------------------------------

    def run_round(self, hooks: Hooks | None = None) -> RoundReport:
        """Look at every source once; add what is new."""
        hooks = hooks or Hooks()
        self.rounds += 1
        report = RoundReport(self.rounds)
        for source in self.sources:
            try:
                batch = self._changes(source)
            except _SourceFailed as exc:
                result = AddResult(source.name, Outcome.FAILED, error=str(exc), path=source.name)
                report.failed_sources.append(source.name)
                report.summary.count(result)
                if hooks.result is not None:
                    hooks.result(result)
                continue
            if batch is None:
                continue
            self._add(batch, report, hooks)
        return report

    def _changes(self, source: Source) -> Batch | None:
        if source.kind == "url":
            return self._url_changes(source)
        return self._file_changes(source)

    def _url_changes(self, source: Source) -> Batch | None:
        from tracker.ingest import FetchError, fetch

        with self.database.session() as session:
            known = store.watched_states(session, [source.name]).get(source.name)
        try:
            answer = fetch.fetch(
                source.name,
                max_bytes=self.settings.max_bytes,
                client=self.client,
                timeout=self.timeout,
                etag=known.etag if known else None,
                last_modified=known.last_modified if known else None,
            )
        except FetchError as exc:
            raise _SourceFailed(str(exc)) from None
        digest = hashlib.sha256(answer.content).hexdigest()
        if answer.not_modified or (known is not None and known.content_hash == digest):
            self._record({source.name: None})
            return None
        state = store.WatchState(answer.etag, answer.last_modified, digest)
        return Batch(
            source,
            lambda: fetch.read_fetched(answer, fmt=self.fmt, max_bytes=self.settings.max_bytes),
            {source.name: state},
            owner=lambda _path: source.name,
        )

    def _file_changes(self, source: Source) -> Batch | None:
        from tracker.ingest import ReadError, folder_files, read_inputs
        from tracker.ingest.reader import no_files_error

        if source.kind == "folder":
            if not os.path.isdir(source.name):
                raise _SourceFailed("no such folder (any more)")
            listed = list(folder_files(source.name, self.glob))
            unreadable = [i for i in listed if isinstance(i, ReadError)]
            if unreadable and unreadable[0].path == source.name:
                raise _SourceFailed(unreadable[0].message)
            files = [i for i in listed if not isinstance(i, ReadError)]
            if not files and not unreadable:
                raise _SourceFailed(no_files_error(source.name, self.glob).message)
        else:
            files = [source.name]
        stats = {}
        for path in files:
            try:
                st = os.stat(path)
            except OSError as exc:
                if source.kind == "file":
                    raise _SourceFailed(exc.strerror or str(exc)) from None
                continue  # gone since the folder was listed: next round
            stats[path] = store.WatchState(size=st.st_size, mtime_ns=st.st_mtime_ns)
        with self.database.session() as session:
            known = store.watched_states(session, [_file_key(p) for p in stats])
        changed = [p for p, st in stats.items() if known.get(_file_key(p)) != st]
        if not changed:
            # Nothing written: a large folder costs a listing and a stat per file.
            return None
        states: dict[str, store.WatchState | None] = {_file_key(p): stats[p] for p in changed}
        max_bytes, fmt = self.settings.max_bytes, self.fmt
        return Batch(
            source,
            lambda: read_inputs(changed, fmt=fmt, max_bytes=max_bytes),
            states,
            owner=lambda path: _file_key(path or source.name),
            inputs=len(changed),
        )

    def _add(self, batch: Batch, report: RoundReport, hooks: Hooks) -> None:
        if hooks.batch is not None:
            hooks.batch(batch.source.name, batch.inputs)
        retry: set[str] = set()
        joined: set[int] = set()
        try:
            for result in add_inputs(
                self.database, batch.items(), self.settings, workers=self.workers
            ):
                report.summary.count(result)
                joined |= consolidate.joined_claims(result)
                if result.write_failed:
                    retry.add(batch.owner(result.path))
                if hooks.result is not None:
                    hooks.result(result)
            try:
                report.merged += consolidate.after_run(self.database, self.settings, joined)
            except (SQLAlchemyError, TrackerError) as exc:
                # Undone whole: the articles are stored, and the claims are
                # looked at again when next a mention joins them.
                report.not_consolidated.append(f"{batch.source.name}: {describe_error(exc)}")
        finally:
            if hooks.batch_done is not None:
                hooks.batch_done()
        # What could not be stored is read again next round; the rest is seen.
        self._record({k: v for k, v in batch.states.items() if k not in retry})

    def _record(self, states: dict[str, store.WatchState | None]) -> None:
        if not states:
            return
        at = utcnow()
        with self.database.session() as session:
            for name in sorted(states):  # sorted: writers lock rows in one order
                store.record_watched(session, name, states[name], at=at)

    # -- rounds ---------------------------------------------------------------

    def run(
        self,
        every: float,
        *,
        hooks: Hooks | None = None,
        on_round: Callable[[RoundReport], None] | None = None,
        rounds: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Run a round every ``every`` seconds (from the start of one round to
        the start of the next; at once when a round took longer), ``rounds``
        times or until interrupted (KeyboardInterrupt, :class:`Stop`)."""
        done = 0
        while rounds is None or done < rounds:
            started = clock()
            report = self.run_round(hooks)
            done += 1
            if on_round is not None:
                on_round(report)
            if rounds is not None and done >= rounds:
                break
            sleep(max(0.0, started + every - clock()))


class _SourceFailed(Exception):
    """A whole source could not be read this round; the message is one line."""
