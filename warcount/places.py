"""Places in news text: candidate toponyms, their resolution in the document's context, the main place.

The gazetteer (``gazetteer.py``) says what a name can be; the text says which one it is. The
document's context (:class:`Context`, read once per document) holds what a reader would use:

- the countries the text names, by name or demonym ("Nigeria", "Nigerian police"), counted;
- the US states it names: full names, AP abbreviations after a comma ("Nashville, Tenn."),
  postal codes after a comma ("Atlanta, TX");
- the admin1 areas it names as such: "Idlib province", "Kaduna State", "Kharkiv oblast" (which also
  name their country);
- the US counties it names ("Johnson County", "Dunklin Co.", "Orleans Parish");
- the dateline ("SPRINGFIELD, Ohio --"), read by ``datelines.py``.

Resolution of a name (:func:`resolve_in`): a trailing ", State" / ", Country" is context, not
name ("Gusau, Nigeria" is Gusau with the country Nigeria); a country is a country; "X County"
keeps its name and takes the state named with it; "X province/State/oblast..." is an admin1;
otherwise a place of that name (exactly, or by a known alternate name) in the admin1 the text
names, else in a country it names, else the most populous; a name known only in another country
than the text's is not trusted for a small place. An unknown name keeps its name and the nearest
area the text gives ("X, southwest of Aleppo" -> relative to Aleppo; else the state or country
the text names). Month names, weekdays, platforms and outlets are never places
(``lexicons/places.json``). No loose fuzzy matching.

The main place (:func:`main_place`): the dateline's place, else the populated place the title
and lead name most (a place after "in"/"near"/"at", in "City, State", before "police" or
"man"), else the claims' place; its admin1 and country from the gazetteer or, when the gazetteer
does not know it, from the state or country the text names; the country is never empty when the
text names one. When the text names no state, the state is the one its places most likely share,
each place's namesakes weighed by population (Fresno is Fresno, California) and the counties it
names voting for theirs. A page title's site name ("- KSLA News 12 Shreveport") is not a candidate;
a building's name ("Mount Sinai Hospital") is no cue; a neighbourhood GeoNames lists on its own
("Rogers Park") becomes the big city the text names beside it; a bare dateline abroad of the
country the headline names is where the story was filed, not where it happened.
"""
from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .gazetteer import COUNTRY_ALIASES, SHORT_COUNTRY, Entry, Gazetteer, county_key, lexicon, norm, pick, weight  # noqa: F401
from .model import Place

log = logging.getLogger(__name__)

__all__ = ["Context", "context_of", "gazetteer", "is_place", "main_place", "norm", "resolve", "resolve_in",
           "use_gazetteer"]

_DIRECTIONS = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
               r"south-east|south-west|central)(?:ern)?")
_NAME = r"[A-Z][\w'ʿ’-]*(?:[ -]+(?:[A-Z][\w'ʿ’-]*|al|el|ez|ad|as|ar))*"
_RELATION = re.compile(
    r"\b((?:(?:(?:\d+|a few|several)\s+(?:km|kilometers|kilometres|miles)\s+)?" + _DIRECTIONS + r"\s+of)"
    r"|near|outside|close to|on the outskirts of|in the countryside of|in rural)\s+(?:the\s+)?(" + _NAME + ")"
)
_NOTABLE = 50_000  # a place named without a cue, or outside the text's country, must be this large
_CAPITALISED = re.compile(r"\b(?:(?:St|Mt|Ft|Pt)\.[ ]?)?[A-Z][\w'ʿ’-]*(?:[ -]+(?:[A-Z][\w'ʿ’-]+|al|el|ez|ad|as|ar|de|del|la))*")
_US = "US"
_POSSESSIVE = re.compile(r"['’]s$")
_POSSESSIVE_SPLIT = re.compile(r"['’]s\b")


