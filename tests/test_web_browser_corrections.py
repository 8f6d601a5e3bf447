"""Corrections and the map in a real headless Chromium (Playwright driving Debian's chromium).

The ledger holds the Khan Touman seed (through the real pipeline) and a hand-made report of a
shelling in Aleppo four days later that the machine keeps apart. The test reads the map on the
events page (offline: the page may load nothing but its own origin), follows the Khan Touman dot,
merges the Aleppo report through the event page's merge form, re-ingests both and a new revision,
and undoes the merge with the page's button. Screenshots go to artifacts/screenshots/.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from _ledger_fixtures import ALEPPO, aleppo_shelling, claim, report
from _server import ARGS, CHROMIUM, SEED, SHOTS, playwright_or_skip, serving

from warcount.model import Report
from warcount.pipeline import extract
from warcount.store import Ledger

pytestmark = pytest.mark.browser


playwright_sync = playwright_or_skip()


def aleppo_revised() -> Report:
    text = ("Shelling hit a school in Aleppo on Tuesday, killing 4 children, the health directorate said. "
            "Teachers said 11 pupils were wounded.")
    return report(text, url="https://a.example/aleppo-school", title="Shelling hits Aleppo school",
                  published="2016-05-11",
                  events=[(dict(type="shelling", date="2016-05-10", date_precision="day", place=ALEPPO,
                                summary="shelling hit a school in Aleppo"),
                           [claim("killing 4 children", "killed", 4, source="health directorate",
                                  source_kind="official"),
                            claim("11 pupils were wounded", "wounded", 11, source="teachers")])])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    db = tmp_path_factory.mktemp("browser-corr") / "ledger.db"
    with Ledger(db) as ledger:
        ledger.add_report(extract(SEED.read_text("utf-8"), published="2016-05-12"))
        ledger.add_report(aleppo_shelling())
    with serving(db) as base:
        yield base, db


@pytest.fixture(scope="module")
def page(served):
    base, _ = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        foreign: list[str] = []
        # offline: any request that leaves our own origin is recorded and refused
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else (foreign.append(route.request.url), route.abort()))
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors, pg.foreign = errors, foreign  # type: ignore[attr-defined]
        yield pg
        context.close()
        browser.close()


def _events(db: Path) -> list[str]:
    with Ledger(db) as ledger:
        return [e.id for e in ledger.events(limit=None)]


def test_map_shows_khan_touman_offline(page, served) -> None:
    base, _ = served
    pg = page
    pg.goto(f"{base}/events")
    worldmap = pg.locator("figure.mapbox svg.worldmap")
    assert worldmap.count() == 1
    assert worldmap.locator("path.land").count() > 100, "the country outlines are drawn"
    dots = worldmap.locator("a.maplink[aria-label*='Khan Touman']")
    assert dots.count() >= 1, worldmap.locator("a.maplink").evaluate_all("els => els.map(e => e.ariaLabel)")
    dot = dots.first  # the largest dot is drawn first: the ambush, with its killed figure
    assert "killed" in (dot.get_attribute("aria-label") or "")
    label = worldmap.locator("text.maplabel", has_text="Khan Touman")
    assert label.count() == 1 and label.is_visible()
    box = dot.locator("circle").bounding_box()
    assert box and box["width"] > 6, "the dot is sized by its killed figure"
    worldmap.screenshot(path=str(SHOTS / "events-map.png"))
    pg.screenshot(path=str(SHOTS / "events-with-map.png"), full_page=True)
    # smaller dots at the same spot are drawn on top: click the big one off its centre
    dot.locator("circle").click(position={"x": box["width"] * 0.2, "y": box["height"] / 2}, timeout=5000)
    pg.wait_for_load_state()
    assert "Khan Touman" in pg.locator("h1").inner_text()
    assert pg.foreign == [] and pg.errors == []


def test_merge_button_survives_reingest_and_undo(page, served) -> None:
    base, db = served
    pg = page
    before = _events(db)
    with Ledger(db) as ledger:
        kt = max((e for e in ledger.events(limit=None) if e.place and e.place.name == "Khan Touman"),
                 key=lambda e: len(e.claims))
        aleppo = next(e for e in ledger.events(limit=None) if e.place and e.place.name == "Aleppo")
    assert kt.id != aleppo.id, "the machine keeps the Aleppo report apart"
    pg.goto(f"{base}/events/{kt.id}")
    assert "health directorate" not in pg.locator("table.sidebyside").inner_text()
    pg.select_option("#merge-candidate", aleppo.id)
    pg.fill("form.merge input[name=reason]", "the school shelling was part of the Khan Touman fighting")
    pg.fill("form.merge input[name=who]", "ana")
    pg.click("#merge-submit")
    pg.wait_for_load_state()
    assert pg.url.endswith(f"/events/{kt.id}#corrections")
    assert "health directorate" in pg.locator("table.sidebyside").inner_text()
    log = pg.locator("table.corrections-log").inner_text()
    assert f"merge {aleppo.id} into {kt.id}" in log and "Khan Touman fighting" in log and "ana" in log
    pg.screenshot(path=str(SHOTS / "event-merged.png"), full_page=True)
    pg.locator("section#corrections").screenshot(path=str(SHOTS / "event-corrections.png"))
    assert len(_events(db)) == len(before) - 1

    with Ledger(db) as ledger:  # both documents again, and a new revision of the merged one
        ledger.add_report(extract(SEED.read_text("utf-8"), published="2016-05-12"))
        ledger.add_report(aleppo_shelling())
        assert ledger.add_report(aleppo_revised()).status == "revision"
    pg.goto(f"{base}/events/{aleppo.id}")  # the merged-away id finds the merged event
    assert "Khan Touman" in pg.locator("h1").inner_text()
    table = pg.locator("table.sidebyside").inner_text()
    assert "health directorate" in table and "teachers" in table and "Jam News" in table
    assert len(_events(db)) == len(before) - 1

    pg.locator("table.corrections-log button.undo").first.click()
    pg.wait_for_load_state()
    assert "health directorate" not in pg.locator("table.sidebyside").inner_text()
    assert "undone" in pg.locator("table.corrections-log").inner_text()
    assert sorted(_events(db)) == sorted(before)
    assert pg.foreign == [] and pg.errors == []
