"""US local news: the town of a county dateline, and the station's town when the text names no other.

US local news often datelines a story by its county ("HENRY COUNTY, Ga. --", "PIKE COUNTY, Miss.
(WJTV) --") and names the town in the lead ("A McDonough family", "near Magnolia"): the town is where
it happened, the county the sheriff's beat. When a story names no town at all ("a shooting on Poplar
Avenue"), the city of the station or paper that ran it, which its page title's site name gives
("WMC Action News 5 - Memphis, Tennessee"), is the best guess left: a local outlet reports its own
city's streets without naming the city. mainplace.py applies both; this module only reads.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from .gazetteer import Entry, Gazetteer, area_codes, county_key, norm
from .model import Place
from .placectx import (
    _CITY_STATE,
    _DIRECTION_PREFIX,
    _POSSESSIVE,
    _US,
    Context,
    _lex,
    context_of,
    current,
)
from .places import _area_only, _to_place


class _Candidate(Protocol):  # mainplace._Cand
    name: str
    score: float
    first: int
    cue: bool
    entries: list[Entry]


def county_keys(g: Gazetteer, dateline_place: str | None, counties: dict[str, int]) -> list[str]:
    """The US counties a story is placed in: the dateline's ("HENRY COUNTY", "LEWIS" beside "Lewis County
    Sheriff's Office") first, then the ones the text names, most named first."""
    out = []
    if dateline_place:
        key = county_key(dateline_place if re.search(r"(?i)\b(?:county|parish)$", dateline_place)
                         else dateline_place + " County")
        if key and (g.counties.get(key) and (key in counties or re.search(r"(?i)\b(?:county|parish)$", dateline_place))):
            out.append(key)
    out += [k for k, _ in sorted(counties.items(), key=lambda kv: -kv[1]) if k not in out]
    return out


def town_in_county(cands: dict[str, _Candidate], keys: list[str], state: str | None) -> tuple[str, Entry] | None:
    """The town the text names with a cue that lies in one of these counties of the state (the first
    county that has one; the town named most, then first): "A McDonough family" under "HENRY COUNTY, Ga."."""
    if not state:
        return None
    for key in keys:
        best: tuple[float, int, str, Entry] | None = None
        for c in cands.values():
            if not c.cue:
                continue
            for e in c.entries:
                if e.country_code == _US and e.admin1 == state and e.admin2 and county_key(e.admin2) == key:
                    rank = (c.score, -c.first)
                    if best is None or rank > (best[0], best[1]):
                        best = (c.score, -c.first, c.name, e)
                    break
        if best is not None:
            return best[2], best[3]
    return None


_SITE_TOWN = re.compile(r"\b([A-Z][a-z]+(?:[ .]+[A-Z][a-z]+){0,2})(?=,\s+[A-Z]|\s+(?:News|NEWS|Weather|Sports)\b|\s*$)")


def site_town(g: Gazetteer, site: str, state: str | None) -> Entry | None:
    """The town a page title's site name gives ("WMC Action News 5 - Memphis, Tennessee", "13 WTHR
    Indianapolis"), in the state the story is placed in: the outlet's own city."""
    if not state or not site:
        return None
    for m in _SITE_TOWN.finditer(site):
        name = m.group(1)
        words = name.split()
        for k in range(len(words)):  # "News 12 Shreveport": the town is the name's tail
            sub = " ".join(words[k:])
            found = [e for e in g.entries(sub) if e.country_code == _US and e.admin1 == state
                     and e.kind != "postal" and norm(e.name) == norm(sub)]
            if found:
                return max(found, key=lambda e: e.population)
    return None


# ------------------------------------------------------------ moved from mainplace.py (US choices)

_NAME_RE = r"[A-Z][\w-]*(?:\s(?:St\.\s)?[A-Z][\w-]*){0,3}"
_PART_WORD = r"(?:neighbo[u]?rhood|section|community|community area|area|district|side)"
_PART_AT = re.compile(r"\s" + _PART_WORD + r"\b")
# "Baltimore's Brooklyn neighborhood", "Chicago's Englewood community": the window before the part word
_OWNED_PART = re.compile(r"\b(?P<c>" + _NAME_RE + r")['’]s\s+(?P<p>" + _NAME_RE + r")$")
_PART_BEFORE = re.compile(r"\b(?P<p>" + _NAME_RE + r")$")
# "the Englewood neighborhood of Chicago", "the Englewood neighborhood on Chicago's South Side": after it
_CITY_AFTER = re.compile(r"\s+(?:of|in|on)\s+(?:the\s+)?(?:city\s+of\s+)?(?:(?:north|south|east|west)(?:east|west)?"
                         r"(?:ern)?\s+)?(?P<c>" + _NAME_RE + r")\b")