@lru_cache(maxsize=1)
def _lex() -> dict:
    lex = lexicon()
    states: dict[str, str] = {}  # full name, AP and postal abbreviations -> state
    ap: dict[str, str] = {}
    postal: dict[str, str] = {}
    for state, abbrs in lex["us_states"].items():
        states[state] = state
        for a in abbrs:
            (postal if a.isupper() and len(a) == 2 else ap)[a] = state
    return {
        "states": states, "ap": ap, "postal": postal,
        "not": {norm(w) for w in lex["not_places"]},
        "weak": {norm(w) for w in lex["weak_names"]},
        "facility": {w.lower().rstrip(".") for w in lex["facility_words"]},
        "admin": {w.lower() for w in lex["admin_words"]},
        "demonyms": lex["demonyms"],
    }


def _state_re() -> re.Pattern[str]:
    lx = _lex()
    full = sorted(lx["states"], key=len, reverse=True)
    ap = sorted(lx["ap"], key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:(?P<full>" + "|".join(map(re.escape, full)) + r")(?![\w])"
                      r"|(?P<ap>" + "|".join(map(re.escape, ap)) + r")(?![\w])"
                      r"|(?<=, )(?P<postal>" + "|".join(lx["postal"]) + r")(?![\w.]))")


_STATES: re.Pattern[str] | None = None
_ADMIN_NAMED = re.compile(r"\b(" + _NAME + r")\s+(province|Province|State|state|governorate|Governorate|region|"
                          r"Region|oblast|Oblast|prefecture|Prefecture|district|District|County|county|division|"
                          r"Division|territory|Territory|department|Department|emirate|Emirate)\b")
#: admin words that say outright that the name before them is a first-level area
_STRONG_ADMIN = {"province", "state", "governorate", "oblast", "prefecture", "emirate"}
_WHEN = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                   r"June|July|August|September|October|November|December)$")
_COUNTY = re.compile(r"\b((?:St\.\s)?" + _NAME + r")\s+(?:County|Parish|Co\.)(?![\w])")
_CITY_STATE = re.compile(r"\b(" + _NAME + r"),\s+(" + _NAME + r"\.?|[A-Z]\.[A-Z]\.|[A-Z]{2})(?![\w])")
_CUE_BEFORE = re.compile(r"(?:\b(?:in|near|at|outside|of|from|to|across|around|into|throughout)\s+(?:the\s+)?(?:"
                         r"(?:[a-z]+\s+)?(?:city|town|village|suburb|neighbo[u]?rhood|area|district|community|"
                         r"state|province|region|county|capital)\s+of\s+)?)$")
_CUE_AFTER = re.compile(r"^(?:\s+|-)(?:police|Police|man|woman|men|women|teen|boy|girl|resident|residents|"
                        r"officers?|home|shooting|killing|slaying|attack|bombing|nightclub|"
                        r"club|party|streets?|native|-based|based|city|county|County)\b")


#: facility words whose name is the place that runs them: "Chicago Police", "Dallas County Jail"
_OWNER_WORDS = {"police", "sheriff", "department", "council", "commission", "ministry", "courthouse", "jail",
                "prison", "airport", "office"}
_PART_OF_NAME = re.compile(r"[ \t]+(?:City|Park|University|State University|Avenue|Street|Road|Boulevard|Township|"
                           r"Heights|Beach|Springs|Falls|Hills|Rapids|Mills|[A-Z][a-z]+ (?:Street|Avenue|Road))\b")
_DIRECTION_PREFIX = re.compile(r"^(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
                               r"north-west|south-east|south-west|central|downtown|greater|suburban|rural|the)"
                               r"(?:ern)?\s+", re.I)
_AMBIGUOUS_COUNTRIES = {"jordan", "chad", "turkey", "georgia", "niger", "guinea", "china", "israel", "panama",
                         "mali", "oman", "peru", "cuba", "malta", "togo"}
_PEOPLE_AFTER = re.compile(r"[ \t]+(?:police|forces|troops|army|military|government|officials?|authorities|soldiers|"
                           r"security|president|prime minister|minister|ministry|embassy|nationals?|citizens?|"
                           r"journalists?|activists?|man|woman|men|women|border|capital|courts?|state|media|navy|"
                           r"people|villagers|civilians|militants?|rebels?|opposition|lawyers?|authorities|"
                           r"counterparts?|territory|soil|jets?|warplanes?|air force|forces)\b")
