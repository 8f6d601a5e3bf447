"""Group one document's claims into its events (the per-document view).

A news story has a main event (the attack or battle it is about) and, often,
later or earlier happenings it mentions. Rules, in order:

- cumulative claims (tallies "since 2012") belong to no event;
- a claim dated (in its own sentence) more than a day away from the main
  event's date opens or joins the event of that date, unless it is later
  news of the main event (dated after it by at most ``NEWS_DAYS``, and not
  after the story's reference day: "shot Saturday ... arrested Monday");
- a claim whose sentence names a place that is neither the main place nor
  inside it, with no date, opens or joins the event of that place;
- everything else joins the main event;
- a document with neither claims nor an account whose title or lead reports
  violence (an arrest, a raid, clashes, a protest) gets one event without a
  figure (``figureless_event``), as ACLED records fatalities 0.

The main event's date (``main_date``): the lead (from the dateline on, when the story has one) and
its first day whose clause names the incident ("shot Saturday", not "arrested Monday"; "detained
since February 15" names the day the detention began), else a date
written out in the lead days before the story, else the lead's first uncued day on or before the
news days written ahead of it ("confirmed Tuesday ... fell victim Sunday"), else the lead's claims'
date, else the incident's coarse date when it opens a lead whose days are all the news's ("the shootings
last month ... pleaded not guilty Monday": month precision, better coarse than wrong), else the lead's
first day; a lead that dates nothing gives the headline's incident
day ("One of two men shot late Monday dies"), else the reference day (dateline, publication line,
publication date);
its place is the place the claims name most often (else the first).
Totals per kind and side come from estimates.py, the same rules as the
cross-source ledger.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

from . import budget, estimates
from .datelines import reference_date
from .dates import parse_iso as _iso
from .model import Claim, Cleaned, Event, Place, content_hash
from .nlp import quote_open

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
    """The type whose words come first in ``text`` (the earlier-listed type on a tie)."""
    m = _event_words_re(tuple(EVENT_WORDS)).search(text)
    return EVENT_WORDS[int(m.lastgroup[1:])][0] if m else "unknown"


def _first_event_type(texts: list[str]) -> str:
    """``_event_type`` of the texts joined, read one distinct text at a time and stopping at the first
    that has a type word. Why (issue s8-robust): an event's claims often share one sentence window (a
    crafted 17 KB sentence gave 600 claims, 600 KB joined), and one regex search over the join held the
    interpreter lock for 1 s (4 s on a loaded machine), stalling every other request of the server.
    The same answer but for a type word split across two sentences, which the join put side by side."""
    for t in dict.fromkeys(texts):
        kind = _event_type(t)
        if kind != "unknown":
            return kind
    return "unknown"


@lru_cache(maxsize=4)
def _event_words_re(words: tuple[tuple[str, str], ...]) -> re.Pattern:
    """EVENT_WORDS as one alternation, one group per type in list order: its leftmost match is
    the earliest type word, and at one position the first type listed wins, as searching each
    type's pattern and keeping the earliest did, in one pass over the text instead of twelve
    (performance only)."""
    return re.compile("|".join(f"(?P<t{k}>{pat})" for k, (_, pat) in enumerate(words)), re.I)


#: the lead: where news gives the main event its date and place (characters of story text)
LEAD_CHARS = 1200


def main_date(claims: list[Claim], cleaned: Cleaned) -> tuple[str | None, str | None]:
    """The main event's date: the date the lead gives it (the lead's incident claims, then the
    lead's first day-precision date, relative ones resolved from the dateline or publication date),
    else the claims' most common date. The publication line and the dateline are never event dates."""
    dated = [c for c in claims if c.event_date and c.scope == "incident"]
    lead_mentions: list = []
    try:
        from .setting import event_mentions as _event_mentions

        from .daycues import since_state

        all_mentions = _event_mentions(cleaned.text, _iso(cleaned.published))
        lead_start = _lead_start(cleaned)
        lead_end = lead_start + _lead_end(cleaned.text, all_mentions, claims)
        mentions = [m for m in all_mentions
                    if m.value is not None and m.prep not in ("by", "until", "till", "next") and not m.future
                    and m.start >= lead_start
                    and (not m.since or (m.start < lead_end and since_state(cleaned.text, m)))]
        lead_mentions = [m for m in mentions if m.start < lead_end]
        ref = reference_date(cleaned.text, _iso(cleaned.published))
        lead_days = [m.value for m in mentions if m.precision == "day" and m.start < lead_end and not m.since]
        absolute = [m.value for m in mentions if m.precision == "day" and m.start < lead_end and not m.relative
                    and not m.since and (ref is None or m.value <= ref)]
        incident = _incident_day(cleaned.text, mentions, lead_end, ref)
        if incident is not None:
            return incident.isoformat(), "day"
        past = _past_absolute(_not_news(cleaned.text, mentions, lead_end, ref), ref)
        if past is not None:
            # a date written out in the lead, days before the story, is the event's: a weekday beside it
            # is the day of the news (a release, a statement, a hearing)
            return past.isoformat(), "day"
        first = _first_untold_day(cleaned.text, mentions, lead_end, ref)
        if first is not None:
            return first.isoformat(), "day"
        for c in dated:  # the lead's casualty claims (arrests are later news), in text order
            if c.date_precision == "day" and c.kind != "arrested" and lead_start <= _clean_offset(cleaned, c) < lead_end:
                return c.event_date, "day"
        if absolute:
            return absolute[0].isoformat(), "day"
        if lead_days:
            coarse = _coarse_incident(cleaned.text, mentions, lead_end, ref)
            if coarse is not None:
                return coarse
            return _before_the_news(lead_days[0], ref, lead_days).isoformat(), "day"
    except Exception:  # pragma: no cover - dates must never cost the events
        log.exception("date scan failed")
    counted = Counter((c.event_date, c.date_precision) for c in dated)
    if counted:
        return _most_claimed_date(counted)
    if not any(m.precision in ("day", "month") for m in lead_mentions):
        # a story whose lead dates nothing ("since Saturday", an ongoing story, a title-only page)
        # reports the day's news: the day of its dateline or publication
        ref = reference_date(cleaned.text, _iso(cleaned.published))
        headline = _headline_day(cleaned.title, ref)
        if headline is not None:
            return headline.isoformat(), "day"
        if ref is not None:
            return ref.isoformat(), "day"
    return None, None


