"""Corrections through the JSON API and the event page's forms, and the events map (in-process)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from _ledger_fixtures import aleppo_shelling, khan_touman, market_a
from test_corrections import market_a_revised
from warcount.config import Options
from warcount.store import Ledger
from warcount.web import create_app
from warcount.web.charts import MapPoint, dot_radius, map_svg

BASE = "http://127.0.0.1:8000"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    with Ledger(path) as ledger:
        ledger.add_report(market_a())
        ledger.add_report(aleppo_shelling())
    return path


def _ids(c: TestClient) -> dict[str, str]:
    return {e["place"]["name"]: e["id"] for e in c.get("/api/events").json()}


def _csrf(page_text: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', page_text)
    assert m
    return m.group(1)


def test_api_merge_survives_reingest_and_revision(db: Path) -> None:
    with TestClient(create_app(db), base_url=BASE) as c:
        ids = _ids(c)
        assert len(ids) == 2
        r = c.post("/api/corrections/merge", json={"target": ids["Idlib"], "value": ids["Aleppo"],
                                                   "reason": "one attack", "who": "ana"})
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "applied" and r.json()["event"] == ids["Idlib"]
        with Ledger(db) as other:  # another process re-ingests both and a new revision of one
            other.add_report(market_a())
            other.add_report(aleppo_shelling())
            assert other.add_report(market_a_revised()).status == "revision"
        events = c.get("/api/events").json()
        assert len(events) == 1
        d = c.get(f"/api/events/{ids['Aleppo']}").json()
        assert d["event"]["id"] == events[0]["id"]
        assert {x["source"]["name"] for x in d["claims"]} == {"civil defence", "health directorate"}
        assert d["machine"]["merged_from"] and d["corrections"][0]["reason"] == "one attack"
        log = c.get("/api/corrections").json()
        assert [x["op"] for x in log] == ["merge"]
        r = c.post("/api/corrections/1/undo", json={"reason": "not the same after all"})
        assert r.status_code == 200 and r.json()["state"] == "undone"
        assert len(c.get("/api/events").json()) == 2
        assert c.post("/api/corrections/9/undo", json={}).status_code == 404


def test_api_refuses_bad_input_and_other_origins(db: Path) -> None:
    with TestClient(create_app(db), base_url=BASE) as c:
        ids = _ids(c)
        body = {"target": ids["Idlib"], "value": ids["Aleppo"]}
        assert c.post("/api/corrections/merge", json=body,
                      headers={"Origin": "https://evil.example"}).status_code == 403
        assert c.post("/api/corrections/merge", content=json.dumps(body),
                      headers={"content-type": "text/plain"}).status_code in (415, 422)  # not JSON: refused
        r = c.post("/api/corrections/set", json={"target": "cl-nothere", "field": "side", "value": "x"})
        assert r.status_code == 400 and "no such claim" in r.json()["detail"]
        r = c.post("/api/corrections/merge", json={"target": ids["Idlib"], "value": ids["Idlib"]})
        assert r.status_code == 400
        assert c.post("/api/corrections/frobnicate", json={"target": ids["Idlib"]}).status_code == 422
        assert c.get("/api/corrections").json() == []


def test_api_writes_need_the_token_beyond_loopback(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARCOUNT_TOKEN", "s3cret")
    app = create_app(db, Options(db=str(db), host="0.0.0.0"))
    with TestClient(app, base_url="http://dash.example") as c:
        ids = _ids(c)
        body = {"target": ids["Idlib"], "value": ids["Aleppo"], "reason": "x"}
        url = "/api/corrections/merge"
        assert c.post(url, json=body).status_code == 403
        assert c.post(url, json=body, headers={"X-Warcount-Token": "wrong"}).status_code == 403
        assert c.post(url, json=body, headers={"X-Warcount-Token": "s3cret"}).status_code == 200
        page = c.get(f"/events/{ids['Idlib']}")
        form = {"csrf": _csrf(page.text), "op": "set-event", "field": "type", "value": "airstrike", "reason": "r"}
        assert c.post(f"/events/{ids['Idlib']}/correct", data=form, follow_redirects=False).status_code == 403
        r = c.post(f"/events/{ids['Idlib']}/correct", data=form | {"token": "s3cret"}, follow_redirects=False)
        assert r.status_code == 303


def test_event_page_forms(db: Path) -> None:
    with TestClient(create_app(db), base_url=BASE) as c:
        ids = _ids(c)
        page = c.get(f"/events/{ids['Idlib']}")
        assert 'id="merge-submit"' in page.text
        assert f'<option value="{ids["Aleppo"]}">' in page.text, "the near event is offered as a candidate"
        csrf = _csrf(page.text)
        form = {"csrf": csrf, "op": "merge", "candidate": ids["Aleppo"], "reason": "one attack"}
        assert c.post(f"/events/{ids['Idlib']}/correct", data=form | {"csrf": "forged.00"}).status_code == 403
        r = c.post(f"/events/{ids['Idlib']}/correct", data=form, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/events/{ids['Idlib']}#corrections"
        claim = c.get("/api/claims", params={"source": "health"}).json()[0]["id"]
        r = c.post(f"/events/{ids['Idlib']}/correct", data={"csrf": csrf, "op": "set", "claim": claim,
                                                            "field": "side", "value": "pro-government",
                                                            "reason": "soldiers' children"}, follow_redirects=False)
        assert r.status_code == 303
        r = c.post(f"/events/{ids['Idlib']}/correct", data={"csrf": csrf, "op": "set", "claim": claim,
                                                            "field": "figure", "value": "lots", "reason": "x"})
        assert r.status_code == 400 and "not a figure" in r.text
        page = c.get(f"/events/{ids['Idlib']}")
        assert "merge " + ids["Aleppo"] in page.text and "one attack" in page.text
        assert "corrected side: pro-government" in page.text and "(machine: civilians)" in page.text
        assert c.get("/corrections").text.count("<tr class=\"corr") == 2
        assert c.get("/events").text.count('class="flag corrected"') == 1
        r = c.post("/corrections/1/undo", data={"csrf": csrf, "back": ids["Idlib"]}, follow_redirects=False)
        assert r.status_code == 303
        assert len(c.get("/api/events").json()) == 2


def test_events_page_map_follows_the_filters(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with Ledger(path) as ledger:
        ledger.add_report(khan_touman())
        ledger.add_report(market_a())
    with TestClient(create_app(path), base_url=BASE) as c:
        ids = _ids(c)
        page = c.get("/events").text
        svg = page[page.index('<svg class="chart worldmap"'):]
        svg = svg[:svg.index("</svg>")]
        assert svg.count('class="dot"') == 2 and 'class="land"' in svg
        assert f'href="/events/{ids["Khan Touman"]}"' in svg and "Khan Touman · 2016-05-06 · killed" in svg
        filtered = c.get("/events", params={"source": "Jam News"}).text
        assert f'href="/events/{ids["Khan Touman"]}"' in filtered
        assert f'href="/events/{ids["Idlib"]}"' not in filtered


def test_map_svg() -> None:
    svg = map_svg([MapPoint("<b>Khan Touman</b>", 36.2, 37.16, 80, "/events/ev-1", "2016-05-06"),
                   MapPoint("Idlib", 35.93, 36.63, None, "/events/ev-2")])
    assert svg.startswith('<svg class="chart worldmap"') and "<b>" not in svg and "&lt;b&gt;Khan Touman" in svg
    assert svg.count("<path ") > 100, "the country outlines are shipped with the package"
    assert "style=" not in svg and "<script" not in svg
    x0, y0, w, h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    assert x0 < 36.63 and x0 + w > 37.16 and y0 < -36.2 and y0 + h > -35.93, "the view holds the events"
    assert w <= 360 and h == pytest.approx(w / 2, abs=0.01)
    assert dot_radius(None) < dot_radius(1) < dot_radius(10) < dot_radius(100) <= dot_radius(10**6)
    empty = map_svg([])
    assert 'viewBox="-180.00 -90.00 360.00 180.00"' in empty and "no events with coordinates" in empty
