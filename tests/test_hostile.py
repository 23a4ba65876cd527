"""Hostile input: pathological files finish with a clear outcome, and text that
looks like SQL, shell or terminal commands is stored verbatim and printed safely."""

from __future__ import annotations

import csv
import io
import json
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.extract import extract, parse_amounts
from tracker.ingest import ReadError, read_inputs


@contextmanager
def bounded(seconds: int):
    """Fail (rather than hang the suite) if the block runs away."""

    def alarm(_signum, _frame):
        raise AssertionError(f"did not finish within {seconds}s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def read_one(path: Path, **kw) -> list:
    with bounded(120):
        return list(read_inputs([str(path)], **kw))


def test_huge_single_line_file_is_refused_by_size(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.write(b"word " * (10 * 1024 * 1024 // 5))
    items = read_one(p)
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "limit" in items[0].message and "--max-size" in items[0].message


def test_long_single_sentence_is_extracted_in_bounded_time() -> None:
    text = "Acme Corp " + "and more words " * 200_000 + "bought Beta for $5 million."
    with bounded(120):
        ex = extract(text, language="en")
    assert ex.text == text


def test_ten_thousand_digit_number_is_not_an_amount() -> None:
    with bounded(30):
        found = parse_amounts("It paid $" + "9" * 10_000 + " for it.", "en")
    assert all(a.value is None or a.value < 1e16 for a, _s, _e in found)


def test_deeply_nested_html(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text(
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * 5000
        + "<p>Norvane Robotics has agreed to acquire Fjordgrip for $180 million in cash, "
        "the company said on Tuesday, in a deal expected to close this summer.</p>"
        + "</div>" * 5000
        + "</body></html>"
    )
    items = read_one(p)
    assert len(items) == 1  # an article or one clear error, never a crash


def test_feed_with_many_entries_streams_out_all(tmp_path: Path) -> None:
    entries = "".join(
        f"<item><title>Entry {i}</title><guid>g{i}</guid><description>Company {i} "
        f"raised $ {i} million.</description><pubDate>Mon, 06 Mar 2023 10:00:00 GMT</pubDate>"
        "</item>"
        for i in range(5000)
    )
    p = tmp_path / "big.xml"
    p.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{entries}'
        "</channel></rss>"
    )
    items = read_one(p)
    assert len(items) == 5000
    assert {i.external_id for i in items} == {f"g{i}" for i in range(5000)}


@pytest.mark.parametrize(
    "text",
    [
        "نفت الشركة التقارير عن صفقة استحواذ بقيمة 3 مليارات دولار",  # right-to-left
        "Acme\u202eCorp\u202c bought Beta\u200b Systems for $5 million.",  # bidi controls
        "Mixed \x00\x01\x02 control \x1b[31m characters",
        "\ufeff\ufeffdouble BOM",
    ],
)
def test_odd_text_extracts_without_error(text: str) -> None:
    ex = extract(text, title="t", language=None)
    assert ex.text.endswith(text)


def test_mixed_encodings_are_decoded_or_refused_clearly(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("title: Société Générale\n\nLa société a annoncé un accord.\n".encode("cp1252"))
    items = read_one(p)
    assert not isinstance(items[0], ReadError)
    assert "Société" in (items[0].title or "")
    assert any("UTF-8" in w for w in items[0].warnings)


INJECTION_TITLE = "Robert'); DROP TABLE claims;-- $(rm -rf ~) `reboot` <script>x</script>"
INJECTION_BODY = (
    "Acme Corp has agreed to buy Beta Systems for $5 million; "
    '\'; DELETE FROM articles; -- "quoted", commas, and \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ '
    'and a bell\x07 and =HYPERLINK("http://x") in a cell.'
)


def test_injection_is_stored_verbatim_and_printed_safely(db_url: str, tmp_path: Path) -> None:
    p = tmp_path / "inject.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": "x1",
                "title": INJECTION_TITLE,
                "body": INJECTION_BODY,
                "date": "2023-02-01",
                "source": "Evil; rm -rf /",
                "lang": "en",
            }
        )
        + "\n"
    )
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "add", str(p)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--db", db_url, "show", "1", "--json"])
    data = json.loads(r.output)
    assert data["title"] == INJECTION_TITLE
    assert data["source"] == "Evil; rm -rf /"
    # Tables survive (the SQL in the text was data, not a statement).
    r = runner.invoke(cli, ["--db", db_url, "claims", "--json"])
    assert r.exit_code == 0
    for args in (["show", "1"], ["claims"], ["history", "1"], ["export", "--format", "jsonl"]):
        out = runner.invoke(cli, ["--db", db_url, *args]).output
        assert "\x1b" not in out and "\x07" not in out, args
    r = runner.invoke(cli, ["--db", db_url, "export", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert rows and all(row["article_id"] == "1" for row in rows)
    assert any("DELETE FROM articles" in row["quote"] for row in rows) or rows[0]["title"] == (
        INJECTION_TITLE
    )
