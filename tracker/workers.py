"""Extraction in worker processes, in input order, with bounded memory.

Extraction is pure (text in, mentions out) and costs about as much as all the
database work of an article, so a long ``tracker add`` hands it to worker
processes while the main process links and writes. Results come back in the
order of the input, so a parallel run stores exactly what a serial run stores.

Workers are forked from the main process once it has extracted a few articles
itself: they inherit its compiled lexicons instead of compiling their own, and
a short run (one file, a handful of articles) never starts a pool at all.
Forking is used on Linux only; elsewhere extraction stays in the main process.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.errors import TrackerError, first_line

if TYPE_CHECKING:
    from tracker.extract import Extraction
    from tracker.ingest import ReadError
    from tracker.ingest.article import Article as InputArticle

#: Articles the main process extracts itself before starting workers.
WARMUP_ARTICLES = 16
#: Articles sent to a worker at a time, and chunks in flight per worker: enough
#: to keep workers busy, few enough that memory does not grow with the input.
#: Of those, at most ``CHUNKS_SUBMITTED`` per worker are handed to the pool;
#: the others wait here, where this process can take them when it would
#: otherwise wait (see :meth:`ExtractStream.__next__`). A submitted chunk is
#: never taken back: cancelling a pool's future can break the pool when a
#: worker dies (CPython before 3.12).
CHUNK_ARTICLES = 8
CHUNKS_IN_FLIGHT = 5
CHUNKS_SUBMITTED = 3


@dataclass
class Prepared:
    """One input on its way to the linker: an article and its extraction, or
    why it failed (``error``), with the item it came from."""

    item: InputArticle | ReadError
    article: InputArticle | None = None
    extraction: Extraction | None = None
    error: str | None = None
    #: How to name a failed input when it is not an article (a read error).
    label: str | None = None


def auto_workers() -> int:
    """Worker processes for a long batch: one per spare core, at least one
    where forking is available (the main process waits on the database part of
    the time), none where it is not."""
    if not can_fork():
        return 0
    try:
        cores = len(os.sched_getaffinity(0))  # the cores this process may use
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(4, cores - 1))


def can_fork() -> bool:
    return sys.platform.startswith("linux")


def describe_error(exc: BaseException) -> str:
    """The one line a user sees for an article that could not be processed."""
    if isinstance(exc, TrackerError):
        return str(exc)
    # Database errors and bugs alike: the article is not stored, the batch goes on.
    return f"{type(exc).__name__}: {first_line(exc)[:300]}"


def extract_article(article: InputArticle) -> Extraction:
    """The claims an article makes. Pure: run it before the write transaction
    begins (here or in a worker), so other writers are not kept waiting while
    text is analysed."""
    from tracker.extract import extract  # the extraction package loads its lexicons lazily

    return extract(
        article.body,
        title=article.title,
        language=article.language,
        reference_year=article.published.year if article.published else None,
        source=article.source,
        trace=False,
    )


def _extract_one(article: InputArticle) -> tuple[Extraction | None, str | None]:
    try:
        return extract_article(article), None
    except Exception as exc:  # reported for this article; the batch goes on
        return None, describe_error(exc)


def _worker_init(parent: int) -> None:
    import signal

    # Ctrl-C reaches the whole process group: the main process handles it (and
    # stops the pool); a worker printing its own traceback would only be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A main process killed outright (SIGKILL, out of memory) cannot stop its
    # pool: ask the kernel to end this worker with it, rather than leave it
    # waiting forever on a queue nobody will write to.
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the main process died before prctl took hold
        os._exit(1)


#: ``prctl`` option: the signal a process receives when its parent dies.
PR_SET_PDEATHSIG = 1


#: In place of a chunk's job: this process extracted the chunk itself; the
#: chunk waits to be handed to the pool.
_HERE = object()
_WAITING = object()


def _is_job(job: Any) -> bool:
    """A pool's future (not None, :data:`_HERE` or :data:`_WAITING`)."""
    return job is not None and job is not _HERE and job is not _WAITING


def _extract_chunk(articles: list[InputArticle]) -> list[tuple[Extraction | None, str | None]]:
    return [_extract_one(a) for a in articles]