def parts_of_cities(g: Gazetteer, head: str, country: str | None) -> dict[str, str]:
    """The parts of a city the text names as such ("Baltimore's Brooklyn neighborhood", "the Englewood
    section of Chicago"): part's key -> the city. US local news names the neighbourhood as often as the
    city, and the city is where it happened: "shot in Brooklyn" in that story is Baltimore."""
    out: dict[str, str] = {}
    for m in _PART_AT.finditer(head):  # each part word, then the names about it (a regex over the whole
        before = head[max(0, m.start() - 80):m.start()]  # text from every capital cost 3 ms a document)
        owned = _OWNED_PART.search(before)
        if owned:
            part, city = owned.group("p"), owned.group("c")
        else:
            named, after = _PART_BEFORE.search(before), _CITY_AFTER.match(head, m.end())
            if not named or not after:
                continue
            part, city = named.group("p"), after.group("c")
        city = _POSSESSIVE.sub("", city)
        part = _DIRECTION_PREFIX.sub("", part)
        if not part or norm(part) == norm(city):
            continue
        if any(e.kind != "postal" and (country is None or e.country_code == country) for e in g.entries(city)):
            out.setdefault(norm(part), city)
    return out



#: a North American telephone number: "(615) 742-7463", "615-742-7463", "615.742.7463" (not part of a longer
#: run of digits, a date or an amount)
_PHONE = re.compile(r"(?<![\w$.,/-])(?:1[-. ])?\(?([2-9]\d\d)\)?[-. ]?[2-9]\d\d[-.]\d{4}(?![\w/-])")


def phone_states(text: str) -> Counter:
    """The US states of the telephone numbers a text gives, one count per distinct number: US local news
    prints the police's or Crime Stoppers' local number ("call 615-742-7463") where it names no state, and
    an area code lies in one state (``gazetteer.area_codes``)."""
    out: Counter = Counter()
    head = text[:20_000]
    if "-" not in head and "." not in head:
        return out
    codes = area_codes()
    seen = set()
    for m in _PHONE.finditer(head):
        number = re.sub(r"\D", "", m.group(0))[-10:]
        state = codes.get(m.group(1))
        if state and number not in seen:
            seen.add(number)
            out[state] += 1
    return out


def _towns_named_as_countries(g: Gazetteer, head: str, dateline: tuple[str | None, str | None], ctx: Context) -> None:
    """A US town of a country's name that the text qualifies by its state ("LEBANON, Pa. --", "a shooting in
    Lebanon, Ohio", "Peru, Ind."): its bare mentions ("a Lebanon man") are the town, so the country's count
    goes to the United States. Changed in place."""
    lx = _lex()
    named = [(dateline[0], dateline[1])] if dateline[0] and dateline[1] else []
    if ", " in head:
        named += [(m.group(1), m.group(2)) for m in _CITY_STATE.finditer(head[:20_000])]
    for town, region in named:
        code = g.country(town or "")
        if code and code != _US and code in ctx.countries and (
                region in lx["states"] or region in lx["ap"] or region in lx["postal"]):
            ctx.countries[_US] += ctx.countries.pop(code)
            if ctx.first_country == code:
                ctx.first_country = _US


def _us_context(head: str, dateline: tuple[str | None, str | None]) -> Context:
    """The context with the dateline's US state, without the states a page title's site name gives ("KSLA
    News 12 Shreveport, Louisiana" on a story from Naples, Texas): the station's market, not the story's
    state. The market only votes with the towns the text names (:func:`_with_inferred_area`): "Montgomery"
    on a Columbus, Georgia station's page is Montgomery, Alabama."""
    ctx = context_of(head, dateline)
    ctx.phones = phone_states(head)
    lx = _lex()
    _towns_named_as_countries(current(), head, dateline, ctx)
    region = dateline[1] or ""
    state = lx["states"].get(region) or lx["ap"].get(region) or lx["postal"].get(region)
    if state:  # "HOWLAND, Ohio --": the dateline's state is the text's word for where it is
        ctx.states[state] += 1
        ctx.countries[_US] += 1
    if not ctx.states:
        return ctx
    blanked = _without_site_names(head[:_HEAD_LINES_CHARS]) if "\n" in head[:_HEAD_LINES_CHARS] else None
    if blanked is None or blanked == head[:len(blanked)]:
        return ctx
    # the site names' own words, read apart (a context of the whole text twice would cost 15 ms more)
    site = "\n".join(_cut_tail(line, cut) for line, cut in zip(head[:_HEAD_LINES_CHARS].split("\n"), blanked.split("\n"))
                     if line != cut)
    market = context_of(site).states & ctx.states
    if not market:
        return ctx
    own = ctx.states - market
    ctx.countries[_US] -= sum(market.values())
    if ctx.countries[_US] <= 0:
        ctx.countries[_US] = 1  # a US station's page: American all the same
    ctx.market = market
    ctx.site = site
    ctx.states = own
    ctx.qualifying = ctx.qualifying - market
    return ctx


