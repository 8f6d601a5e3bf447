"""The dashboard and JSON API in-process (FastAPI TestClient) over a temporary ledger.

The ledger is filled with ``warcount.pipeline.extract`` on short articles
written here, one of them hostile: its text carries markup that must show as
text and never run.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warcount.config import Options
from warcount.pipeline import extract
from warcount.store import Ledger
from warcount.web import create_app
from warcount.web.app import figure_parts, highlight, is_loopback, locate, safe_url
from warcount.web.charts import DayPoint, RangeRow, range_svg, short_name, timeline_svg

BASE = "http://127.0.0.1:8000"

ALEPPO = ("Shelling of the Salaheddine district of Aleppo killed 9 civilians on May 6, 2016, the Syrian Observatory "
          "for Human Rights said. Rebel officials claimed that 30 soldiers were killed in the fighting.")
HOSTILE = """<html><head><title>Raid &lt;script&gt;alert(1)&lt;/script&gt; in Idlib</title></head><body><article>
<h1>Raid &lt;script&gt;alert(1)&lt;/script&gt; in Idlib</h1>
<p>Airstrikes on the town of Maarat al-Numan in Idlib killed 12 civilians on May 20, 2019, the Syrian Observatory
for Human Rights said. <script>window.__pwned=1;alert(1)</script></p>
<p>Local activists wrote &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; on a wall.
<img src=x onerror="window.__pwned=2"> See <a href="javascript:alert(1)">the footage</a>.</p>
<p>The civil defence said at least 20 people were wounded in the strikes.</p></article></body></html>"""
PASTED = "A car bomb in Azaz killed 7 people on January 10, 2017, Syrian state media reported."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    with Ledger(path) as ledger:
        ledger.add_report(extract(ALEPPO, url="https://example.org/aleppo", published="2016-05-08"))
        ledger.add_report(extract(HOSTILE, url="javascript:alert(1)", published="2019-05-22"))
    return path


@pytest.fixture()
def client(db: Path) -> TestClient:
    with TestClient(create_app(db), base_url=BASE) as c:
        yield c


def _csrf(client: TestClient) -> str:
    page = client.get("/add")
    assert page.status_code == 200
    m = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert m, "the Add form carries a CSRF token"
    return m.group(1)


def _event_id(client: TestClient, **params: str) -> str:
    events = client.get("/api/events", params=params).json()
    assert events, params
    return events[0]["id"]


# --- pages ---------------------------------------------------------------------------


def test_every_page_answers(client: TestClient) -> None:
    event = _event_id(client)
    doc = client.get("/api/documents").json()[0]["id"]
    for path in ("/", "/events", f"/events/{event}", "/documents", f"/documents/{doc}", "/sources", "/add",
                 "/docs", "/static/app.css"):
        r = client.get(path)
        assert r.status_code == 200, path
    assert client.get("/events/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404


def test_security_headers(client: TestClient) -> None:
    r = client.get("/events")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in r.text and "style=" not in r.text  # nothing inline for the CSP to block


def test_events_filters(client: TestClient) -> None:
    def ids(**params: str) -> set[str]:
        return {e["id"] for e in client.get("/api/events", params={**params, "limit": "100"}).json()}

    everything = ids()
    idlib, aleppo = ids(q="Maarat"), ids(q="Salaheddine")
    assert idlib and aleppo and not idlib & aleppo and idlib | aleppo <= everything
    assert ids(since="2019-01-01") == idlib
    assert ids(until="2018-12-31") == aleppo
    assert ids(kind="wounded") == idlib
    assert idlib <= ids(source="observatory")
    one = sorted(aleppo)[0]
    name = client.get(f"/api/events/{one}").json()["claims"][0]["source"]["name"]
    assert one in ids(source=name.upper())
    assert idlib <= ids(country="syria") and ids(country="Atlantis") == set()
    assert ids(source="nobody-at-all") == set()
    # the page applies the same filters and shows the count
    page = client.get("/events", params={"since": "2019-01-01"}).text
    assert f"<strong>{len(idlib)}</strong> event" in page
    assert "Maarat" in page and "Salaheddine" not in page
    assert 'class="chart timeline"' in page


def test_event_page_side_by_side(client: TestClient) -> None:
    event = _event_id(client, q="Salaheddine")
    html = client.get(f"/events/{event}").text
    assert "Syrian Observatory for Human Rights" in html
    assert 'class="badge st-' in html
    assert '<mark class="figure">' in html  # the figure is highlighted in its sentence
    link = re.search(r'href="(/documents/[^"#]+)#(claim-[^"]+)"', html)
    assert link, "each claim links to its place in the document"
    doc = client.get(link.group(1)).text
    assert f'id="{link.group(2)}"' in doc
    assert 'class="chart range"' in html


def test_document_page_links_only_http(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    good = next(d for d in docs if d["url"] == "https://example.org/aleppo")
    bad = next(d for d in docs if d["url"] == "javascript:alert(1)")
    assert '<a href="https://example.org/aleppo"' in client.get(f"/documents/{good['id']}").text
    html = client.get(f"/documents/{bad['id']}").text
    assert 'href="javascript:' not in html.lower()
    assert "not an http(s) link" in html


def test_hostile_article_shows_as_text(client: TestClient) -> None:
    doc = next(d for d in client.get("/api/documents").json() if d["url"] == "javascript:alert(1)")
    event = _event_id(client, q="Maarat")
    pages = [client.get(p).text for p in (f"/documents/{doc['id']}", "/documents", "/events",
                                          f"/events/{event}", "/sources")]
    for html in pages:
        assert "<script" not in html.lower()
        assert "<img" not in html.lower()
        assert 'href="javascript:' not in html.lower()
    # the document view shows the markup the article quotes, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    assert "Raid &lt;script&gt;alert(1)&lt;/script&gt; in Idlib" in pages[0]


# --- the Add form --------------------------------------------------------------------


def test_add_paste_ingests(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "l.db"), base_url=BASE) as c:
        token = _csrf(c)
        r = c.post("/add", data={"csrf": token, "text": PASTED, "published": "2017-01-10"})
        assert r.status_code == 200, r.text
        assert "What was found" in r.text and "state media" in r.text
        assert c.get("/api/claims").json()[0]["figure"]["low"] == 7
        assert re.search(r'class="event-link" href="/events/[^"]+"', r.text)


def test_add_upload_jsonl(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": PASTED, "published": "2017-01-10"},
             {"id": "b", "text": ALEPPO, "published": "2016-05-08"}]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    with TestClient(create_app(tmp_path / "l.db"), base_url=BASE) as c:
        r = c.post("/add", data={"csrf": _csrf(c)}, files={"file": ("batch.jsonl", data, "application/jsonl")})
        assert r.status_code == 200, r.text
        assert len(c.get("/api/documents").json()) == 2
        assert "upload:batch.jsonl" in json.dumps(c.get("/api/documents").json())


def test_add_without_csrf_is_refused(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "l.db"), base_url=BASE) as c:
        assert c.post("/add", data={"text": PASTED}).status_code == 403
        assert c.post("/add", data={"text": PASTED, "csrf": "forged.0000"}).status_code == 403
        token = _csrf(c)
        r = c.post("/add", data={"text": PASTED, "csrf": token}, headers={"Origin": "https://evil.example"})
        assert r.status_code == 403
        r = c.post("/add", data={"text": PASTED, "csrf": token}, headers={"Referer": "https://evil.example/x"})
        assert r.status_code == 403
        assert c.get("/api/documents").json() == []


def test_big_upload_is_413(tmp_path: Path) -> None:
    app = create_app(tmp_path / "l.db", Options(db=str(tmp_path / "l.db"), upload_limit=2000))
    with TestClient(app, base_url=BASE) as c:
        token = _csrf(c)
        r = c.post("/add", data={"csrf": token}, files={"file": ("big.txt", b"x" * 5000, "text/plain")})
        assert r.status_code == 413
        assert "upload too large" in r.text and "limit" in r.text
        r = c.post("/api/ingest", json={"text": "y" * 5000})
        assert r.status_code == 413 and "limit" in r.json()["detail"]
        assert c.get("/api/documents").json() == []


def test_url_to_private_address_is_refused(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "l.db"), base_url=BASE) as c:
        r = c.post("/add", data={"csrf": _csrf(c), "url": "http://127.0.0.1:9/secret"})
        assert r.status_code == 400
        assert "127.0.0.1" in r.text


def test_loopback_server_rejects_foreign_host(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "l.db"), base_url="http://evil.example") as c:
        assert c.get("/events").status_code == 400


def test_non_loopback_without_token_disables_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARCOUNT_TOKEN", raising=False)
    app = create_app(tmp_path / "l.db", Options(db=str(tmp_path / "l.db"), host="0.0.0.0"))
    with TestClient(app, base_url="http://dash.example") as c:
        page = c.get("/add")
        assert "disabled" in page.text and "<textarea" not in page.text
        token = re.search(r"warcount_csrf=([^;]+)", page.headers["set-cookie"]).group(1)
        assert c.post("/add", data={"csrf": token, "text": PASTED}).status_code == 403
        assert c.post("/api/ingest", json={"text": PASTED}).status_code == 403
        assert c.post("/api/extract", json={"text": PASTED}).status_code == 403  # extraction costs CPU: token too
        assert c.get("/api/documents").json() == []


def test_non_loopback_with_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARCOUNT_TOKEN", "s3cret")
    app = create_app(tmp_path / "l.db", Options(db=str(tmp_path / "l.db"), host="0.0.0.0"))
    with TestClient(app, base_url="http://dash.example") as c:
        csrf = _csrf(c)
        assert c.post("/add", data={"csrf": csrf, "text": PASTED}).status_code == 403
        assert c.post("/add", data={"csrf": csrf, "text": PASTED, "token": "wrong"}).status_code == 403
        assert c.post("/api/ingest", json={"text": PASTED}).status_code == 403
        assert c.post("/add", data={"csrf": csrf, "text": PASTED, "token": "s3cret"}).status_code == 200
        r = c.post("/api/ingest", json={"text": ALEPPO}, headers={"X-Warcount-Token": "s3cret"})
        assert r.status_code == 200 and r.json()["result"]["status"] == "new"
        assert len(c.get("/api/documents").json()) == 2


# --- the JSON API --------------------------------------------------------------------


def test_api_extract_does_not_write_and_ingest_does(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "l.db"), base_url=BASE) as c:
        r = c.post("/api/extract", json={"text": PASTED, "published": "2017-01-10"})
        assert r.status_code == 200
        body = r.json()
        assert set(body) == {"document", "claims", "events"}
        assert body["claims"][0]["figure"] == {"low": 7, "high": 7, "text": "7"}
        assert c.get("/api/documents").json() == []
        r = c.post("/api/ingest", json={"text": PASTED})
        assert r.status_code == 200 and r.json()["result"]["claims_added"] >= 1
        assert len(c.get("/api/documents").json()) == 1
        assert c.post("/api/ingest", json={}).status_code == 422
        assert c.post("/api/ingest", json={"text": "\x00\x01\x02 a"}).status_code == 400
        assert c.post("/api/ingest", content=b"text=hi", headers={"content-type": "text/plain"}).status_code in (
            415, 422)
        assert c.post("/api/ingest", json={"text": PASTED}, headers={"Origin": "https://evil.example"}
                      ).status_code == 403


def test_api_records_use_as_dict_names(client: TestClient, db: Path) -> None:
    with Ledger(db) as ledger:
        want = ledger.events(limit=1)[0].as_dict()
        detail = ledger.event(want["id"]).as_dict()
    assert client.get("/api/events", params={"limit": 1}).json() == [want]
    assert client.get(f"/api/events/{want['id']}").json() == detail
    assert client.get("/api/events/nope").status_code == 404
    assert set(client.get("/api/sources").json()[0]) >= {"name", "kind", "figures", "highest", "lowest"}


def test_docs_page_is_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/api/events" in html and "/api/ingest" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/events/{event_id}" in spec["paths"]


# --- helpers and charts --------------------------------------------------------------


@pytest.mark.parametrize("url, ok", [("https://a.org/x", True), ("http://a.org", True),
                                     ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
                                     ("data:text/html,x", False), ("//evil.org", False), (None, False)])
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_highlight_clips_overlaps_and_keeps_anchors() -> None:
    text = "One. Two killed here. Three."
    claims = [{"id": "a", "evidence": "Two killed here.", "evidence_start": 5},
              {"id": "b", "evidence": "killed", "evidence_start": 9},
              {"id": "c", "evidence": "absent", "evidence_start": 0}]
    segs, missing = highlight(text, claims)
    assert "".join(s["text"] for s in segs) == text
    assert [m["id"] for m in missing] == ["c"]
    assert any(s["anchors"] == ["a", "b"] for s in segs)
    assert locate("x ab x ab", "ab", 7) == 7
    assert figure_parts("at least 20 people were wounded", "at least 20") == [
        ("at least 20", True), (" people were wounded", False)]


def test_range_chart_marks_and_escapes() -> None:
    svg = range_svg([RangeRow("<b>IRGC</b>", 17, 17, "acknowledged"), RangeRow("Jam News", 80, 80, "unconfirmed"),
                     RangeRow("Activists", 5, None, "claimed")], low=17, best=17, high=80)
    assert "&lt;b&gt;IRGC&lt;/b&gt; (acknowledged)" in svg and "<b>" not in svg
    assert short_name("Islamic Revolutionary Guard Corps") == "IRGC" and short_name("Jam News") == "Jam News"
    assert ">17<" in svg and ">80<" in svg and ">5+<" in svg
    assert "best 17" in svg and "high 80" in svg and "low 17" in svg


def test_timeline_chart() -> None:
    svg = timeline_svg([DayPoint("2016-05-06", 20, 40, 80), DayPoint("2016-05-10", 3, 3, 3)])
    assert "<rect" in svg and "<polyline" not in svg and "2016-05-10" in svg and "2016-05-06" in svg
    assert "no dated" in timeline_svg([])


def test_serve_command_is_wired() -> None:
    from click.testing import CliRunner

    from warcount.cli import main

    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0 and "--host" in r.output and "WARCOUNT_TOKEN" in r.output


def test_a_headlines_claims_are_shown_as_the_headlines_not_as_lost() -> None:
    from warcount.web.app import headline_claims

    title = "Airstrike on market town leaves dozens dead"
    missing = [{"id": "a", "evidence": "dozens dead"}, {"id": "b", "evidence": "killed 40 civilians"},
               {"id": "c", "evidence": ""}]
    headline, rest = headline_claims(title, missing)
    assert [c["id"] for c in headline] == ["a"]
    assert [c["id"] for c in rest] == ["b", "c"]
    assert headline_claims(None, missing) == ([], missing)