def _headline_day(title: str | None, ref):
    """The day a headline gives the incident ("One of two men shot late Monday dies", "Woman killed in Sunday
    shooting"), for a story whose lead dates nothing: the headline is the story's first statement of its event,
    and its weekday counts from the same reference day. A headline's day of the news ("Police: suspect arrested
    Tuesday") is not taken, nor a day to come, nor one after the reference day."""
    if not title or ref is None:
        return None
    from .daycues import day_kind
    from .dates import find_dates

    for m in find_dates(title, ref):
        if m.precision == "day" and m.value is not None and not m.future and m.value <= ref \
                and day_kind(title, m) == "incident":
            return m.value
    return None


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _most_claimed_date(counted: Counter) -> tuple[str | None, str | None]:
    """(s6-world) The date most claims give; on a tie the finer one, then the first: "arrested at least
    nine persons on July 4, 2020" is the event's day, not the "since Hamas seized control in 2007" of a
    clause about one of them."""
    best = max(counted.values())
    tied = [k for k, n in counted.items() if n == best]
    return min(tied, key=lambda k: _PRECISION_RANK.get(k[1] or "", 4))


def _past_absolute(absolute: list, ref):
    """The lead's first written-out date days before the story (more than 3 before the reference day).
    A written-out date of the story's own day or the day before ("set free on Tuesday, March 8, 2022")
    is the day of the news and does not hide a past date written after it ("arrested on Dec. 10, 2020")."""
    if not absolute:
        return None
    if ref is None or (ref - absolute[0]).days > 3:
        return absolute[0]
    if (ref - absolute[0]).days <= 1:
        return next((d for d in absolute[1:] if (ref - d).days > 3), None)
    return None