#: the share of a county's people (in the gazetteer) its largest town must hold to stand for a story placed
#: in the county only: US local news writes "in Harris County" of Houston's unincorporated edges and
#: streets alike, and the archive files such stories under the county's main town (dev: 0.3 over 0.5
#: or none, +16 and +6 cities of 2,328)
_COUNTY_TOWN_SHARE = 0.3


_RURAL_COUNTY = re.compile(r"\b(?:rural|unincorporated)\s+(?:(?:part|area)s?\s+of\s+)?(?:[A-Z][\w.'-]*\s+){1,3}"
                           r"(?:County|Parish|Co\.)")


def _us_town(g: Gazetteer, cands: dict[str, _Candidate], ctx: Context, county_dateline: str | None,
             full: str) -> Place | None:
    """A US story's town when the dateline or the text gives only a county or a state: the town the text
    names in that county, else the station's own town (usplace.py)."""
    if ctx.country() != _US:
        return None
    state = ctx.state()
    keys = county_keys(g, county_dateline, ctx.counties)
    found = town_in_county(cands, keys, state)
    if found is not None:
        return _to_place(g, found[1].name, found[1], "point")
    rural = _RURAL_COUNTY.search(full[:_HEAD_LINES_CHARS * 2])
    for key in keys[:1] if not rural else ():  # "a shooting in Harris County": Houston, when it holds a good
        # share of the county's people; "in rural Allamakee County" is outside its towns
        town = g.county_town(state or "", key)
        if town is not None and town[1] >= _COUNTY_TOWN_SHARE:
            return _to_place(g, town[0].name, town[0], "point")
    head = full[:_HEAD_LINES_CHARS]
    site = "\n".join(_cut_tail(line, cut) for line, cut in zip(head.split("\n"), _without_site_names(head).split("\n"))
                      if line != cut)
    e = site_town(g, site, state)
    return _to_place(g, e.name, e, "point") if e is not None else None


def _cut_tail(line: str, blanked: str) -> str:
    """The part of a line that ``_without_site_names`` blanked: its tail from the first change."""
    at = next((i for i, (a, b) in enumerate(zip(line, blanked)) if a != b), len(blanked))
    return line[at:]


#: how far a page title and the lines a scraper repeats it in may run (``_without_site_names``)
_HEAD_LINES_CHARS = 2_000


def _county_named(g: Gazetteer, ctx: Context) -> Place | None:
    """With no town to name, the US county the text names most ("a hunting accident in Wise County"),
    in its state: the place US local news gives for the countryside."""
    if ctx.country() != _US or not ctx.counties:
        return None
    state = ctx.state()
    for key, _ in ctx.counties.most_common():
        pairs = g.counties.get(key, [])
        here = [name for st, name in pairs if st == state] if state else []
        if not here and pairs:  # the namesake with the most people: "Harris County" is Texas'
            shares = g.county_shares(key)
            state = max(sorted(shares), key=lambda st: shares[st])
            here = [name for st, name in pairs if st == state]
        if here:
            return _area_only(g, here[0], ctx, _US, state, "admin1")
    return None



_SEPARATOR = re.compile(r"[ \t]+[-–|][ \t]+")


_SITE_WORD = re.compile(r"News|NEWS|TV\b|Channel|Weather|Sports|\.com\b|\b[KW][A-Z]{2,3}\b")


def _without_site_names(text: str) -> str:
    """The head with a page title's site name blanked ("... shooting - KSLA News 12 Shreveport, Louisiana
    News Weather & Sports"): where the station is, not where it happened. Offsets are kept."""
    head_end = 0
    for _ in range(4):  # the title and the first lines of the text, where a scraper repeats it
        nl = text.find("\n", head_end)
        if nl < 0:
            head_end = len(text)
            break
        head_end = nl + 1
    lines = text[:head_end].split("\n")
    for i, line in enumerate(lines):
        cuts = [m.start() for m in _SEPARATOR.finditer(line)]
        for k, at in enumerate(cuts):
            segment = line[at:cuts[k + 1] if k + 1 < len(cuts) else len(line)]
            if _SITE_WORD.search(segment):  # this segment and the rest of the line are the site's name
                lines[i] = line[:at] + " " * (len(line) - at)
                break
    return "\n".join(lines) + text[head_end:]



