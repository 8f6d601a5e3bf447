"""Events reported without a casualty figure (``events.figureless_event``), as ACLED records them with
fatalities 0: extracted with their date, place and type, stored apart from every estimate, exported to
ACLED (fatalities 0, tagged) and not to UCDP GED (deaths only), and shown by the web app.

Texts are written here, in the forms news uses for arrests, raids, clashes and protests.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warcount import events, export
from warcount.pipeline import extract
from warcount.store import Ledger
from warcount.web import create_app

PROTEST = "Police in Kaduna fired tear gas at protesters on Tuesday, witnesses said."
RAID = "Security forces raided the offices of a rights group in Kaduna on Tuesday and detained its director."
CLASHES = "Clashes broke out between farmers and herders near Kaduna on Tuesday. No one was hurt, police said."
ALEPPO = ("Shelling of the Salaheddine district of Aleppo killed 9 civilians on May 6, 2016, the Syrian Observatory "
          "for Human Rights said.")


@pytest.mark.parametrize("text, kind", [(PROTEST, "protest"), (CLASHES, "battle")], ids=["protest", "clashes-no-one-hurt"])
def test_violence_without_a_figure_is_an_event(text: str, kind: str) -> None:
    r = extract(text, published="2024-03-14")  # a Thursday: "on Tuesday" is the 12th
    assert not r.claims
    [ev] = r.events
    assert ev.without_figure and ev.claims == [] and ev.casualties == {}
    assert ev.type == kind
    assert ev.date == "2024-03-12" and ev.date_precision == "day"
    assert ev.place is not None and ev.place.name == "Kaduna" and ev.place.country == "Nigeria"


@pytest.mark.parametrize("text", [
    "Unions will protest against the new tax in Kaduna next week, their leaders said.",  # planned
    "The governor of Kaduna opened a new market on Tuesday.",  # no violence
    "A man was shot in Kaduna on Tuesday, police said.",  # someone hurt: a figure, counted or missed
    "Five people were killed in Kaduna on Tuesday, police said.",  # a figure: an ordinary event
], ids=["planned", "no-violence", "someone-hurt", "figure"])
def test_no_figureless_event(text: str) -> None:
    r = extract(text, published="2024-03-14")
    assert not any(e.without_figure for e in r.events)


def test_cue_words() -> None:
    assert events.violence_cue("Police detained the journalist") == ("arrests", 7)
    assert events.violence_cue("He suffered a heart attack at home") is None
    assert events.violence_cue("Workers plan to stage a protest on Monday") is None
    assert events.tells_of_casualties("two people were wounded")
    assert not events.tells_of_casualties("no one was injured in the clashes")


@pytest.mark.parametrize("text,cue", [
    ("an accord that helped end a Turkish offensive in the region", "battle"),
    ("the army launched a ground offensive on the town", "battle"),
    ("a military incursion into the border area", "battle"),
    ("he deleted the offensive tweets", None),
    ("she found the remarks deeply offensive", None),
    # a market's, a player's or a campaign's rally is no protest; a star's explosion no bomb; a race lost no beating
    ("A key reason for the market rally is the improved earnings", None),
    ("Rublev had rallied to beat his opponent in three sets", None),
    ("stellar explosions and black holes shaped the galaxies", None),
    ("In the backstroke, Patton was beaten out by a rival for first place", None),
    ("thousands joined an opposition rally in the capital", "protest"),
    ("students rallied outside parliament on Monday", "protest"),
    ("a powerful explosion hit the market", "bombing"),
    ("he was beaten and detained by police", "attack"),
])
def test_violence_words_and_their_other_senses(text: str, cue: str | None) -> None:
    """A military offensive or an incursion is fighting (ACLED battles), a rally against something a protest;
    "offensive" the adjective, a market's rally, a star's explosion and a race lost are none."""
    got = events.violence_cue(text)
    assert (got[0] if got else None) == cue


@pytest.fixture()
def ledger_path(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    with Ledger(path) as ledger:
        ledger.add_report(extract(ALEPPO, url="https://example.org/aleppo", published="2016-05-08"))
        ledger.add_report(extract(PROTEST, url="https://example.org/kaduna", published="2024-03-14"))
    return path


def test_store_keeps_it_apart_from_estimates(ledger_path: Path) -> None:
    with Ledger(ledger_path) as ledger:
        evs = ledger.events()
        assert len(evs) == 2
        [fl] = [e for e in evs if e.without_figure]
        [aleppo] = [e for e in evs if not e.without_figure]
        assert fl.claims == [] and fl.casualties == {} and fl.type == "protest"
        assert fl.place is not None and fl.place.admin1 and fl.date == "2024-03-12"
        assert aleppo.casualties["killed"]["all"].best == 9
        detail = ledger.event(fl.id)
        assert detail is not None and [d["url"] for d in detail.documents] == ["https://example.org/kaduna"]
        assert ledger.count_events(kind="killed") == 1
        # a re-ingest keeps one event
        ledger.add_report(extract(PROTEST, url="https://example.org/kaduna", published="2024-03-14"))
        assert len(ledger.events()) == 2


def test_exports(ledger_path: Path) -> None:
    with Ledger(ledger_path) as ledger:
        out = io.StringIO()
        export.export(ledger, "acled", out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        [row] = [r for r in rows if r["location"] == "Kaduna"]
        assert row["fatalities"] == "0" and "warcount:no-figure" in row["tags"]
        assert row["event_type"] == "Protests" and row["actor1"] == "Protesters (Nigeria)"
        assert row["event_date"] == "2024-03-12" and row["country"] == "Nigeria" and row["admin1"]
        [other] = [r for r in rows if r["location"] != "Kaduna"]
        assert other["fatalities"] == "9" and "warcount:no-figure" not in other["tags"]
        out = io.StringIO()
        export.export(ledger, "ucdp", out)
        ucdp = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert len(ucdp) == 1 and ucdp[0]["best"] == "9"  # UCDP GED holds events with deaths only


def test_web_shows_it(ledger_path: Path) -> None:
    with TestClient(create_app(ledger_path), base_url="http://127.0.0.1:8000") as client:
        api = client.get("/api/events", params={"q": "Kaduna"}).json()
        assert len(api) == 1 and api[0]["without_figure"] is True
        for path in ("/", "/events", f"/events/{api[0]['id']}"):
            r = client.get(path)
            assert r.status_code == 200, path
        assert "Kaduna" in client.get(f"/events/{api[0]['id']}").text


@pytest.mark.parametrize("text, counted", [
    ("The damage included arrests and detention, harassment and extrajudicial killings.", False),
    ("Reports said gay men in Chechnya had been tortured and killed by police.", False),
    ("A man was shot in Kaduna on Tuesday.", True),
    ("Two people were killed in the clashes.", True),
    ("He condemned the murder of journalist Jamal Khashoggi.", True),
], ids=["extrajudicial-killings", "plural-victims", "a-man-shot", "a-number", "one-named"])
def test_uncounted_casualties_leave_the_story_without_a_figure(text: str, counted: bool) -> None:
    assert events.tells_of_counted_casualties(text) is counted


def test_uncounted_killings_give_a_figureless_event() -> None:
    r = extract("Security forces in Nigeria detained traders and carried out extrajudicial killings during the "
                "lockdown, a rights group said on Tuesday.", published="2024-03-14")
    assert not r.claims
    [ev] = r.events
    assert ev.without_figure and ev.place is not None and ev.place.country == "Nigeria"


def test_rearrest_is_a_cue() -> None:
    assert events.violence_cue("condemned the re-arrest of the activist") == ("arrests", 14)


def test_the_violence_behind_a_reaction_a_few_paragraphs_down_is_an_event() -> None:
    """News of a reaction (an envoy's visit, a condemnation) recalls the violence behind it a few short
    paragraphs down: that is still the story's lead (events.FIGURELESS_LEAD)."""
    reaction = ("The president of Zimbabwe risked a diplomatic spat with South Africa on Monday after blocking two "
                "special envoys sent to gather information on the situation in the country from meeting his rivals.\n\n"
                "The envoys met the president and his ministers at State House in the capital, where he reportedly "
                "told them that there was no crisis in the country and that the reports were false.\n\n"
                "The main opposition party said the president's office contacted them last Saturday to prepare a "
                "five-person delegation to meet the envoys on Monday, in a statement issued in Harare.\n\n"
                "In a statement announcing the mission last week, South Africa had said the delegation would engage "
                "the government and relevant stakeholders to identify possible ways in which it can assist.\n\n")
    assert 700 < len(reaction) < events.FIGURELESS_LEAD - 150
    text = reaction + ("The visit follows a crackdown by security services which has seen nurses, journalists "
                       "and union leaders being arrested or abducted.")
    r = extract(text, published="2020-08-10")
    [ev] = r.events
    assert ev.without_figure and ev.type == "arrests"
    assert ev.place is not None and ev.place.country == "Zimbabwe"
