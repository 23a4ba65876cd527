"""The code passes ruff (lint and format) and mypy, as configured in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def _ruff() -> list[str]:
    exe = shutil.which("ruff")
    if exe:
        return [exe]
    try:
        import ruff  # noqa: F401
    except ImportError:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return [sys.executable, "-m", "ruff"]


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(args: list[str]) -> None:
    result = subprocess.run(
        [*_ruff(), *args, "tracker", "tests", "migrations", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_and_data_file_ships() -> None:
    """A non-editable install carries every package of tracker/ and its data
    files: pyproject.toml lists each package, and each folder's data suffixes."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    root = Path(__file__).resolve().parent.parent
    setup = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    listed = set(setup["packages"])
    found = {
        ".".join(p.parent.relative_to(root).parts) for p in (root / "tracker").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
    data = setup.get("package-data", {})
    for toml in (root / "tracker").rglob("*.toml"):
        package = ".".join(toml.parent.relative_to(root).parts)
        assert "*.toml" in data.get(package, []), f"{toml} is not shipped"


def test_mypy() -> None:
    """The package type-checks ([tool.mypy]: strict, Python 3.10) with no error."""
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


#: A module longer than this is doing more than one thing: split it by concern.
MAX_MODULE_LINES = 400


def test_every_module_stays_readable() -> None:
    lines = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((ROOT / "tracker").rglob("*.py"))
    }
    assert lines, "no module found"
    assert {name: n for name, n in lines.items() if n > MAX_MODULE_LINES} == {}


def test_every_package_ships_in_the_wheel() -> None:
    """[tool.setuptools] lists its packages by hand: a new folder must be added there."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    with (ROOT / "pyproject.toml").open("rb") as fh:
        listed = set(tomllib.load(fh)["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "tracker").rglob("__init__.py")
    }
    assert found - listed == set()