#: a US city this large, named with a cue, whose namesakes of that size are all American, says the story is
#: American (mainplace's ``_KNOWN_CITY`` abroad)
_KNOWN_US_CITY = 100_000


def _count_us_cities(g: Gazetteer, ctx: Context, full: str) -> None:
    """A story the text's country reading puts abroad that names a large US city as a place ("shot in southwest
    Fresno", "Fort Lauderdale police") counts each such mention for the United States, as world news counts a
    known city for its country: a video playlist's "Mexico" or a "Colombian" suspect does not move a Fresno or
    Fort Lauderdale story abroad. Only a city of that very name (not "El Fresno" by "Fresno") whose namesakes
    of _KNOWN_US_CITY people or more are all in the US, and only in a text that names the US nowhere else.
    Added in place."""
    top = ctx.country()
    if top in (None, _US) or ctx.countries.get(_US):
        return  # a text that names the US itself weighs it already ("San Diego" in a border story on Mexico)
    # the same candidates mainplace reads (memoised there); imported here, as mainplace imports this module
    from .mainplace import toponyms

    lx = _lex()
    n = 0
    first = None
    for name, at, cue in toponyms(full, ctx):
        key = norm(name)
        if not cue or "," in name or g.country(name) or key in g.demonyms or key in lx["not"] or key in lx["weak"]:
            continue
        big = {e.country_code for e in g.entries(name) if norm(e.name) == key and e.population >= _KNOWN_US_CITY}
        if big == {_US}:
            n += 1
            first = at if first is None else first
    if not n:
        return
    ctx.countries[_US] += n
    top_name = g.country_name(top) or ""
    at_top = full.find(top_name) if top_name else -1
    if first is not None and ctx.countries[_US] == max(ctx.countries.values()) and (at_top < 0 or first < at_top):
        ctx.first_country = _US  # named as often: the one named first ("shot in southeast Fresno" before "Mexico")


#: a police force's initials: the city's, then "PD"; an "M" before it is "Metropolitan" ("LVMPD"), never a
#: word of the city ("CMPD" is Charlotte-Mecklenburg's, not Costa Mesa's)
_POLICE_INITIALS = re.compile(r"^([A-Z]{1,4}?)M?PD$")

#: a city whose police go by its initials must be this large, and the only one of its initials of half its size
_POLICE_CITY = 100_000

_POLICE_CITIES: dict[str, str] | None = None


def police_city(g: Gazetteer, name: str) -> str | None:
    """The US city a police force's initials name: "NOPD" New Orleans, "SAPD" San Antonio, "LVMPD" Las Vegas
    (M for Metropolitan), "NYPD" New York. US local news writes the initials in place of the city. Only a city
    of two or more words (one letter is many cities: "DPD" is Dallas, Detroit or Denver) of _POLICE_CITY people
    or more, and only initials no other such city of half its size shares. Indexed on first use."""
    m = _POLICE_INITIALS.match(name)
    if not m or len(m.group(1)) < 2:
        return None
    global _POLICE_CITIES
    if _POLICE_CITIES is None:
        best: dict[str, list[tuple[int, str]]] = {}
        for _, cols in g.us_place_rows():
            if int(cols[6]) < _POLICE_CITY // 2:
                continue
            words = cols[1].replace("-", " ").split()
            if len(words) < 2:
                continue
            best.setdefault("".join(w[0].upper() for w in words), []).append((int(cols[6]), cols[1]))
        out = {}
        for initials, cities in best.items():
            cities.sort(reverse=True)
            if cities[0][0] >= _POLICE_CITY and (len(cities) == 1 or cities[1][0] * 2 < cities[0][0]):
                out[initials] = cities[0][1]
        _POLICE_CITIES = out
    return _POLICE_CITIES.get(m.group(1))


def market_towns(g: Gazetteer, ctx: Context) -> dict[str, str]:
    """The station's own town in each market state its site name gives ("WTVM.com-Columbus, GA" -> "columbus":
    Georgia): a story on that page naming "Columbus" means the station's Columbus, not the larger Ohio one."""
    out: dict[str, str] = {}
    for st in sorted(ctx.market) if ctx.site else ():
        e = site_town(g, ctx.site, st)
        if e is not None:
            out.setdefault(norm(e.name), st)
    return out
