"""One event per happening: matching, clustering and the ledger's merges across documents.

The articles are written for the purpose (short wire-style reports); the gold gate at the end scores
the dev file ``local-news.jsonl`` with the floors measured when the matcher was trained.
"""
from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

import warcount
from _ledger_fixtures import aleppo_shelling, market_a, market_b, toll
from warcount import matching
from warcount.clustering import cluster
from warcount.merge_model import fit, load
from warcount.model import Event, Place
from warcount.store import Ledger

MARKET_1 = ("An airstrike hit the crowded vegetable market in Saraqeb on Monday, killing 40 people, the health "
            "ministry said. The Syrian Observatory for Human Rights, a war monitor, said 27 civilians were killed "
            "in the strike on the market.")
MARKET_2 = ("The death toll from Monday's airstrike on the vegetable market in Saraqeb rose to 45, the health "
            "ministry said on Tuesday. The Syrian Observatory for Human Rights said 31 civilians had been killed in "
            "the market strike.")
KIRKUK = "A car bomb exploded at a checkpoint in Kirkuk on Monday, killing 12 people, police said."
BASRA = "A suicide bomber blew himself up at a mosque in Basra on Monday, killing 9 worshippers, officials said."


@pytest.fixture(scope="module")
def wire() -> dict[str, warcount.Report]:
    """The articles above through the whole pipeline, as a new user would ingest them."""
    return {
        "market-1": warcount.extract(MARKET_1, url="https://wire-a.example/saraqeb-market", published="2016-05-09"),
        "market-2": warcount.extract(MARKET_2, url="https://wire-b.example/saraqeb-toll", published="2016-05-10"),
        "kirkuk": warcount.extract(KIRKUK, url="https://wire-a.example/kirkuk", published="2016-05-09"),
        "basra": warcount.extract(BASRA, url="https://wire-b.example/basra", published="2016-05-09"),
    }


def test_two_wire_reports_of_one_airstrike_are_one_event_with_both_revisions(wire):
    led = Ledger.memory()
    first = led.add_report(wire["market-1"])
    later = led.add_report(wire["market-2"])
    assert (first.events_added, later.events_added, later.events_merged) == (1, 0, 1)
    [event] = led.events()
    detail = led.event(event.id)
    revised = sorted(r["detail"] for r in detail.revisions)
    assert len(revised) == 2, revised
    assert any("health ministry revised upward: 40 (2016-05-09) -> 45 (2016-05-10)" in r for r in revised)
    assert any("Syrian Observatory for Human Rights revised upward: 27 (2016-05-09) -> 31 (2016-05-10)" in r
               for r in revised)
    est = event.casualties["killed"]
    assert 40 not in {e.best for e in est.values()} and 27 not in {e.low for e in est.values()}  # replaced figures
    [merge] = detail.merges
    assert "published 1 day(s) apart" in merge["reason"] and "same place Saraqeb" in merge["reason"]
    assert merge["score"] >= load().threshold
    assert len(detail.documents) == 2


def test_two_attacks_same_day_different_cities_stay_apart(wire):
    led = Ledger.memory()
    led.add_report(wire["kirkuk"])
    res = led.add_report(wire["basra"])
    assert (res.events_added, res.events_merged) == (1, 0)
    assert sorted(e.place.name for e in led.events()) == ["Basra", "Kirkuk"]


def _partition(led: Ledger) -> set[tuple[str, frozenset[str]]]:
    return {(e.id, frozenset(e.claims)) for e in led.events(limit=None)}


IDLIB_STRIKE = ("An airstrike hit the crowded vegetable market in {} on Monday, killing {} people, the Syrian "
                "Observatory for Human Rights said. Rescuers from the White Helmets pulled survivors from the rubble.")


def test_two_strikes_told_in_the_same_words_in_two_cities_stay_apart():
    """One agency's template for two attacks of one day: alike texts, shared organisations' names, each
    naming only its own city. The texts' likeness must not overrule the places."""
    led = Ledger.memory()
    for city, n, site in (("Idlib", 12, "a"), ("Aleppo", 9, "b")):
        led.add_report(warcount.extract(IDLIB_STRIKE.format(city, n), url=f"https://wire-{site}.example/{city}",
                                        published="2016-05-09"))
    assert led.count_events() == 2
    [link] = led._q("SELECT decision, evidence FROM links")
    assert link[0] == "separated" and "km apart" in link[1]


