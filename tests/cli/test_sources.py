"""tracker sources on the sample corpus, and the record beside each source in history."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from ..conftest import SAMPLES
from .helpers import run

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus missing")


@pytest.fixture
def sample_db(db_url: str) -> str:
    r = CliRunner().invoke(cli, ["--db", db_url, "add", str(SAMPLES)])
    assert r.exit_code == 0, r.output
    return db_url


# The figures below come from sample_articles/labels.jsonl (which article says
# what of which story) and the dates in the articles themselves, not from a run:
#
# Capital Hebdo reported three rumours, each the first:
#   - arvel-ceo-montaubin: "pressentie" 2022-05-10; announced 2022-06-01 by
#     Financial Courier and Le Journal de l'Éco: confirmed after 22 days;
#   - valmont-harrowgate-sale: 2023-05-02 (Pitchside Business echoes it on
#     05-03); the owners deny it on 2023-05-04 (Northbridge Wire): denied after 2;
#   - helios-offshore-wind-stake-sale: 2024-03-06, a day after Financial Courier
#     (so not first); still a rumour: open.
#   Its denial of castellane-vireo (2023-09-13) is not a rumour.
#   -> 3 rumours, 2 first, 1 confirmed, 1 denied, 1 open, 0.50 (1/2), median
#      of 22 and 2 = 12 days.
# Le Quotidien des Marchés reported three, all first:
#   - castellane-vireo-acquisition: 2023-09-12; denied 09-13, then confirmed on
#     2023-10-30 (the denial overturned): confirmed after 48 days;
#   - marechal-job-cuts: 2023-11-14 ("1 500 emplois"); confirmed 2023-11-21: 7 days;
#   - its same article also says 41 stores would close, a claim no later article
#     settles: open.
#   -> 3, 3 first, 2 confirmed, 0 denied, 1 open, 1.00 (2/2), median 27.5 days.
# Pitchside Business (the newsdesk export's 2023-05-03 entry) repeated the
#   Valmont rumour a day after Capital Hebdo; denied on 05-04:
#   -> 1, 0 first, 0 confirmed, 1 denied, 0 open, 0.00 (0/1), 1 day.
# Les Affaires numériques reported three:
#   - msft-openai-10b: 2023-01-11, a day after TechWire; confirmed without the
#     figure (undisclosed) on 2023-01-23: open;
#   - paylume-series-c: "300 millions" 2023-10-03, first; confirmed at €450M on
#     2023-11-08: confirmed after 36 days;
#   - quorra-parkly-acquisition: 2024-01-16, first; completed with the terms
#     undisclosed on 2024-02-01: open.
#   -> 3, 2 first, 1 confirmed, 0 denied, 2 open, 1.00 (1/1), 36 days.
EXPECTED = {
    "Capital Hebdo": ("3", "2", "1", "1", "1", "0.50 (1/2)", "12d"),
    "Le Quotidien des Marchés": ("3", "3", "2", "0", "1", "1.00 (2/2)", "27.5d"),
    "Pitchside Business": ("1", "0", "0", "1", "0", "0.00 (0/1)", "1d"),
    "Les Affaires numériques": ("3", "2", "1", "0", "2", "1.00 (1/1)", "36d"),
}


def _table(output: str) -> dict[str, tuple[str, ...]]:
    rows = {}
    for line in output.splitlines()[2:]:
        cells = tuple(c.strip() for c in line.split("|"))
        rows[cells[0]] = cells[1:]
    return rows


def test_sources_on_the_sample_corpus_match_the_hand_count(sample_db: str) -> None:
    r = run(["--db", sample_db, "sources"])
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines()[0].split() == [
        "outlet", "|", "rumours", "|", "first", "|", "confirmed", "|", "denied", "|",
        "open", "|", "hit", "rate", "|", "median", "days",
    ]  # fmt: skip
    rows = _table(r.stdout)
    for outlet, want in EXPECTED.items():
        assert rows[outlet] == want, outlet
    # Every outlet that reported a rumour, and only those.
    assert set(rows) == {
        "Capital Hebdo",
        "Le Quotidien des Marchés",
        "Les Affaires numériques",
        "The Ledger Daily",
        "Financial Courier",
        "TechWire — Deals & Products",
        "Pitchside Business",
        "TechWire",
    }


def test_sources_json_explains_each_figure(sample_db: str) -> None:
    r = run(["--db", sample_db, "sources", "--json"])
    data = {d["outlet"]: d for d in json.loads(r.stdout)}
    capital = data["Capital Hebdo"]
    assert {k: capital[k] for k in ("rumours", "first", "confirmed", "denied", "open")} == {
        "rumours": 3,
        "first": 2,
        "confirmed": 1,
        "denied": 1,
        "open": 1,
    }
    assert capital["hit_rate"] == 0.5 and capital["median_days"] == 12.0
    assert capital["spellings"] == ["Capital Hebdo"]
    assert [(c["reported_on"], c["ending"], c["days"]) for c in capital["claims"]] == [
        ("2022-05-10", "confirmed", 22),
        ("2023-05-02", "denied", 2),
        ("2024-03-06", "open", None),
    ]
    assert data["TechWire"]["hit_rate"] is None


def test_sources_as_of_and_since(sample_db: str) -> None:
    # On 2023-09-12 Castellane was still a rumour; on 2023-09-20 it was denied.
    rows = _table(run(["--db", sample_db, "sources", "--as-of", "2023-09-12"]).stdout)
    assert rows["Le Quotidien des Marchés"][:5] == ("1", "1", "0", "0", "1")
    rows = _table(run(["--db", sample_db, "sources", "--as-of", "2023-09-20"]).stdout)
    assert rows["Le Quotidien des Marchés"][2:7] == ("0", "1", "0", "0.00 (0/1)", "1d")
    rows = _table(run(["--db", sample_db, "sources", "--since", "2023-11-01"]).stdout)
    assert rows["Le Quotidien des Marchés"] == ("2", "2", "1", "0", "1", "1.00 (1/1)", "7d")
    assert "Pitchside Business" not in rows
    r = run(["--db", sample_db, "sources", "--as-of", "2020-01-01"])
    assert (r.code, r.stdout) == (0, "No rumours reported on or before 2020-01-01.\n")
    r = run(["--db", sample_db, "sources", "--since", "someday"])
    assert r.code == 2 and "cannot read 'someday' as a date" in r.stderr


def test_outlet_spellings_are_grouped(db_url: str, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [
        ("Les Échos", "2023-03-01", "Acme Corp is in talks to buy Beta Systems for $50 million, "
         "according to people familiar with the matter."),
        ("LES ECHOS", "2023-03-02", "Acme Corp is reportedly nearing a deal to buy Beta Systems "
         "for $50 million, people close to the talks said."),
        ("Les Echos", "2023-03-02", "Acme Corp is in talks to buy Beta Systems for $50 million, "
         "according to people familiar with the matter."),
        ("Wire", "2023-03-20", "Acme Corp said on Monday it had agreed to buy Beta Systems for "
         "$50 million."),
    ]  # fmt: skip
    for i, (source, date, body) in enumerate(texts):
        (folder / f"{i}.txt").write_text(
            f"title: Acme and Beta {i}\nsource: {source}\ndate: {date}\n\n{body}\n",
            encoding="utf-8",
        )
    r = run(["--db", db_url, "add", str(folder)])
    assert r.code == 0, r.stderr
    r = run(["--db", db_url, "sources", "--json"])
    [echos] = [d for d in json.loads(r.stdout) if d["outlet"] != "Wire"]
    # Three articles under three spellings (one a copy of the first's text):
    # one outlet, one rumour, dated by its first article.
    assert echos["spellings"] == ["LES ECHOS", "Les Echos", "Les Échos"]
    assert (echos["rumours"], echos["confirmed"], echos["median_days"]) == (1, 1, 19.0)


def test_history_shows_each_sources_record(sample_db: str) -> None:
    r = run(["--db", sample_db, "history", "castellane", "vireo"])
    assert r.code == 0, r.stderr
    header = [c.strip() for c in r.stdout.splitlines()[2].split("|")]
    assert header[:3] == ["date", "source", "record"]
    records = {}
    for line in r.stdout.splitlines()[4:]:
        cells = [c.strip() for c in line.split("|")]
        if cells[1]:
            records[cells[1]] = cells[2]
    assert records == {
        "Le Quotidien des Marchés": "2/2",
        "Capital Hebdo": "1/2",
        "Northbridge Wire": "-",  # never reported a rumour
        "Le Journal de l'Éco": "-",
        "Financial Courier": "1/1",
    }
    # As of a date, the record is the one known then.
    r = run(["--db", sample_db, "history", "castellane", "vireo", "--as-of", "2023-09-30"])
    assert "| Le Quotidien des Marchés | 0/1    |" in r.stdout
