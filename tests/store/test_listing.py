"""store/listing.py: listings of claims, their filters, sorts and counts."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import corrections, store
from tracker.status import Status

D = dt.date


@pytest.fixture
def three(session, make) -> dict[str, int]:
    """Three claims told over January and February 2023, one article each day given."""
    ids = {}
    for name, kind, parties, days in [
        ("acme", "acquisition", ["acme corp", "globex"], [(D(2023, 1, 2), Status.RUMOR)]),
        (
            "initech",
            "layoffs",
            ["initech"],
            [(D(2023, 1, 5), Status.RUMOR), (D(2023, 2, 20), Status.CONFIRMED)],
        ),
        ("hooli", "acquisition", ["hooli"], [(D(2023, 2, 1), Status.DENIED)]),
    ]:
        cid = ids[name] = make.claim(name, kind=kind, parties=parties)
        store.add_terms(session, cid, {f"pt:{t}": 1 for p in parties for t in p.split()})
        for day, status in days:
            make.mention(make.article(day, source=f"{name} {day}"), cid, status)
        corrections.refresh_claim(session, cid)
    return ids


def ids(rows) -> list[int]:
    return [r.claim.id for r in rows]


def test_filters_and_sorts(session, three) -> None:
    acme, initech, hooli = three["acme"], three["initech"], three["hooli"]
    every = store.ClaimFilter()
    assert ids(store.list_claims(session, every)) == [initech, hooli, acme]  # last seen first
    assert ids(store.list_claims(session, every, sort="first_seen")) == [acme, initech, hooli]
    assert ids(store.list_claims(session, every, sort="id")) == [acme, initech, hooli]
    assert ids(store.list_claims(session, every, limit=1)) == [initech]
    by = store.ClaimFilter
    assert ids(store.list_claims(session, by(kind="acquisition"))) == [hooli, acme]
    assert ids(store.list_claims(session, by(entity="Acme"))) == [acme]
    assert ids(store.list_claims(session, by(entity="acme globex"))) == [acme]
    assert ids(store.list_claims(session, by(since=D(2023, 2, 1)))) == [initech, hooli]
    open_ = by(statuses=(Status.RUMOR, Status.DENIED))
    assert ids(store.list_claims(session, open_, limit=5)) == [hooli, acme]  # merged per status
    assert store.count_matching(session, open_) == 2
    assert store.count_matching(session, every) == 3


def test_rows_count_articles_and_outlets(session, three) -> None:
    (row,) = store.list_claims(session, store.ClaimFilter(entity="initech"))
    assert (row.status, row.first_seen, row.last_seen) == (
        Status.CONFIRMED,
        D(2023, 1, 5),
        D(2023, 2, 20),
    )
    assert row.mentions == 2
    assert row.sources == ["initech 2023-01-05", "initech 2023-02-20"]


def test_as_of_a_date_rederives_status_dates_and_counts(session, three) -> None:
    as_of = store.ClaimFilter(as_of=D(2023, 1, 31))
    rows = {r.claim.id: r for r in store.list_claims(session, as_of)}
    assert set(rows) == {three["acme"], three["initech"]}  # hooli was not known yet
    then = rows[three["initech"]]
    assert (then.status, then.last_seen, then.mentions) == (Status.RUMOR, D(2023, 1, 5), 1)
    assert store.count_matching(session, as_of) is None
    rumors_then = store.ClaimFilter(as_of=D(2023, 3, 1), statuses=(Status.RUMOR,))
    assert ids(store.list_claims(session, rumors_then)) == [three["acme"]]


def test_claim_rows_in_chunks(session, make, monkeypatch) -> None:
    monkeypatch.setattr(store.listing, "ROW_CHUNK", 2)
    claims = []
    for i in range(5):
        cid = make.claim(f"c{i}")
        make.mention(make.article(), cid)
        claims.append(store.get_claim(session, cid))
    rows = store.claim_rows(session, claims)
    assert [r.claim.id for r in rows] == [c.id for c in claims]
    assert all(r.mentions == 1 for r in rows)


def test_counts(session, three) -> None:
    assert store.counts(session) == {"articles": 4, "claims": 3, "mentions": 4}