def test_any_ingest_order_gives_the_same_events(wire):
    reports = [*wire.values(), market_a(), market_b(), aleppo_shelling(),
               toll("2016-05-03", 8, url="https://m.example/1"), toll("2016-05-05", 15, url="https://m.example/2")]
    rng = random.Random(13)
    orders = [list(range(len(reports))), list(reversed(range(len(reports))))]
    orders += [rng.sample(range(len(reports)), len(reports)) for _ in range(3)]
    seen = []
    for order in orders:
        led = Ledger.memory()
        for i in order:
            led.add_report(reports[i])
        seen.append(_partition(led))
    assert all(s == seen[0] for s in seen[1:])
    # the Saraqeb market (4 claims), the Idlib market (4), the Aleppo bakery toll (2), Aleppo school, Kirkuk, Basra
    assert sorted(len(claims) for _, claims in seen[0]) == [1, 1, 1, 2, 4, 4]


def test_a_report_without_figures_is_attached_to_its_event(wire):
    led = Ledger.memory()
    led.add_report(wire["market-1"])
    follow = warcount.extract("Funerals were held on Tuesday in Saraqeb for the victims of Monday's airstrike on the "
                              "crowded vegetable market, the Syrian Observatory for Human Rights said.",
                              url="https://wire-c.example/saraqeb-funerals", published="2016-05-10")
    assert follow.claims == []
    res = led.add_report(follow)
    [event] = led.events()
    detail = led.event(event.id)
    assert res.document_id in {d["id"] for d in detail.documents}
    assert res.events_merged == 1


def test_a_revised_document_leaves_the_event_it_no_longer_tells(wire):
    led = Ledger.memory()
    led.add_report(wire["market-1"])
    led.add_report(wire["market-2"])
    # the second wire's page now tells of the Basra bombing instead
    moved = warcount.extract(BASRA, url="https://wire-b.example/saraqeb-toll", published="2016-05-10")
    led.add_report(moved)
    events = led.events()
    assert len(events) == 2
    saraqeb = next(e for e in events if e.place and e.place.name == "Saraqeb")
    assert led.event(saraqeb.id).merges == [] and led.event(saraqeb.id).revisions == []


# --- the pieces --------------------------------------------------------------------------------


def test_cluster_never_joins_across_a_separation_and_ignores_link_order():
    links = [(0.9, "a", "b"), (0.8, "b", "c"), (0.7, "c", "d")]
    sep = {frozenset(("a", "c"))}
    for perm in itertools.permutations(links):
        groups, used = cluster("abcd", perm, lambda x, y: frozenset((x, y)) in sep)
        assert groups == [["a", "b"], ["c", "d"]]
        assert {(a, b) for _, a, b in used} == {("a", "b"), ("c", "d")}


@pytest.mark.parametrize("text, names", [
    pytest.param("Police said Marcus Jones, 17, died at the scene.", ["marcus jones"], id="name-age"),
    pytest.param("Officer Ana M. Ruiz was hurt. The Police Department said", ["ana ruiz"], id="initial-title"),
    pytest.param("Shots were fired on Main Street near Lincoln High School.", [], id="street-school"),
    # a page's furniture and an outlet are no person two reports could share
    pytest.param("Page Up To Date. Copyright Detroit Free Press. Ann Lee was shot.", ["ann lee"], id="furniture"),
])
def test_person_names(text, names):
    assert matching.person_names(text) == names


def test_ages():
    assert matching.ages("a 17-year-old and Jones, 34, were shot; 2016 was bad") == [17, 34]


AL = Place("Aleppo", "Aleppo", "Syria", 36.20124, 37.16117, "point")
ID = Place("Idlib", "Idlib", "Syria", 35.93062, 36.63393, "point")
ID_PROV = Place("Idlib province", "Idlib", "Syria", None, None, "admin1")


@pytest.mark.parametrize("a, b, level", [
    pytest.param(ID, ID, "same", id="same"),
    pytest.param(ID, ID_PROV, "nested", id="city-in-admin1"),
    pytest.param(ID, AL, "far", id="two-cities"),
    pytest.param(ID, Place("Kabul", "Kabul", "Afghanistan", 34.5, 69.2, "point"), "country", id="countries"),
    pytest.param(ID, None, "unknown", id="unknown"),
])
def test_place_level(a, b, level):
    assert matching.place_level(a, b)[0] == level


