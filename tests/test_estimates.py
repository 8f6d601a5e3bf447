"""Estimate rules (warcount/estimates.py), table-driven on hand-made claims.

Figures follow the Khan Touman seed (corpus/dev/khan-touman-2016.gold.json).
"""
from __future__ import annotations

import pytest

from warcount.estimates import casualties, estimate, point
from warcount.model import Claim, Figure, Source


def claim(cid: str, low: int, high: int | None = -1, *, status: str = "reported", kind: str = "killed",
          side: str | None = "pro-government", scope: str = "incident", part_of: str | None = None,
          source: str = "X", perpetrator: bool = False) -> Claim:
    hi = low if high == -1 else high
    return Claim(id=cid, kind=kind, figure=Figure(low, hi, str(low)), victim="v", source=Source(source),
                 status=status, scope=scope, victim_side=side, part_of=part_of, perpetrator=perpetrator)


KHAN_TOUMAN = [
    claim("jam", 80, status="unconfirmed", source="Jam News"),
    claim("irgc17", 17, status="acknowledged", source="IRGC"),
    claim("irgc2", 2, status="acknowledged", part_of="irgc17", source="IRGC"),
    claim("nujaba", 11, source="Harakat al Nujaba"),
    claim("karbala", 12, source="25th Karbala Division spokesman"),
    claim("kayhan", 500, status="claimed", side="opposition", source="Kayhan"),
    claim("tasnim", 24, None, side="opposition", source="Tasnim"),
    claim("several", 3, None, status="unconfirmed", side="opposition"),
    claim("tally", 400, 700, scope="cumulative"),
    claim("hez", 0, kind="captured", status="denied", source="Hezbollah"),
    claim("kowsari", 5, 6, kind="captured", status="claimed"),
]


def test_khan_touman_pro_government_killed():
    est = casualties(KHAN_TOUMAN)["killed"]["pro-government"]
    assert (est.low, est.best, est.high) == (11, 17, 80)
    assert est.low_claims == ["nujaba"]
    assert est.best_claims == ["irgc17"]
    assert est.high_claims == ["jam"]
    assert "acknowledged" in est.rule
    assert "irgc2" not in est.claims and "tally" not in est.claims  # part and cumulative stay out


def test_khan_touman_opposition_killed_open_ranges():
    est = casualties(KHAN_TOUMAN)["killed"]["opposition"]
    assert (est.low, est.best, est.high) == (24, 24, 500)
    assert est.best_claims == ["tasnim"]
    assert est.high_open is False


def test_side_all_sums_sides():
    killed = casualties(KHAN_TOUMAN)["killed"]
    assert (killed["all"].low, killed["all"].best, killed["all"].high) == (35, 41, 580)
    assert set(killed["all"].claims) == set(killed["pro-government"].claims) | set(killed["opposition"].claims)


def test_denial_flagged_not_counted():
    cap = casualties(KHAN_TOUMAN)["captured"]["pro-government"]
    assert cap.denied == ["hez"]
    assert "hez" not in cap.claims
    # only a claimed range: hedged-only rules, range point is the floor of its midpoint
    assert (cap.low, cap.best, cap.high) == (5, 5, 6)
    assert "hedged only" in cap.rule


def test_denial_only_kind_listed_without_figures():
    out = casualties([claim("d", 0, kind="captured", status="denied")])
    est = out["captured"]["pro-government"]
    assert (est.low, est.best, est.high) == (None, None, None)
    assert est.denied == ["d"] and "denials only" in est.rule
    assert "all" not in out["captured"]


@pytest.mark.parametrize("claims, expected, rule_part", [
    pytest.param([claim("a", 10, source="A"), claim("b", 20, source="B"), claim("c", 30, source="C")],
                 (10, 20, 30), "median of firm", id="median-of-three"),
    pytest.param([claim("a", 10, source="A"), claim("b", 20, source="B")], (10, 10, 20), "median of firm",
                 id="lower-median-of-two"),
    pytest.param([claim("a", 5, status="acknowledged", source="A"), claim("b", 9, source="B"),
                  claim("c", 12, source="C")], (5, 9, 12), "exceed", id="report-exceeds-acknowledged"),
    pytest.param([claim("a", 62, source="A"), claim("b", 20, source="A"), claim("c", 30, source="C")],
                 (20, 30, 62), "each source's largest", id="one-source-largest-then-median"),
    pytest.param([claim("a", 62), claim("b", 20)], (20, 62, 62), "each source's largest",
                 id="one-voice-total-holds-its-details"),
    pytest.param([claim("a", 40, status="claimed"), claim("b", 4, status="unconfirmed")], (4, 4, 40),
                 "hedged only", id="hedged-only"),
    pytest.param([claim("a", 12, None)], (12, 12, 12), "open range", id="open-high-marked"),
    pytest.param([claim("a", 3, 3, status="stated"), claim("b", 0, status="denied")], (3, 3, 3), "median",
                 id="denial-ignored"),
])
def test_rules(claims, expected, rule_part):
    est = estimate(claims)
    assert (est.low, est.best, est.high) == expected
    assert rule_part in est.rule