_NOT_CITY_AFTER = re.compile(r"^\s+(?:neighbo[u]?rhoods?|section|community area|district|ward|precinct|"
                             r"subdivision|street|avenue|road|high|middle|elementary)\b", re.I)


@dataclass
class Context:
    """What the text says of where it is: countries, US states and admin1 areas it names, its dateline."""

    countries: Counter = field(default_factory=Counter)  # code -> mentions
    states: Counter = field(default_factory=Counter)  # US state -> mentions
    admin1: Counter = field(default_factory=Counter)  # (country code, admin1 name) -> mentions
    counties: Counter = field(default_factory=Counter)  # US county key ("johnson") -> mentions
    first_country: str | None = None
    dateline_place: str | None = None
    dateline_region: str | None = None

    def country(self) -> str | None:
        """The country the text is about: the one it names most (the first on a tie); US when it names
        only US states."""
        if self.countries:
            best = max(self.countries.values())
            tied = [c for c, n in self.countries.items() if n == best]
            return self.first_country if self.first_country in tied else tied[0]
        if self.states:
            return _US
        return None

    def state(self) -> str | None:
        if not self.states:
            return None
        return self.states.most_common(1)[0][0]

    def admin1_of(self, code: str | None) -> str | None:
        """The admin1 of a country the text names most, if any."""
        pool = [(n, a) for (c, a), n in self.admin1.items() if c == code]
        if code == _US and self.states:
            return self.state()
        return max(pool)[1] if pool else None


def context_of(text: str, dateline: tuple[str | None, str | None] = (None, None)) -> Context:
    """Read the countries, demonyms, US states and named admin1 areas of a text (its first 20,000 characters)."""
    global _STATES
    g = gazetteer(_user_file)
    ctx = Context(dateline_place=dateline[0], dateline_region=dateline[1])
    text = text[:20_000]
    lx = _lex()
    first_pos = None
    for m in _CAPITALISED.finditer(text):
        for w in _POSSESSIVE_SPLIT.split(m.group(0)):  # "Syria's Idlib" names Syria
            for cut in _shrinking(w.strip())[:3]:
                code = g.country(cut) or g.part_of.get(norm(cut))
                if code and norm(cut) in _AMBIGUOUS_COUNTRIES and not _CUE_BEFORE.search(
                        text[max(0, m.start() - 30):m.start()]):
                    code = None  # "Jordan Smith", "Turkey Day": a country only after "in", "from", "of"...
                if code is None and norm(cut) in g.demonyms and _PEOPLE_AFTER.match(text, m.start() + len(cut)):
                    code = g.demonyms[norm(cut)]  # "Nigerian police", not "a Chinese restaurant"
                if code:
                    ctx.countries[code] += 1
                    if first_pos is None:
                        first_pos, ctx.first_country = m.start(), code
                    break
    if _STATES is None:
        _STATES = _state_re()
    for m in _STATES.finditer(text):
        if m.group("full"):
            state = m.group("full")
            if _PART_OF_NAME.match(text, m.end()):
                continue  # "Kansas City", "Washington Park", "Indiana University": a name that holds a state's
            if state == "Washington" and not re.match(r",?\s*D\.?C\.?|\s+state", text[m.end():m.end() + 6]) \
                    and not re.search(r"\bstate of\s+$", text[max(0, m.start() - 10):m.start()]):
                if "," not in text[max(0, m.start() - 2):m.start()]:
                    continue  # Washington the city (D.C.) or a name; the state is "Washington state" or ", Wash."
            if state == "Georgia" and ctx.countries.get("GE"):
                continue
            ctx.states[state] += 1
        elif m.group("ap"):
            ctx.states[lx["ap"][m.group("ap")]] += 1
        elif m.group("postal"):
            ctx.states[lx["postal"][m.group("postal")]] += 1
    if ctx.states:  # every state named is a mention of the United States
        ctx.countries[_US] += sum(ctx.states.values())
    if ctx.states.get("Georgia") and "GE" in ctx.countries and not any(s for s in ctx.states if s != "Georgia"):
        del ctx.states["Georgia"]
    if ctx.states and ctx.countries.get("GE") and ctx.states.get("Georgia"):
        ctx.countries.pop("GE", None)  # "Georgia" counted as a country too
    admin_countries: Counter = Counter()
    for m in _COUNTY.finditer(text):  # "Johnson County", "Dunklin Co.", "Orleans Parish"
        words = m.group(1).split()
        for k in range(max(0, len(words) - 3), len(words)):
            key = county_key(" ".join(words[k:]) + " County")
            if key and g.counties.get(key):
                ctx.counties[key] += 1
                break
    for m in _ADMIN_NAMED.finditer(text):
        if m.group(2).lower() == "county":
            continue
        words = _POSSESSIVE_SPLIT.split(m.group(1))[-1].split()  # "Syria's Idlib province" -> Idlib
        prefer = ctx.country()
        strong = m.group(2).lower() in _STRONG_ADMIN
        for k in range(len(words)):
            areas = g.admin_areas(" ".join(words[k:]))
            found = pick(areas, prefer)
            if found and (prefer is None or found.country_code == prefer
                          or strong and len({e.country_code for e in areas}) == 1):
                ctx.admin1[(found.country_code, found.name)] += 1
                if strong and found.country_code != _US and not ctx.states and not ctx.counties:
                    admin_countries[found.country_code] += 1  # "Borno State", "Idlib province" name their country
                break
    for code, n in admin_countries.items():
        ctx.countries[code] += n
        if ctx.first_country is None:
            ctx.first_country = code
    return ctx


