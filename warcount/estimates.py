"""Low / best / high from the claims of one event, kind and side.

Why a module of its own: the per-document grouper (``events.py``) and the
cross-document reconciler (``reconcile.py``) must give the same figures for
the same claims, so the rules live in one place and are written down here.

Which claims count
    Only claims with ``scope == "incident"``, ``part_of is None`` (a part
    is already inside a larger figure) and ``status != "denied"`` enter a
    total; a sum whose parts are on different sides (side ``mixed``) enters
    through its parts. Denials are listed in ``Estimate.denied``: flagged, never counted.

The point value of a figure
    exact ``n`` -> n; a closed range ``a..b`` -> ``(a + b) // 2``; an open
    range ``a..`` -> ``a`` (never invent an upper bound).

low
    The lowest ``figure.low`` among *firm* claims: status ``stated``,
    ``reported`` or ``acknowledged`` (an acknowledgement is the victim side
    admitting its own losses). When no firm claim exists, the lowest figure
    of any claim, and the rule says so.

high
    The highest figure any source gives: ``figure.high``, or for an open
    range its low bound; ``high_open`` marks that the high is such a bound.

best (the first rule that applies)
    1. ``acknowledged``: the victim side's own acknowledged figure (the
       largest, or the latest when report dates are known) when no firm
       report given at the same time or later exceeds it. A party admits
       the floor of its own losses; if nobody firm says more, it is the
       best-documented figure.
    2. ``median of firm reports``: the lower median (``median_low``) over
       sources of each source's largest firm point value (one voice's larger
       figure is its later toll, or the total that holds its smaller ones). The lower median is a figure some source
       actually gave, so it stays traceable to a sentence, and it leans
       conservative on an even count.
    3. ``median of all (hedged only)``: when only ``claimed`` or
       ``unconfirmed`` figures exist, the lower median of all point values.

Side ``all`` in :func:`casualties` adds the sides' low, best and high when the
sides are different people, and pools rival sources' sides of the same dead
into one estimate (``sides.distinct``).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from statistics import median_low

from .model import Claim, Estimate

log = logging.getLogger(__name__)

FIRM = frozenset({"stated", "reported", "acknowledged"})
ALL_SIDE = "all"


def counts(claim: Claim) -> bool:
    """True when the claim may enter an incident's totals.

    A total over parts on different sides ("32 people and 3 suicide bombers",
    victim side ``mixed``) is counted through its parts, each on its side."""
    return (claim.scope == "incident" and claim.part_of is None and claim.status != "denied"
            and not (claim.sum_of and claim.victim_side == "mixed"))


_ABOVE = re.compile(r"^\s*(more than|over|above|in excess of|upwards of|greater than)\b", re.I)


def point(claim: Claim) -> int:
    """One number for a figure: exact value, midpoint of a closed range, low bound of an open one.

    "more than 100" has low 101 (DESIGN.md), but its point value is the number
    as written, 100, as ACLED and UCDP code such reports: the source vouches
    for that number and no other."""
    f = claim.figure
    if f.high is None:
        if f.low > 0 and _ABOVE.match(f.text or ""):
            return f.low - 1
        return f.low
    return (f.low + f.high) // 2


def _top(claim: Claim) -> int:
    f = claim.figure
    return f.low if f.high is None else f.high


def side_of(claim: Claim) -> str:
    """The side a claim's victims are on; attackers' own losses when the count is of perpetrators."""
    if claim.victim_side:
        return claim.victim_side
    return "attackers" if claim.perpetrator else "unknown"


def estimate(claims: list[Claim], reported_on: Mapping[str, str | None] | None = None) -> Estimate:
    """Low, best and high of claims of one kind and side, with the claim ids behind each.

    ``reported_on`` maps a claim id to the ISO date its document was
    published; with it, rule 1 only weighs reports of the same date or later
    against an acknowledgement. Claims that do not count (see the module
    docstring) are ignored, except denials, which are listed.
    """
    denied = sorted(c.id for c in claims if c.status == "denied")
    used = sorted((c for c in claims if counts(c)), key=lambda c: (point(c), c.id))
    if not used:
        rule = "no countable claims" + (" (denials only)" if denied else "")
        return Estimate(low=None, best=None, high=None, rule=rule, denied=denied)

    firm = [c for c in used if c.status in FIRM]
    notes: list[str] = []

    # low
    low_pool = firm or used
    low = min(c.figure.low for c in low_pool)
    low_claims = [c.id for c in low_pool if c.figure.low == low]
    if not firm:
        notes.append("low from hedged figures only")

    # high
    high = max(_top(c) for c in used)
    at_high = [c for c in used if _top(c) == high]
    closed = [c for c in at_high if c.figure.high is not None]
    high_open = not closed
    high_claims = [c.id for c in (closed or at_high)]
    if high_open:
        notes.append("high is the low bound of an open range")

    # best
    best, best_claims, rule = _best(used, firm, reported_on or {})
    if notes:
        rule = f"{rule}; {'; '.join(notes)}"
    return Estimate(
        low=low, best=best, high=high,
        claims=[c.id for c in used],
        low_claims=low_claims, best_claims=best_claims, high_claims=high_claims,
        rule=rule, high_open=high_open, denied=denied,
    )


def _best(used: list[Claim], firm: list[Claim], dates: Mapping[str, str | None]) -> tuple[int, list[str], str]:
    acks = [c for c in firm if c.status == "acknowledged"]
    if acks:
        if any(dates.get(c.id) for c in acks):
            ack = max(acks, key=lambda c: (dates.get(c.id) or "", point(c)))
        else:
            ack = max(acks, key=point)
        ack_value, ack_date = point(ack), dates.get(ack.id)
        later = [c for c in firm if c.status != "acknowledged"
                 and (ack_date is None or not dates.get(c.id) or dates[c.id] >= ack_date)]
        if not any(point(c) > ack_value for c in later):
            ids = [c.id for c in acks if point(c) == ack_value]
            return ack_value, ids, "acknowledged: the victim side's own figure, not exceeded by firm reports"
    if firm:
        value = median_low(list(_per_source_max(_without_others(_without_named_parts(firm))).values()))
        why = "median of firm reports, each source's largest" + (" (exceed the acknowledged figure)" if acks else "")
        return value, [c.id for c in firm if point(c) == value], why
    value = median_low([point(c) for c in used])
    return value, [c.id for c in used if point(c) == value], "median of all (hedged only)"


#: the head word of a local authority that speaks through its office and its officers alike
_OFFICE_HEADS = ("sheriff", "police", "coroner", "medical examiner", "fire department", "prosecutor")
_OFFICE_TAIL = re.compile(r"(?:['’]s)?\s+(?:office|department|dept\.?)\b.*$")


def _voice_key(name: str) -> str:
    """A source's name as one voice: "the Harvey County Sheriff's Office" and "Harvey County
    Sheriff T. Walton" are one (an office and the officer who speaks for it), as are a police
    department and its chief; the ministry and the army stay two."""
    key = name.lower().strip()
    key = key[4:] if key.startswith("the ") else key
    for head in _OFFICE_HEADS:
        at = key.find(head)
        if at >= 0:
            return key[:at + len(head)]
    return _OFFICE_TAIL.sub("", key)


_NOT_A_NAME = frozenset(("a", "an", "one", "the", "another"))


def _one_named(c: Claim) -> bool:
    """A claim the article makes of one person it names ("John Smith, 23, was shot and killed")."""
    words = (c.figure.text or "").split()
    return (c.source.kind == "unattributed" and c.figure.low == 1 and c.figure.high == 1 and bool(words)
            and all(w[:1].isupper() for w in words) and words[0].lower() not in _NOT_A_NAME)


def _without_named_parts(claims: list[Claim]) -> list[Claim]:
    """The article naming one of the dead is one of the people a larger count holds, not a rival voice
    saying one died ("Police said two people were killed. John Smith was shot and killed.")."""
    most = max(point(c) for c in claims)
    kept = [c for c in claims if not (_one_named(c) and most > 1)]
    return kept or claims


_OTHERS = re.compile(r"^(?:several |some |many |a few |a number of )?others?(?: people)?$", re.I)


def _vague_others(c: Claim) -> bool:
    """"several others", "some others": people besides those counted, by no number ("four others" after
    "killing two" is the standard count of the wounded, and stays a count)."""
    return c.figure.high is None and bool(_OTHERS.match((c.victim or "").strip()))


def _without_others(claims: list[Claim]) -> list[Claim]:
    """"Commander X said several others were trampled and injured" beside the police's "six people were
    shot": a voice whose only figure is of *others* tells more people than those counted, not a rival count
    of the same ones, so it does not enter the median of the sources (its figure stays in low and high)."""
    others = {_voice_key(c.source.name) for c in claims if _vague_others(c)}
    if not others:
        return claims
    plain = {_voice_key(c.source.name) for c in claims if not _vague_others(c)}
    drop = others - plain
    kept = [c for c in claims if _voice_key(c.source.name) not in drop]
    return kept or claims


def _per_source_max(claims: list[Claim]) -> dict[str, int]:
    """Each source's largest figure: one voice's larger figure is its later toll or the
    total that contains its smaller ones ("62 killed ... killing 20 soldiers").
    Names that contain one another ("police sources", "Iraqi police sources") are one source."""
    out: dict[str, int] = {}
    for c in claims:
        key = _voice_key(c.source.name)
        same = next((k for k in out if k in key or key in k), key)
        out[same] = max(out.get(same, 0), point(c))
    return out


def casualties(claims: Iterable[Claim], reported_on: Mapping[str, str | None] | None = None
               ) -> dict[str, dict[str, Estimate]]:
    """kind -> side -> Estimate for an event's claims, plus side ``all`` over the sides.

    A kind or side appears when it has a countable claim or a denial; side
    ``all`` appears when at least one side has a figure. ``all`` adds sides only
    when they are different people (``sides.distinct``); sides that are rival
    sources' accounts of the same dead (the ministry's 40 civilians, the army's 12
    militants, the monitor's 27 deaths) are pooled into one estimate over all their
    figures (12 / 27 / 40), never added.
    """
    claims = list(claims)
    groups: dict[str, dict[str, list[Claim]]] = {}
    for c in claims:
        if c.scope != "incident":
            continue  # cumulative tallies live outside an incident's estimates
        groups.setdefault(c.kind, {}).setdefault(side_of(c), []).append(c)
    out: dict[str, dict[str, Estimate]] = {}
    for kind in sorted(groups):
        sides = {side: _clamped(estimate(cs, reported_on)) for side, cs in sorted(groups[kind].items())}
        if not any(e.best is not None or e.denied for e in sides.values()):
            continue
        pools = _pools({s: cs for s, cs in groups[kind].items() if sides[s].best is not None}, claims)
        parts = [sides[p[0]] if len(p) == 1 else _clamped(_pooled(p, groups[kind], reported_on)) for p in pools]
        total = _sum(parts + [e for s, e in sides.items() if e.best is None])
        if total is not None:
            if len(pools) > 1:
                from .sides import LABELS

                named = [" / ".join(LABELS.get(x, x) for x in p) + (" (rival figures, pooled)" if len(p) > 1 else "")
                         for p in pools]
                total.rule = "sum of different people: " + " + ".join(named)
            sides[ALL_SIDE] = total
        _attackers_inside(sides, [c for c in claims if c.kind == kind], reported_on)
        out[kind] = sides
    return out


def _attackers_inside(sides: dict[str, Estimate], claims: list[Claim], reported_on) -> None:
    """"At least five people, including four suicide bombers, were killed": the attackers are a
    part of a counted total of victims and attackers together. The total stands on its side (and in
    ``all``); side ``attackers`` says how many of it were the attackers, as ``apply_account`` does
    for the account's attackers, so the victims' count is the total less them."""
    have = sides.get("attackers")
    if have is not None and (have.best is not None or have.denied) or ALL_SIDE not in sides:
        return
    whole = {c.id for c in claims if counts(c) and side_of(c) != "attackers"}
    parts = [c for c in claims if c.part_of in whole and side_of(c) == "attackers" and c.scope == "incident"
             and c.status != "denied"]
    if parts:
        from dataclasses import replace

        inside = _clamped(estimate([replace(c, part_of=None) for c in parts], reported_on))
        inside.rule = f"attackers inside the total: {inside.rule}"
        sides["attackers"] = inside


def _clamped(e: Estimate) -> Estimate:
    """Best never below low nor above high: "more than 60" is low 61, and its point value 60
    (the number as written) must not read 61 / 60 / 61+; it reads 60 / 60 / 61+."""
    if e.best is not None and e.low is not None and e.best < e.low:
        # the best is the number as written ("more than 60" counts 60, as ACLED and UCDP code it),
        # so the low comes down to it
        e.low, e.low_claims = e.best, list(e.best_claims)
    if e.best is not None and e.high is not None and e.best > e.high:
        e.best, e.best_claims = e.high, list(e.high_claims)
    return e


def _pools(by_side: dict[str, list[Claim]], event_claims: list[Claim]) -> list[list[str]]:
    """Sides grouped so that each group is one set of people: a side joins the first group
    none of whose sides it is distinct from (named sides first, ``unknown`` last)."""
    from . import sides as sides_mod

    order = sorted(by_side, key=lambda s: (s == sides_mod.UNKNOWN, s))
    pools: list[list[str]] = []
    for s in order:
        for pool in pools:
            if not any(sides_mod.distinct(s, o, by_side[s], by_side[o], event_claims) for o in pool):
                pool.append(s)
                break
        else:
            pools.append([s])
    return pools


def _pooled(pool: list[str], by_side: dict[str, list[Claim]], reported_on) -> Estimate:
    """One estimate over rival sources' figures for the same dead, told as different sides."""
    est = estimate([c for s in pool for c in by_side[s]], reported_on)
    from .sides import LABELS

    est.rule = f"rival figures for the same dead ({', '.join(LABELS.get(s, s) for s in pool)}): {est.rule}"
    return est


