"""Issue 14, item 8: the dashboard pages a new user meets first, in headless Chromium at 1400 and
800 px: screenshots of each page in artifacts/screenshots/, and every chart label measured so none
overprints another or runs off its chart. The ledger holds the texts written for issue 14
(tests/data/conflict/), dated over several days, and one undated report.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from _server import ARGS, CHROMIUM, SHOTS, playwright_or_skip, serving

from warcount.pipeline import process
from warcount.read import read_content
from warcount.store import Ledger

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data" / "conflict"
WIDTHS = (1400, 800)
PUBLISHED = {"airstrike-three-sources.txt": "2024-03-05", "suicide-bombing.txt": "2024-06-15",
             "shelling-city.txt": "2024-10-10", "ukraine-shelling-governor.txt": "2024-05-03",
             "battle.txt": "2024-08-22"}
UNDATED = "Gunmen killed four villagers and wounded two in an overnight raid, a local official said."

playwright_sync = playwright_or_skip()

# every <text> of every chart: its box, its chart's box, and the boxes it overlaps
MEASURE = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const frame = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll('text')].map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom};
    }).filter(b => b.r > b.l);
    const clipped = boxes.filter(b => b.l < frame.left - 0.5 || b.r > frame.right + 0.5
                                   || b.t < frame.top - 0.5 || b.b > frame.bottom + 0.5).map(b => b.text);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) overlaps.push([a.text, b.text]);
    }
    out.push({chart: svg.getAttribute('class'), labels: boxes.length, clipped, overlaps});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Ledger]]:
    db = tmp_path_factory.mktemp("pages") / "ledger.db"
    with Ledger(db) as ledger:
        for name, day in PUBLISHED.items():
            path = DATA / name
            ledger.add_report(process(read_content(path.read_bytes(), origin=str(path), published=day)))
        ledger.add_report(process(read_content(UNDATED, origin="undated.txt")))
    with serving(db) as base:
        reader = Ledger(db)
        yield base, reader
        reader.close()


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


CONTROLS_OUTSIDE = """() => {
  const out = [];
  for (const f of document.querySelectorAll('form')) {
    const r = f.getBoundingClientRect();
    if (!r.width) continue;
    for (const c of f.querySelectorAll('select, input:not([type=hidden]), button, textarea')) {
      const b = c.getBoundingClientRect();
      if (b.width && (b.right > r.right + 0.5 || b.left < r.left - 0.5))
        out.push({form: f.className, control: c.name || c.id || c.tagName, left: b.left, right: b.right, box: [r.left, r.right]});
    }
  }
  return out;
}"""


def _pages(base: str, ledger: Ledger) -> dict[str, str]:
    strike = next(e for e in ledger.events(limit=None) if e.place and e.place.name == "Saraqib")
    doc = next(d for d in ledger.documents(limit=None) if "airstrike" in (d["origin"] or ""))
    return {"events": f"{base}/events", "event": f"{base}/events/{strike.id}",
            "document": f"{base}/documents/{doc['id']}", "sources": f"{base}/sources", "add": f"{base}/add"}


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_screenshots_and_label_boxes(browser, server, width: int) -> None:
    base, ledger = server
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for name, url in _pages(base, ledger).items():
            pg.goto(url)
            pg.wait_for_load_state()
            pg.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            for chart in pg.evaluate(MEASURE):
                assert chart["clipped"] == [], f"{name} at {width}px: labels run off {chart['chart']}: {chart}"
                assert chart["overlaps"] == [], f"{name} at {width}px: labels overprint in {chart['chart']}: {chart}"
            # no page is wider than the window
            assert pg.evaluate("document.documentElement.scrollWidth") <= width + 1, f"{name} overflows at {width}px"
            # no form control runs past its form's box (a long option once pushed a select out)
            assert pg.evaluate(CONTROLS_OUTSIDE) == [], f"{name} at {width}px: controls outside their form"
        assert errors == []
    finally:
        context.close()


def test_events_page_states_the_undated(browser, server) -> None:
    base, ledger = server
    undated = sum(1 for e in ledger.events(limit=None) if not e.date and e.casualties.get("killed"))
    assert undated >= 1  # the text written without a date, at least
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(f"{base}/events")
        said = pg.locator("#not-drawn").inner_text()
        assert f"{undated} undated event" in said, said
        labels = pg.locator("svg.timeline text.daylabel").all_text_contents()
        first = min(e.date for e in ledger.events(limit=None) if e.date)
        assert labels[0] == first[:8] + labels[0][8:] and len(labels) >= 2
        assert pg.locator("svg.timeline rect.daybar").count() >= 4  # one bar per day with a figure
        assert pg.locator("svg.timeline polyline").count() == 0  # no line across the empty months
    finally:
        context.close()


def test_event_and_document_pages_say_what_the_text_says(browser, server) -> None:
    base, ledger = server
    pages = _pages(base, ledger)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    try:
        undated = next(e for e in ledger.events(limit=None) if not e.date)
        pg.goto(f"{base}/events/{undated.id}")
        assert "Unknown place" not in pg.locator("h1").inner_text()
        pg.goto(pages["event"])
        assert pg.locator("h1").inner_text().startswith("Saraqib")
        pg.goto(pages["document"])
        head = pg.locator("table.list").last.locator("thead").inner_text()
        for col in ("Victims", "Side", "Date"):
            assert col in head
        rows = pg.locator("tr.claimrow").all_inner_texts()
        # the dateline says March 3; "on Tuesday" is the Tuesday on or before it (March 3, 2024 is a Sunday)
        assert any("civilians" in r and "2024-02-27" in r for r in rows), rows
    finally:
        context.close()


def test_add_page_takes_metadata_for_pasted_text(browser, server) -> None:
    base, ledger = server
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(f"{base}/add")
        pg.fill("textarea[name=text]", "A car bomb killed nine people at a checkpoint on Monday, police said.")
        pg.fill("#title", "Car bomb at checkpoint")
        pg.fill("#outlet", "Example Wire")
        pg.fill("#url", "https://wire.example/car-bomb")
        pg.fill("#published", "2024-09-02")
        pg.screenshot(path=str(SHOTS / "add-filled-1400.png"), full_page=True)
        pg.click("#add-submit")
        pg.wait_for_selector("text=What was found", timeout=60_000)
        doc = next(d for d in ledger.documents(limit=None) if d["title"] == "Car bomb at checkpoint")
        assert doc["url"] == "https://wire.example/car-bomb" and doc["site"] == "Example Wire"
        assert doc["published"] == "2024-09-02"
    finally:
        context.close()
