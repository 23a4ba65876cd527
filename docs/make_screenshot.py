"""Make docs/report.png: the sample corpus's report, as a headless Chromium shows it.

    python docs/make_screenshot.py [--out docs/report.png] [--width 1200] [--height 2000]

The sample articles go into a temporary database, `tracker report` writes the
page as of 2024-06-30 (so the picture does not move with today's date), and
the browser the tests use takes the screenshot.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    p.add_argument("--width", type=int, default=1200)
    p.add_argument("--height", type=int, default=2000)
    p.add_argument("--as-of", default="2024-06-30")
    a = p.parse_args()
    if browser.chromium() is None:
        print("needs chromium (or chromium-browser) on PATH", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="tracker-docs-") as tmp:
        db, page = Path(tmp) / "sample.db", Path(tmp) / "report.html"
        tracker = [sys.executable, "-m", "tracker", "--db", str(db)]
        subprocess.run([*tracker, "add", str(ROOT / "sample_articles")], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        subprocess.run([*tracker, "report", "-o", str(page), "--as-of", a.as_of], check=True)
        browser.screenshot(page, a.out, a.width, a.height)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