def _sum(parts: list[Estimate]) -> Estimate | None:
    """Add estimates of different people (sides, or pools of rival sides). A part without a
    figure adds nothing; best is never below low nor above high."""
    have = [e for e in parts if e.best is not None]
    if not have:
        return None

    def total(attr: str) -> int:
        return sum(getattr(e, attr) for e in have)

    def ids(attr: str) -> list[str]:
        return [i for e in have for i in getattr(e, attr)]

    rule = "sum of the sides" if len(have) > 1 else (have[0].rule if "rival" in have[0].rule else "one side")
    return Estimate(
        low=total("low"), best=total("best"), high=total("high"),
        claims=ids("claims"), low_claims=ids("low_claims"), best_claims=ids("best_claims"),
        high_claims=ids("high_claims"),
        rule=rule,
        high_open=any(e.high_open for e in have),
        denied=[i for e in parts for i in e.denied],
    )


#: source names that are no voice of their own: a pronoun refers back to a voice told before ("he said
#: 14 were wounded": the chief already quoted), and a parse that makes "No" the speaker has misread
_NOT_A_VOICE = frozenset({"he", "she", "they", "it", "we", "i", "you", "no", "none"})


def rival_sources(claims: Iterable[Claim], kind: str) -> list[str]:
    """The sources that give different counts of ``kind`` (the seed's ministry, army and monitor).

    Two attributed voices whose largest firm-or-hedged figures differ are rivals:
    their figures stay side by side and the median rule gives the best. One voice
    (the article's own, or one police department quoted throughout) is not a rival
    of itself: its parts and updates feed the account."""
    per = _per_source_max([c for c in claims if c.kind == kind and counts(c) and c.source.kind != "unattributed"
                           and c.source.name.lower() not in _NOT_A_VOICE])
    if per and max(per.values()) > 1:
        # a voice that tells of one person ("the victim", "one of the wounded", "injuring him") beside a
        # voice with a count is telling a part, not giving a rival count
        per = {name: n for name, n in per.items() if n > 1}
    return sorted(per) if len(set(per.values())) > 1 else []


