"""Corrections (warcount/corrections.py, the overlay in store.py, ``warcount correct``).

The scenario the issue asks for: two reports the machine keeps apart, merged by an analyst,
then both re-ingested and one revised; the merge must hold, undo must restore the state before
it, the log must list every correction with its reason, and a ledger rebuilt from the JSONL
export must show the same corrected events.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from _ledger_fixtures import IDLIB, aleppo_shelling, claim, khan_touman, market_a, report
from warcount import corrections as corr
from warcount import store
from warcount.cli import main
from warcount.errors import InputError
from warcount.model import Report
from warcount.store import Ledger


def run(*args: str, ok: bool = True):
    res = CliRunner().invoke(main, list(args), env={"COLUMNS": "250", "USER": "tester"}, catch_exceptions=False)
    if ok:
        assert res.exit_code == 0, res.output
    return res


def jsonl(path: Path, *reports: Report) -> str:
    with path.open("w", encoding="utf-8") as fh:
        for rep in reports:
            fh.write(json.dumps(rep.as_dict() | {"document": {**rep.document, "text": rep.cleaned.text}}) + "\n")
    return str(path)


MARKET_A2 = ("A car bomb tore through the central market of Idlib on Tuesday. Fourteen people were killed and "
             "30 wounded, the civil defence said. Rescuers were still searching the rubble on Wednesday.")


def market_a_revised() -> Report:
    """The same page (same URL) updated: the toll rises, the wounded sentence stays."""
    return report(MARKET_A2, url="https://a.example/idlib-market", title="Car bomb kills 14 in Idlib market",
                  published="2016-05-10",
                  events=[(dict(type="bombing", date="2016-05-10", date_precision="day", place=IDLIB,
                                summary="car bomb in the central market of Idlib"),
                           [claim("Fourteen people were killed", "killed", 14, source="civil defence",
                                  source_kind="official"),
                            claim("30 wounded", "wounded", 30, source="civil defence", source_kind="official")])])


def events_json(db: str) -> list[dict]:
    return json.loads(run("events", "--db", db, "--format", "json").output)


def snapshot(db: str) -> list[dict]:
    """Every event as the views show it, with its claims' corrected fields: what undo must restore."""
    with Ledger(db) as ledger:
        out = []
        for e in ledger.events(limit=None):
            d = ledger.event(e.id)
            out.append({"event": e.as_dict(), "claims": sorted((c.as_dict() for c in d.claims), key=lambda c: c["id"]),
                        "rejected": sorted(c.id for c in d.rejected), "conflicts": d.conflicts})
        return out


@pytest.fixture
def apart(tmp_path) -> tuple[str, str, str, Path]:
    """A ledger with the Idlib market bombing and the Aleppo school shelling: the machine keeps them apart."""
    src = Path(jsonl(tmp_path / "two.jsonl", market_a(), aleppo_shelling()))
    db = str(tmp_path / "c.db")
    run("ingest", str(src), "--db", db)
    evs = events_json(db)
    assert len(evs) == 2, "the machine keeps the two reports apart"
    by_place = {e["place"]["name"]: e["id"] for e in evs}
    return db, by_place["Idlib"], by_place["Aleppo"], src


def test_merge_survives_reingest_and_a_new_revision(apart, tmp_path) -> None:
    db, idlib, aleppo, src = apart
    out = run("correct", "merge", idlib, aleppo, "--why", "one attack: the school report misplaced it", "--db", db,
              "--who", "ana").output
    assert "[applied]" in out
    assert [e["id"] for e in events_json(db)] == [idlib]

    run("ingest", str(src), "--db", db)  # both again: unchanged
    res = run("ingest", jsonl(tmp_path / "rev.jsonl", market_a_revised()), "--db", db)
    assert "1 revised" in res.output
    evs = events_json(db)
    assert len(evs) == 1, evs
    detail = json.loads(run("event", evs[0]["id"], "--db", db, "--format", "json").output)
    sources = {c["source"]["name"] for c in detail["claims"]}
    assert sources == {"civil defence", "health directorate"}
    killed = sorted(c["figure"]["low"] for c in detail["claims"] if c["kind"] == "killed")
    assert killed == [4, 14], "the revised toll replaced 12, the merged report's 4 is beside it"
    assert detail["machine"]["merged_from"], "the view says which machine events were merged"
    assert [c["op"] for c in detail["corrections"]] == ["merge"]
    assert detail["corrections"][0]["reason"] == "one attack: the school report misplaced it"
    est = detail["event"]["casualties"]["killed"]["all"]
    assert est["high"] == 14 and len(est["claims"]) == 2, "the estimate weighs both reports' figures"
    # the merged-away id still finds the merged event
    assert json.loads(run("event", aleppo, "--db", db, "--format", "json").output)["event"]["id"] == evs[0]["id"]
    table = run("event", evs[0]["id"], "--db", db).output
    assert "merged by an analyst from" in table and "one attack: the school report misplaced it" in table
    # the machine's own reading is still there, untouched
    machine = json.loads(run("claims", "--db", db, "--machine", "--format", "json").output)
    assert len({c["event_id"] for c in machine}) == 2
    # a document that touches no corrected event leaves the overlay as a full recompute makes it
    run("ingest", jsonl(tmp_path / "kt.jsonl", khan_touman()), "--db", db)
    quick = snapshot(db)
    with Ledger(db) as ledger:
        ledger._transaction(store._recorrect)
    assert snapshot(db) == quick and len(quick) == 2


