"""Issue 14, reading: sides, sources, parts, denials and false positives.

Every text here was written for these tests (tests/data/conflict/*.txt and the
short sentences below): wire-style reports of an airstrike told by three
sources, a suicide bombing, the shelling of a city and a battle.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import warcount
from warcount import sides
from warcount.model import SIDES, SOURCE_KINDS

DATA = Path(__file__).parent / "data" / "conflict"


def _report(name: str):
    return warcount.extract((DATA / name).read_text("utf-8"))


def _by_figure(report, kind: str = "killed"):
    return {c.figure.low: c for c in report.claims if c.kind == kind}


@pytest.fixture(scope="module")
def airstrike():
    return _report("airstrike-three-sources.txt")


def test_side_model_names() -> None:
    assert SIDES == ("civilians", "state-forces", "armed-groups", "attackers", "unknown")
    assert "monitor" in SOURCE_KINDS


def test_airstrike_each_source_and_side(airstrike) -> None:
    got = _by_figure(airstrike)
    assert (got[40].source.name, got[40].source.kind, got[40].victim_side) == ("health ministry", "official",
                                                                                "civilians")
    assert (got[12].source.name, got[12].source.kind, got[12].victim_side) == ("army", "official", "armed-groups")
    # its own sentence first: the monitor, not the ministry of the sentence before
    assert got[27].source.name == "Syrian Observatory for Human Rights" and got[27].source.kind == "monitor"
    assert got[27].victim_side == "unknown"


def test_airstrike_rival_figures_for_the_same_dead_are_not_added(airstrike) -> None:
    [event] = airstrike.events
    total = event.casualties["killed"]["all"]
    assert (total.low, total.best, total.high) == (12, 27, 40)
    assert "rival figures for the same dead" in total.rule


def test_airstrike_parts_including_children(airstrike) -> None:
    part = _by_figure(airstrike)[9]
    whole = _by_figure(airstrike)[27]
    assert part.part_of == whole.id and part.victim == "children" and part.victim_side == "civilians"
    assert part.source.name == whole.source.name


def test_militants_are_a_side_of_their_own_when_the_text_adds_them() -> None:
    # one voice counting both: different people, added
    one = warcount.extract("An airstrike on the town killed 40 civilians and 12 militants, the health ministry said.")
    assert one.events[0].casualties["killed"]["all"].best == 52
    # "another": more dead, added
    two = warcount.extract("An airstrike on the town killed 40 civilians, the health ministry said. "
                           "The army said another 12 militants were killed in the strike.")
    killed = two.events[0].casualties["killed"]
    assert killed["civilians"].best == 40 and killed["armed-groups"].best == 12 and killed["all"].best == 52


@pytest.mark.parametrize("text, side", [
    pytest.param("An airstrike killed 40 civilians, the health ministry said.", "civilians", id="airstrike-civilians"),
    pytest.param("Security forces killed five militants in a raid on Tuesday, police said.", "armed-groups",
                 id="militants-killed-by-police"),
    pytest.param("Gunmen stormed a hotel on Tuesday. Three gunmen were killed by guards.", "attackers",
                 id="gunmen-perpetrators"),
    pytest.param("Two soldiers were killed when their patrol hit a mine, the army said.", "state-forces",
                 id="soldiers"),
    pytest.param("Four policemen were wounded in the blast.", "state-forces", id="policemen"),
    pytest.param("Houthi fighters lost 14 men in the fighting, their spokesman admitted.", "armed-groups",
                 id="named-group-own-losses"),
    pytest.param("Eleven people were killed in the explosion.", "unknown", id="people-unknown"),
    pytest.param("Militants attacked a checkpoint overnight, and six militants were killed.", "attackers",
                 id="militants-who-attacked"),
])
def test_side_of_a_victim(text: str, side: str) -> None:
    claims = [c for c in warcount.extract(text).claims if c.part_of is None]
    assert claims and claims[0].victim_side == side


def test_phrase_sides() -> None:
    assert sides.from_phrase("pro-government combatants") == "state-forces"
    assert sides.from_phrase("worshippers") == "civilians"
    assert sides.from_phrase("Houthi rebels") == "armed-groups"
    assert sides.from_phrase("people") is None
    assert sides.actor_side("Hezbollah") == "armed-groups" and sides.actor_side("IDF") == "state-forces"


def test_suicide_bombing_trailing_attribution_and_more_dead() -> None:
    report = _report("suicide-bombing.txt")
    killed = _by_figure(report)
    assert killed[7].source.name == "Abdi Warsame" and killed[7].source.kind == "official"
    assert killed[7].victim_side == "civilians"
    # hospital officials are officials; "three more people" are more dead, added to the seven
    assert killed[3].source.kind == "official" and killed[3].victim == "people"
    assert report.events[0].casualties["killed"]["all"].best == 10
    wounded = _by_figure(report, "wounded")
    assert wounded[5].part_of == wounded[19].id and wounded[5].victim == "children"


def test_governor_trailing_attribution() -> None:
    report = _report("ukraine-shelling-governor.txt")
    [c] = report.claims
    assert c.source.name == "Oleh Syniehubov" and c.source.kind == "official" and c.status == "reported"
    assert c.source.description and "governor" in c.source.description


def test_shelling_sources_parts_and_denials() -> None:
    report = _report("shelling-city.txt")
    killed = [c for c in report.claims if c.kind == "killed"]
    ses = next(c for c in killed if c.figure.low == 15)
    assert ses.source.name == "State Emergency Service" and ses.source.kind == "official"
    two = next(c for c in killed if c.figure.low == 2)
    assert two.part_of == ses.id and two.victim == "children"
    soldiers = next(c for c in killed if c.figure.high == 30 and c.status == "claimed")
    assert soldiers.source.name == "Russia's defence ministry" and soldiers.victim_side == "state-forces"
    denials = [c for c in killed if c.status == "denied"]
    by_source = {c.source.name: c for c in denials}
    # "Kyiv rejected the claim": the figure before, denied by Kyiv
    assert by_source["Kyiv"].figure.high == 30 and by_source["Kyiv"].victim_side == "state-forces"
    # "It denied that any civilians had been hit": "it" is the ministry that spoke before
    assert by_source["Russia's defence ministry"].figure.low == 0
    est = report.events[0].casualties["killed"]
    assert all(d.id not in e.claims for d in denials for e in est.values())
    assert {d.id for d in denials} <= {i for e in est.values() for i in e.denied}


def test_battle_sources_and_charge_sheet() -> None:
    report = _report("battle.txt")
    assert not [c for c in report.claims if c.victim == "counts"]
    assert [c.figure.low for c in report.claims if c.kind == "killed"] == [22]
    wounded = _by_figure(report, "wounded")[61]
    assert wounded.source.kind == "monitor"  # a doctors' group is an NGO
    est = report.events[0].casualties["wounded"]["all"]
    assert est.low <= est.best <= est.high  # "more than 60": 60 / 60 / 61+, never 61 / 60


@pytest.mark.parametrize("text, source, kind", [
    pytest.param("The interior ministry said 12 people were killed.", "interior ministry", "official", id="ministry"),
    pytest.param("Eight people were killed, the civil defence service said.", "civil defence service", "official",
                 id="emergency-service"),
    pytest.param("Nine soldiers were killed, the army said.", "army", "official", id="army"),
    pytest.param("Hospital officials said 14 people died.", "Hospital officials", "official", id="hospital"),
    pytest.param("A local monitoring group said 30 people were killed.", "local monitoring group", "monitor",
                 id="monitor"),
    pytest.param("A rights group said 30 people were killed.", "rights group", "monitor", id="rights-group"),
])
def test_source_kinds(text: str, source: str, kind: str) -> None:
    [c] = warcount.extract(text).claims
    assert (c.source.name, c.source.kind) == (source, kind)


@pytest.mark.parametrize("text, victim", [
    pytest.param("More than 60 were wounded in the attack.", "people", id="no-noun"),
    pytest.param("Another five people were killed on Monday.", "people", id="another"),
    pytest.param("The group named 11 members who were killed.", "members", id="relative-clause"),
])
def test_victim_phrases_as_written(text: str, victim: str) -> None:
    claims = warcount.extract(text).claims
    assert claims and claims[0].victim == victim


def test_charged_with_counts_of_murder_is_not_a_casualty() -> None:
    assert warcount.extract("A man was charged with two counts of murder on Friday.").claims == []


def test_conflict_quotes_the_figures_the_sources_gave() -> None:
    from warcount.reconcile import summarize

    report = warcount.extract("Shelling killed seven people in the city, the State Emergency Service said. "
                              "Russia's defence ministry claimed that up to 30 people were killed.")
    flags = [f for f in summarize(report.claims).flags if f.type == "conflict"]
    assert len(flags) == 1
    detail = flags[0].detail
    assert "up to 30" in detail and "seven" in detail and " 15 " not in detail  # not the midpoint
    assert "State Emergency Service" in detail and "Russia's defence ministry" in detail


def test_charged_in_a_death_still_tells_of_a_death() -> None:
    [c] = warcount.extract("He was charged in the death of a 15-year-old boy.").claims
    assert (c.kind, c.figure.low, c.victim) == ("killed", 1, "15-year-old boy")