# ----------------------------------------------------------------- resolution

_lock = threading.Lock()
_gazetteers: dict[str | None, Gazetteer] = {}
_user_file: str | None = None


def gazetteer(geonames_file: str | None = None) -> Gazetteer:
    """The loaded gazetteer for a user file (or none); loaded once per process."""
    from . import budget

    with _lock:
        g = _gazetteers.get(geonames_file)
        if g is None:
            with budget.paused():  # loaded once per process: not any document's time (issue 10)
                g = _gazetteers[geonames_file] = Gazetteer(geonames_file)
        return g


def use_gazetteer(path: str | None) -> None:
    """Widen resolution with a GeoNames country file (``Options.gazetteer``); None goes back to the packaged data."""
    global _user_file
    wanted = str(path) if path else None
    if wanted:
        _check_geonames(Path(wanted))  # fail before the packaged data is loaded
    gazetteer(wanted)  # load now: a bad file fails here, not in the middle of a batch
    _user_file = wanted
    _resolve.cache_clear()


def _check_geonames(path: Path) -> None:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            first = next((line for line in fh if line.strip()), "")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gazetteer file ({getattr(exc, 'strerror', None) or exc})") from None
    if first and len(first.rstrip("\n").split("\t")) < 15:
        raise InputError(f"{path}:1", "not a GeoNames TSV row (expected 19 tab-separated columns)")


def resolve(name: str, context: str | None = None) -> Place:
    """Resolve a place name, using the context text for countries, states, ambiguity and relations."""
    return replace(_resolve(name.strip(), context, _user_file))


def never_place(name: str) -> bool:
    """Month names, weekdays, platforms, outlets, times ("8.30pm"): words that are never a place."""
    key = norm(_DIRECTION_PREFIX.sub("", name.strip()))
    return not key or key in _lex()["not"] or not re.search(r"[A-Za-z]{2}", name) or bool(re.search(r"\d", name))


def is_place(name: str) -> bool:
    """True when the name is a country, admin1 or place the gazetteer knows (and not a word that is never one)."""
    g = gazetteer(_user_file)
    if not name.strip() or norm(name) in _lex()["not"]:
        return False
    return g.country(name) is not None or g.find(name) is not None


@lru_cache(maxsize=20_000)
def _resolve(name: str, context: str | None, user_file: str | None) -> Place:
    ctx = context_of(context) if context else Context()
    return resolve_in(name, ctx, context or "")


def _to_place(g: Gazetteer, name: str, e: Entry, precision: str, relation: str | None = None) -> Place:
    return Place(name=name, admin1=e.admin1, country=g.country_name(e.country_code), latitude=e.latitude,
                 longitude=e.longitude, precision=precision, relation=relation)