class ExtractStream:
    """Iterate :class:`Prepared` inputs: read, prepared and extracted.

    ``ready()`` says whether the next one is available without waiting, so the
    caller can commit its work before it would sit idle.
    """

    def __init__(
        self,
        items: Iterable[InputArticle | ReadError],
        *,
        prepare: Callable[[InputArticle], InputArticle] | None = None,
        workers: int = 0,
    ) -> None:
        self._items = iter(items)
        self._prepare = prepare
        self._workers = workers if can_fork() else 0
        self._pool: Any = None
        self._queue: deque[tuple[list[Prepared], Any]] = deque()
        self._buffer: deque[Prepared] = deque()
        self._seen = 0
        self._exhausted = False

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    # -- the input side -------------------------------------------------------

    def _next_input(self) -> Prepared | None:
        """The next input, prepared but not extracted (None at the end)."""
        from tracker.ingest import ReadError

        if self._exhausted:
            return None
        try:
            item = next(self._items)
        except StopIteration:
            self._exhausted = True
            return None
        self._seen += 1
        if isinstance(item, ReadError):
            return Prepared(item, error=item.message, label=item.where)
        try:
            article = self._prepare(item) if self._prepare else item
        except Exception as exc:
            return Prepared(item, error=describe_error(exc))
        return Prepared(item, article=article)

    def _fill(self) -> None:
        """Keep ``CHUNKS_IN_FLIGHT`` chunks per worker read ahead, the oldest
        ``CHUNKS_SUBMITTED`` per worker of them handed to the pool."""
        while (
            self._pool is not None
            and len(self._queue) < CHUNKS_IN_FLIGHT * self._workers
            and not self._exhausted
        ):
            chunk: list[Prepared] = []
            while len(chunk) < CHUNK_ARTICLES:
                p = self._next_input()
                if p is None:
                    break
                chunk.append(p)
            if not chunk:
                break
            has_work = any(p.article is not None for p in chunk)
            self._queue.append((chunk, _WAITING if has_work else None))
        self._submit()

    def _submit(self) -> None:
        """Hand waiting chunks to the pool, oldest first, while fewer than
        ``CHUNKS_SUBMITTED`` per worker are unfinished there."""
        if self._pool is None:
            return
        busy = sum(1 for _, job in self._queue if _is_job(job) and not job.done())
        for i, (chunk, job) in enumerate(self._queue):
            if busy >= CHUNKS_SUBMITTED * self._workers:
                break
            if job is not _WAITING:
                continue
            todo = [p.article for p in chunk if p.article is not None]
            try:
                self._queue[i] = (chunk, self._pool.submit(_extract_chunk, todo))
            except Exception:  # the pool broke: what waits is done here
                self._stop_pool()
                return
            busy += 1

    def _start_pool(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Fork start: every worker is created now, before the pool starts its
        # own threads, and inherits the lexicons compiled by the warm-up.
        ctx = multiprocessing.get_context("fork")
        try:
            self._pool = ProcessPoolExecutor(
                self._workers, mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(),)
            )
        except (OSError, ImportError, NotImplementedError):
            # No process pool here (no /dev/shm, a sandbox): extract in this process.
            self._pool = None
            self._workers = 0

    def _stop_pool(self, *, kill: bool = False) -> None:
        if self._pool is None:
            return
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        if kill:
            # Closed early (Ctrl-C, an error): work in flight is not wanted, and
            # an extraction stuck on some input must not keep the user waiting.
            for proc in processes:
                proc.terminate()
        self._pool.shutdown(wait=not kill, cancel_futures=True)
        for proc in processes:
            proc.join(timeout=5)
        self._pool = None
        self._workers = 0

    # -- the output side ------------------------------------------------------

    def ready(self) -> bool:
        """True when the next input can be had without waiting on a worker."""
        if self._buffer or not self._queue:
            return True
        job = self._queue[0][1]
        return not _is_job(job) or job.done()

    def _take_back(self) -> bool:
        """Rather than wait for the chunk at the head, extract here the last
        chunk still waiting to be handed to the pool: this process's idle time
        goes to extraction, and results still come in input order. False when
        no chunk waits."""
        for i in range(len(self._queue) - 1, 0, -1):
            chunk, job = self._queue[i]
            if job is not _WAITING:
                continue
            self._extracted(chunk, None)
            self._queue[i] = (chunk, _HERE)
            return True
        return False

    def __iter__(self) -> Iterator[Prepared]:
        return self

    def __next__(self) -> Prepared:
        if self._buffer:
            return self._buffer.popleft()
        if (
            self._pool is None
            and self._workers
            and self._seen >= WARMUP_ARTICLES
            and not self._exhausted
        ):
            self._start_pool()
        self._fill()
        while self._pool is not None and not self.ready() and self._take_back():
            pass
        if self._queue:
            chunk, job = self._queue.popleft()
            if job is not _HERE:
                self._extracted(chunk, job if _is_job(job) else None)
            self._buffer.extend(chunk)
            self._fill()
            return self._buffer.popleft()
        single = self._next_input()
        if single is None:
            raise StopIteration
        if single.article is not None:
            single.extraction, single.error = _extract_one(single.article)
        return single

    def _extracted(self, chunk: list[Prepared], job: Any) -> None:
        """Give each article of ``chunk`` its extraction: ``job``'s answer, or
        (None, or a pool that died) extracted here."""
        todo = [p for p in chunk if p.article is not None]
        for p, (extraction, error) in zip(todo, self._collect(todo, job), strict=True):
            p.extraction, p.error = extraction, error

    def _collect(self, todo: list[Prepared], job: Any) -> list[tuple[Any, str | None]]:
        if job is not None:
            try:
                results: list[tuple[Any, str | None]] = job.result()
                return results
            except Exception:
                # A worker died (killed, out of memory) or its answer could not
                # be sent back: from here on, extraction happens in this process.
                self._stop_pool()
        return [_extract_one(p.article) for p in todo if p.article is not None]

    def close(self) -> None:
        """Stop the workers: at once, if inputs are left (the caller gave up)."""
        early = bool(self._queue or self._buffer or not self._exhausted)
        self._queue.clear()
        self._buffer.clear()
        self._stop_pool(kill=early)
