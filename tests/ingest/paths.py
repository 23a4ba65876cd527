"""Where the test inputs live."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The team's shared seed articles, beside the repository (may be absent).
SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