def _split_qualifier(g: Gazetteer, name: str) -> tuple[str, str | None, str | None]:
    """'Gusau, Nigeria' -> ('Gusau', 'NG', None); 'Springfield, Ohio' -> ('Springfield', 'US', 'Ohio')."""
    if "," not in name:
        return name, None, None
    head, _, tail = name.rpartition(",")
    head, tail = head.strip(), tail.strip()
    lx = _lex()
    state = lx["states"].get(tail) or lx["ap"].get(tail) or lx["postal"].get(tail)
    if state:
        return head, _US, state
    code = g.country(tail)
    if code:
        return head, code, None
    found = pick(g.admin_areas(tail))
    if found:
        return head, found.country_code, found.name
    return name, None, None


def resolve_in(name: str, ctx: Context, text: str = "", *, cue: bool = True) -> Place:
    """A name resolved in a document's context (see the module docstring for the rules)."""
    g = gazetteer(_user_file)
    lx = _lex()
    name = name.strip().strip(",")
    base, q_country, q_admin1 = _split_qualifier(g, name)
    stripped = _DIRECTION_PREFIX.sub("", base)
    if stripped != base and stripped and stripped[0].isupper() and g.entries(stripped) and not _named(g, base):
        base = stripped  # "north Baltimore", "Downtown Portland", "the Bronx": the place they are part of
    if base in lx["states"] and (ctx.country() in (None, _US)):
        return _to_place(g, base, pick([e for e in g.admin_areas(base) if e.country_code == _US])
                         or Entry(base, _US, base, None, 0.0, 0.0, 0, "admin1"), "admin1")
    if norm(base) in lx["not"]:
        return _area_only(g, base, ctx, q_country, q_admin1, "unknown")
    code = g.country(base)
    if code and not (q_country and q_country != code):  # "Lebanon, Ohio" is no country
        return Place(name=base, country=g.country_name(code), precision="country")
    prefer_country = q_country or ctx.country()
    prefer_admin1 = q_admin1 or (ctx.state() if prefer_country == _US else ctx.admin1_of(prefer_country))
    words = base.split()
    last = words[-1].lower().rstrip(".") if words else ""
    if last == "county" and len(words) > 1:
        return _area_only(g, base, ctx, q_country or prefer_country, prefer_admin1, "admin1")
    if last in lx["admin"] and len(words) > 1:
        area = pick(g.admin_areas(" ".join(words[:-1])), prefer_country)
        if area and (prefer_country is None or area.country_code == prefer_country):
            return _to_place(g, base, area, "admin1")
    entries = g.entries(base)
    if last in lx["facility"] or (len(words) > 1 and words[0].lower() in lx["facility"]):
        # "Avon Park" and "Orchard Park" are towns, "Bunny Friend Park" is a park: a name that ends in a
        # facility word is a place only under that very name in the state or country the text gives
        known = [e for e in entries if norm(e.name) == norm(base)
                 and (prefer_country is None or e.country_code == prefer_country)
                 and (prefer_admin1 is None or (e.admin1 and norm(e.admin1) == norm(prefer_admin1)))]
        if not known or (prefer_admin1 is None and not q_admin1 and not cue):
            county = next((i for i, w in enumerate(words) if i and w.lower().rstrip(".") in ("county", "parish")), None)
            if county is not None:  # "Beaver County Jail", "Merced County Sheriff's Office": in that county
                return _area_only(g, " ".join(words[:county + 1]), ctx, q_country or prefer_country, prefer_admin1,
                                  "admin1")
            return _area_only(g, base, ctx, prefer_country, prefer_admin1, "unknown")
        entries = known
    found = pick(entries, prefer_country, prefer_admin1, key=norm(base))
    weak = norm(base) in lx["weak"] and not cue
    if found and not weak:
        ok_country = prefer_country is None or found.country_code == prefer_country
        if ok_country or found.population >= _NOTABLE * 4:
            return _to_place(g, base, found, "point")
    area = pick(g.admin_areas(base), prefer_country)
    if area and (prefer_country is None or area.country_code == prefer_country):
        return _to_place(g, base, area, "admin1")
    if text:  # unknown, or known only in another country than the context names
        rel = _relation(g, base, text, prefer_country)
        if rel:
            return rel
    if found and prefer_country is None and not weak:
        return _to_place(g, base, found, "point")
    return _area_only(g, base, ctx, prefer_country, prefer_admin1, "unknown")


