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
import re
from dataclasses import dataclass, field

from .mentions import Mention
from .model import Claim, Record

log = logging.getLogger(__name__)

SIDES = ("targets", "attackers")
_SEVERITY = {"unhurt": 0, "hit": 1, "wounded": 1, "killed": 2}


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


_MALE = {"he", "man", "boy", "son", "father", "husband", "brother", "uncle", "nephew", "grandfather", "boyfriend",
         "stepfather", "stepson", "grandson", "fiance", "gentleman"}
_FEMALE = {"she", "woman", "girl", "daughter", "mother", "wife", "sister", "aunt", "niece", "grandmother",
           "girlfriend", "stepdaughter", "granddaughter", "fiancee", "lady"}
_NEW_PERSON = {"another", "second", "third", "other", "fourth", "fifth"}


def _gender(key: str) -> str | None:
    return "m" if key in _MALE else "f" if key in _FEMALE else None


def link_people(mentions: list[Mention]) -> list[Person]:
    """People of the body text's single-person mentions (the title's count as groups).

    News re-tells one victim many ways before and after naming them, so a mention
    without a name (a descriptor, a pronoun) is a person already told of when one
    of the same side and a compatible sex exists (the latest such), and a new
    person when none does, when the words say so ("another man", "a second
    victim"), or when it stands beside that person in one sentence ("a man and a
    woman were shot"). A name is the person of that name, else the unnamed person
    the text named (the first), else a new person."""
    people: list[Person] = []
    gender: dict[str, str] = {}
    seen_in: dict[str, set[str]] = {}  # person -> the cues that told of them
    first: dict[str, str] = {}  # person -> first name, when a full name told of them
    for m in mentions:
        if m.person is None or m.title or m.scope != "incident" or m.outcome not in _SEVERITY:
            continue
        kind, _, key = m.person.partition(":")
        g = _gender(key)
        words = {w.lower() for w in m.victim.replace("-", " ").split()}

        def fits(x: Person) -> bool:
            if kind == "desc" and _age_class(key) and _age_class(key) in {
                    _other_age(_age_class(d)) for d in x.descriptors}:
                return False  # "a pregnant woman was shot ... the baby died": a child is not the woman
            return x.side == m.side and (g is None or gender.get(x.id) in (None, g)) and (
                kind == "pron" or m.cue not in seen_in.get(x.id, set()))

        p: Person | None = None
        if kind == "name":
            tokens = [w.lower() for w in m.victim.split()]
            given = tokens[0] if len(tokens) > 1 else None

            def same_name(x: Person) -> bool:
                # relatives share a surname: "Richard Stone" is not "Michelle Stone"; a bare
                # "Stone" is the latest person of that name
                if given and first.get(x.id) and first[x.id] not in tokens and given not in x.names:
                    return False
                return key in x.names or bool(set(tokens) & set(x.names) - _INITIALS)

            p = next((x for x in reversed(people) if same_name(x)), None)
            if p is None:
                # the unnamed person the text now names: the first told with this outcome, else the first
                unnamed = [x for x in people if not x.names and fits(x)]
                p = next((x for x in unnamed if x.outcome == m.outcome), unnamed[0] if unnamed else None)
            if p is not None and given and p.id not in first:
                first[p.id] = given
            if p is not None:
                p.names.extend(w for w in tokens if w not in p.names)
        elif not words & _NEW_PERSON:
            told = [x for x in reversed(people) if fits(x)]
            # "the 17-year-old boy" is the person told as a boy, else as a youth, else the latest told
            p = next((x for x in told if kind == "desc" and key in x.descriptors), None) or next(
                (x for x in told if kind == "desc" and _young(key) and any(_young(d) for d in x.descriptors)),
                None) or (told[0] if told else None)
        if p is None:
            p = Person(f"p{len(people) + 1}", [w.lower() for w in m.victim.split()] if kind == "name" else [],
                       [], m.outcome, m.side)
            people.append(p)
            if kind == "name" and len(m.victim.split()) > 1:
                first[p.id] = m.victim.split()[0].lower()
        elif _SEVERITY[m.outcome] > _SEVERITY[p.outcome]:
            p.outcome = m.outcome
        if kind == "desc" and key not in p.descriptors:
            p.descriptors.append(key)
        if g and p.id not in gender:
            gender[p.id] = g
        seen_in.setdefault(p.id, set()).add(m.cue)
        p.mentions.append(m.id)
    return people