def _profile(uid: str, doc: str, *, date: str | None = "2016-05-10", published: str = "2016-05-10",
             place: Place | None = ID, text: str = "car bomb central market") -> matching.Profile:
    m = load()
    return matching.build_profile(uid, doc, Event(id=uid, date=date, date_precision="day" if date else None,
                                                  place=place), [], title=text, text=text, published=published,
                                  idf=m.idf, default_idf=m.default_idf)


def test_separated_rules():
    a = _profile("a", "d1")
    assert matching.evidence(a, _profile("b", "d1")).separated == "two events of one document"
    assert "km apart" in matching.evidence(a, _profile("c", "d2", place=AL, text="school shelling")).separated
    far = matching.evidence(a, _profile("d", "d3", date="2016-09-10", published="2016-09-11"))
    assert far.separated and "days apart" in far.separated
    assert matching.evidence(a, _profile("e", "d4", date="2016-05-11")).separated is None


FRESNO = Place("Fresno", "California", "United States", 36.74773, -119.77237, "point")
TULARE = Place("Tulare", "California", "United States", 36.20773, -119.34734, "point")
RENO = Place("Reno", "Nevada", "United States", 39.52963, -119.8138, "point")


def test_places_apart_separate_unless_the_texts_share_specifics():
    """Two cities separate two reports, unless three rare words of title, lead and claims (a surname, a street,
    a school) say the place readings are wrong (and, the texts being alike, one names the other's city); a town
    and the city near it in one state never separate."""
    plain = "gunman opened fire outside a bar"
    specific = "Quolmstead Pemberworth shot outside the Zubayrville tavern on Harrowgate Street"
    a, b = _profile("a", "d1", place=FRESNO, text=plain), _profile("b", "d2", place=RENO, text="a man was stabbed")
    assert "km apart" in matching.evidence(a, b).separated
    a, b = _profile("a", "d1", place=FRESNO, text=specific), _profile("b", "d2", place=RENO, text=specific + ", Fresno")
    ev = matching.evidence(a, b)
    assert ev.place == "far" and ev.lead_rare >= matching.OVERRULE_RARE and ev.separated is None
    assert "rare word(s) in common" in ev.reason(a, b)
    b = _profile("b", "d2", place=RENO, text=specific + " again")  # alike, each naming its own city only
    assert "km apart" in matching.evidence(a, b).separated
    a, b = _profile("a", "d1", place=FRESNO, text=plain), _profile("b", "d2", place=TULARE, text="a man was stabbed")
    ev = matching.evidence(a, b)
    assert ev.place == "far" and ev.place_km is not None and ev.place_km < 100 and ev.separated is None
    # ... while two cities of two provinces 60 km apart still do (the Idlib and Aleppo case above)
    assert matching.evidence(_profile("a", "d1"), _profile("c", "d2", place=AL, text="school shelling")).separated


def test_shared_rare_words_and_surnames_are_evidence():
    a = _profile("a", "d1", text="Marcus Quolmstead was shot on Harrowgate Street near Zubayrville school")
    b = _profile("b", "d2", text="Police named the victim as Quolmstead; the Harrowgate Street shooting in Zubayrville")
    ev = matching.evidence(a, b)
    assert ev.rare_shared >= 3 and ev.rare_weight > 0
    c = _profile("c", "d3", text="Dana Quolmstead and Marcus Quolmstead were hurt")
    assert "quolmstead" in matching.evidence(a, c).surnames
    assert len(matching.features(ev)) == len(matching.FEATURES)

def test_blocking_finds_shared_rare_words_only_within_the_window():
    m = load()
    block = matching.Blocker(m.idf, m.default_idf)
    text = "Zubayrvillex gunman Quolmstead shot Pemberworth outside the Zubayrvillex diner"
    block.add(_profile("a", "d1", text=text, place=None))
    block.add(_profile("far", "d2", text=text, place=None, date=None, published="2019-01-01"))
    block.add(_profile("other", "d3", text="an entirely different story about the weather", place=None))
    assert block.candidates(_profile("b", "d4", text=text, place=None)) == {"a"}