def _named(g: Gazetteer, name: str) -> bool:
    """Whether a place has this very name (not only as an alternate): "West Memphis" is a city."""
    key = norm(name)
    return any(norm(e.name) == key for e in g.entries(name))


def _area_only(g: Gazetteer, name: str, ctx: Context, country: str | None, admin1: str | None,
               precision: str) -> Place:
    """A name the gazetteer cannot place: it keeps its name and takes the area the text gives."""
    country = country or ctx.country()
    if admin1 is None and country:
        admin1 = ctx.state() if country == _US else ctx.admin1_of(country)
    if admin1 and country:
        area = pick([e for e in g.admin_areas(admin1) if e.country_code == country])
        lat, lon = (area.latitude, area.longitude) if area else (None, None)
        return Place(name=name, admin1=admin1, country=g.country_name(country), latitude=lat, longitude=lon,
                     precision="admin1")
    if country:
        return Place(name=name, country=g.country_name(country), precision="country")
    return Place(name=name, precision="unknown")


def _relation(g: Gazetteer, name: str, context: str, prefer: str | None) -> Place | None:
    """An unknown name placed by its context: a relation ("southwest of Aleppo")."""
    after = context.find(name)
    text = context[after:after + 400] if after >= 0 else ""
    for m in _RELATION.finditer(text):
        anchor_name = m.group(2)
        for cut in _shrinking(anchor_name):
            if norm(cut) in _lex()["not"]:
                continue
            found = g.find(cut, prefer)
            code = None if found else g.country(cut)
            if found:  # the text names the anchor outright: no need for it to be in the text's main country
                return _to_place(g, name, found[0], "relative", relation=f"{m.group(1)} {cut}")
            if code:
                return Place(name=name, country=g.country_name(code), precision="relative",
                             relation=f"{m.group(1)} {cut}")
    return None


def _shrinking(phrase: str) -> list[str]:
    """'Aleppo Province Monday' -> ['Aleppo Province Monday', 'Aleppo Province', 'Aleppo']."""
    words = phrase.split()
    return [" ".join(words[:i]) for i in range(len(words), 0, -1)]


# ----------------------------------------------------------------- the main place

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
        words = name.split()
        if 2 <= len(words) <= 4 and not g.entries(name) and not g.country(name):
            surnames.add(norm(words[-1]))
    for name, pos, cue in found:
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
            entries = [e for e in entries if e.country_code == (q_country or country)]
        if q_admin1:
            entries = [e for e in entries if e.admin1 and norm(e.admin1) == norm(q_admin1)]
        if not entries:
            continue
        cands[key] = _Cand(name, weight, pos, cue, entries)
    return cands


