"""The ledger commands (warcount/cli/ledger.py) through click's runner."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from _ledger_fixtures import khan_touman, market_a, market_b
from warcount.cli import main
from warcount.export import ACLED_COLUMNS
from warcount.store import Ledger

SEED = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "khan-touman-2016.txt"


@pytest.fixture
def db(tmp_path) -> str:
    """A ledger filled by a JSONL file of hand-made reports, ingested through the command."""
    path = tmp_path / "reports.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for rep in (khan_touman(), market_a(), market_b()):
            fh.write(json.dumps(rep.as_dict() | {"document": {**rep.document, "text": rep.cleaned.text}}) + "\n")
    ledger = str(tmp_path / "cli.db")
    res = CliRunner().invoke(main, ["ingest", str(path), "--db", ledger])
    assert res.exit_code == 0, res.output
    assert "documents: 3 new" in res.output and "events: 2 added, 1 merged" in res.output
    return ledger


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_events_table_and_filters(db):
    out = run("events", "--db", db).output
    ids = [e["id"] for e in json.loads(run("events", "--db", db, "--format", "json").output)]
    assert "2 event(s)" in out and "Idlib" in out and all(i in out for i in ids)
    rows = json.loads(run("events", "--db", db, "--format", "json", "--search", "market").output)
    assert [r["place"]["name"] for r in rows] == ["Idlib"]
    lines = run("events", "--db", db, "--format", "jsonl", "--kind", "captured").output.splitlines()
    assert [json.loads(x)["date"] for x in lines] == ["2016-05-06"]
    assert json.loads(run("events", "--db", db, "--format", "json", "--country", "Iraq").output) == []
    assert len(json.loads(run("events", "--db", db, "--format", "json", "--since", "2016-05-07").output)) == 1


def test_db_from_environment(db):
    out = run("events", "--format", "json", env={"WARCOUNT_DB": db}).output
    assert len(json.loads(out)) == 2


def test_event_side_by_side(db):
    kt = json.loads(run("events", "--db", db, "--format", "json", "--source", "Jam").output)[0]
    out = CliRunner().invoke(main, ["event", kt["id"], "--db", db], env={"COLUMNS": "250"}).output
    for text in ("Claims, side by side", "Jam News", "unconfirmed", "acknowledged", "Estimates", "Conflicts",
                 "Denials", "Hezbollah denies", "Cumulative tallies", "between 400 and 700"):
        assert text in out, text
    detail = json.loads(run("event", kt["id"], "--db", db, "--format", "json").output)
    pg = detail["event"]["casualties"]["killed"]["pro-government"]
    assert (pg["low"], pg["best"], pg["high"]) == (11, 17, 80)
    assert [c["scope"] for c in detail["cumulative"]] == ["cumulative"]


def test_unknown_event_is_an_error(db):
    res = CliRunner().invoke(main, ["event", "ev-nope", "--db", db])
    assert res.exit_code == 4 and "no event" in res.output


def test_claims_and_sources(db):
    rows = json.loads(run("claims", "--db", db, "--format", "json", "--source", "kayhan").output)
    assert [(r["figure"]["low"], r["status"]) for r in rows] == [(500, "claimed")]
    assert "monitoring group" in run("sources", "--db", db).output
    sources = {s["name"]: s for s in json.loads(run("sources", "--db", db, "--format", "json").output)}
    # killed: monitoring group 25 over civil defence 12; wounded: civil defence 30 over "dozens" (24+)
    assert (sources["monitoring group"]["highest"], sources["monitoring group"]["lowest"]) == (1, 1)
    assert (sources["civil defence"]["highest"], sources["civil defence"]["lowest"]) == (1, 1)
    assert sources["Jam News"]["highest"] == 1 and sources["Jam News"]["figures"] == 1


def test_export_files(db, tmp_path):
    out = tmp_path / "acled.csv"
    res = run("export", "--db", db, "--format", "acled", "--out", str(out))
    assert "exported 2 row(s)" in res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM so spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ACLED_COLUMNS and len(rows) == 2
    assert not (tmp_path / "acled.csv.part").exists()
    jl = run("export", "--db", db, "--format", "jsonl").output
    assert len([x for x in jl.splitlines() if x.startswith("{")]) == 3


def test_jsonl_round_trip_through_commands(db, tmp_path):
    first = tmp_path / "one.jsonl"
    run("export", "--db", db, "--format", "jsonl", "--out", str(first))
    other = str(tmp_path / "other.db")
    assert run("ingest", str(first), "--db", other).exit_code == 0
    second = tmp_path / "two.jsonl"
    run("export", "--db", other, "--format", "jsonl", "--out", str(second))
    assert first.read_text("utf-8") == second.read_text("utf-8")
    again = run("ingest", str(first), "--db", other)
    assert "documents: 0 new, 0 revised, 3 unchanged" in again.output


def test_bad_record_reported_and_batch_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    rep = market_a()
    good = json.dumps(rep.as_dict() | {"document": {**rep.document, "text": rep.cleaned.text}})
    path.write_text(good + "\n" + '{"document": {}, "claims": [{"nope": 1}]}\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "m.db")])
    assert res.exit_code == 1
    assert "mixed.jsonl:2: not a warcount report line" in res.output
    assert "documents: 1 new" in res.output
    with Ledger(tmp_path / "m.db") as led:
        assert led.stats()["documents"] == 1


def test_every_command_has_help():
    for name in ("ingest", "events", "event", "claims", "sources", "export"):
        res = run(name, "--help")
        assert res.exit_code == 0 and "--db" in res.output


# --- with the real extractor -----------------------------------------------------------


def _extractor_ready() -> bool:
    try:
        import warcount.claims  # noqa: F401
        import warcount.events  # noqa: F401
        import warcount.read  # noqa: F401
    except ImportError:
        return False
    return SEED.is_file()


needs_extractor = pytest.mark.skipif(not _extractor_ready(), reason="extractor or seed corpus not available")


@needs_extractor
def test_seed_twice_and_changed_copy(tmp_path):
    db = str(tmp_path / "seed.db")
    assert run("ingest", str(SEED), "--db", db).exit_code == 0
    again = run("ingest", str(SEED), "--db", db)
    assert "documents: 0 new, 0 revised, 1 unchanged" in again.output
    copy = tmp_path / "khan-touman-copy.txt"
    text = SEED.read_text("utf-8")
    copy.write_text(text.replace("Jaysh al Fath", "the Army of Conquest (Jaysh al Fath)", 1), encoding="utf-8")
    res = run("ingest", str(copy), "--db", db)
    assert "documents: 0 new, 1 revised" in res.output
    with Ledger(db) as led:
        [doc] = led.documents()
        assert doc["revisions"] == 2
        claims = led.claims(limit=None)
        keys = [(c.kind, c.figure.low, c.figure.high, c.source.name, c.evidence) for c in claims]
        assert len(keys) == len(set(keys))
        kt = [e for e in led.events() if e.date == "2016-05-06"]
        assert kt and kt[0].place.country == "Syria" and kt[0].place.admin1 == "Aleppo"