def _not_news(text: str, mentions, lead_end: int, ref) -> list:
    """The lead's written-out days (in text order) but those whose clause is a court's or a speaker's news
    ("On Sept. 22, a court sentenced two men", "charged on Nov. 12", "said on May 3": ``daycues.day_cue`` with a
    word of ``lexicons/dates.json`` "telling_cues"): a verdict's or a statement's date, written out days before
    the story, is not the happening it recalls ("who lost their lives on Sept. 11, 2012"). An arrest's date
    is kept: a detention is the event of many stories ("arrested on Dec. 10, 2020")."""
    from .daycues import TELLING_CUES, day_cue

    out = []
    for m in mentions:
        if m.precision == "day" and m.start < lead_end and not m.relative and not m.since \
                and (ref is None or m.value <= ref):
            cue = day_cue(text, m)
            if cue is None or cue[0] != "news" or cue[1] not in TELLING_CUES:
                out.append(m.value)
    return out


def _incident_day(text: str, mentions, lead_end: int, ref):
    """The lead's first day whose clause names the incident ("was shot Saturday", "the shooting happened
    around 3 a.m. Sunday"), not the news about it ("arrested Monday", "said Tuesday"): see
    ``daycues.day_kind``. Days after the reference day and days inside a quotation are not the event's."""
    from .daycues import day_kind

    for m in mentions:
        if m.start >= lead_end:
            break
        if m.precision != "day" or (ref is not None and m.value > ref) or _quoted(text, m.start):
            continue
        if m.since or day_kind(text, m) == "incident":  # "detained since May 3" (daycues.since_state): its start
            return m.value
    return None


def _first_untold_day(text: str, mentions, lead_end: int, ref):
    """The lead's first day that no cue dates, on or before the news days written ahead of it: "Police
    confirmed Tuesday that a girl died ... She fell victim to the gun violence Sunday", "charged Wednesday ...
    said Thursday ... accused of shooting her on Sunday". A local story often opens on the day of its news (a
    death in hospital, a charge, a statement) and names the incident's day later in a clause whose verb is no
    cue; an incident comes before the news about it, so a day after the news days is not taken (None, and the
    lead's first day rules as before), nor one after the reference day or inside a quotation."""
    from .daycues import day_kind

    news = None
    for m in mentions:
        if m.start >= lead_end:
            break
        if m.precision != "day" or m.since or (ref is not None and m.value > ref) or _quoted(text, m.start):
            continue
        if day_kind(text, m) == "news":
            news = m.value if news is None else min(news, m.value)
            continue
        if news is not None and m.value <= news:
            return m.value
        return None
    return None


def _coarse_incident(text: str, mentions, lead_end: int, ref) -> tuple[str, str] | None:
    """The lead's coarse date of the incident ("the shooting last week", "killed in July", "the fatal shooting
    of his friend earlier this year") when every day the lead writes is the news's ("pleaded guilty Friday",
    "was arrested Monday", "said Tuesday"): the story is later news of an earlier incident, and the news day
    is not its date; the incident's month or year is what the text knows (precision kept). The coarse date
    must come first ("the suspected gunman in the shootings last month pleaded not guilty Monday"): None when
    a lead day comes before it or has no news cue."""
    from .daycues import day_kind

    coarse = None
    for m in mentions:
        if m.start >= lead_end:
            break
        if m.since or (ref is not None and m.value > ref):
            continue
        if m.precision == "day":
            if coarse is None or day_kind(text, m) != "news":
                return None
        elif coarse is None and m.precision in ("month", "year") and day_kind(text, m) == "incident":
            coarse = m
    if coarse is None:
        return None
    v = coarse.value
    return (v.replace(day=1) if coarse.precision == "month" else v.replace(month=1, day=1)).isoformat(), coarse.precision


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation of its paragraph (an open curly or an odd straight quote)."""
    return quote_open(text[text.rfind("\n", 0, pos) + 1:pos])


def _before_the_news(day, ref, lead_days):
    """A lead's date on the day of publication, beside an earlier one of the past week, is the day of
    the news (police said Tuesday, was charged Tuesday); the earlier one is the event's ("shot Monday")."""
    if ref is None or day != ref:
        return day
    earlier = [d for d in lead_days if d is not None and 0 < (ref - d).days <= 3]
    return max(earlier) if earlier else day


def _lead_start(cleaned: Cleaned) -> int:
    """Where the story's lead begins: at its dateline ("MANILA, Philippines - A court ..."), when it has one;
    what comes before it is the title, a standfirst or a photo caption, whose dates are the picture's or
    the news of the day ("at a protest in Manila on February 21"), not the event's."""
    from .datelines import header_of

    head = header_of(cleaned.text, _iso(cleaned.published))
    if head.dateline_start is None or (head.dateline_text or "").endswith(":"):
        return 0  # the colon form ("KARACHI:") is also a label's ("CAUTION: this video ..."): no lead start
    return head.dateline_start