def test_events_list_marks_the_corrected_events(apart) -> None:
    """``warcount events`` says which events an analyst changed, in the table and in JSON."""
    db, idlib, aleppo, _ = apart
    assert [e["corrected"] for e in events_json(db)] == [False, False]
    assert " *" not in run("events", "--db", db).output
    run("correct", "set-event", aleppo, "date", "2016-05-08", "--why", "the school says Sunday", "--db", db)
    marks = {e["id"]: e["corrected"] for e in events_json(db)}
    assert marks == {idlib: False, aleppo: True}
    table = run("events", "--db", db).output
    assert f"{aleppo} *" in table and f"{idlib} *" not in table
    assert "changed by an analyst's correction" in table
    line = json.loads(run("events", "--db", db, "--format", "jsonl", "--search", "school").output.splitlines()[0])
    assert line["id"] == aleppo and line["corrected"] is True


def test_undo_restores_the_state_before(apart) -> None:
    db, idlib, aleppo, _ = apart
    before = snapshot(db)
    run("correct", "merge", idlib, aleppo, "--why", "same", "--db", db)
    with Ledger(db) as ledger:
        claim_id = ledger.event(idlib).claims[0].id
    run("correct", "set", claim_id, "side", "pro-government", "--why", "soldiers, per the ministry", "--db", db)
    assert snapshot(db) != before
    run("correct", "undo", "2", "--db", db)
    run("correct", "undo", "1", "--db", db)
    assert snapshot(db) == before
    res = run("correct", "undo", "1", "--db", db, ok=False)
    assert res.exit_code == 3 and "already undone" in res.output


def test_log_lists_every_correction_with_its_reason(apart) -> None:
    db, idlib, aleppo, _ = apart
    with Ledger(db) as ledger:
        claims = [c.id for c in ledger.claims(limit=None)]
    steps = [("merge", idlib, aleppo, "--why", "why-merge"),
             ("reject", claims[0], "--why", "why-reject"),
             ("restore", claims[0], "--why", "why-restore"),
             ("set", claims[1], "figure", "25-30", "--why", "why-figure"),
             ("set-event", idlib, "type", "airstrike", "--why", "why-type"),
             ("undo", "5", "--why", "why-undo")]
    for step in steps:
        run("correct", *step, "--db", db)
    rows = json.loads(run("correct", "log", "--db", db, "--format", "json").output)
    assert [r["op"] for r in rows] == ["merge", "reject", "restore", "set", "set-event"]
    assert [r["reason"] for r in rows] == ["why-merge", "why-reject", "why-restore", "why-figure", "why-type"]
    assert all(r["who"] == "tester" for r in rows), "who defaults to $USER"
    assert rows[-1]["state"] == "undone" and rows[0]["state"] == "applied"
    table = run("correct", "log", "--db", db).output
    for why in ("why-merge", "why-reject", "why-restore", "why-figure", "why-type"):
        assert why in table