def apply_account(casualties: dict[str, dict[str, Estimate]], account, claims: list[Claim]) -> None:
    """Let the document's account give an event's best figure where no rival sources disagree.

    For each kind the account counts: with rival sources the claims' estimate
    stands and its rule says what the account counted; otherwise the account's
    count is the best (low and high widen to hold it), on side ``all`` and on the
    victims' side (the only one, or ``targets``) and the attackers'. Each
    replaced estimate keeps its claims and lists the account's mentions."""
    for kind, figs in account.figures.items():
        total = figs.get("all")
        if total is None:
            continue
        sides = casualties.get(kind, {})
        have = sides.get(ALL_SIDE)
        rivals = rival_sources(claims, kind)
        if have is not None and have.best == total.count:
            have.rule = f"{have.rule}; the account agrees ({total.count})"
            have.mentions = list(total.mentions)
            _attackers_apart(sides, figs)
            continue
        if rivals:
            if have is not None:
                have.rule = f"{have.rule}; rival sources ({', '.join(rivals)}): the account's {total.count} not taken"
            continue
        if total.count == 0 and have is None:
            continue
        before = f"the claims gave {have.best}" if have is not None else "no claim counted"
        new_sides = dict(sides)
        new_sides[ALL_SIDE] = _from_account(total, have, f"account of the document: {total.rule}; {before}")
        victims = [s for s in sides if s not in (ALL_SIDE, "attackers", "mixed")]
        target = figs.get("targets")
        attack = figs.get("attackers")
        if target is not None and len(victims) <= 1:
            side = victims[0] if victims else "targets"
            new_sides[side] = _from_account(target, sides.get(side), f"account: {target.rule}")
        if attack is not None and (attack.count or "attackers" in sides):
            new_sides["attackers"] = _from_account(attack, sides.get("attackers"), f"account: {attack.rule}")
        elif "attackers" in sides and total.count == (target.count if target is not None else 0):
            from .account import AccountFigure

            none = AccountFigure(kind, "attackers", 0, "no attacker among the people the account counts")
            new_sides["attackers"] = _from_account(none, sides["attackers"], f"account: {none.rule}")
        casualties[kind] = new_sides