def _with_inferred_area(ctx: Context, cands: dict[str, _Cand]) -> Context:
    """With no state (admin1) named, the one the candidate places most likely share.

    Each candidate votes for the areas its places lie in, in proportion to their prior
    (:func:`gazetteer.weight`, population): "Fresno" is Fresno, California far more likely than
    Fresno, Texas, so a surname that happens to be a Texas town does not outvote it; "Chicago" and
    "Englewood" agree on Illinois, which an Englewood in another state would not. A name without a
    cue (often a person's surname) votes at a third of its weight."""
    country = ctx.country()
    if country == _US and ctx.states or country != _US and ctx.admin1_of(country):
        return ctx
    votes: Counter = Counter()
    for key, c in cands.items():
        total = sum(weight(e, key) for e in c.entries)
        if not total:
            continue
        share: Counter = Counter()
        for e in c.entries:
            if e.admin1:
                share[(e.country_code, e.admin1)] += weight(e, key) / total
        w = c.score if c.cue else c.score / 3
        for a1, sh in share.items():
            votes[a1] += w * sh
        if ctx.counties:  # a place in a county the text names: "Franklin" with "Johnson County" is Indiana's
            for st in sorted({e.admin1 for e in c.entries if e.country_code == _US and e.admin2 and e.admin1
                              and county_key(e.admin2) in ctx.counties}):
                votes[(_US, st)] += 2 * w
    g = gazetteer(_user_file)
    for key, n in ctx.counties.items():  # a county's name is evidence of its state, shared among its namesakes
        states = sorted({st for st, _ in g.counties.get(key, ())})
        for st in states:
            votes[(_US, st)] += 1.5 * n / len(states)
    if not votes:
        return ctx
    cc, a1 = max(sorted(votes), key=lambda k: votes[k])  # sorted: a tie goes the same way in every process
    out = replace(ctx, states=Counter(ctx.states), admin1=Counter(ctx.admin1), countries=Counter(ctx.countries))
    if cc == _US:
        out.states[a1] += 1
    else:
        out.admin1[(cc, a1)] += 1
    if not out.countries:
        out.countries[cc] += 1
    return out


def _in_area(p: Place, ctx: Context) -> bool:
    g = gazetteer(_user_file)
    code = ctx.country()
    if code is None or p.country != g.country_name(code):
        return False
    a1 = ctx.state() if code == _US else ctx.admin1_of(code)
    return a1 is None or (p.admin1 is not None and norm(p.admin1) == norm(a1))


def toponyms(text: str, ctx: Context, limit: int = 4000) -> list[tuple[str, int, bool]]:
    """Candidate toponyms of the title and lead: (name, offset, has a cue), in text order.

    A capitalised name is a candidate when a cue says it is a place: a preposition before it
    ("in Hermitage"), a ", State" after it, or a word after it ("Dallas police", "Houston man");
    without a cue only multi-word names and large places count (checked at resolution)."""
    out = []
    head = text[:limit]
    lx = _lex()
    g = gazetteer(_user_file)
    for m in _CITY_STATE.finditer(head):
        tail = m.group(2)
        if tail in lx["states"] or tail in lx["ap"] or tail in lx["postal"] or gazetteer(_user_file).country(tail):
            out.append((f"{m.group(1)}, {tail}", m.start(), True))
    for m in _CAPITALISED.finditer(head):
        name = _POSSESSIVE.sub("", m.group(0).rstrip("."))
        words = name.split()
        while len(words) > 1 and _WHEN.match(words[-1]):  # "Senath Saturday", "Mosul Tuesday"
            words.pop()
        name = " ".join(words)
        before = head[max(0, m.start() - 60):m.start()]
        after = head[m.end():m.end() + 30]
        cue = bool(_CUE_BEFORE.search(before)) or bool(_CUE_AFTER.match(after))
        words = name.split()
        cut = next((i for i, w in enumerate(words) if i and w.lower().rstrip(".") in lx["facility"]), None)
        if cut is not None and _named(g, " ".join(words[:cut + 1])):
            cut = None if cut + 1 >= len(words) else cut + 1  # "Orchard Park", "Avon Park": towns of that name
        if cut is not None:  # "Chicago Police Department", "Dallas County Jail": the place that owns it;
            # "Mount Sinai Hospital", "Bunny Friend Park": a building's or a park's name, no cue for a place
            owner = words[cut].lower().rstrip(".") in _OWNER_WORDS
            name, after = " ".join(words[:cut]), " " + " ".join(words[cut:])
            if owner:
                cue = True
            else:
                out.append((name, m.start(), False))
                continue
        sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\n\"“|:"
        if _NOT_CITY_AFTER.match(after):
            continue  # "the Austin neighborhood", "the Englewood section": a part of a city, not the city
        out.append((name, m.start(), cue and not (sentence_start and not _CUE_AFTER.match(after))))
    out.sort(key=lambda t: t[1])
    return out