def test_export_jsonl_rebuilds_the_same_corrected_events(apart, tmp_path) -> None:
    db, idlib, aleppo, _ = apart
    with Ledger(db) as ledger:
        wounded = next(c.id for c in ledger.claims(limit=None) if c.kind == "wounded")
        killed = next(c.id for c in ledger.claims(limit=None) if c.figure.low == 4)
    run("correct", "merge", idlib, aleppo, "--why", "same", "--db", db)
    run("correct", "reject", wounded, "--why", "a double count", "--db", db)
    run("correct", "set", killed, "side", "pro-government", "--why", "soldiers", "--db", db)
    run("correct", "set-event", idlib, "place", "Maarat al-Numan", "--country", "Syria", "--lat", "35.64",
        "--lon", "36.67", "--why", "the village, not the city", "--db", db)
    for fmt in ("csv", "acled", "ucdp"):  # the event exports read the corrected ledger
        rows = run("export", "--format", fmt, "--db", db).output
        assert "Maarat al-Numan" in rows and "35.64" in rows, fmt
    out = tmp_path / "export.jsonl"
    run("export", "--format", "jsonl", "--out", str(out), "--db", db)
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert sum("correction" in x for x in lines) == 4
    rebuilt = str(tmp_path / "rebuilt.db")
    res = run("ingest", str(out), "--db", rebuilt)
    assert "corrections: 4 added" in res.output
    assert snapshot(rebuilt) == snapshot(db)
    assert snapshot(db)[0]["event"]["place"]["name"] == "Maarat al-Numan"
    run("ingest", str(out), "--db", rebuilt)  # twice: nothing doubles
    assert len(json.loads(run("correct", "log", "--db", rebuilt, "--format", "json").output)) == 4


def test_a_correction_whose_claim_a_revision_dropped_is_reported(apart, tmp_path) -> None:
    db, idlib, _, _ = apart
    with Ledger(db) as ledger:
        twelve = next(c.id for c in ledger.claims(limit=None) if c.figure.low == 12)
    run("correct", "set", twelve, "status", "unconfirmed", "--why", "one source only", "--db", db)
    res = run("ingest", jsonl(tmp_path / "rev.jsonl", market_a_revised()), "--db", db)
    assert "correction 1" in res.output and "no longer applies" in res.output
    rows = json.loads(run("correct", "log", "--db", db, "--format", "json").output)
    assert rows[0]["state"] == "orphaned" and "no longer in the ledger" in rows[0]["detail"]


def test_reject_set_and_split_change_the_estimates(tmp_path) -> None:
    ledger = Ledger(tmp_path / "k.db")
    ledger.add_report(khan_touman())
    ev = ledger.events()[0]
    d = ledger.event(ev.id)
    by_source = {c.source.name: c for c in d.claims}
    assert ev.casualties["killed"]["pro-government"].high == 80
    ledger.add_correction("reject", by_source["Jam News"].id, who="ana", reason="no second source")
    d = ledger.event(ev.id)
    assert d.event.casualties["killed"]["pro-government"].high == 17
    assert [c.source.name for c in d.rejected] == ["Jam News"]
    assert d.machine["claims"][by_source["Jam News"].id]["rejected"]["corrected"] is True
    assert ledger.claims(source="Jam News") == [] and len(ledger.claims(source="Jam News", include_rejected=True)) == 1

    ledger.add_correction("set", by_source["Kayhan"].id, "figure", "50", who="ana", reason="misread")
    ledger.add_correction("set", by_source["Kayhan"].id, "source", "Kayhan daily", who="ana", reason="full name")
    d = ledger.event(ev.id)
    kayhan = next(c for c in d.claims if c.id == by_source["Kayhan"].id)
    assert (kayhan.figure.low, kayhan.source.name) == (50, "Kayhan daily")
    assert d.machine["claims"][kayhan.id]["figure"] == {"machine": "500", "corrected": "50"}
    assert any(s["name"] == "Kayhan daily" for s in ledger.sources())

    moved = [by_source["Kayhan"].id, by_source["Tasnim"].id]
    c = ledger.add_correction("split", ev.id, who="ana", reason="a separate clash", claims=moved)
    assert c.state == "applied" and c.value == corr.split_id(moved)
    ids = {e.id for e in ledger.events()}
    assert ids == {ev.id, c.value}
    split = ledger.event(c.value)
    assert {x.source.name for x in split.claims} == {"Kayhan daily", "Tasnim"}
    assert "opposition" not in ledger.event(ev.id).event.casualties["killed"]
    with pytest.raises(InputError, match="at least one claim"):
        ledger.add_correction("split", c.value, who="ana", claims=moved)
    ledger.undo_correction(c.id, who="ana")
    assert {e.id for e in ledger.events()} == {ev.id}
    ledger.close()


def test_bad_corrections_name_what_is_wrong(apart) -> None:
    db, idlib, aleppo, _ = apart
    with Ledger(db) as ledger:
        cid = ledger.claims(limit=None)[0].id
        cases = [(("merge", idlib), dict(value=idlib), "itself"),
                 (("merge", idlib), dict(value="ev-nothere"), "no such event"),
                 (("set", cid, "figure"), dict(value="many"), "not a figure"),
                 (("set", cid, "kind"), dict(value="hurt"), "not a kind"),
                 (("set", cid, "date"), dict(value="2016-13-01"), "not a calendar date"),
                 (("set", cid, "colour"), dict(value="red"), "unknown field"),
                 (("set-event", idlib, "place"), dict(value={"name": "X", "latitude": 95, "longitude": 1}),
                  "not on the globe"),
                 (("reject", "cl-"), {}, "more than one"),
                 (("frobnicate", idlib), {}, "unknown correction")]
        for args, kw, message in cases:
            with pytest.raises(InputError, match=message):
                ledger.add_correction(*args, who="ana", **kw)
        assert ledger.corrections() == []
    res = run("correct", "reject", "cl-zzzz", "--why", "x", "--db", db, ok=False)
    assert res.exit_code == 3 and "no such claim" in res.output


