"""The main place of a document: the dateline's, else the place the title and lead name most.

See places.py for the rules a reader would apply (dateline, title and lead, "City, State",
the state the places most likely share, site names and buildings that are not places); here they
are applied to the candidates :func:`toponyms` finds, each resolved by places.py. The US-only choices
(page titles' site names, a county dateline's town, a county's main town, the station's town, the parts
of a city) live in usplace.py.

The US state: the states the text names vote with the towns it names (:func:`_with_inferred_area`), a
state named on its own at four times a town named once with a cue, one that qualifies a town ("of Tulsa,
Okla.") at 1.5 times, so a town named throughout outweighs a suspect's hometown; a dateline's state
decides alone, and a town's own qualifier ("Naples, Texas") says which namesake its bare mentions are.
Title case and a sentence's start are no part of a name ("Argument In Detroit", "A Charlotte woman").
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from .gazetteer import Entry, Gazetteer, county_key, norm, weight
from .model import Place
from .placectx import (  # noqa: F401
    _CAPITALISED,
    _CITY_STATE,
    _CUE_AFTER,
    _CUE_BEFORE,
    _DIRECTION_PREFIX,
    _NOT_CITY_AFTER,
    _NOTABLE,
    _OWNER_WORDS,
    _POSSESSIVE,
    _US,
    _WHEN,
    SPEAKS_AFTER,
    Context,
    _lex,
    context_of,
    current,
    gazetteer,
)
from .places import (
    _area_only,
    _named,
    _split_qualifier,
    _to_place,
    _world_city,
    never_place,
    resolve_in,
    two_names,
)
from .usplace import (  # noqa: F401  the US choices (usplace.py); _without_site_names is read by tests
    _HEAD_LINES_CHARS,
    _count_us_cities,
    _county_named,
    _cut_tail,
    _us_context,
    _us_town,
    _without_site_names,
    market_towns,
    parts_of_cities,
    police_city,
)

log = logging.getLogger(__name__)


@dataclass
class _Cand:
    name: str
    score: float
    first: int
    cue: bool
    entries: list[Entry]


def _candidates(g: Gazetteer, full: str, title_len: int, ctx: Context) -> dict[str, _Cand]:
    """Toponym candidates of the title and lead that the gazetteer knows in the text's country, scored by
    how often and how early they are named, a cue counting double."""
    lx = _lex()
    country = ctx.country()
    cands: dict[str, _Cand] = {}
    found = toponyms(full, ctx)
    # the last word of a name the gazetteer does not know ("Sgt. Michael Kash", "Amanda Foster") is a
    # surname: alone and without a cue ("Kash said") it is the person again, not a place
    surnames = set()
    for name, _, _ in found:
        words = _NAME_SUFFIX.sub("", name).split()  # "Allen Ormond Jr": the surname is Ormond
        if 2 <= len(words) <= 4 and not g.entries(name) and not g.country(name):
            surnames.add(norm(words[-1]))
            if len(words) == 2 and _SURNAME.match(words[1]) and words[1].lower() not in lx["facility"] \
                    and not g.entries(words[1]) and not g.country(words[0]) and all(
                    e.population < _NOTABLE for e in g.entries(words[0])):
                # "Julian Assange" ... "charges against Julian": a person's given name alone is the person again,
                # when only small towns bear it (Julian, California); "Austin", "Tyler" stay the cities
                surnames.add(norm(words[0]))
    parts = parts_of_cities(g, full, country) if country == _US else {}
    for name, pos, cue in found:
        name = _part_of_city(g, name, full[max(0, pos - 12):pos])
        if name is None:
            continue
        if norm(name) in parts:  # "shot in Brooklyn" beside "Baltimore's Brooklyn neighborhood": Baltimore
            name, cue = parts[norm(name)], True
        police = police_city(g, name) if name.endswith("PD") and country in (None, _US) else None
        if police:  # "NOPD spokesman": New Orleans
            name, cue = police, True
        key = norm(name)
        if not key or key in lx["not"] or len(key) < 3:
            continue
        if not cue and key in surnames:
            continue
        if g.country(name) or key in g.demonyms or name in lx["states"]:
            continue  # areas, not places: they are the context
        if not cue and key in lx["weak"]:
            continue
        words = name.split()
        if words[-1].lower().rstrip(".") in lx["facility"] or words[-1].lower() in lx["admin"]:
            continue
        weight = (2.0 if pos < title_len + 400 else 1.0) * (2.0 if cue else 1.0)
        if key in cands:
            cands[key].score += weight
            cands[key].cue |= cue
            continue
        base, q_country, q_admin1 = _split_qualifier(g, name)
        entries = g.entries(base)
        if country:
            kept = [e for e in entries if e.country_code == (q_country or country)]
            if kept and not q_country and not q_admin1 and not (ctx.states if country == _US else ctx.admin1_of(country)):
                top = _world_city(entries, max(kept, key=lambda e: e.population), norm(base))
                kept = [top] if top not in kept else kept  # "London" beside "US citizens": London, England
            entries = kept
        if q_admin1:
            entries = [e for e in entries if e.admin1 and norm(e.admin1) == norm(q_admin1)]
        if not entries:
            continue
        cands[key] = _Cand(name, weight, pos, cue, entries)
    return cands


#: a surname as news writes it: one capitalised word in lower case after its capital ("Assange", not "ISD", "HS")
_SURNAME = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?$")


_NAME_SUFFIX = re.compile(r"(?:,?\s+(?:Jr|Sr|II|III|IV)\.?)+$")



#: a city large enough that news names its parts by compass ("South Los Angeles", "West Baltimore")
_PARTED_CITY = 100_000


def _part_of_city(g: Gazetteer, name: str, before: str = "") -> str | None:
    """The city a compass part of it names: "South Los Angeles", "West Baltimore", "Southwest Philadelphia"
    are Los Angeles, Baltimore and Philadelphia when no place has the whole name and the city is large
    (a smaller one's "East Main", "South Springfield" after "block of" are streets); "West Side",
    "Downtown" (a part with no city named) are no place at all (None)."""
    stripped = _DIRECTION_PREFIX.sub("", name)
    if stripped == name or not stripped:
        return name
    if norm(stripped) in _lex()["not"] and not _named(g, name):
        return None
    if stripped[0].isupper() and not g.entries(name) and not before.rstrip().endswith("block of") and any(
            e.population >= _PARTED_CITY for e in g.entries(stripped)):
        return stripped
    return name


#: a name whose namesakes together hold fewer people than this is weak evidence of a state: "Yards",
#: "Cherry", "Bailey" are only post-office towns, and a street or a surname far more often
_TOWN = 1_000


def _with_inferred_area(ctx: Context, cands: dict[str, _Cand]) -> Context:
    """With no state (admin1) named, the one the candidate places most likely share.

    Each candidate votes for the areas its places lie in, in proportion to their prior
    (:func:`gazetteer.weight`, population): "Fresno" is Fresno, California far more likely than
    Fresno, Texas, so a surname that happens to be a Texas town does not outvote it; "Chicago" and
    "Englewood" agree on Illinois, which an Englewood in another state would not. A name without a
    cue (often a person's surname) votes at a third of its weight. When the text names two US states
    as often ("Austin" police, a suspect from Las Vegas, Nevada), the vote chooses between them."""
    country = ctx.country()
    tied: set[str] = set()
    dateline_state = _lex()["states"].get(ctx.dateline_region or "") or _lex()["ap"].get(ctx.dateline_region or "") \
        or _lex()["postal"].get(ctx.dateline_region or "")
    if country == _US and ctx.states and _STATE_VOTE is not None and not dateline_state:
        pass  # the states it names vote with its places (below)
    elif country == _US and ctx.states:
        top = max(ctx.states.values())
        tied = {st for st, n in ctx.states.items() if n == top}
        if len(tied) > 1:  # a state named on its own ("New York police") over one that only qualifies a
            # place ("compared to Portland, Oregon"): news qualifies the places outside its own area
            alone = {st: ctx.states[st] - ctx.qualifying[st] for st in tied}
            tied = {st for st in tied if alone[st] == max(alone.values())}
        if len(tied) == 1:
            if ctx.state() in tied:
                return ctx
            out = replace(ctx, states=Counter(ctx.states))
            out.states[next(iter(tied))] += 1
            return out
    elif country != _US and ctx.admin1_of(country):
        return ctx
    votes: Counter = Counter()
    cued: set = set()  # the areas a place named with a cue votes for
    qualified: dict[str, set] = {}  # "Naples, Texas" says which Naples each bare "Naples" is
    for c in cands.values():
        base, _, tail = c.name.partition(",")
        if tail and c.entries:
            qualified.setdefault(norm(base), set()).update(e.admin1 for e in c.entries)
    own_towns = market_towns(current(), ctx) if ctx.market else {}
    for key, c in cands.items():
        if key in qualified:
            c = replace(c, entries=[e for e in c.entries if e.admin1 in qualified[key]] or c.entries)
        elif key in own_towns:  # "Columbus" on a "Columbus, GA" station's page: the station's own town
            c = replace(c, entries=[e for e in c.entries if e.admin1 == own_towns[key]] or c.entries)
        total = sum(weight(e, key) for e in c.entries)
        if not total:
            continue
        share: Counter = Counter()
        for e in c.entries:
            if e.admin1:
                share[(e.country_code, e.admin1)] += weight(e, key) / total
        named = c.score if c.cue else c.score / 3
        w = named * min(1.0, total / _TOWN)
        for a1, sh in share.items():
            votes[a1] += w * sh
            if c.cue:
                cued.add(a1)
        if ctx.counties:  # a place in a county the text names: "Franklin" with "Johnson County" is Indiana's;
            # a post office's town of that name counts half, or its share if more: a larger namesake elsewhere
            # ("Crossville", Tennessee beside White County, Illinois' post office) may still be meant
            county_votes: dict[str, float] = {}
            for e in c.entries:
                if e.country_code == _US and e.admin2 and e.admin1 and county_key(e.admin2) in ctx.counties:
                    sh = 1.0 if e.kind != "postal" else max(0.5, share[(_US, e.admin1)])
                    county_votes[e.admin1] = max(county_votes.get(e.admin1, 0.0), sh)
            for st, sh in sorted(county_votes.items()):  # a town and its county agree: at full weight
                votes[(_US, st)] += 2 * named * sh
    named_states = country == _US and bool(ctx.states) and _STATE_VOTE is not None and not dateline_state
    for st, n in ctx.market.items() if not named_states else ():  # the station's market: the state of most
        votes[(_US, st)] += _MARKET_VOTE * n  # of its stories, when the text names none
    for st, n in ctx.phones.items():  # a local telephone number's area code: the state of the police or tip line
        votes[(_US, st)] += _PHONE_VOTE * min(n, 2)
    g = current()
    for key, n in ctx.counties.items():  # a county's name is evidence of its state, shared among its namesakes
        for st, sh in g.county_shares(key).items():  # by their people: "Harris County" is Texas'
            votes[(_US, st)] += 1.5 * n * sh
    if tied:
        votes = Counter({k: v for k, v in votes.items() if k[0] == _US and k[1] in tied})
    if named_states:  # a state named on its own is strong evidence, one qualifying a place ("of Tulsa,
        # Okla.") weaker: news qualifies the places outside its own area, and a town named far more often
        # than the state outweighs it ("Denver police" beside a suspect arrested "in Tulsa, Okla.")
        votes = Counter({k: v for k, v in votes.items() if k[0] == _US})
        for st, n in ctx.states.items():
            q = min(n, ctx.qualifying.get(st, 0))
            votes[(_US, st)] += _STATE_VOTE * (n - q) + _QUALIFYING_VOTE * q
    if not votes:
        return ctx
    cc, a1 = max(sorted(votes), key=lambda k: votes[k])  # sorted: a tie goes the same way in every process
    if not ctx.countries and not ctx.states and not ctx.market and (cc, a1) not in cued and not (
            cc == _US and (ctx.counties or ctx.phones)):
        return ctx  # "Send us your news tips", "Thank You For Reading!": words without a cue make no country
    if named_states:
        if a1 == ctx.state():
            return ctx
        out = replace(ctx, states=Counter(ctx.states))
        out.states[a1] = max(out.states.values()) + 1
        return out
    out = replace(ctx, states=Counter(ctx.states), admin1=Counter(ctx.admin1), countries=Counter(ctx.countries))
    if cc == _US:
        out.states[a1] += 1
    else:
        out.admin1[(cc, a1)] += 1
    if not out.countries:
        out.countries[cc] += 1
    return out


#: what a state named on its own weighs in the state vote (four times a town named once with a cue), and
#: one named after a town ("Tulsa, Okla."); None: a named state decides alone (the vote only breaks ties)
_STATE_VOTE: float | None = 8.0
_QUALIFYING_VOTE = 3.0


#: what a station's market state in the page title weighs in the state vote: a town named once with a cue
_MARKET_VOTE = 2.0


#: what a local telephone number's state weighs in the state vote (each of up to two numbers): as much as a state
#: named on its own (_STATE_VOTE), for the area code says the state as plainly
_PHONE_VOTE = 8.0


#: what a dateline weighs among the candidates: as much as a place named with a cue twice in the lead
_DATELINE_SCORE = 8.0


def _vote_dateline(g: Gazetteer, cands: dict[str, _Cand], place_name: str, region: str | None,
                   ctx: Context) -> None:
    """The dateline's place joins the candidates that vote for the state: "CHICAGO --" over the "Austin"
    neighbourhood the lead names, which alone would make the story Texan. Added in place."""
    key = norm(place_name)
    if key in cands:
        cands[key].score += _DATELINE_SCORE
        cands[key].cue = True
        return
    base, q_country, q_admin1 = _split_qualifier(g, f"{place_name}, {region}" if region else place_name)
    entries = g.entries(base)
    country = q_country or ctx.country()
    if country:
        entries = [e for e in entries if e.country_code == country]
    if q_admin1:
        entries = [e for e in entries if e.admin1 and norm(e.admin1) == norm(q_admin1)]
    if entries:
        cands[key] = _Cand(place_name, _DATELINE_SCORE, 0, True, entries)


def _in_area(p: Place, ctx: Context) -> bool:
    g = current()
    code = ctx.country()
    if code is None or p.country != g.country_name(code):
        return False
    a1 = ctx.state() if code == _US else ctx.admin1_of(code)
    return a1 is None or (p.admin1 is not None and norm(p.admin1) == norm(a1))


_DASHED = re.compile(r"\s+[-–—]+\s+")


def toponyms(text: str, ctx: Context, limit: int = 4000) -> list[tuple[str, int, bool]]:
    """Candidate toponyms of the title and lead: (name, offset, has a cue), in text order.

    A capitalised name is a candidate when a cue says it is a place: a preposition before it
    ("in Hermitage"), a ", State" after it, or a word after it ("Dallas police", "Houston man");
    without a cue only multi-word names and large places count (checked at resolution)."""
    global _LAST_TOPONYMS
    last = _LAST_TOPONYMS
    if last is not None and last[0] == limit and last[1] == text:
        return list(last[2])  # main_place reads the same head twice (cities abroad, then candidates)
    out = _toponyms(text, limit)
    _LAST_TOPONYMS = (limit, text, out)
    return list(out)


#: the last head read by :func:`toponyms` and its candidates (a one-entry memo; a tuple is swapped atomically)
_LAST_TOPONYMS: tuple[int, str, list[tuple[str, int, bool]]] | None = None


def _toponyms(text: str, limit: int) -> list[tuple[str, int, bool]]:
    out = []
    head = text[:limit]
    lx = _lex()
    g = current()
    for m in _CITY_STATE.finditer(head):
        tail = m.group(2)
        if tail in lx["states"] or tail in lx["ap"] or tail in lx["postal"] or current().country(tail):
            out.append((f"{m.group(1)}, {tail}", m.start(), True))
    for raw, start, end, led in _title_pieces(g, head):
        dash = _DASHED.search(raw)  # "HOUSTON -- Houston Police": a dateline's dash ends a name
        while dash:
            raw, start = raw[dash.end():], start + dash.end()
            dash = _DASHED.search(raw)
        name = _POSSESSIVE.sub("", raw.rstrip("."))
        words = name.split()
        while len(words) > 1 and _WHEN.match(words[-1]):  # "Senath Saturday", "Mosul Tuesday"
            words.pop()
        name = " ".join(words)
        before = head[max(0, start - 60):start]
        after = head[end:end + 30]
        cue = led or (bool(_CUE_BEFORE.search(before)) and not _ORGANISATION_OF.search(before)) \
            or bool(_CUE_AFTER.match(after))
        words = name.split()
        cut = next((i for i, w in enumerate(words) if i and w.lower().rstrip(".") in lx["facility"]
                    and not (w in _SAINT and i + 1 < len(words))), None)  # "Port St. Lucie": a saint, no street
        if cut is not None and _named(g, " ".join(words[:cut + 1])):
            cut = None if cut + 1 >= len(words) else cut + 1  # "Orchard Park", "Avon Park": towns of that name
        if cut is not None:  # "Chicago Police Department", "Dallas County Jail": the place that owns it;
            # "Mount Sinai Hospital", "Bunny Friend Park": a building's or a park's name, no cue for a place
            owner = words[cut].lower().rstrip(".") in _OWNER_WORDS
            while owner and cut > 1 and words[cut - 1].lower() in _SERVICE_WORDS:
                cut -= 1  # "Chicago Fire Department", "Tulsa Fire & Rescue": the city's own service
            name, after = " ".join(words[:cut]), " " + " ".join(words[cut:])
            branch = norm(name) in lx["weak"] and words[cut].lower() in ("department", "ministry", "office")
            if owner and not branch:  # "Franklin Police", not "Justice Department", "Interior Ministry": a branch
                cue = True
            else:
                out.append((name, start, False))
                continue
        if _speaks(g, name, head, start, before):
            continue  # "Moscow said", "Kyiv denied": the government, not a place (metonymy)
        sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\n\"“|:"
        if _NOT_CITY_AFTER.match(after):
            continue  # "the Austin neighborhood", "the Englewood section": a part of a city, not the city
        out.append((name, start, cue and (led or not (sentence_start and not _CUE_AFTER.match(after)))))
    out.sort(key=lambda t: t[1])
    return out


#: an organisation's name before "of" ("the Department of Justice", "Ministry of Interior", "University of
#: Liberty"): the name after it is the organisation's, no place cue
_ORGANISATION_OF = re.compile(r"\b(?:Department|Ministry|Minister|Secretary|Office|Bureau|Institute|University|"
                              r"College|Council|Commission|Board|Museum|Academy|Society|Federation|Association|"
                              r"Order|Court|Union|Confederation|League|Chamber|Organi[sz]ation|Agency)\s+of\s+"
                              r"(?:the\s+)?$")


#: abbreviations that begin a name's word inside it ("Port St. Lucie", "Bay St. Louis"), not a street's "St."
_SAINT = {"St.", "Mt.", "Ft."}


#: the public services a US city's department is named by, between the city and "Department": "Chicago Fire
#: Department", "Houston Police Department", "Metro Parks Department"
_SERVICE_WORDS = {"fire", "police", "rescue", "parks", "health", "corrections", "transit", "housing"}


#: words a title-case headline or a sentence's start capitalises before a name: "4 Shot, 1 Killed During
#: Argument In Detroit", "A Charlotte woman", "When Dallas police arrived"; the ones that say a place follows
_GLUE = re.compile(r"(?:^|(?<=\s))(A|An|The|And|But|When|After|Before|During|While|Over|For|With|As|Of|On|"
                   r"(In|At|Near|Outside|From|Into|Inside|Across|Throughout|To))\s+")


_AREA_AFTER = re.compile(r"\s+(?:province|governorate|oblast|region|state|prefecture|district|county|parish)\b")


_INNER_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")


def _title_pieces(g: Gazetteer, head: str):
    """The capitalised names of a text, each as (name, start, end, led by a place preposition), with a
    function word that title case or a sentence's start capitalises cut out: "Argument In Detroit" gives
    "Argument" and "Detroit" (a place after "In"), "A Charlotte" gives "Charlotte". A name the gazetteer
    knows whole ("The Dalles", "The Villages") stays whole."""
    for m in _CAPITALISED.finditer(head):
        raw, start = m.group(0), m.start()
        owner = _INNER_POSSESSIVE.search(raw)
        if owner and not g.entries(raw):  # "Baltimore's Brooklyn", "Denver's Park Hill": the owner, then its part
            yield raw[:owner.start()], start, start + owner.start(), False
            raw, start = raw[owner.end():], start + owner.end()
            if _AREA_AFTER.match(head, m.end()):
                continue  # "Syria's Idlib province": the area is context (placectx), not a candidate
        if " " not in raw or not _GLUE.search(raw) or g.entries(raw):
            yield raw, start, m.end(), False
            continue
        at, led = 0, False
        for k in _GLUE.finditer(raw):
            piece = raw[at:k.start()].strip()
            if piece:
                yield piece, start + at, start + at + len(piece), led
            at, led = k.end(), bool(k.group(2))
        piece = raw[at:].strip()
        if piece:
            yield piece, start + at, start + at + len(piece), led


def main_place(text: str, title: str | None, dateline: tuple[str | None, str | None],
               claim_places: list[str]) -> Place | None:
    """The main event's place: the dateline's, else the place the title and lead name most, else the claims';
    the violation's place over one the text names as where the story is handled or someone lives
    (happened.py: "arrested in Greece" over "dumped on the tarmac in Beirut")."""
    from .happened import where_it_happened

    chosen = _chosen_place(text, title, dateline, claim_places)
    return where_it_happened(chosen, title, text, lambda: _us_context(((title or "") + "\n" + text), dateline))


def _chosen_place(text: str, title: str | None, dateline: tuple[str | None, str | None],
                  claim_places: list[str]) -> Place | None:
    if not dateline[0] and not claim_places and not _may_name_a_place(title or "", first=True) \
            and not _may_name_a_place(text):
        return None  # nothing to look up: spare the gazetteer's load
    g = current()
    ctx = _us_context(((title or "") + "\n" + text), dateline)
    title_countries = context_of(title).countries if title else Counter()
    title_named = set(context_of(title, demonyms=False).countries) if title else set()
    _headline_country_first(g, ctx, title_named, title, dateline[0])
    for code, n in title_countries.items():  # a country in the headline is what the story is about: x3
        ctx.countries[code] += 2 * n
    place_name, region = dateline
    full = _without_fixed_phrases(_without_file_photos(_without_site_names((title or "") + "\n" + text)))
    _count_cities_abroad(g, ctx, full)
    _count_us_cities(g, ctx, full)
    cands = _candidates(g, full, len(title or ""), ctx)
    if place_name:
        _vote_dateline(g, cands, place_name, region, ctx)
    ctx = _with_inferred_area(ctx, cands)  # the state (admin1) the places it names share, when it names none
    lead = None
    claim_places = [n for n in claim_places if not never_place(n) and not two_names(n)]
    first = None
    for n in claim_places[:2]:  # the place the lead's casualty sentences name
        if re.search(re.escape(n) + _NOT_CITY_AFTER.pattern[1:], text, re.I) or _FACILITY_AFTER(n, text):
            continue  # "in the Austin neighborhood", "at Mount Sinai Hospital"
        q = resolve_in(n, ctx, text)
        first = first or q
        if _abroad_of_first_claim(q, first):
            continue
        if q.precision == "point" and ctx.country() and not _in_area(q, ctx) and _population(g, q) < _NOTABLE:
            continue  # a small place of that name elsewhere: a name, not where it happened
        if q.precision == "point" and ctx.country() == _US and q.country != g.country_name(_US) and not _named(g, n):
            continue  # a US story's "Puna" is no Pune, India, by one of its other names: a place the gazetteer lacks
        if _abroad_of_title(g, q, title_named, title_countries, title or ""):
            continue  # "39 bodies were found near London" in a story headlined on Greece: another happening
        if q.precision in ("point", "relative", "admin1") and q.admin1:
            lead = q
            break
    headline = _headline_town(g, cands, len(title or ""), ctx)
    if headline is not None:
        return _fill(headline, ctx)
    if place_name:
        name = f"{place_name}, {region}" if region else place_name
        p = resolve_in(name, ctx, text)
        if lead is not None and lead.country == p.country and p.admin1 and norm(lead.admin1 or "") != norm(p.admin1):
            return _fill(lead, ctx)  # a wire dateline names where the story was filed, the lead where it happened
        abroad = bool(title_countries) and not region and p.country is not None and not any(
            g.country_name(c) == p.country for c in title_countries)
        abroad = abroad or bool(region) and _abroad_of_title(g, p, title_named, title_countries, title or "")
        abroad = abroad or _filed_abroad(g, p, ctx, place_name)
        if (p.precision in ("point", "relative") or region) and not abroad:
            if p.precision not in ("point", "relative"):  # "HENRY COUNTY, Ga. --": the town the lead names in it
                town = _us_town(g, cands, ctx, place_name, (title or "") + "\n" + text)
                if town is not None:
                    return _fill(town, ctx)
            return _fill(_city_of(g, p, cands), ctx)
        # a dateline abroad of the country the headline names ("BEIJING" over "kidnapped in DR Congo"):
        # where the story was filed, not where it happened
    if cands:
        resolved = []
        for c in cands.values():
            p = resolve_in(c.name, ctx, "", cue=c.cue)
            if not c.cue and ctx.country() == _US and not any(
                    norm(e.name) == norm(c.name) for e in c.entries if e.admin1 == p.admin1):
                continue  # "Gang" (Gang Mills), "Duke" (Erwin): a word without a cue, a town's other name only
            if p.precision == "point" and (c.cue or (_population(g, p) >= _NOTABLE and _named(g, c.name))
                                           or _in_area(p, ctx)) and (_population(g, p) or c.cue and _in_area(p, ctx)):
                # a place without a population (a post office's town) only in the state the text gives
                resolved.append((c, p))
        inside = [(c, p) for c, p in resolved if _in_area(p, ctx)]
        if resolved and not inside and ctx.country() and ctx.country() != _US and lead is None:
            # the places it names lie abroad of the country it is about, or outside the admin1 it names: keep
            # the country (and that admin1), unless the admin1 is a passing mention (_passing_area)
            resolved = _passing_area(g, ctx, resolved)
        if resolved:
            inside = inside or resolved
            best, place = max(inside, key=lambda cp: (cp[0].score, -cp[0].first))
            if lead is not None and lead.precision in ("point", "relative") and norm(lead.name) not in cands:
                return _fill(_city_of(g, lead, cands), ctx)  # the lead's own sentence names where it happened
            if _area_of_claims(lead, place):
                return _fill(lead, ctx)
            return _fill(_city_of(g, place, cands), ctx)
    if lead is not None:
        return _fill(lead, ctx)
    for n in claim_places:
        p = resolve_in(n, ctx, text)
        if _abroad_of_title(g, p, title_named, title_countries, title or ""):
            continue
        return _fill(p, ctx)
    town = _us_town(g, cands, ctx, None, (title or "") + "\n" + text)
    if town is not None:
        return _fill(town, ctx)
    county = _county_named(g, ctx)
    if county is not None:
        return _fill(county, ctx)
    town = _facility_town(g, full, ctx)
    if town is not None:
        return _fill(town, ctx)
    country = ctx.country()
    if country:
        return _fill(_area_only(g, g.country_name(country) or country, ctx, country, None, "country"), ctx)
    return None


#: a hospital or a court named for its city ("the Kozhikode Medical College Hospital", "Woolwich Crown Court",
#: "Aleppo University Hospital"): the city, a building's name before the words that say what the building is
_FACILITY_OF_TOWN = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:(?:Medical|General|District|Regional|"
                               r"Government|Civil|Teaching|University|Central|Crown|Magistrates['’]?|Sessions|High|"
                               r"Provincial|State)\s+){1,2}(?:College\s+)?(?:Hospital|Court|College)\b")


def _facility_town(g: Gazetteer, full: str, ctx: Context) -> Place | None:
    """When nothing else places the story, the city a hospital or a court is named for: "succumbed to his
    injuries at the Kozhikode Medical College Hospital" is news from Kozhikode, as a reader knows it. Only a
    city of _KNOWN_CITY people under that very name whose namesakes of that size lie in one country, the
    text's own when it names one; a hospital named for a person ("Jackson Memorial") is no such name."""
    code = ctx.country()
    for m in _FACILITY_OF_TOWN.finditer(full[:_READ_HEAD]):
        big = _known_cities(g, m.group(1))
        if len({e.country_code for e in big}) == 1 and (code is None or big[0].country_code == code):
            return _to_place(g, m.group(1), max(big, key=lambda e: e.population), "point")
    return None


#: how much of a text is read for a facility's town
_READ_HEAD = 4000


def _passing_area(g: Gazetteer, ctx: Context, resolved: list[tuple[_Cand, Place]]) -> list[tuple[_Cand, Place]]:
    """Outside the US, the candidates of the text's own country when the admin1 it names is a passing mention:
    named once, after the first of them ("journalists detained in Ethiopia's capital Addis Ababa" before a
    later "the war in Tigray"); else none (the places lie abroad, or outside the admin1 the text holds to)."""
    code = ctx.country()
    a1 = ctx.admin1_of(code)
    name = g.country_name(code)
    own = [(c, p) for c, p in resolved if p.country == name]
    if a1 is None or not own or ctx.admin1.get((code, a1), 0) > 1:
        return []
    return own if min(c.first for c, _ in own) < ctx.admin1_at.get((code, a1), 1 << 30) else []


def _area_of_claims(lead: Place | None, place: Place) -> bool:
    """Outside the US, an admin1 the main event's casualty sentence names ("saw two of his comrades killed in
    Helmand") over a town of the same country outside it that the title or lead names more ("a charity in
    Kabul"): the event is where its casualties are."""
    return (lead is not None and lead.precision == "admin1" and bool(lead.admin1) and lead.country is not None
            and lead.country != "United States" and place.country == lead.country
            and norm(place.admin1 or "") != norm(lead.admin1 or ""))


#: a photo's credit that says it is from the archive: "(Carlos Garcia Rawlins/File/Reuters)", "(AP Photo/Jane
#: Doe, File)", "(Reuters/File)"
_FILE_CREDIT = re.compile(r"\((?=[^()\n]*/)[^()\n]{0,100}\bFile\b[^()\n]{0,60}\)")


def _without_file_photos(text: str) -> str:
    """The text with its archive photos' captions blanked (offsets kept): "Police officers stand guard at an
    entrance to a court in Beijing, on Sept. 11, 2020. (Carlos Garcia Rawlins/File/Reuters)" shows another
    day's scene, not where the story happened (``datelines.caption_spans`` and a "/File/" credit)."""
    from .datelines import CAPTION_CHARS, caption_spans

    spans = list(caption_spans(text))
    if "File" in text:
        for m in _FILE_CREDIT.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            if end - start <= CAPTION_CHARS:
                spans.append((start, end))
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_FIXED: re.Pattern[str] | None = None


def _without_fixed_phrases(text: str) -> str:
    """The text with the fixed phrases of news blanked (offsets kept): "his third State of Union address"
    names a speech, not Union, New Jersey (``lexicons/places.json`` fixed_phrases)."""
    global _FIXED
    from .gazetteer import lexicon

    phrases = lexicon()["fixed_phrases"]["phrases"]
    if _FIXED is None:
        _FIXED = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                            + r")\b", re.I)
    low = text.lower()
    if not any(p.lower() in low for p in phrases):  # substring tests first: most texts hold none
        return text
    return _FIXED.sub(lambda m: " " * len(m.group(0)), text)


def _abroad_of_first_claim(q: Place, first: Place) -> bool:
    """Outside the US, the first casualty sentence that names only a country ("a journalist beheaded in
    Pakistan") sets the event's country: a later sentence's town in another country ("Sheikh, of Wanstead,
    in east London, was sentenced") tells of someone's home or a trial, not where it happened."""
    return (q is not first and first.precision == "country" and first.country is not None
            and first.country != "United States" and q.country is not None and q.country != first.country)


#: a dateline's country named this many times less than the text's own is where the story was filed
_FILED_ABROAD = 3


def _filed_abroad(g: Gazetteer, p: Place, ctx: Context, place_name: str) -> bool:
    """A dateline in a country the text barely names ("MANILA, Philippines -- The Malaysian Federal Court
    ...", Malaysia named 23 times, the Philippines 4): a correspondent's or a wire's desk, not where it
    happened. Not for US news (a US dateline's state decides there), nor a town of the top country's name
    ("LEBANON, Pa. -- ... a Lebanon man": those mentions are the town)."""
    top = ctx.country()
    code = g.country_by_name.get(norm(p.country or ""))
    if top in (None, _US) or code is None or code == top or g.country(place_name) == top:
        return False
    return ctx.countries[top] >= _FILED_ABROAD * max(1, ctx.countries.get(code, 0))


#: a city a reader places in its country without being told: "in Brisbane" says Australia
_KNOWN_CITY = 100_000


def _known_cities(g: Gazetteer, name: str) -> list[Entry]:
    """The cities of _KNOWN_CITY people or more under this very name (not by another of their names)."""
    key = norm(name)
    return [e for e in g.entries(name) if norm(e.name) == key and e.population >= _KNOWN_CITY]


def _count_cities_abroad(g: Gazetteer, ctx: Context, full: str) -> None:
    """Outside US news, a known city named as a place ("released from detention in Brisbane", "kidnapped in
    Melitopol") is a mention of its country as much as the country's name: a refugee who "fled Bangladesh"
    and is held in Brisbane is in an Australian story. Only a city of _KNOWN_CITY people or more under that
    very name, named with a cue, whose namesakes of that size all lie in one country, or in only one of the
    countries the text names. Added in place."""
    if ctx.country() in (None, _US) or ctx.states or ctx.counties:
        return
    lx = _lex()
    for name, _, cue in toponyms(full, ctx):
        key = norm(name)
        if not cue or "," in name or g.country(name) or key in g.demonyms or key in lx["not"] or key in lx["weak"]:
            continue
        entries = g.entries(name)
        big = {e.country_code for e in _known_cities(g, name)}
        if not big and not any(norm(e.name) == key for e in entries):  # "Cebu police": Cebu City by its short name
            big = {e.country_code for e in entries if e.population >= _KNOWN_CITY}
        if len(big) > 1:  # namesakes of that size in several countries: the one country of them the text
            # names ("Aberdeen Harbour" beside "a UK union" is Aberdeen, Scotland, not Aberdeen, Hong Kong)
            big &= set(ctx.countries)
        if len(big) == 1 and _US not in big:
            ctx.countries[big.pop()] += 1


#: the headline's town must be named at least as often (cue-weighted) as any other town of the state
_HEADLINE_SHARE = 1.0


def _headline_town(g: Gazetteer, cands: dict[str, _Cand], title_len: int, ctx: Context) -> Place | None:
    """The US town a headline places the story in with a cue ("Teenager Shot In Duquesne", "Lolo man
    charged", "Garner apartment"), when it lies in the state the text names or shares: local news
    puts the town of the event in its headline, where the dateline and the lead often give the
    station's city or the county seat."""
    if ctx.country() != _US or not title_len:
        return None
    best = None
    top = 0.0
    for c in cands.values():
        inside = [e for e in c.entries if e.admin1 and norm(e.admin1) == norm(ctx.state() or "")]
        if inside:
            top = max(top, c.score)
        if c.first >= title_len or not c.cue:
            continue
        p = resolve_in(c.name, ctx, "", cue=True)
        if p.precision == "point" and _in_area(p, ctx) and (best is None or c.score > best[0].score):
            best = (c, p)
    if best is None or best[0].score * _HEADLINE_SHARE < top:
        return None  # the lead names another town of the state more often: the headline's is a side
    c, p = best
    if not _named(g, c.name):  # "Vegas", "Philly", "Salt Lake": the town by its own name
        own = next((e for e in c.entries if e.latitude == p.latitude and e.longitude == p.longitude), None)
        if own is not None:
            p = replace(p, name=own.name)
    return _city_of(g, p, cands)



#: a city this large that the text makes speak stands for its government or authorities
_SPEAKING_CITY = 100_000


def _speaks(g: Gazetteer, name: str, text: str, start: int, before: str) -> bool:
    """Capital-city metonymy: "Moscow said", "Kyiv denied", "Beijing has warned" name a government, not the
    place of anything. Not after a place cue ("a teen in St. Louis claimed"), and only for a city large
    enough to stand for one (a person's name, "Butler said", stays the evidence of a surname)."""
    if not SPEAKS_AFTER.match(text, start + len(name)) or _CUE_BEFORE.search(before):
        return False
    return any(norm(e.name) == norm(name) and e.population >= _SPEAKING_CITY for e in g.entries(name))


def _headline_country_first(g: Gazetteer, ctx: Context, named: set[str], title: str | None,
                            dateline_place: str | None) -> None:
    """A country the headline names outright ("5 Chinese mine workers kidnapped in DR Congo") is the one the
    story is about, however often the text names others by demonym ("Chinese nationals", "the Chinese
    embassy"). Not a headline's town of a country's name ("Teen shot in Lebanon" under "LEBANON, Ohio"),
    nor a headline that names a US state."""
    named = {c for c in named if norm(g.country_name(c) or "") != norm(dateline_place or "")}
    if not named or not ctx.countries or (title and context_of(title).states):
        return
    top = ctx.country()
    if top in named or ctx.admin1_of(top):
        return  # a state the text names ("Edo State") holds its country: "in Benin" is Benin City then
    if title and any(cue and any(e.country_code == top for e in g.entries(n)) for n, _, cue in toponyms(title, ctx)):
        return  # "I was safer in Iraq than in San Bernardino": the headline names a place of the text's country too
    first = max(sorted(named), key=lambda c: ctx.countries.get(c, 0))
    ctx.countries[first] = max(ctx.countries.values()) + 1


def _abroad_of_title(g: Gazetteer, p: Place, named: set[str], title_countries: Counter, title: str = "") -> bool:
    """Whether a place lies outside every country a headline names outright ("Myanmar journalist thrives..."
    under "MANILA, Philippines --"): the story happened in the headline's country; a wire's dateline and a
    recalled happening elsewhere are not its place. A headline's demonym alone ("Mexican man shot") is a
    nationality and decides nothing, though it keeps its own country ("Canadian embassy")."""
    named = {c for c in named if norm(g.country_name(c) or "") != norm(p.name.partition(",")[0])}
    if p.name and re.search(r"\b" + re.escape(p.name.partition(",")[0].strip()) + r"\b", title or ""):
        return False  # the headline names the place itself ("safer in Iraq than in San Bernardino")
    if not named or p.country is None:
        return False  # ("Teen shot in Lebanon" under "LEBANON, Ohio --" names the town, not the country)
    return not any(g.country_name(c) == p.country for c in set(named) | set(title_countries))



def _city_of(g: Gazetteer, p: Place, cands: dict[str, _Cand]) -> Place:
    """A neighbourhood's city: "Rogers Park", "Bushwick", "Alief" are parts of Chicago, Brooklyn and
    Houston, which GeoNames lists as places of their own. When the text also names a city at least
    five times as large within its reach (8 km for a city of 500,000, growing with the square root of
    its population, at most 18 km) in the same admin1, the place is that city."""
    if p.precision != "point" or p.latitude is None or p.longitude is None:
        return p
    own = _population(g, p)
    best = None
    for key, c in cands.items():
        for e in c.entries:
            if e.population < max(200_000, 5 * own) or e.admin1 != p.admin1 or norm(e.name) == norm(p.name):
                continue
            reach = min(18.0, 8.0 * math.sqrt(e.population / 500_000))
            if _km(p.latitude, p.longitude, e.latitude, e.longitude) <= reach and (
                    best is None or e.population > best.population):
                best = e
    return _to_place(g, best.name, best, "point") if best is not None else p


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    a = math.sin(math.radians(lat2 - lat1) / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(
        math.radians(lat2)) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12_742.0 * math.asin(min(1.0, math.sqrt(a)))


def _FACILITY_AFTER(name: str, text: str) -> bool:
    """Whether the text names this as a facility's name ("Mount Sinai Hospital", "Riley Hospital")."""
    fac = _lex()["facility"]
    for m in re.finditer(re.escape(name) + r"[ \t]+([A-Z][a-z]+\.?)", text[:20_000]):
        if m.group(1).lower().rstrip(".") in fac:
            return True
    return False


def _may_name_a_place(text: str, first: bool = False) -> bool:
    """Whether any capitalised word past the first (``first``: the first too, as a headline's "Apison toddler
    accidentally shot himself" begins with its town) could be a place name (3 to 40 characters)."""
    for m in _CAPITALISED.finditer(text[:20_000]):
        if (first or m.start() > 0) and 3 <= len(m.group(0)) <= 40:
            return True
    return False


def _population(g: Gazetteer, p: Place) -> int:
    for e in g.entries(p.name.split(",")[0]):
        if e.latitude == p.latitude and e.longitude == p.longitude:
            return e.population
    return 0


def _fill(p: Place, ctx: Context) -> Place:
    """The country is never empty when the text names one; the admin1 from the text when the gazetteer has none."""
    g = current()
    code = ctx.country()
    if p.country is None and code:
        p = replace(p, country=g.country_name(code))
    if p.admin1 is None and p.country:
        c = g.country_by_name.get(norm(p.country))
        a1 = ctx.state() if c == _US else ctx.admin1_of(c)
        if a1:
            p = replace(p, admin1=a1, precision=p.precision if p.precision != "country" else "admin1")
    if p.name and "," in p.name and p.precision in ("point", "admin1", "relative"):
        head = p.name.rpartition(",")[0].strip()
        if head:
            p = replace(p, name=head)
    return _capital_named(p)


_DC = re.compile(r"^(?:Washington,?\s*)?D\.?\s?C\.?$|^District of Columbia$|^United States$", re.I)


def _capital_named(p: Place) -> Place:
    """The District of Columbia's town is Washington: "D.C.", "Washington D.C." or the district alone
    (no town named) all place a story in the city, which is the district."""
    if p.admin1 == "District of Columbia" and p.name and _DC.match(p.name.strip()):
        return replace(p, name="Washington")
    return p
