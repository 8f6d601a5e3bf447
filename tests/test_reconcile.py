"""Merging events across documents and flagging what the sources disagree on (warcount/reconcile.py).

Which events are one happening is tested in test_merge.py (matching, model, clustering)."""
from __future__ import annotations

from dataclasses import replace

from _ledger_fixtures import IDLIB, aleppo_shelling, khan_touman, market_a, market_b, toll
from warcount import reconcile
from warcount.model import Claim, Event, Figure, Place, Source
from warcount.store import Ledger


def ev(eid: str, date: str | None, place: Place | None, *, precision: str = "day", actors=(), summary: str = "") -> Event:
    return Event(id=eid, date=date, date_precision=precision, place=place, actors=list(actors), summary=summary)


def cl(cid: str, n: int, source: str, *, status: str = "reported", side: str = "civilians", kind: str = "killed",
       evidence: str = "") -> Claim:
    return Claim(id=cid, kind=kind, figure=Figure(n, n, str(n)), victim="people", source=Source(source),
                 status=status, victim_side=side, evidence=evidence)


def test_two_outlets_one_attack_merge_with_conflict():
    led = Ledger.memory()
    led.add_report(market_a())
    res = led.add_report(market_b())
    assert res.events_merged == 1 and res.events_added == 0
    [event] = led.events()
    detail = led.event(event.id)
    assert {c.source.name for c in detail.claims} == {"civil defence", "monitoring group"}
    assert [m["reason"] for m in detail.merges][0].startswith("dates 2016-05-10 and 2016-05-10")
    assert "same place Idlib" in detail.merges[0]["reason"]
    [conflict] = detail.conflicts
    assert conflict["kind"] == "killed" and "factor of 2.1" in conflict["detail"]
    killed = event.casualties["killed"]["civilians"]
    assert (killed.low, killed.high) == (12, 25)


def test_same_day_different_cities_stay_apart():
    led = Ledger.memory()
    led.add_report(market_a())
    res = led.add_report(aleppo_shelling())
    assert res.events_added == 1 and res.events_merged == 0
    assert sorted(e.place.name for e in led.events()) == ["Aleppo", "Idlib"]


def test_source_revises_toll_upward():
    led = Ledger.memory()
    led.add_report(toll("2016-05-03", 8, url="https://m.example/1"))
    led.add_report(toll("2016-05-05", 15, url="https://m.example/2"))
    [event] = led.events()
    detail = led.event(event.id)
    [rev] = detail.revisions
    assert "revised upward" in rev["detail"] and "8 (2016-05-03) -> 15 (2016-05-05)" in rev["detail"]
    est = event.casualties["killed"]["civilians"]
    assert (est.low, est.best, est.high) == (15, 15, 15)  # the replaced figure leaves the estimate
    assert detail.conflicts == []  # one source revising itself is not two sources disagreeing


def test_merge_events_keeps_finer_date_and_place():
    base = ev("a", "2016-05-01", Place("Idlib province", "Idlib", "Syria", None, None, "admin1"), precision="month",
              actors=["X"])
    other = ev("b", "2016-05-10", IDLIB, actors=["Y", "X"])
    out = reconcile.merge_events(base, other)
    assert (out.id, out.date, out.date_precision, out.place.precision, out.actors) == (
        "a", "2016-05-10", "day", "point", ["X", "Y"])


def test_summarize_flags_and_keeps_parts_and_tallies_out():
    claims = [cl("a", 10, "A"), cl("b", 30, "B"), cl("d", 0, "C", status="denied"),
              replace(cl("p", 3, "A"), part_of="a"), replace(cl("t", 900, "T"), scope="cumulative")]
    s = reconcile.summarize(claims)
    assert sorted(f.type for f in s.flags) == ["conflict", "denial"]
    est = s.casualties["killed"]["civilians"]
    assert (est.low, est.high) == (10, 30) and set(est.claims) == {"a", "b"}


def test_no_conflict_under_factor_two():
    s = reconcile.summarize([cl("a", 10, "A"), cl("b", 19, "B")])
    assert s.flags == []


def test_revision_downward_and_same_day_is_not_revision():
    dates = {"a": "2016-05-01", "b": "2016-05-02", "c": "2016-05-02"}
    s = reconcile.summarize([cl("a", 20, "Ministry"), cl("b", 14, "the ministry")], dates)
    assert [f.type for f in s.flags] == ["revision"] and "downward" in s.flags[0].detail
    s = reconcile.summarize([cl("b", 20, "Ministry"), cl("c", 14, "Ministry")], dates)
    assert [f.type for f in s.flags] == []


def test_khan_touman_event_in_ledger():
    led = Ledger.memory()
    led.add_report(khan_touman())
    [event] = led.events()
    assert (event.date, event.place.admin1, event.place.country) == ("2016-05-06", "Aleppo", "Syria")
    killed = event.casualties["killed"]
    assert (killed["pro-government"].low, killed["pro-government"].best, killed["pro-government"].high) == (11, 17, 80)
    assert (killed["opposition"].low, killed["opposition"].best, killed["opposition"].high) == (24, 24, 500)
    assert event.casualties["captured"]["pro-government"].denied
