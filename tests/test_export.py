"""Exports (warcount/export.py): every column, one row per event, typed values, a lossless JSONL round trip."""
from __future__ import annotations

import csv
import io
import json

import pytest

from _ledger_fixtures import aleppo_shelling, khan_touman, market_a, market_b, toll
from warcount.errors import ConfigError
from warcount.export import ACLED_COLUMNS, CSV_COLUMNS, UCDP_COLUMNS, export
from warcount.store import Ledger, report_from_dict


@pytest.fixture
def ledger(tmp_path):
    led = Ledger(tmp_path / "x.db")
    for rep in (khan_touman(), market_a(), market_b(), aleppo_shelling(),
                toll("2016-05-03", 8, url="https://m.example/1"), toll("2016-05-05", 15, url="https://m.example/2")):
        led.add_report(rep)
    yield led
    led.close()


def _rows(ledger, fmt, bom=False):
    buf = io.StringIO()
    n = export(ledger, fmt, buf, bom=bom)
    text = buf.getvalue()
    if bom:
        assert text.startswith("\ufeff")
        text = text[1:]
    reader = csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC)
    header, *rows = list(reader)
    assert len(rows) == n
    return header, [dict(zip(header, r)) for r in rows]


@pytest.mark.parametrize("fmt, columns", [("csv", CSV_COLUMNS), ("acled", ACLED_COLUMNS), ("ucdp", UCDP_COLUMNS)])
def test_every_column_one_row_per_event(ledger, fmt, columns):
    header, rows = _rows(ledger, fmt, bom=True)
    assert header == columns
    assert len(rows) == ledger.count_events() == 4
    assert len({r[columns[0]] for r in rows}) == 4


def test_acled_values(ledger):
    _, rows = _rows(ledger, "acled")
    kt = next(r for r in rows if r["location"] == "Khan Touman")
    assert kt["event_date"] == "2016-05-06" and kt["year"] == 2016.0 and kt["time_precision"] == 1.0
    assert (kt["event_type"], kt["sub_event_type"]) == ("Battles", "Armed clash")
    assert (kt["country"], kt["admin1"], kt["geo_precision"]) == ("Syria", "Aleppo", 2.0)
    assert kt["fatalities"] == 35.0  # the most conservative: 11 pro-government + 24 opposition
    assert "warcount:high=580" in kt["tags"] and "warcount:conflict" in kt["tags"] and "warcount:denied" in kt["tags"]
    assert "Jam News: killed 80 (unconfirmed)" in kt["notes"]
    # ACLED codebook: actor 1 the perpetrator, actor 2 the victims as ACLED names them, never a reporting source
    assert (kt["actor1"], kt["actor2"]) == ("Jaysh al Fath", "Military Forces of Syria")
    assert "IRGC" not in kt["assoc_actor_1"] and "Jam News" not in kt["assoc_actor_1"]
    assert isinstance(kt["latitude"], float) and isinstance(kt["timestamp"], float)
    idlib = next(r for r in rows if r["location"] == "Idlib")
    assert idlib["fatalities"] == 12.0 and idlib["actor2"] == "Civilians (Syria)"
    assert idlib["sub_event_type"] == "Remote explosive/landmine/IED"


def test_ucdp_values(ledger):
    _, rows = _rows(ledger, "ucdp")
    kt = next(r for r in rows if r["where_coordinates"].startswith("Khan Touman"))
    assert (kt["best"], kt["low"], kt["high"]) == (41.0, 35.0, 580.0)
    # UCDP GED codebook: state-based violence (1), side A the government, side B the armed group
    assert (kt["type_of_violence"], kt["side_a"], kt["deaths_a"], kt["side_b"], kt["deaths_b"]) == (
        1.0, "Government of Syria", 17.0, "Jaysh al Fath", 24.0)
    assert kt["deaths_a"] + kt["deaths_b"] + kt["deaths_civilians"] + kt["deaths_unknown"] == kt["best"]
    assert (kt["date_start"], kt["date_end"], kt["date_prec"], kt["where_prec"]) == ("2016-05-06", "2016-05-06", 1.0, 2.0)
    assert kt["where_coordinates"] == "Khan Touman (southwest of Aleppo)"
    idlib = next(r for r in rows if r["where_coordinates"] == "Idlib")
    assert idlib["number_of_sources"] == 2.0 and idlib["deaths_civilians"] == 12.0


def test_csv_values(ledger):
    _, rows = _rows(ledger, "csv")
    bakery = next(r for r in rows if r["summary"].startswith("airstrike"))
    assert (bakery["killed_low"], bakery["killed_best"], bakery["killed_high"], bakery["revisions"]) == (
        15.0, 15.0, 15.0, 1.0)
    assert bakery["wounded_best"] == ""  # unknown stays empty, not zero


def test_jsonl_round_trip(ledger, tmp_path):
    first = io.StringIO()
    n = export(ledger, "jsonl", first)
    assert n == 6
    again = Ledger(tmp_path / "again.db")
    for line in first.getvalue().splitlines():
        again.add_report(report_from_dict(json.loads(line)))
    second = io.StringIO()
    export(again, "jsonl", second)
    assert second.getvalue() == first.getvalue()
    for fmt in ("csv", "acled", "ucdp"):
        assert _rows(again, fmt) == _rows(ledger, fmt)
    assert again.stats() == ledger.stats()
    again.close()


def test_round_trip_keeps_revisions(tmp_path):
    from _ledger_fixtures import ALEPPO, claim, report

    led = Ledger(tmp_path / "r.db")
    ev = dict(date="2016-05-02", date_precision="day", place=ALEPPO, summary="Aleppo attack")
    for n, word in ((5, "Five"), (7, "Seven")):
        led.add_report(report(f"{word} people were killed in Aleppo, police said.", url="https://x.example/a",
                              title="Attack in Aleppo", published="2016-05-02",
                              events=[(ev, [claim(f"{word} people were killed", "killed", n, source="police")])]))
    buf = io.StringIO()
    export(led, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [[c["figure"]["low"] for c in line["claims"]] for line in lines] == [[5], [7]]
    other = Ledger(tmp_path / "o.db")
    for line in lines:
        other.add_report(report_from_dict(line))
    assert other.documents()[0]["revisions"] == 2
    assert len(other.claims(include_superseded=True)) == 2


def test_unknown_format(ledger):
    with pytest.raises(ConfigError):
        export(ledger, "xml", io.StringIO())