def _attackers_apart(sides: dict[str, Estimate], figs) -> None:
    """"Two police officers and three militants were killed": where the claims' total holds both
    and the account tells the militants as attackers beside victims, the attackers' side says how
    many of the total they are (the claims' sides keep their own names)."""
    attack, target = figs.get("attackers"), figs.get("targets")
    if attack is None or target is None or not attack.count or not target.count or "attackers" in sides:
        return
    sides["attackers"] = _from_account(attack, None, f"account: {attack.rule}")


def _from_account(fig, have: Estimate | None, rule: str) -> Estimate:
    n = fig.count
    if have is None or have.best is None:
        return Estimate(low=n, best=n, high=n, claims=list(fig.claims), best_claims=list(fig.claims), rule=rule,
                        mentions=list(fig.mentions))
    return Estimate(low=min(have.low if have.low is not None else n, n), best=n,
                    high=max(have.high if have.high is not None else n, n), claims=list(have.claims),
                    low_claims=list(have.low_claims), best_claims=list(fig.claims),
                    high_claims=list(have.high_claims), rule=rule, high_open=have.high_open and (have.high or 0) >= n,
                    denied=list(have.denied), mentions=list(fig.mentions))


def _group(sides: dict[str, Estimate], attackers: bool) -> tuple[int, int, int, list[str]] | None:
    """(low, best, high, claims) of the victims (side ``all`` less the attackers) or of the attackers."""
    total, att = sides.get(ALL_SIDE), sides.get("attackers")
    if total is None or total.best is None:
        return None
    if attackers:
        if att is None or att.best is None:
            return None
        return att.low or 0, att.best, att.high or att.best, list(att.best_claims)
    def less(a: int | None, b: int | None) -> int:
        return max((a or 0) - (b or 0), 0)
    a = att if att is not None and att.best is not None else None
    best = less(total.best, a.best if a else 0)
    if not best:
        return None
    return (less(total.low, a.low if a else 0), best, max(less(total.high, a.high if a else 0), best),
            list(total.best_claims))