def _lead_end(text: str, mentions, claims: list[Claim]) -> int:
    """The end of the lead: LEAD_CHARS of text after its first non-header paragraph."""
    return LEAD_CHARS + min(len(text), 400)


def _clean_offset(cleaned: Cleaned, c: Claim) -> int:
    """Where a claim's sentence sits in the cleaned text (its evidence offsets index the raw text)."""
    at = cleaned.text.find(c.sentence[:80]) if c.sentence else -1
    return at if at >= 0 else len(cleaned.text)


def _resolve_place(name: str | None, context: str) -> Place | None:
    if not name:
        return None
    try:
        from . import places

        if places.never_place(name) or places.two_names(name):
            return None

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
    for ev in events:
        estimates.executed_among_killed(ev.casualties)  # the executed are among the dead (estimates.py)
    if not events:
        figureless = figureless_event(cleaned)
        if figureless is not None:
            events.append(figureless)
    return events


#: how much of the text, after the title, may report the happening of a figureless event: the first four or
#: five short paragraphs, as news of a reaction (an envoy's visit, a condemnation) recalls the violence behind
#: it a few paragraphs down ("The latest diplomatic activity follows a crackdown ... being arrested or
#: abducted"); 700 characters missed those, 2,000 let later counted casualties veto events (bench/place_misses.py)
FIGURELESS_LEAD = 1200


def _words(pats: list[str]) -> str:
    """The lexicon's patterns as one alternation bounded as whole words (a hyphen binds a word)."""
    return r"(?<![\w-])(?:" + "|".join(pats) + r")(?![\w-])"


@lru_cache(maxsize=1)
def any_violence() -> re.Pattern[str]:
    """Any word of the violence lexicon's event types, with no test of its clause: the cheap check that
    a text may hold a figureless event (prefilter.keep_cleaned)."""
    from .lexicon import load

    return re.compile(_words([p for _, pats in load("violence")["types"] for p in pats]), re.I)


@lru_cache(maxsize=1)
def _violence() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from .lexicon import load

    lex = load("violence")

    types = [(name, re.compile(_words(pats), re.I)) for name, pats in lex["types"]]
    hypothetical = re.compile(_words(lex["not_before"]) + r"[^.;:!?]{0,40}$", re.I)
    casualties = re.compile(_words(lex["casualties"]), re.I)
    no_casualty = re.compile(_words(lex["no_casualty"]) + r"[^.;:!?]{0,25}$", re.I)
    return types, hypothetical, casualties, no_casualty


def tells_of_casualties(text: str) -> bool:
    """Whether ``text`` tells of people killed or hurt ("shot", "died", "fatal shooting"), other than as
    none or an unknown number ("no one was hurt", "attempted murder")."""
    _, _, casualties, no_casualty = _violence()
    return any(not no_casualty.search(text[max(0, m.start() - 60):m.start()]) for m in casualties.finditer(text))


#: a number in a sentence: digits or a number word ("two people", "a dozen", "hundreds")
_A_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|"
                       r"hundreds|thousands)\b", re.I)


@lru_cache(maxsize=1)
def _uncounted() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from .lexicon import load

    lex = load("violence")
    forms = re.compile(_words(lex["uncounted_forms"]) + "$", re.I)
    victims = re.compile(_words(lex["uncounted_victims"]) + r"[^.;:!?]{0,60}$", re.I)
    return forms, victims


def tells_of_counted_casualties(text: str) -> bool:
    """Whether ``text`` tells of people killed or hurt whom a reader could count: "a man was shot", "two
    were wounded", "the murder of journalist X" (one). Casualties told of in the plural without a number in
    their sentence ("extrajudicial killings", "reports of gay men being killed and tortured") are violence
    reported without a figure: nobody counted them, and the story still has an event (figureless_event)."""
    _, _, casualties, no_casualty = _violence()
    forms, victims = _uncounted()
    for m in casualties.finditer(text):
        if no_casualty.search(text[max(0, m.start() - 60):m.start()]):
            continue
        stop = text.rfind(". ", 0, m.start())
        start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, m.start()) + 1)
        ends = [x for x in (text.find(". ", m.end()), text.find("\n", m.end())) if x >= 0]
        sentence = text[start:min(ends) if ends else len(text)]
        if _A_NUMBER.search(sentence):
            return True
        if forms.search(m.group(0)) or victims.search(text[start:m.start()]):
            continue  # the plural, uncounted
        return True
    return False