_INITIALS = {"jr", "jr.", "sr", "sr.", "ii", "iii"}
_YOUNG = {"baby", "infant", "toddler", "child", "boy", "girl", "newborn", "kid"}
_ADULT = {"man", "woman", "wife", "husband", "mother", "father", "grandmother", "grandfather", "gentleman", "lady"}


def _young(key: str) -> bool:
    return key in _YOUNG or key in ("juvenile", "teen", "teenager", "youth", "year-old")


def _age_class(key: str) -> str | None:
    return "young" if key in _YOUNG else "adult" if key in _ADULT else None


def _other_age(c: str | None) -> str | None:
    return {"young": "adult", "adult": "young"}.get(c or "")


def _point(c: Claim) -> int:
    from .estimates import point

    return point(c)


def build(mentions: list[Mention], claims: list[Claim]) -> Account:
    """The account of one event from its mentions and its claims."""
    from .estimates import counts as estimate_counts

    by_id = {c.id: c for c in claims}

    def counts(c: Claim) -> bool:
        """The estimates' rule, and also a total whose parts the estimates count on different sides
        ("three soldiers and nine civilians": state forces and civilians) when, for the account,
        they are one side: the total is the account's figure for that side."""
        if estimate_counts(c):
            return True
        if not (c.sum_of and c.scope == "incident" and c.part_of is None and c.status != "denied"):
            return False
        parts = [by_id[i] for i in c.sum_of if i in by_id]
        return bool(parts) and len({claim_side(p) for p in parts}) == 1

    incident = [m for m in mentions if m.scope == "incident"]
    people = link_people(incident)
    figures: dict[str, dict[str, AccountFigure]] = {}
    killed: dict[str, AccountFigure] = {}
    for side in SIDES:
        killed[side] = _largest("killed", side, incident, claims, people, counts)
    for side in SIDES:
        _hurt_who_died(killed, side, incident)
    if killed["targets"].count and killed["attackers"].count and _only_suicide(killed["attackers"], incident) and \
            not _exclusive(killed["targets"], incident):
        # "three dead in a murder-suicide": the total holds the killer; "killed his son, then himself": it does not
        killed["attackers"] = AccountFigure("killed", "attackers", 0, "the killer's suicide: inside the victims' count",
                                            killed["attackers"].mentions)
    dead = {side: f.count for side, f in killed.items()}  # the dead among the hit, wherever counted
    if killed["targets"].count and killed["attackers"].rule.endswith("people counted once each") and not _exclusive(
            killed["targets"], incident):
        # a suspect told of only as a person ("the suspect was found dead") beside victims with a
        # count: news totals often hold the shooter ("four people are dead, including the gunman")
        # and a re-told suspect cannot be told from a victim, so the total stands alone
        killed["attackers"] = AccountFigure("killed", "attackers", 0,
                                            "the suspect told of by name or role only: inside the victims' count",
                                            killed["attackers"].mentions)
    hit = {side: _largest("hit", side, incident, claims, people, counts) for side in SIDES}
    wounded: dict[str, AccountFigure] = {}
    for side in SIDES:
        # "two were killed and four others shot": the others are hit beside the dead ("four others
        # were wounded" already counts the wounded alone)
        _add_others(hit[side], incident, side, "hit", max(dead[side], _people(people, side, "hit")))
        # the dead the title counts, when the body tells none of them dead person by person, are
        # among the people it tells hit ("Teen killed in shooting" ... "he was accidentally shot"):
        # not wounded. Where some are told dead the others' pronouns and names link too loosely
        # to say which of the hit died, and a body's figure may be another happening's.
        unnamed_dead = dead[side] if killed[side].rule.startswith(("title", "lead")) and not _people(
            people, side, "killed") else 0
        w = _largest("wounded", side, incident, claims, people, counts, unnamed_dead)
        gone = dead[side]
        if hit[side].rule.endswith("people counted once each"):
            # the hit counted person by person hold every person told dead: a person the links split
            # in two ("the 15-year-old", "another teen") is not one dead and one wounded
            gone = max(gone, _people(people, side, "killed"))
        rest = hit[side].count - gone
        if rest > w.count and not _headline_beats(w, hit[side]):
            w = AccountFigure("wounded", side, rest, f"hit {hit[side].count} minus killed {gone}",
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


LEAD = 4  # body sentences that tell the news with the title


_KILLER_COUNT = re.compile(r"\b(?:murder\w*|homicides?|slay\w*|slain|massacre\w*)\b|(?<!were )(?<!was )(?<!been )(?<!are )"
                           r"(?<!is )\bkill(?:s|ed|ing)?\s+(?!(?:in|at|on|by|after|during|when|while|near|outside|"
                           r"inside|early|late|last|this|overnight|and|or|yesterday|today|tonight|monday|tuesday|"
                           r"wednesday|thursday|friday|saturday|sunday)\b)[a-z0-9]", re.I)


def _exclusive(fig: AccountFigure, mentions: list[Mention]) -> bool:
    """The victims' figure counts whom a killer killed ("triple murder", "killed his wife and son",
    "5 murdered"), so a suspect told dead beside it is one more; "four people are dead" may hold him."""
    said = {m.id: m.evidence for m in mentions}
    return any(_KILLER_COUNT.search(said.get(i, "")) for i in fig.mentions)


def _only_suicide(fig: AccountFigure, mentions: list[Mention]) -> bool:
    by = {m.id: m for m in mentions}
    return bool(fig.mentions) and all(i in by and by[i].victim == "suicide" for i in fig.mentions)


def _headline_beats(wounded: AccountFigure, hit: AccountFigure) -> bool:
    """The title's wounded figure ("1 dead, 6 hurt") is the count the story leads with: the body's
    people shot minus the dead do not replace it (a body re-tells the victims and the shooter),
    unless the title itself gives those shot ("4 shot, 2 killed")."""
    return wounded.rule.startswith("title figure") and not hit.rule.startswith("title")


def _largest(kind: str, side: str, mentions: list[Mention], claims: list[Claim], people: list[Person],
             counts, unnamed_dead: int = 0) -> AccountFigure:
    """How many of one kind and side: the groups' figures bound the people.

    A figure written in the title is the count the story leads with; a larger one in
    the lead is its update. Otherwise the largest figure of the body. The people
    counted one by one give the count only where no figure is written (the text
    names its dead but never totals them); a total is more often right than a
    tally of mentions that may re-tell one person."""
    title = AccountFigure(kind, side, 0, "none")
    lead = AccountFigure(kind, side, 0, "none")
    body = AccountFigure(kind, side, 0, "none")
    for group in _groups(mentions, side, kind):
        if len(group) > 1 and any(x.figure is not None for x in group):
            group = _coordinated(group)
        m = group[0]
        n = sum(_value(x.figure) if x.figure is not None else 1 for x in group)
        if len(group) == 1 and m.figure is None and not m.title:
            continue  # one person of the body: counted with the people
        where = "title" if m.title else "lead" if m.sentence <= LEAD else "body"
        slot = title if m.title else lead if m.sentence <= LEAD else body
        if n > slot.count:
            what = "figure" if len(group) == 1 else "parts " + " + ".join(
                str(_value(x.figure)) if x.figure is not None else "1" for x in group)
            slot.count, slot.rule, slot.mentions = n, f"{where} {what} {n}: {m.evidence[:60]!r}", [x.id for x in group]
    for c in claims:
        # a claim of gunshot wounds ("three men were found with gunshot wounds") tells of people
        # hit, who may have died: it bounds the hit, not the wounded
        want = "wounded" if kind == "hit" else kind
        if c.kind != want or (kind in ("hit", "wounded") and _wound_only(c) != (kind == "hit")):
            continue
        if not counts(c) or claim_side(c) != side or not _written(c):
            continue
        n = _point(c)
        if n > body.count:
            body.count, body.rule, body.claims, body.mentions = n, f"claim {n}: {c.evidence[:60]!r}", [c.id], []
    if kind == "killed":
        dead = [p for p in people if p.side == side and p.outcome == "killed"]
    elif kind == "hit":
        dead = [p for p in people if p.side == side and p.outcome in ("killed", "hit", "wounded")]
    else:
        dead = [p for p in people if p.side == side and p.outcome in ("hit", "wounded")]
    n_counted, rule = len(dead), f"{len(dead)} people counted once each"
    if kind == "wounded" and unnamed_dead and dead:
        # "Vicky Myers was also shot": a person told as one more is not among the dead
        said = {m.id: m.evidence for m in mentions}
        # one told injured ("the driver was injured") is a survivor the text means
        more = sum(1 for p in dead if p.outcome == "wounded" or any(_ALSO.search(said.get(i, "")) for i in p.mentions))
        n_counted = max(more, len(dead) - unnamed_dead)
        rule = f"{len(dead)} people hit, {len(dead) - n_counted} of them the dead a figure counts"
    counted = AccountFigure(kind, side, n_counted, rule, [i for p in dead for i in p.mentions])
    title_fig = next((m.figure for m in mentions if m.id in title.mentions), None)
    if title.count and title_fig is not None and title_fig.high is not None:
        pool = [title, lead]  # the headline's number, or the lead's update of it
    elif title.count and title_fig is not None:
        pool = [title, lead, body]  # "Several shot": a vague headline, the body tells how many
    elif title.count:
        pool = [title, lead]  # "Man killed in ...": one, or the lead's figure
    else:
        pool = [lead, body] if lead.count or body.count else [counted]
    best = max(pool, key=lambda f: f.count)
    rule = best.rule
    if best is not counted and counted.count and counted.count != best.count and kind != "hit":
        rule = f"{rule}; the body names {counted.count} (people counted once each)"
    return AccountFigure(kind, side, best.count, rule, list(best.mentions), list(best.claims))


_OTHERS = {"other", "others", "more"}
_ALSO_OTHERS = re.compile(r"\b(?:another|others?|more)\b", re.I)
_ALSO = re.compile(r"\b(also|too|as well|another|other|second|third)\b", re.I)
_ABOVE = re.compile(r"^\s*(more than|over|above|in excess of|upwards of|greater than)\b", re.I)


def _people(people: list[Person], side: str, kind: str) -> int:
    want = {"killed": ("killed",), "hit": ("killed", "hit", "wounded"), "wounded": ("hit", "wounded")}[kind]
    return sum(1 for p in people if p.side == side and p.outcome in want)


_OF_HURT = re.compile(r"\bof (?:the|those) (?:injured|wounded|hurt)\b", re.I)


def _hurt_who_died(killed: dict[str, AccountFigure], side: str, mentions: list[Mention]) -> None:
    """"Three people died ... One of the injured died of his injuries 10 days later": the hurt who
    died later are dead beside those the figure counted."""
    f = killed[side]
    if not f.count:
        return
    for m in mentions:
        if m.side != side or m.outcome != "killed" or m.figure is None or m.title or m.id in f.mentions:
            continue
        if not _OF_HURT.search(m.evidence) or any(x.sentence >= m.sentence for x in mentions if x.id in f.mentions):
            continue  # the update must come after the count it adds to
        n = _value(m.figure)
        f = AccountFigure("killed", side, f.count + n, f"{f.rule}; and {n} of the hurt died later: {m.evidence[:50]!r}",
                          [*f.mentions, m.id], list(f.claims))
    killed[side] = f


def _add_others(fig: AccountFigure, mentions: list[Mention], side: str, kind: str, base: int) -> None:
    """"Four others were shot", "two more died": a figure beside those already counted adds to them."""
    for m in mentions:
        if m.side != side or m.outcome != kind or m.figure is None or m.title:
            continue
        if not {w.lower() for w in m.victim.split()} & _OTHERS:
            continue
        n = _value(m.figure) + base
        if n > fig.count:
            fig.count, fig.rule = n, f"{base} counted and {_value(m.figure)} others: {m.evidence[:50]!r}"
            fig.mentions = [*fig.mentions, m.id]


def _coordinated(group: list[Mention]) -> list[Mention]:
    """The mentions of one cue that add up, where some carry figures.

    "Four women and a man were shot": people coordinated add up (5). Not a part named under
    "including"; not names set beside a figure ("two of those men, Todd Thompson and Vincent
    Dipina"), nor a breakdown of a total ("13 people, 11 males and two females": 13), nor an unborn
    child beside the people ("three people and an unborn baby": the archives count three), nor "others"
    of a clause of their own that the parse joined ("killed 15 people and 50 others were injured"):
    then the largest figure alone."""
    largest = max((x for x in group if x.figure is not None), key=lambda x: _value(x.figure))
    added = [x for x in group if not x.part]
    if any((x.person or "").startswith("name:") or "unborn" in x.victim.lower() or _ALSO_OTHERS.search(x.evidence)
           for x in added):
        return [largest]  # "killed 15 people and 50 others were injured": the others are a clause of their own
    values = [_value(x.figure) if x.figure is not None else 1 for x in added]
    total = sum(values)
    if len(added) < 2 or total <= _value(largest.figure) or any(2 * v == total for v in values):
        return [largest]
    return added


def _groups(mentions: list[Mention], side: str, kind: str) -> list[list[Mention]]:
    """Mentions of one kind and side by cue: people of one cue add up ("a girl and a man
    killed": 2). Coordinated figures are the claims' business (claims.py knows a breakdown
    from parts and their total), so a cue with figures gives its largest."""
    by: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.side == side and m.outcome == kind and (m.figure is not None or m.person is not None):
            by.setdefault(m.cue or m.id, []).append(m)
    return list(by.values())


def _value(f) -> int:
    """A figure's count for the account: "as many as four" is four (a cap someone bothers to give
    was reached), a closed range its midpoint, an open one its low bound."""
    if f.high is None:
        return f.low - 1 if f.low > 0 and _ABOVE.match(f.text or "") else f.low  # "more than 500": 500
    if f.low == 1 and f.high > 1 and re.match(r"\s*(up to|as many as)\b", f.text or "", re.I):
        return f.high
    return (f.low + f.high) // 2


_WORD = re.compile(r"[a-z]+")


def _wound_only(c: Claim) -> bool:
    """The claim's only hurt word is a wound noun ("with gunshot wounds", "a stab wound")."""
    from .mentions import lex as mention_lex

    words = set(_WORD.findall(c.evidence.lower()))
    hurt = {w for w in words if _trig().get(w) == "wounded"}
    if not hurt or not hurt <= mention_lex()["wound"]:
        return False
    # "kills 5 and wounds ten more": "wounds" is the verb when its figure follows it; the noun comes
    # after its people ("three men suffered gunshot wounds", "with stab wounds")
    return not _WOUND_VERB.search(c.evidence)


_WOUND_VERB = re.compile(r"\bwounds?\s+(?:at least\s+|more than\s+|nearly\s+|about\s+|some\s+)?"
                         r"(?:\d|a\b|an\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                         r"[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|"
                         r"scores|several|many|more|others?\b)", re.I)


def _trig() -> dict:
    from .caslex import compiled as _lex

    return _lex()["trig"]


def _written(c: Claim) -> bool:
    """A figure written as a number ("two", "12"), not one read from a single person ("a man", "him")."""
    from .numbers import parse_figure

    if c.sum_of:
        return True  # a total of coordinated parts ("15 police personnel and a driver")
    return parse_figure(c.figure.text) is not None


def claim_side(c: Claim) -> str:
    """The account's side of a claim, from its victim words as for a mention (the claims' own
    side, which weighs who killed whom, stays on the claim)."""
    from .mentions import lex as mention_lex

    words = set(c.victim.lower().replace("-", " ").split())
    return "attackers" if c.perpetrator or words & mention_lex()["attackers"] else "targets"
