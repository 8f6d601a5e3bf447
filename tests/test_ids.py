"""Issue 14, item 6: one id form per record across the CLI, API, exports and pages; lookups
accept the id without its prefix and any unique prefix."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warcount.cli import main
from warcount.export import export
from warcount.pipeline import process
from warcount.read import read_content
from warcount.store import Ledger

DATA = Path(__file__).parent / "data" / "conflict"


@pytest.fixture
def ledger(tmp_path):
    led = Ledger(tmp_path / "x.db")
    for path in sorted(DATA.glob("*.txt")):
        led.add_report(process(read_content(path.read_bytes(), origin=str(path))))
    yield led
    led.close()


def test_extract_report_uses_the_record_forms() -> None:
    report = process(read_content((DATA / "suicide-bombing.txt").read_bytes(), origin="x.txt"))
    doc = report.document
    assert doc["id"].startswith("doc-") and len(doc["id"]) == 20 and len(doc["content_hash"]) == 64
    assert all(c.id.startswith("cl-") and c.document_id == doc["id"] for c in report.claims)
    assert all(e.id.startswith("ev-") and len(e.id) == 15 for e in report.events)
    ids = {c.id for c in report.claims}
    assert all(c.part_of in ids for c in report.claims if c.part_of)
    assert all(c.event_id in {e.id for e in report.events} for c in report.claims if c.event_id)
    for e in report.events:
        for est in e.casualties["killed"].values():
            assert set(est.claims) <= ids


def test_lookups_accept_a_bare_or_prefix_id(ledger) -> None:
    ev = ledger.events(limit=1)[0]
    bare = ev.id.removeprefix("ev-")
    for given in (ev.id, bare, bare[:6], ev.id[:9]):
        assert ledger.event(given).event.id == ev.id
    doc = ledger.documents(limit=1)[0]
    assert ledger.document(doc["id"].removeprefix("doc-")[:8])["id"] == doc["id"]
    assert ledger.claims(event=bare)  # the claims filter resolves too
    assert ledger.event("ev-") is None and ledger.event("zzzz") is None


def test_cli_event_by_bare_id_and_ambiguous_prefix(ledger, tmp_path) -> None:
    db = ledger.path
    ev = ledger.events(limit=1)[0]
    runner = CliRunner()
    out = runner.invoke(main, ["event", "--db", db, ev.id.removeprefix("ev-")])
    assert out.exit_code == 0, out.output
    assert ev.id in out.output
    out = runner.invoke(main, ["event", "--db", db, "ev-"])
    assert out.exit_code != 0


def test_export_document_id_is_the_ledger_id(ledger) -> None:
    buf = io.StringIO()
    export(ledger, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    doc_ids = {d["id"] for d in ledger.documents(limit=None)}
    for line in lines:
        assert line["document"]["id"] in doc_ids and len(line["document"]["content_hash"]) == 64
        assert {c["document_id"] for c in line["claims"]} <= {line["document"]["id"]}


def test_api_and_pages_accept_a_bare_id(ledger) -> None:
    from fastapi.testclient import TestClient

    from warcount.web import create_app

    ev = ledger.events(limit=1)[0]
    client = TestClient(create_app(ledger.path), base_url="http://127.0.0.1")
    bare = ev.id.removeprefix("ev-")
    assert client.get(f"/api/events/{bare}").json()["event"]["id"] == ev.id
    assert client.get(f"/events/{bare[:8]}").status_code == 200