def violence_cue(text: str) -> tuple[str, int] | None:
    """The earliest word of ``text`` that reports a violent happening, as (event type, offset); a cue in
    a planned or hypothetical clause ("will protest", "calls for the release of detained") does not count."""
    types, hypothetical, _, _ = _violence()
    best: tuple[str, int] | None = None
    for name, pat in types:
        for m in pat.finditer(text):
            if best is not None and m.start() >= best[1]:
                break
            clause = text[max(0, m.start() - 80):m.start()]
            if hypothetical.search(clause):
                continue
            best = (name, m.start())
            break
    return best


def figureless_event(cleaned: Cleaned) -> Event | None:
    """An event for a report of violence that gives no casualty figure, as ACLED codes one (fatalities 0):
    "Police detained protesters", "clashes broke out", "the journalist's home was raided".

    The title or lead must report the happening (``lexicons/violence.json``) and tell of no one killed or
    hurt whom a reader could count (a text that does has a figure, one at least, that the claims missed: its
    fatalities are not 0; "no one was hurt", "an unknown number" and uncounted plurals, "extrajudicial killings",
    are no figure: ``tells_of_counted_casualties``); the date and place are the
    main event's (``main_date``, ``mainplace.main_place``), the type the earliest cue's. The event has no
    claims and no casualties (``without_figure``): it is there to be dated, placed, merged and exported,
    never to add to an estimate."""
    title = cleaned.title or ""
    head = title + "\n" + cleaned.text[:FIGURELESS_LEAD]
    cue = violence_cue(head)
    if cue is None or tells_of_counted_casualties(head):
        return None  # no violence; or people killed or hurt that a reader counts, a figure the claims missed
    etype, at = cue
    mdate, mprec = main_date([], cleaned)
    stop = head.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, head.rfind("\n", 0, at) + 1)
    end = min(x for x in (head.find(". ", at), head.find("\n", at), len(head)) if x >= 0)
    summary = head[start:end + 1].strip()[:200]
    return Event(id=content_hash(f"{cleaned.text[:200]}:figureless:{mdate}")[:16], type=etype, date=mdate,
                 date_precision=mprec, place=_main_place([], cleaned), summary=summary, without_figure=True)


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
                     date=mdate, date_precision=mprec, place=_main_place([], cleaned), summary=first.evidence[:200])
        events.append(main)
    main.account = acc
    estimates.apply_account(main.casualties, acc, members)


def _main_place(claims: list[Claim], cleaned: Cleaned) -> Place | None:
    """The main event's place: its dateline's, else the place its title and lead name (mainplace.main_place)."""
    names = [c.place for c in claims if c.place and c.scope == "incident"]
    try:
        from . import mainplace
        from .datelines import header_of

        head = header_of(cleaned.text, _iso(cleaned.published))
        return mainplace.main_place(cleaned.text, cleaned.title, (head.dateline_place, head.dateline_region), names)
    except Exception:  # pragma: no cover - a place must never cost the events
        log.exception("main place resolution failed")
        return _resolve_place(names[0], cleaned.text) if names else None


_UNSET = object()


