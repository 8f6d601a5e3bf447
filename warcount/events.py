"""Group one document's claims into its events (the per-document view).

A news story has a main event (the attack or battle it is about) and, often,
later or earlier happenings it mentions. Rules, in order:

- cumulative claims (tallies "since 2012") belong to no event;
- a claim dated (in its own sentence) more than a day away from the main
  event's date opens or joins the event of that date;
- a claim whose sentence names a place that is neither the main place nor
  inside it, with no date, opens or joins the event of that place;
- everything else joins the main event.

The main event's date is the first day-precision event date in the text;
its place is the place the claims name most often (else the first).
Totals per kind and side come from estimates.py, the same rules as the
cross-source ledger.
"""
from __future__ import annotations

import logging
import re
from collections import Counter

from . import estimates
from .dates import parse_iso as _iso
from .model import Claim, Cleaned, Event, Place, content_hash

log = logging.getLogger(__name__)

EVENT_WORDS = [
    ("execution", r"\bexecut\w+|behead\w*"), ("ambush", r"\bambush\w*"),
    ("suicide bombing", r"\bsuicide (bomb\w*|attack\w*)"), ("bombing", r"\bbomb\w*|explosi\w+|blast\w*|\bIED\b"),
    ("airstrike", r"\bair ?strikes?|\bair raid\w*|\bdrone strike\w*"), ("shelling", r"\bshell(ing|ed)|\bartillery|\brocket\w*|\bmissile\w*"),
    ("shooting", r"\bshoot\w*|\bgunm[ae]n|\bopened fire|\bshot\b"), ("stabbing", r"\bstab\w*|\bknife\b|\bmachete\w*"),
    ("battle", r"\bbattle\w*|\bclash\w*|\bfighting\b|\boffensive\b|\bassault\b"), ("attack", r"\battack\w*"),
    ("abduction", r"\babduct\w*|\bkidnap\w*"), ("arrests", r"\barrest\w*|\bdetain\w*"),
]


def _event_type(text: str) -> str:
    best, pos = "unknown", len(text) + 1
    for name, pat in EVENT_WORDS:
        m = re.search(pat, text, re.I)
        if m and m.start() < pos:
            best, pos = name, m.start()
    return best


def main_date(claims: list[Claim], cleaned: Cleaned) -> tuple[str | None, str | None]:
    """The first day-precision event date in the text, else the claims' most common date."""
    try:
        from . import dates as dates_mod

        published = _iso(cleaned.published)
        for m in dates_mod.find_dates(cleaned.text, published):
            if m.value is not None and m.precision == "day" and not getattr(m, "since", False) \
                    and not getattr(m, "relative", False):
                return m.value.isoformat(), "day"
    except Exception:  # pragma: no cover - dates must never cost the events
        log.exception("date scan failed")
    dated = Counter((c.event_date, c.date_precision) for c in claims if c.event_date)
    if dated:
        return dated.most_common(1)[0][0]
    return None, None


def _resolve_place(name: str | None, context: str) -> Place | None:
    if not name:
        return None
    try:
        from . import places

        return places.resolve(name, context)
    except Exception:  # pragma: no cover
        log.exception("place resolution failed for %r", name)
        return Place(name=name, precision="unknown")


def group_events(claims: list[Claim], cleaned: Cleaned, mentions: list | None = None) -> list[Event]:
    """Events of one document, each with its claims and per-kind, per-side totals.

    With the document's victim mentions (mentions.py), the main event (the one
    with most claims, the one the title and lead describe) also gets the
    document's account (account.py), which gives its best figures where no rival
    sources disagree (``estimates.apply_account``). A document whose only
    casualties are mentions without a claim ("Smith was pronounced dead") gets one
    event from its account."""
    events = _group_claims(claims, cleaned) if claims else []
    if mentions:
        _attach_account(events, claims, mentions, cleaned)
    return events


def _attach_account(events: list[Event], claims: list[Claim], mentions: list, cleaned: Cleaned) -> None:
    from . import account as account_mod

    main = max(events, key=lambda e: len(e.claims)) if events else None
    members = [c for c in claims if main is not None and c.event_id == main.id]
    acc = account_mod.build(mentions, members)
    if not acc.figures or not any(f.count for figs in acc.figures.values() for f in figs.values()):
        if main is not None:
            main.account = acc
        return
    if main is None:
        mdate, mprec = main_date([], cleaned)
        first = next(m for m in mentions if m.scope == "incident")
        main = Event(id=content_hash(f"{cleaned.text[:200]}:account:{mdate}")[:16], type=_event_type(cleaned.text[:4000]),
                     date=mdate, date_precision=mprec, summary=first.evidence[:200])
        events.append(main)
    main.account = acc
    estimates.apply_account(main.casualties, acc, members)


def _group_claims(claims: list[Claim], cleaned: Cleaned) -> list[Event]:
    mdate, mprec = main_date(claims, cleaned)
    from .claims import attacker_phrases

    attackers = [_canonical(a) for a in attacker_phrases(cleaned.text)]
    places = Counter(c.place for c in claims if c.place and c.scope == "incident")
    mplace = places.most_common(1)[0][0] if places else None
    groups: dict[tuple[str | None, str | None], list[Claim]] = {}
    order: list[tuple[str | None, str | None]] = []
    main_key = (mdate, mplace)
    md = _iso(mdate)
    for c in claims:
        if c.scope == "cumulative":
            continue
        key = main_key
        cd = _iso(c.event_date)
        if cd and md and abs((cd - md).days) > 1:
            key = (c.event_date, c.place or mplace)
        elif c.place and mplace and c.place != mplace and not c.event_date and _separate_place(c.place, mplace):
            key = (mdate, c.place)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(c)
    # parts follow their whole
    by_id = {c.id: c for c in claims}
    events: list[Event] = []
    for key in order:
        members = groups[key]
        for c in list(members):
            if c.part_of and c.part_of in by_id and by_id[c.part_of] not in members:
                members.remove(c)
        if not members:
            continue
        d, pname = key
        prec = mprec if d == mdate else next((c.date_precision for c in members if c.event_date == d), None)
        sentences = " ".join(c.sentence for c in members)
        eid = content_hash(f"{members[0].document_id}:{d}:{pname}:{members[0].id}")[:16]
        ev = Event(id=eid, type=_event_type(sentences if key != main_key else cleaned.text[:4000] + " " + sentences),
                   date=d, date_precision=prec, place=_resolve_place(pname, cleaned.text),
                   claims=[c.id for c in members], summary=members[0].sentence[:200])
        ev.actors = _actors(members, attackers)
        ev.casualties = estimates.casualties(members)
        for c in members:
            c.event_id = eid
            if c.event_date is None and d is not None:
                c.event_date, c.date_precision = d, prec
        events.append(ev)
    # parts join their whole's event
    for c in claims:
        if c.part_of and c.part_of in by_id and c.event_id is None:
            c.event_id = by_id[c.part_of].event_id
    return events


def _separate_place(a: str, b: str) -> bool:
    la, lb = a.lower(), b.lower()
    return la not in lb and lb not in la


def _canonical(name: str) -> str:
    from .attribution import canonical

    return canonical(name)[0]


def _actors(members: list[Claim], attackers: list[str]) -> list[str]:
    """The attackers the text names first (actor 1), then the parties that speak for the
    victims' side: the sources of kind party or official of the event's claims."""
    seen: list[str] = list(attackers[:3])
    for c in members:
        if c.source.kind in ("party", "official") and c.source.name not in seen:
            seen.append(c.source.name)
    return seen