def test_open_high_flag():
    est = estimate([claim("a", 12, None), claim("b", 10)])
    assert est.high == 12 and est.high_open and est.high_claims == ["a"]
    est = estimate([claim("a", 12, None), claim("b", 12)])
    assert not est.high_open and est.high_claims == ["b"]


def test_acknowledged_vs_earlier_report_with_dates():
    claims = [claim("early", 30, source="A"), claim("late", 40, source="B"), claim("ack", 17, status="acknowledged")]
    dates = {"early": "2016-05-07", "late": "2016-05-08", "ack": "2016-05-09"}
    est = estimate(claims, dates)  # both larger reports came before the acknowledgement
    assert est.best == 17 and est.best_claims == ["ack"] and est.rule.startswith("acknowledged")
    undated = estimate(claims)  # without dates every firm report counts as later
    assert undated.best == 30 and "exceed" in undated.rule
    dates["late"] = "2016-05-12"
    assert estimate(claims, dates).best == 30


def test_point_values():
    assert point(claim("r", 5, 6)) == 5
    assert point(claim("o", 24, None)) == 24
    assert point(claim("e", 7)) == 7


def test_perpetrators_are_attackers():
    out = casualties([claim("p", 1, side=None, perpetrator=True), claim("v", 9, side=None)])
    assert set(out["killed"]) == {"attackers", "unknown", "all"}
    assert out["killed"]["all"].best == 10


def test_one_person_voice_is_not_a_rival_count():
    """A source that tells of one victim ("the officer was injured") beside one that gives the total is
    telling a part: no rivals, so the account may give the best; two different counts stay rivals."""
    from warcount.estimates import rival_sources

    kind = "wounded"

    def said(cid: str, n: int, name: str) -> Claim:
        c = claim(cid, n, kind=kind, status="stated")
        c.source = Source(name, "official")
        return c

    assert rival_sources([said("a", 4, "Police"), said("b", 1, "Sheriff")], kind) == []
    assert len(rival_sources([said("a", 4, "Police"), said("b", 3, "Sheriff")], kind)) == 2


def test_a_pronoun_voice_is_no_rival() -> None:
    """"Authorities said 14 were wounded ... he said three": a pronoun refers back to a voice already
    told (and "No" as a speaker is a misparse), so neither makes the counts rival sources; two named
    voices that differ still do."""
    from dataclasses import replace

    from warcount.estimates import rival_sources

    def voiced(cid: str, n: int, name: str, kind: str = "official") -> Claim:
        return replace(claim(cid, n, kind="wounded"), source=Source(name, kind))

    assert rival_sources([voiced("a", 14, "authorities"), voiced("b", 3, "he", "person")], "wounded") == []
    assert rival_sources([voiced("a", 4, "police"), voiced("b", 3, "No", "person")], "wounded") == []
    assert rival_sources([voiced("a", 14, "authorities"), voiced("b", 3, "the hospital")], "wounded") == [
        "authorities", "hospital"]


def test_a_voice_of_several_others_is_no_rival_count():
    """"Commander X said several others were trampled and injured" beside the police's six shot: more people,
    not a rival count of the six (s9-claims)."""
    six = claim("a", 6, kind="wounded", source="Jackson Police Dept.")
    others = claim("b", 3, None, kind="wounded", source="Commander Tyree Jones")
    others.victim = "others"
    assert estimate([six, others]).best == 6
    four = claim("c", 4, kind="wounded", source="EMBED")
    four.victim = "others"  # "killing two people and wounding four others": a count, and a rival one
    assert estimate([claim("d", 2, kind="wounded", source="friends"), four]).best == 2