def _group_claims(claims: list[Claim], cleaned: Cleaned) -> list[Event]:
    """The events of the claims: the main event and the others the text dates or places apart."""
    mdate, mprec = main_date(claims, cleaned)
    from .sides import attacker_phrases

    attackers = [_canonical(a) for a in attacker_phrases(cleaned.text)]
    places = Counter(c.place for c in claims if c.place and c.scope == "incident")
    mplace = places.most_common(1)[0][0] if places else None
    # an event the text dates apart is where its own claims place it, else where another claim of that date
    # is placed, else, within NEWS_DAYS of the main event, where the main event's claims are; not a happening
    # months apart ("the murder of Khashoggi in Istanbul" in October is no place of an activist's arrest the
    # story dates to May 2018): that one takes the document's place (title, lead, dateline)
    dated_places: dict[str | None, str] = {}
    for c in claims:
        if c.place and c.scope == "incident" and c.event_date:
            dated_places.setdefault(c.event_date, c.place)
    groups: dict[tuple[str | None, str | None], list[Claim]] = {}
    order: list[tuple[str | None, str | None]] = []
    main_key = (mdate, mplace)
    md = _iso(mdate)
    ref = reference_date(cleaned.text, _iso(cleaned.published)) if md else None
    for c in claims:
        if c.scope == "cumulative":
            continue
        key = main_key
        cd = _iso(c.event_date)
        if cd and md and abs((cd - md).days) > 1 and not _later_news(cd, md, ref) \
                and not _holds(c.event_date, c.date_precision, md) and not _arrest_after(c, cd, md, ref):
            far = abs((cd - md).days) > NEWS_DAYS  # a follow-on days later (prisoners of a battle executed) is
            # where the main event's casualty sentences are; a happening months apart is placed by its own
            key = (c.event_date, c.place or dated_places.get(c.event_date) or (None if far else mplace))
        elif c.place and mplace and c.place != mplace and not c.event_date and _separate_place(c.place, mplace):
            key = (mdate, c.place)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(c)
    if main_key in groups and order[0] != main_key:
        # the event the lead dates is the document's main event: first, so that on a tie in claims it is
        # the one the account, the ledger's matching and the exports take as the article's event
        order.remove(main_key)
        order.insert(0, main_key)
    # parts follow their whole
    by_id = {c.id: c for c in claims}
    events: list[Event] = []
    doc_place: Place | None | object = _UNSET
    text_place: Place | None | object = _UNSET
    for key in order:
        budget.check()  # the events stage is inside doc_timeout too: each event resolves a place and reads text
        members = groups[key]
        for c in list(members):
            if c.part_of and c.part_of in by_id and by_id[c.part_of] not in members:
                members.remove(c)
        if not members:
            continue
        d, pname = key
        prec = mprec if d == mdate else next((c.date_precision for c in members if c.event_date == d), None)
        eid = content_hash(f"{members[0].document_id}:{d}:{pname}:{members[0].id}")[:16]
        place = None if key == main_key else _resolve_place(pname, cleaned.text)
        if place is None and key != main_key and pname is None and mplace is not None:
            # an event the text dates apart and places nowhere: the place the title, lead and dateline give,
            # not the one the main event's own casualty sentences name (without such a name, mplace None, the
            # two readings are one: the document's place below)
            if text_place is _UNSET:
                text_place = _main_place([], cleaned)
            place = text_place
        if place is None:  # the main event's place; also an event placed by a name that resolves nowhere
            if doc_place is _UNSET:
                doc_place = _main_place(claims, cleaned)
            place = doc_place
        lead = [cleaned.text[:4000]] if key == main_key else []
        ev = Event(id=eid, type=_first_event_type(lead + [c.sentence for c in members]),
                   date=d, date_precision=prec, place=place,
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


#: how long after the main event a story's later news of it (an arrest, a death, a statement) may be dated
NEWS_DAYS = 14


def _arrest_after(c: Claim, day, main, ref) -> bool:
    """(s6-world) One person's arrest dated after the main event and not after the story ("Throneberry, 20,
    was arrested" weeks after the shooting the lead dates) is news of that event, however late: an arrest
    has no victims of its own to make it an event apart, and alone it would take the event's date."""
    return (c.kind == "arrested" and c.figure.low == 1 and c.figure.high == 1 and day > main
            and (ref is None or day <= ref))


def _later_news(day, main, ref) -> bool:
    """A claim dated after the main event, within NEWS_DAYS and not after the story's reference day, is
    news of the main event, not another one: "shot Saturday ... was arrested Monday", "died Tuesday"
    in a story of Wednesday. (Dates before the main event, or after the story, are other events.)"""
    return ref is not None and main < day <= ref and (day - main).days <= NEWS_DAYS


def _holds(value: str | None, precision: str | None, day) -> bool:
    """Whether a coarser date holds the main event's day: "last month" (November) holds November 3, so
    a claim dated only by its month is not another event of that month's first day."""
    d = _iso(value)
    if d is None or day is None:
        return False
    if precision == "month":
        return (d.year, d.month) == (day.year, day.month)
    if precision == "year":
        return d.year == day.year
    return False


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
