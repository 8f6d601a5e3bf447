"""The SQLite ledger (warcount/store.py): identity, revisions, transactions, migrations, read API."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from _ledger_fixtures import (ALEPPO, KHAN_TOUMAN_TEXT, aleppo_shelling, claim, khan_touman, market_a, market_b,
                              report)
from warcount.errors import LedgerError
from warcount.store import MIGRATIONS, Ledger, report_from_dict


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "ledger.db") as led:
        yield led


def test_wal_and_migrations_recorded(ledger):
    mode = ledger._q("PRAGMA journal_mode")[0][0]
    assert mode == "wal"
    assert ledger.migrations() == [name for name, _ in MIGRATIONS]


def test_same_content_twice_changes_nothing(ledger):
    first = ledger.add_report(khan_touman())
    before = ledger.stats()
    again = ledger.add_report(khan_touman())
    assert first.status == "new" and again.status == "unchanged"
    assert again.document_id == first.document_id
    after = ledger.stats()
    assert {k: v for k, v in after.items()} == before


def test_changed_copy_is_a_revision_without_duplicate_claims(ledger):
    ledger.add_report(khan_touman())
    ledger.add_report(khan_touman())
    changed = KHAN_TOUMAN_TEXT.replace("A spokesman said", "A spokesman for the 25th Karbala Division said")
    copy = khan_touman()
    copy = replace(copy, document={**copy.document, "origin": "copy-of-khan-touman.txt",
                                   "id": "another-hash"})
    copy.cleaned.text = changed
    res = ledger.add_report(copy)
    assert res.status == "revision" and res.revision == 2
    docs = ledger.documents()
    assert len(docs) == 1 and docs[0]["revisions"] == 2
    assert ledger.stats()["claims"] == 9  # the same nine claims, not eighteen
    assert ledger.stats()["superseded_claims"] == 0
    assert len(ledger.events()) == 1


def test_same_url_new_content_supersedes_gone_claims(ledger):
    text1 = "Five people were killed in Aleppo on Monday, police said. Two others were wounded."
    text2 = "Seven people were killed in Aleppo on Monday, police said. Two others were wounded."
    ev = dict(date="2016-05-02", date_precision="day", place=ALEPPO, summary="Aleppo attack")

    def rep(text, n):
        return report(text, url="https://x.example/a", title="Attack in Aleppo", published="2016-05-02",
                      events=[(ev, [claim(f"{'Five' if n == 5 else 'Seven'} people were killed", "killed", n,
                                          source="police"),
                                    claim("Two others were wounded", "wounded", 2, source="police")])])

    ledger.add_report(rep(text1, 5))
    res = ledger.add_report(rep(text2, 7))
    assert (res.status, res.revision, res.claims_added, res.claims_superseded) == ("revision", 2, 1, 1)
    [event] = ledger.events()
    assert event.casualties["killed"]["civilians"].best == 7
    assert len(ledger.claims(include_superseded=True)) == 3
    doc = ledger.document(res.document_id)
    assert doc["text"] == text2 and len(doc["revision_list"]) == 2
    assert [c["figure"]["low"] for c in doc["superseded_claims"]] == [5]


def test_failure_leaves_ledger_as_it_was(ledger, monkeypatch):
    ledger.add_report(market_a())
    before = ledger.stats()
    from warcount import reconcile

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(reconcile, "summarize", boom)
    with pytest.raises(RuntimeError):
        ledger.add_report(market_b())
    assert ledger.stats() == before
    monkeypatch.undo()
    assert ledger.add_report(market_b()).status == "new"


def test_read_api_shapes(ledger):
    ledger.add_report(khan_touman())
    ledger.add_report(market_a())
    ledger.add_report(aleppo_shelling())
    events = ledger.events()
    assert [e.date for e in events] == ["2016-05-10", "2016-05-10", "2016-05-06"]
    assert ledger.count_events() == 3
    assert [e.place.name for e in ledger.events(country="syria", since="2016-05-07", search="market")] == ["Idlib"]
    assert [e.date for e in ledger.events(kind="captured")] == ["2016-05-06"]
    assert [e.date for e in ledger.events(source="kayhan")] == ["2016-05-06"]
    assert ledger.events(until="2016-05-01") == []
    assert len(ledger.events(limit=1, offset=2)) == 1

    kt = ledger.events(source="Jam News")[0]
    detail = ledger.event(kt.id)
    d = detail.as_dict()
    assert set(d) >= {"event", "claims", "conflicts", "revisions", "denials", "merges", "documents"}
    assert set(d["event"]) == set(kt.as_dict())
    pg = detail.event.casualties["killed"]["pro-government"]
    assert (pg.low, pg.best, pg.high) == (11, 17, 80)
    by_id = {c.id: c for c in detail.claims}
    assert by_id[pg.high_claims[0]].source.name == "Jam News"
    assert by_id[pg.best_claims[0]].status == "acknowledged"
    assert [f["claims"][0] for f in detail.denials] == [c.id for c in detail.claims if c.status == "denied"]
    # the cumulative tally stays outside every event
    [tally] = ledger.claims(scope="cumulative")
    assert tally.event_id is None and tally.id not in kt.claims
    assert ledger.event("ev-nope") is None

    sources = {s["name"]: s for s in ledger.sources()}
    assert sources["Jam News"]["highest"] == 1 and sources["Harakat al Nujaba"]["lowest"] == 1
    assert sources["IRGC"]["figures"] == 2
    stats = ledger.stats()
    assert stats["documents"] == 3 and stats["events"] == 3 and stats["claims"] == 12
    doc = ledger.document(detail.documents[0]["id"])
    c = next(c for c in doc["claims"] if c["source"]["name"] == "Jam News")
    assert doc["text"][c["evidence_start"]:c["evidence_end"]] == c["evidence"]


def test_memory_ledger():
    led = Ledger.memory()
    led.add_report(market_a())
    assert led.stats()["events"] == 1


OLD_SCHEMA = MIGRATIONS[:1]


def test_old_ledger_opens_in_newer_version(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    import warcount.store as store

    monkeypatch.setattr(store, "MIGRATIONS", OLD_SCHEMA)
    old = Ledger(path)
    assert old.migrations() == ["0001_initial"]
    old.close()
    with sqlite3.connect(path) as db:
        cols = {r[1] for r in db.execute("PRAGMA table_info(estimates)")}
        assert "high_open" not in cols
    monkeypatch.undo()
    with Ledger(path) as new:
        assert new.migrations() == [name for name, _ in MIGRATIONS]
        new.add_report(khan_touman())
        assert new.events()[0].casualties["killed"]["opposition"].best == 24


def test_not_a_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LedgerError):
        Ledger(bad)


def test_locked_database_is_retried(tmp_path):
    path = tmp_path / "busy.db"
    Ledger(path).close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    led = Ledger(path)
    led._db.execute("PRAGMA busy_timeout = 50")  # sqlite gives up fast; the ledger retries with backoff

    import threading

    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    t0 = time.monotonic()
    assert led.add_report(market_a()).status == "new"
    assert time.monotonic() - t0 >= 0.25
    holder.close()
    led.close()


def test_report_from_dict_rejects_garbage():
    with pytest.raises(ValueError):
        report_from_dict({"claims": []})


# --- a killed ingest -------------------------------------------------------------------

KILL_SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {tests!r})
    from warcount.store import Ledger, report_from_dict
    led = Ledger({db!r})
    for i, line in enumerate(open({src!r}, encoding="utf-8")):
        led.add_report(report_from_dict(json.loads(line)))
        print(i, flush=True)
""")