def test_fit_recovers_the_sign_of_a_signal():
    rng = np.random.default_rng(0)
    x1 = rng.normal(size=400)
    y = (x1 + 0.3 * rng.normal(size=400) > 0).astype(float)
    w = fit(np.column_stack([np.ones(400), x1, rng.normal(size=400)]), y)
    assert w[1] > 2 and abs(w[2]) < 0.5


def test_below_the_merge_line_a_suggestion_in_the_cli_and_on_the_page(tmp_path, monkeypatch):
    """With the merge line raised above the two Idlib reports' score, they stay apart as a suggestion."""
    from dataclasses import replace as dc_replace

    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from warcount import merge_model
    from warcount.cli import main
    from warcount.web import create_app

    strict = dc_replace(load(), threshold=0.9999, suggest=0.05)
    monkeypatch.setattr(merge_model, "load", lambda: strict)
    db = tmp_path / "s.db"
    with Ledger(db) as led:
        led.add_report(market_a())
        res = led.add_report(market_b())
        assert (res.events_added, res.events_merged) == (1, 0)
        events = led.events()
        assert len(events) == 2
        [s] = led.event(events[0].id).suggestions
        other = events[1].id
        assert s["event_id"] == other and s["score"] < strict.threshold and "same place Idlib" in s["reason"]
    out = CliRunner().invoke(main, ["event", events[0].id, "--db", str(db)])
    assert out.exit_code == 0 and "Possibly the same event" in out.output and other in out.output
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        page = c.get(f"/events/{events[0].id}").text
    assert "Possibly the same event" in page and f"/events/{other}" in page


def test_hostile_titles_and_texts_still_match():
    from _ledger_fixtures import claim, report

    led = Ledger.memory()
    for i, title in enumerate(["A " * 100_000, "- - - " * 5_000 + "News", "\x00\u202e" * 1000, None]):
        text = f"Ab Cd Ef {i} " * 3_000 + "5 people were killed"
        led.add_report(report(text, url=f"https://h.example/{i}", title=title, published="2016-05-10",
                              events=[(dict(type="attack"), [claim("5 people were killed", "killed", 5)])]))
    assert led.stats()["documents"] == 4 and led.count_events() >= 1


# --- the gold gate -----------------------------------------------------------------------------


def test_gold_gate_local_news(corpus_dir):
    """B-cubed of the ledger's events against the incidents of local-news.jsonl (floors measured)."""
    from warcount.eval_merge import MERGE_FLOORS, STRICT_FLOORS, score_file

    path = corpus_dir / "dev" / "local-news.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    s = score_file(path)
    assert s.singletons.f1 == pytest.approx(0.750, abs=0.001)
    assert s.placed.f1 >= MERGE_FLOORS["f1"] and s.placed.precision >= MERGE_FLOORS["precision"], s.placed
    assert s.strict.f1 >= STRICT_FLOORS["f1"] and s.strict.precision >= STRICT_FLOORS["precision"], s.strict


def test_a_suspects_custody_is_no_evidence_of_the_incident():
    """"He is being held on $30,000 bond" is an arrest of a suspect (a claim, on the attackers' side), but no
    evidence two reports tell one incident: its words stay out of the profile and, alone, it makes no event;
    an activist's detention is the violation itself and stays (matching.incident_claims)."""
    held = warcount.extract("Harrison is currently being held at the Miami County Jail on a $30,000 bond.",
                            url="https://local.example/piqua", published="2016-12-22")
    activist = warcount.extract("The activist remains in detention.",
                                url="https://world.example/lawyer", published="2016-12-22")
    [suspect] = held.claims
    [victim] = activist.claims
    assert (suspect.kind, suspect.perpetrator, victim.kind, victim.perpetrator) == ("arrested", True, "arrested", False)
    assert matching.incident_claims([suspect, victim]) == [victim]
    ev = Event(id="e1", type="arrests", claims=[suspect.id])
    p = matching.build_profile("u1", "d1", ev, [suspect], title=None, text=held.cleaned.text if held.cleaned else "",
                               published="2016-12-22", idf={}, default_idf=8.0)
    assert p.incident is False and p.figures == {}
    assert matching.profile_from_dict(p.as_dict()).incident is False
    assert matching.profile_from_dict({"id": "u", "document_id": "d"}).incident is True  # profiles stored before
    led = Ledger.memory()
    led.add_report(held)
    assert led.events() == []  # alone it tells no incident, as a document without claims
    led.add_report(activist)
    assert len(led.events()) == 1