def executed_among_killed(casualties: dict[str, dict[str, Estimate]]) -> None:
    """The killed estimate holds the executed: a person executed is a person killed.

    Kind ``executed`` stays as the sources told it ("executed 15 people", "two hostages
    were beheaded"); the killed figure (what ``warcount eval`` compares, ACLED's
    fatalities, UCDP's deaths) also counts them. A text that tells both often tells the
    same dead twice ("gunmen killed 15, executing them in a mosque"), so the victims and
    the attackers are each the larger of the two kinds, never their sum: side ``all`` is
    the larger count of victims plus the larger count of attackers. The larger kind's
    side estimates replace the smaller's, and the rule says what was taken. Runs on an
    event's final estimates (after its account), in ``events`` and in ``reconcile``."""
    executed = casualties.get("executed")
    if not executed:
        return
    killed = casualties.setdefault("killed", {})
    parts = []
    changed = False
    for att in (False, True):
        k, x = _group(killed, att), _group(executed, att)
        if x is not None and (k is None or x[1] > k[1]):
            parts.append((x, "executed"))
            changed = True
        elif k is not None:
            parts.append((k, "killed"))
    if not changed:
        return
    low, best, high = (sum(p[0][i] for p in parts) for i in range(3))
    before = killed.get(ALL_SIDE)
    taken = " + ".join(f"{p[1]} {p[0][1]}" for p in parts)
    for side, est in executed.items():
        if side == ALL_SIDE or est.best is None:
            continue
        have = killed.get(side)
        if have is None or have.best is None or est.best > have.best:
            killed[side] = Estimate(**{**est.__dict__, "rule": f"executed: {est.rule}"})
    behind = [i for p in parts for i in p[0][3]]
    x_all = executed.get(ALL_SIDE)
    claims = sorted(set(before.claims if before else []) | set(x_all.claims if x_all else []) | set(behind))
    killed[ALL_SIDE] = Estimate(
        low=low, best=best, high=high, claims=claims, low_claims=behind, best_claims=behind, high_claims=behind,
        rule=f"the executed among the killed (the larger of each): {taken}"
             + (f"; the killed alone gave {before.best}" if before is not None and before.best is not None else ""),
        high_open=any(e.high_open for e in (before, executed.get(ALL_SIDE)) if e is not None),
        denied=list(before.denied) if before else [], mentions=list(before.mentions) if before else [])