@pytest.mark.parametrize("field,raw,value", [
    ("figure", "12", {"low": 12, "high": 12}),
    ("figure", "10-15", {"low": 10, "high": 15}),
    ("figure", "24+", {"low": 24, "high": None}),
    ("date", "2016-05", {"date": "2016-05-01", "precision": "month"}),
    ("date", "2016", {"date": "2016-01-01", "precision": "year"}),
    ("status", "Acknowledged", "acknowledged"),
    ("side", " Civilians ", "civilians"),
], ids=lambda v: str(v))
def test_parse_value(field: str, raw: str, value) -> None:
    assert corr.parse_value("set", field, raw) == value


def test_merge_anchors_on_documents_when_every_claim_is_gone() -> None:
    """The second event's only claim was replaced by a revision: its document still finds it."""
    machine = corr.Machine(event_of={"a1": "A", "b2": "B2"}, members={"A": ["a1"], "B2": ["b2"]},
                           active={"a1", "b2"}, by_document={"doc-b": ["b2"]})
    c = corr.Correction(1, "merge", "A", value="B", anchor={"a": {"claims": ["a1"], "documents": ["doc-a"]},
                                                            "b": {"claims": ["b1"], "documents": ["doc-b"]}})
    out = corr.apply([c], machine)
    assert out.groups["A"].claims == ["a1", "b2"] and out.replaced == {"A": "A", "B2": "A"}
    assert out.states[1] == ("applied", "its claims are gone; found by document")
    gone = corr.apply([c], corr.Machine(event_of={"a1": "A"}, members={"A": ["a1"]}, active={"a1"}))
    assert gone.states[1][0] == "orphaned" and gone.groups == {}


def test_views_follow_a_later_migration_that_adds_a_column(tmp_path, monkeypatch) -> None:
    """Another helper's migration adding a column reaches the corrected views without editing them."""
    extra = ("0999_test_extra_columns", "ALTER TABLE events ADD COLUMN confidence REAL; "
                                        "ALTER TABLE claims ADD COLUMN certainty TEXT")
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, extra])
    with Ledger(tmp_path / "x.db") as ledger:
        ledger.add_report(market_a())
        ledger.add_report(aleppo_shelling())
        a, b = (e.id for e in ledger.events())
        ledger.add_correction("merge", a, value=b, who="ana")
        rows = ledger._q("SELECT id, confidence FROM v_events")
        assert [r["id"] for r in rows] == [a]
        assert {r["certainty"] for r in ledger._q("SELECT certainty FROM v_claims")} == {None}


def test_split_then_merge_and_set_event_compose(tmp_path) -> None:
    with Ledger(tmp_path / "s.db") as ledger:
        ledger.add_report(khan_touman())
        ledger.add_report(aleppo_shelling())
        kt = next(e for e in ledger.events() if e.place.name == "Khan Touman")
        aleppo = next(e for e in ledger.events() if e.place.name == "Aleppo")
        kayhan = ledger.claims(source="Kayhan")[0].id
        split = ledger.add_correction("split", kt.id, who="ana", claims=[kayhan]).value
        assert ledger.event(split).event.place.name == "Khan Touman", "a split keeps its origin's place"
        ledger.add_correction("merge", split, value=aleppo.id, who="ana")
        merged = ledger.event(aleppo.id)
        assert merged.event.id == split and merged.event.place.name == "Khan Touman"
        assert {c.source.name for c in merged.claims} == {"Kayhan", "health directorate"}
        ledger.add_correction("set-event", split, "date", "2016-05", who="ana", reason="month only")
        ev = ledger.event(split).event
        assert (ev.date, ev.date_precision) == ("2016-05-01", "month")
        assert ledger.event(split).machine["event"]["date"] == {"machine": "2016-05-06", "corrected": "2016-05-01"}
        assert len(ledger.events()) == 2 and kayhan not in ledger.event(kt.id).event.claims
        states = [c.state for c in ledger.corrections()]
        assert states == ["applied", "applied", "applied"]
