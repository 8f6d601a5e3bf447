"""The document's account: how many people the article itself tells of, per kind and side.

Claims are who says what; the account counts *people* (DESIGN.md, "Two
layers of a document's casualties"). From the victim mentions
(mentions.py) of the main event and its claims:

- one person counts once across mentions: a name and its parts ("Kevin
  Barbee", "Barbee"), a pronoun ("he died": the last person told of), a
  definite descriptor ("the victim", "the man": the last person so
  described) and an unnamed person the text later names ("a man was killed
  ... Smith, 23, died") are the same person; an indefinite descriptor ("a
  17-year-old") is a new one;
- a person's outcome is the worst told (shot, then "later died": killed);
- group figures are constraints, not addends: per side the killed are at
  least the largest killed figure and at least the people counted dead; a
  later or larger total of the same voice holds the earlier parts;
- the wounded are at least the largest wounded figure, the people hit who
  did not die, and the people hit (a group: "four were shot") minus the
  killed ("four were shot, two of them fatally": killed 2, wounded 2);
- attackers and suspects are their own side (the total adds them);
- mentions about statistics or other happenings (scope ``other``) are left out.

Each figure lists the mentions and claims it counted, so a reader sees why a
count is what it is. ``estimates.apply_account`` decides when the account
gives an event's best figure.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .mentions import Mention
from .model import Claim, Record

log = logging.getLogger(__name__)

SIDES = ("targets", "attackers")
_SEVERITY = {"unhurt": 0, "hit": 1, "wounded": 1, "killed": 2}
_GENERIC = {"victim", "person"}


@dataclass
class Person(Record):
    """One person the text tells of, with every mention that names or refers to them."""

    id: str
    names: list[str]
    descriptors: list[str]
    outcome: str
    side: str
    mentions: list[str] = field(default_factory=list)


@dataclass
class AccountFigure(Record):
    """How many were killed or wounded on one side, and what the count rests on."""

    kind: str
    side: str
    count: int
    rule: str
    mentions: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


@dataclass
class Account(Record):
    """kind -> side -> figure (side "all" adds the sides), the people counted, the mentions read."""

    figures: dict[str, dict[str, AccountFigure]]
    people: list[Person]
    mentions: list[Mention]

    def count(self, kind: str, side: str = "all") -> int | None:
        f = self.figures.get(kind, {}).get(side)
        return None if f is None else f.count


def link_people(mentions: list[Mention]) -> list[Person]:
    """People of the body text's single-person mentions (the title's count as groups)."""
    people: list[Person] = []
    last: Person | None = None
    for m in mentions:
        if m.person is None or m.title or m.scope != "incident" or m.outcome not in _SEVERITY:
            continue
        kind, _, key = m.person.partition(":")
        p: Person | None = None
        if kind == "name":
            p = next((x for x in people if key in x.names), None)
            if p is None:
                p = next((x for x in people if not x.names and x.side == m.side), None)
            tokens = [w.lower() for w in m.victim.split()]
            if p is not None:
                p.names.extend(w for w in tokens if w not in p.names)
        elif kind == "pron":
            p = last
        elif m.definite:
            p = next((x for x in reversed(people) if key in x.descriptors and x.side == m.side), None)
            if p is None and key in _GENERIC and last is not None and last.side == m.side:
                p = last
        if p is None:
            p = Person(f"p{len(people) + 1}", [w.lower() for w in m.victim.split()] if kind == "name" else [],
                       [key] if kind == "desc" else [], m.outcome, m.side)
            people.append(p)
        elif _SEVERITY[m.outcome] > _SEVERITY[p.outcome]:
            p.outcome = m.outcome
        if kind == "desc" and key not in p.descriptors:
            p.descriptors.append(key)
        p.mentions.append(m.id)
        last = p
    return people


def _point(c: Claim) -> int:
    from .estimates import point

    return point(c)


def build(mentions: list[Mention], claims: list[Claim]) -> Account:
    """The account of one event from its mentions and its claims."""
    from .estimates import counts

    incident = [m for m in mentions if m.scope == "incident"]
    people = link_people(incident)
    figures: dict[str, dict[str, AccountFigure]] = {}
    killed: dict[str, AccountFigure] = {}
    for side in SIDES:
        killed[side] = _largest("killed", side, incident, claims, people, counts)
    hit = {side: _largest("hit", side, incident, [], people, counts) for side in SIDES}
    wounded: dict[str, AccountFigure] = {}
    for side in SIDES:
        w = _largest("wounded", side, incident, claims, people, counts)
        rest = hit[side].count - killed[side].count
        if rest > w.count:
            w = AccountFigure("wounded", side, rest, f"hit {hit[side].count} minus killed {killed[side].count}",
                              hit[side].mentions + killed[side].mentions, hit[side].claims + killed[side].claims)
        wounded[side] = w
    for kind, per in (("killed", killed), ("wounded", wounded)):
        have = {s: f for s, f in per.items() if f.count or f.mentions or f.claims}
        if not have:
            continue
        total = sum(f.count for f in have.values())
        figures[kind] = {**have, "all": AccountFigure(
            kind, "all", total, " + ".join(f"{s} {f.count}" for s, f in have.items()),
            [i for f in have.values() for i in f.mentions], [i for f in have.values() for i in f.claims])}
    return Account(figures, people, mentions)


def _largest(kind: str, side: str, mentions: list[Mention], claims: list[Claim], people: list[Person],
             counts) -> AccountFigure:
    """The larger of the largest group figure and the people counted, for one kind and side."""
    best = AccountFigure(kind, side, 0, "none")
    for m in mentions:
        if m.side != side:
            continue
        if m.outcome == kind and m.figure is not None:
            n = m.figure.low if m.figure.high is None else (m.figure.low + m.figure.high) // 2
        elif m.outcome == kind and m.title and m.person is not None:
            n = 1  # "Man shot dead in ...": the title's one person
        else:
            continue
        if n > best.count:
            best = AccountFigure(kind, side, n, f"largest figure: {m.evidence[:60]!r}", [m.id])
    if kind != "hit":
        for c in claims:
            if c.kind != kind or not counts(c) or _claim_side(c) != side:
                continue
            n = _point(c)
            if n > best.count:
                best = AccountFigure(kind, side, n, f"largest claim: {c.evidence[:60]!r}", [], [c.id])
    if kind == "killed":
        dead = [p for p in people if p.side == side and p.outcome == "killed"]
    elif kind == "hit":
        dead = [p for p in people if p.side == side and p.outcome in ("killed", "hit", "wounded")]
    else:
        dead = [p for p in people if p.side == side and p.outcome in ("hit", "wounded")]
    if len(dead) > best.count:
        best = AccountFigure(kind, side, len(dead), f"{len(dead)} people counted once each",
                             [i for p in dead for i in p.mentions])
    return best


def _claim_side(c: Claim) -> str:
    return "attackers" if c.victim_side == "attackers" or c.perpetrator else "targets"
