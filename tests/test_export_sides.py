"""Issue 14, exports: ACLED actors and UCDP GED sides as their codebooks define them, on texts
written for the purpose (tests/data/conflict/)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from warcount.export import export
from warcount.pipeline import process
from warcount.read import read_content
from warcount.store import Ledger

DATA = Path(__file__).parent / "data" / "conflict"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    led = Ledger(tmp_path_factory.mktemp("x") / "x.db")
    for path in sorted(DATA.glob("*.txt")):
        led.add_report(process(read_content(path.read_bytes(), origin=str(path))))
    yield led
    led.close()


def _rows(ledger, fmt):
    buf = io.StringIO()
    export(ledger, fmt, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    return None, rows


def _row(rows, words):
    return next(r for r in rows if words in (r.get("notes", "") + r.get("source_article", "")))


def test_acled_actor1_is_the_perpetrator_not_the_reporter(ledger):
    _, rows = _rows(ledger, "acled")
    bombing = _row(rows, "inside a mosque")
    assert bombing["actor1"] == "al-Shabaab"  # claimed responsibility: the perpetrator
    assert "Police" not in bombing["actor1"] and bombing["assoc_actor_1"] == ""
    assert bombing["actor2"] == "Civilians (Somalia)"
    shelling = _row(rows, "struck a bus stop")
    assert (shelling["actor1"], shelling["actor2"]) == ("Military Forces of Russia", "Civilians (Ukraine)")
    city = _row(rows, "residential districts")
    assert city["actor1"] == "Military Forces of Russia"
    assert city["actor2"] == "Civilians (Ukraine)" and city["assoc_actor_2"] == "Military Forces of Ukraine"
    strike = _row(rows, "crowded market")
    assert (strike["actor1"], strike["actor2"]) == ("Military Forces of Syria", "Civilians (Syria)")
    assert int(strike["fatalities"]) == 12  # the most conservative of the rival figures, not 40 + 12 + 27
    battle = _row(rows, "combatants killed")
    assert (battle["event_type"], battle["actor1"], battle["actor2"]) == ("Battles", "Houthis",
                                                                           "Military Forces of Yemen")
    assert not any(r["actor2"] in ("Targets", "Attackers") for r in rows)


def test_ucdp_sides_and_deaths_per_the_codebook(ledger):
    _, rows = _rows(ledger, "ucdp")
    for r in rows:
        parts = sum(int(r[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
        assert parts == int(r["best"]), r
    bombing = _row(rows, "Suicide bomber kills worshippers")
    assert (bombing["type_of_violence"], bombing["side_a"], bombing["side_b"]) == ("3", "al-Shabaab", "Civilians")
    assert int(bombing["deaths_civilians"]) == 7 and int(bombing["best"]) == 10
    assert "ministry" not in bombing["side_a"].lower()
    governor = _row(rows, "Missile strike on Kharkiv")
    assert int(governor["deaths_civilians"]) == 7
    strike = _row(rows, "Airstrike on market town")
    assert (int(strike["low"]), int(strike["best"]), int(strike["high"])) == (12, 27, 40)
    assert strike["side_a"] == "Government of Syria" and "ministry" not in strike["side_a"]
    battle = _row(rows, "Fighting rages")
    assert (battle["type_of_violence"], battle["side_a"], battle["side_b"]) == ("1", "Government of Yemen", "Houthis")