def _many_reports(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            day = f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}"
            text = (f"Report {i}: an attack in town number {i} killed {i % 40 + 1} people and wounded "
                    f"{i % 17 + 2}, officials said. " + "Background paragraph. " * 40)
            place = replace(ALEPPO, name=f"Town {i}", latitude=30 + i * 0.5 % 10, longitude=40 + i * 0.37 % 10)
            rep = report(text, url=f"https://x.example/{i}", title=f"Attack {i}", published=day,
                         events=[(dict(date=day, date_precision="day", place=place, summary=f"attack {i}"),
                                  [claim(f"killed {i % 40 + 1} people", "killed", i % 40 + 1, source=f"outlet {i % 7}"),
                                   claim(f"wounded {i % 17 + 2}", "wounded", i % 17 + 2, source=f"outlet {i % 7}")])])
            fh.write(json.dumps(rep.as_dict() | {"document": {**rep.document, "text": text}}) + "\n")


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path):
    n = 400
    src, db = tmp_path / "reports.jsonl", tmp_path / "kill.db"
    _many_reports(src, n)
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), db=str(db), src=str(src))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    done = 0
    for line in proc.stdout:  # type: ignore[union-attr]
        done = int(line) + 1
        if done >= 60:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Ledger(db) as led:
        partial = led.stats()["documents"]
    assert done <= partial < n
    rerun = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with Ledger(db) as led:
        stats = led.stats()
        assert (stats["documents"], stats["revisions"], stats["claims"]) == (n, n, 2 * n)
        assert led._q("SELECT count(*) FROM (SELECT evidence, document_id FROM claims "
                      "GROUP BY evidence, document_id HAVING count(*) > 1)")[0][0] == 0
