"""The dashboard in a real headless Chromium (Playwright driving Debian's chromium).

A uvicorn server on a free loopback port serves a temporary ledger that
already holds a hostile article; the test pastes the Khan Touman seed on the
Add page and walks events -> event -> evidence in the document, saving a
screenshot of each page to artifacts/screenshots/.
"""
from __future__ import annotations

from typing import Iterator

import pytest
from _server import ARGS, CHROMIUM, SEED, SHOTS, playwright_or_skip, serving

from warcount.pipeline import extract
from warcount.store import Ledger

pytestmark = pytest.mark.browser

HOSTILE = """<html><head><title>Raid &lt;script&gt;alert(1)&lt;/script&gt; in Idlib</title></head><body><article>
<h1>Raid &lt;script&gt;alert(1)&lt;/script&gt; in Idlib</h1>
<p>Airstrikes on the town of Maarat al-Numan in Idlib killed 12 civilians on May 20, 2019, the Syrian Observatory
for Human Rights said. <script>window.__pwned=1;alert(1)</script></p>
<p>Activists wrote &lt;script&gt;window.__pwned=3;alert(1)&lt;/script&gt; and
&lt;img src=x onerror=window.__pwned=4&gt; on a wall. <img src=x onerror="window.__pwned=2;alert(2)">
See <a href="javascript:window.__pwned=5">the footage</a>.</p></article></body></html>"""

playwright_sync = playwright_or_skip()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    db = tmp_path_factory.mktemp("browser") / "ledger.db"
    with Ledger(db) as ledger:
        ledger.add_report(extract(HOSTILE, url="javascript:window.__pwned=6", published="2019-05-22"))
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def page(server: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.dialogs, pg.errors = dialogs, errors  # type: ignore[attr-defined]
        yield pg
        context.close()
        browser.close()


def _no_script_ran(pg) -> None:
    assert pg.dialogs == [], f"a script opened a dialog: {pg.dialogs}"
    assert pg.evaluate("typeof window.__pwned") == "undefined", "an injected script ran"


def test_seed_walkthrough(page, server: str) -> None:
    pg = page
    pg.goto(f"{server}/events")
    assert pg.locator("h1").inner_text() == "Events"
    pg.screenshot(path=str(SHOTS / "events-before.png"), full_page=True)

    pg.goto(f"{server}/add")
    pg.fill("textarea[name=text]", SEED.read_text("utf-8"))
    pg.fill("input[name=published]", "2016-05-12")
    pg.screenshot(path=str(SHOTS / "add.png"))
    pg.click("#add-submit")
    pg.wait_for_selector("text=What was found", timeout=60_000)
    assert pg.locator("a.event-link").count() >= 1
    pg.screenshot(path=str(SHOTS / "result.png"), full_page=True)

    pg.goto(f"{server}/events?source=Jam+News")
    pg.screenshot(path=str(SHOTS / "events.png"), full_page=True)
    assert pg.locator("svg.timeline").count() == 1
    pg.locator("table.events tbody a").first.click()
    pg.wait_for_load_state()
    assert "Khan Touman" in pg.locator("h1").inner_text()
    table = pg.locator("table.sidebyside").inner_text()
    for source in ("Jam News", "Islamic Revolutionary Guard Corps"):
        assert source in table, f"{source} missing from the side-by-side table"
    assert pg.locator(".badge.st-acknowledged").count() >= 1 and pg.locator(".badge.st-unconfirmed").count() >= 1

    chart = pg.locator("figure.chartbox[data-kind=killed] svg.range").filter(has_text="Jam News")
    assert chart.count() == 1, "one killed range chart holds the Jam News figure"
    values = chart.locator("text.value").all_text_contents()
    assert "17" in values and "80" in values, values
    marks = " ".join(chart.locator("text.marklabel").all_text_contents())
    assert "low" in marks and "best" in marks and "high" in marks
    pg.screenshot(path=str(SHOTS / "event.png"), full_page=True)

    row = pg.locator("table.sidebyside tr", has_text="Islamic Revolutionary Guard Corps").filter(has_text="advisers")
    assert row.count() >= 1
    evidence = row.first.locator("td.evidence").inner_text()
    assert "17" in row.first.locator("mark.figure").inner_text()
    row.first.locator("a.evlink").click()
    pg.wait_for_load_state()
    anchor = pg.url.split("#", 1)[1]
    assert anchor.startswith("claim-")
    target = pg.locator(f"[id='{anchor}']")
    assert target.count() == 1
    mark = pg.locator(f"[id='{anchor}'] + mark.claim")
    assert mark.count() == 1 and mark.inner_text() in evidence
    pg.screenshot(path=str(SHOTS / "document.png"))
    pg.goto(f"{server}/sources")
    assert "Jam News" in pg.locator("table").inner_text()
    pg.screenshot(path=str(SHOTS / "sources.png"), full_page=True)
    _no_script_ran(pg)
    assert pg.errors == []


def test_hostile_article_runs_no_script(page, server: str) -> None:
    pg = page
    pg.goto(f"{server}/documents")
    pg.locator("a", has_text="Raid").first.click()
    pg.wait_for_load_state()
    body = pg.locator("article.doctext").inner_text()
    assert "<script>window.__pwned=3;alert(1)</script>" in body  # shown as text
    assert "<img src=x onerror=window.__pwned=4>" in body
    assert pg.locator("article.doctext script, article.doctext img").count() == 0
    assert pg.locator("a[href^='javascript:' i]").count() == 0
    assert "<script>alert(1)</script>" in pg.locator("h1").inner_text()
    pg.screenshot(path=str(SHOTS / "hostile-document.png"), full_page=True)
    pg.goto(f"{server}/events?q=Maarat")
    pg.locator("table.events tbody a").first.click()
    pg.wait_for_load_state()
    pg.screenshot(path=str(SHOTS / "hostile-event.png"), full_page=True)
    pg.wait_for_timeout(300)
    _no_script_ran(pg)