def main_place(text: str, title: str | None, dateline: tuple[str | None, str | None],
               claim_places: list[str]) -> Place | None:
    """The main event's place: the dateline's, else the place the title and lead name most, else the claims'."""
    if not dateline[0] and not claim_places and not _may_name_a_place(title or "") and not _may_name_a_place(text):
        return None  # nothing to look up: spare the gazetteer's load
    g = gazetteer(_user_file)
    ctx = context_of(((title or "") + "\n" + text), dateline)
    title_countries = context_of(title).countries if title else Counter()
    for code, n in title_countries.items():  # a country in the headline is what the story is about: x3
        ctx.countries[code] += 2 * n
    place_name, region = dateline
    full = _without_site_names((title or "") + "\n" + text)
    cands = _candidates(g, full, len(title or ""), ctx)
    ctx = _with_inferred_area(ctx, cands)  # the state (admin1) the places it names share, when it names none
    lead = None
    claim_places = [n for n in claim_places if not never_place(n)]
    for n in claim_places[:2]:  # the place the lead's casualty sentences name
        if re.search(re.escape(n) + _NOT_CITY_AFTER.pattern[1:], text, re.I) or _FACILITY_AFTER(n, text):
            continue  # "in the Austin neighborhood", "at Mount Sinai Hospital"
        q = resolve_in(n, ctx, text)
        if q.precision == "point" and ctx.country() and not _in_area(q, ctx) and _population(g, q) < _NOTABLE:
            continue  # a small place of that name elsewhere: a name, not where it happened
        if q.precision in ("point", "relative", "admin1") and q.admin1:
            lead = q
            break
    if place_name:
        name = f"{place_name}, {region}" if region else place_name
        p = resolve_in(name, ctx, text)
        if lead is not None and lead.country == p.country and p.admin1 and norm(lead.admin1 or "") != norm(p.admin1):
            return _fill(lead, ctx)  # a wire dateline names where the story was filed, the lead where it happened
        abroad = bool(title_countries) and not region and p.country is not None and not any(
            g.country_name(c) == p.country for c in title_countries)
        if (p.precision in ("point", "relative") or region) and not abroad:
            return _fill(_city_of(g, p, cands), ctx)
        # a dateline abroad of the country the headline names ("BEIJING" over "kidnapped in DR Congo"):
        # where the story was filed, not where it happened
    if cands:
        resolved = []
        for c in cands.values():
            p = resolve_in(c.name, ctx, "", cue=c.cue)
            if p.precision == "point" and (c.cue or (_population(g, p) >= _NOTABLE and _named(g, c.name))
                                           or _in_area(p, ctx)):
                resolved.append((c, p))
        inside = [(c, p) for c, p in resolved if _in_area(p, ctx)]
        if resolved and not inside and ctx.country() and ctx.country() != _US and lead is None:
            resolved = []  # the places it names lie abroad of the country it is about: keep the country
        if resolved:
            inside = inside or resolved
            best, place = max(inside, key=lambda cp: (cp[0].score, -cp[0].first))
            if lead is not None and lead.precision in ("point", "relative") and norm(lead.name) not in cands:
                return _fill(_city_of(g, lead, cands), ctx)  # the lead's own sentence names where it happened
            return _fill(_city_of(g, place, cands), ctx)
    if lead is not None:
        return _fill(lead, ctx)
    for n in claim_places:
        p = resolve_in(n, ctx, text)
        return _fill(p, ctx)
    country = ctx.country()
    if country:
        return _fill(_area_only(g, g.country_name(country) or country, ctx, country, None, "country"), ctx)
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


def _may_name_a_place(text: str) -> bool:
    """Whether any capitalised word past the first could be a place name (3 to 40 characters)."""
    for m in _CAPITALISED.finditer(text[:20_000]):
        if m.start() > 0 and 3 <= len(m.group(0)) <= 40:
            return True
    return False


def _population(g: Gazetteer, p: Place) -> int:
    for e in g.entries(p.name.split(",")[0]):
        if e.latitude == p.latitude and e.longitude == p.longitude:
            return e.population
    return 0


def _fill(p: Place, ctx: Context) -> Place:
    """The country is never empty when the text names one; the admin1 from the text when the gazetteer has none."""
    g = gazetteer(_user_file)
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
    return p
