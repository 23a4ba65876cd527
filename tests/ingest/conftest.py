"""Shared helpers for the reader tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tracker.ingest import Article, ReadError, read_inputs

Reader = Callable[..., list[Article | ReadError]]


@pytest.fixture
def read() -> Reader:
    """``read(path_or_paths, **options)`` -> the full list of results."""

    def _read(paths: Any, **options: Any) -> list[Article | ReadError]:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        return list(read_inputs([str(p) for p in paths], **options))

    return _read


@pytest.fixture
def read_one(read: Reader) -> Callable[..., Article]:
    """Read a single input that must give exactly one article."""

    def _read_one(path: Any, **options: Any) -> Article:
        results = read(path, **options)
        assert len(results) == 1, results
        assert isinstance(results[0], Article), results[0]
        return results[0]

    return _read_one


@pytest.fixture
def read_error(read: Reader) -> Callable[..., ReadError]:
    """Read a single input that must give exactly one error."""

    def _read_error(path: Any, **options: Any) -> ReadError:
        results = read(path, **options)
        assert len(results) == 1, results
        assert isinstance(results[0], ReadError), results[0]
        return results[0]

    return _read_error
