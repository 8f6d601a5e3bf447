"""Places in news text: candidate toponyms, their resolution in the document's context, the main place.

The gazetteer (``gazetteer.py``) says what a name can be; the text says which one it is. The
document's context (:class:`Context`, read once per document in ``placectx.py``) holds what a reader would use:

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

The main place (``mainplace.main_place``): the dateline's place, else the populated place the title
and lead name most (a place after "in"/"near"/"at", in "City, State", before "police" or
"man"), else the claims' place; its admin1 and country from the gazetteer or, when the gazetteer
does not know it, from the state or country the text names; the country is never empty when the
text names one. When the text names no state, the state is the one its places most likely share,
each place's namesakes weighed by population (Fresno is Fresno, California) and the counties it
names voting for theirs. A page title's site name ("- KSLA News 12 Shreveport") is not a candidate;
a building's name ("Mount Sinai Hospital") is no cue; a neighbourhood GeoNames lists on its own
("Rogers Park") becomes the big city the text names beside it; a bare dateline abroad of the
country the headline names is where the story was filed, not where it happened.

World news (``mainplace``, ``placectx``): a country the headline names outright ("Myanmar journalist
...", "... kidnapped in DR Congo") is what the story is about: a dateline in another country ("MANILA,
Philippines --"), a recalled happening elsewhere ("39 bodies found near London" under a headline on
Greece) and the text's demonyms ("Chinese nationals") do not move it, unless the headline names the place
itself or the text names an admin1 of its top country ("Edo State" holds "Benin"); a headline's demonym
alone ("Mexican man shot") is a nationality and decides nothing. A large city that speaks ("Moscow said",
"Kyiv denied") is its government, not a candidate place. A country named as an admin1 ("Niger State")
is that state; a city named after its country ("Benin City", "Kuwait City") is no mention of the country.
With no admin1 in the text, a world city of a million or more is meant over a namesake fifty times smaller
in the text's country ("London" beside "US officials" is London, England; "London, Ohio" stays in Ohio).

How world news names countries and areas (``placectx``): a sentence opener is not part of a name ("In
Syria", "A UK union"); a title-case headline names the countries in it ("US Extends Sanctions Waivers To
Iran"); an admin1 is named after its admin word ("the province of Cabo Delgado"), in the possessive
("Maharashtra's Aurangabad district"), after a place cue when it is no city ("arrested in Haryana"), or by
its governor ("Niger Governor Bello"); admin1 areas named as often go to the first named. A known city
named with a cue counts for its country ("held in Brisbane"); a dateline in a country the text names a
third as often as its own is where the story was filed ("MANILA, Philippines" over a Malaysian story).
Outside the US an admin1 beats a small town of its name in another admin1 ("Sonora" is the state), and a
town known only in another country the text names is there ("Kilis" in a Syrian story naming Turkey).

Where it happened (``happened``, the last step of ``mainplace.main_place``): the place of the violation,
not of its aftermath. A main place whose country the text first names after a suspect's arrest, a court,
a trial, prosecutors, a hospital or someone's home ("arrested in France over the disappearance of",
"pleaded guilty in federal court in Alexandria", "raised in Red Deer", "now lives in the United States")
gives way to the place the text locates the violation in, in another country ("last seen at a hotel in
Andorra", "abducted near Aleppo", "people in Liberia were killed"); a headline naming several countries
takes the one its lead sentence locates a violation in.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .gazetteer import Entry, Gazetteer, norm, pick
from .model import Place
from .placectx import (  # noqa: F401
    _DIRECTION_PREFIX,
    _NOTABLE,
    _RELATION,
    _US,
    Context,
    _lex,
    _shrinking,
    check_geonames,
    context_of,
    current,
    gazetteer,
    set_user_file,
    user_file,
)

log = logging.getLogger(__name__)

__all__ = ["Context", "context_of", "gazetteer", "is_place", "norm", "resolve", "resolve_in",
           "use_gazetteer"]


def use_gazetteer(path: str | None) -> None:
    """Widen resolution with a GeoNames country file (``Options.gazetteer``); None goes back to the packaged data."""
    wanted = str(path) if path else None
    if wanted:
        check_geonames(Path(wanted))  # fail before the packaged data is loaded
    gazetteer(wanted)  # load now: a bad file fails here, not in the middle of a batch
    set_user_file(wanted)
    _resolve.cache_clear()
    _forget_context()


def resolve(name: str, context: str | None = None) -> Place:
    """Resolve a place name, using the context text for countries, states, ambiguity and relations."""
    return replace(_resolve(name.strip(), context, user_file()))


def never_place(name: str) -> bool:
    """Month names, weekdays, platforms, outlets, times ("8.30pm"): words that are never a place."""
    key = norm(_DIRECTION_PREFIX.sub("", name.strip()))
    return not key or key in _lex()["not"] or not re.search(r"[A-Za-z]{2}", name) or bool(re.search(r"\d", name)) \
        or _broken_span(name)


def _broken_span(name: str) -> bool:
    """A parenthesis in a name: no toponym is written with one, so the words are a cut span of an
    organisation's name ("Philippines Offshore Gaming Operator (POGO"), not a place."""
    return "(" in name or ")" in name


def two_names(name: str) -> bool:
    """"Flamingo and Durango" (a crossing), "December and Ty-Ryne Hoskins" (a date and a victim): two names
    joined by "and" that the gazetteer does not know as one ("Trinidad and Tobago", "Jammu and Kashmir")
    are no one place of a claim."""
    if " and " not in name:
        return False
    g = current()
    return g.country(name) is None and g.find(name) is None


def is_place(name: str) -> bool:
    """True when the name is a country, admin1 or place the gazetteer knows (and not a word that is never one)."""
    g = current()
    if not name.strip() or norm(name) in _lex()["not"]:
        return False
    return g.country(name) is not None or g.find(name) is not None


@lru_cache(maxsize=20_000)
def _resolve(name: str, context: str | None, user_file: str | None) -> Place:
    ctx = _context_once(context, user_file) if context else Context()
    return resolve_in(name, ctx, context or "")


_LAST_CONTEXT: tuple = (None, None, None)  # (text, user file, its Context): the latest document's, one tuple
# replaced whole, so that the server's two extraction threads never read one text's context for another


def _forget_context() -> None:
    global _LAST_CONTEXT
    _LAST_CONTEXT = (None, None, None)


def _context_once(context: str, user_file: str | None) -> Context:
    """``context_of(context)``, read once per document text: events.py resolves each event's place
    against the same text, and a scan per distinct name made a page of 1,000 differently named places
    quadratic (1,000 scans of up to 20,000 characters, some 10 s; issue s8-robust). ``resolve_in``
    only reads the context, so the one read serves every name."""
    global _LAST_CONTEXT
    last = _LAST_CONTEXT
    if last[1] == user_file and (last[0] is context or last[0] == context):
        return last[2]
    ctx = context_of(context)
    _LAST_CONTEXT = (context, user_file, ctx)
    return ctx


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
    g = current()
    lx = _lex()
    name = name.strip().strip(",")
    base, q_country, q_admin1 = _split_qualifier(g, name)
    stripped = _DIRECTION_PREFIX.sub("", base)
    if stripped != base and stripped and stripped[0].isupper() and g.entries(stripped) and (
            not _named(g, base) or _lower_direction(base)):
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
    if found and q_admin1 and not (found.admin1 and norm(found.admin1) == norm(q_admin1)):
        found = None  # "Howland, Ohio" is no Howland of Maine: the text's own qualifier holds (US "City, State")
    if found is not None and not q_country and not (
            prefer_admin1 and found.admin1 and norm(found.admin1) == norm(prefer_admin1)):
        # the world city over a small namesake the text does not place in its own admin1: "London" in a story
        # that names Virginia is London, England, not London, Ohio ("Paris" beside Virginia stays Paris, Va.)
        found = _world_city(entries, found, norm(base))
    weak = norm(base) in lx["weak"] and not cue
    if found and not weak:
        ok_country = prefer_country is None or found.country_code == prefer_country
        if ok_country and not q_country and not q_admin1:
            area_of_name = _admin1_over_small_town(g, base, found)
            if area_of_name is not None:
                return _to_place(g, base, area_of_name, "admin1")
        if ok_country or found.population >= _NOTABLE * 4 or _in_a_named_country(found, ctx, prefer_country):
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


def _lower_direction(name: str) -> bool:
    """"east London", "northern Aleppo": a compass word in lower case is a part of the place after it,
    even where a town bears the capitalised name ("East London" is in South Africa, "east London" in England)."""
    first = name.split(None, 1)[0]
    return first.islower() and first not in ("the",)


def _admin1_over_small_town(g: Gazetteer, base: str, found: Entry) -> Entry | None:
    """Outside the US, a name that is an admin1 of the place's country and, there, only a small town of
    another admin1 is the admin1: "Sonora" in a Mexican story is the state, not the village of Veracruz
    ("Kaduna", "Idlib", "Sokoto" are cities of their own admin1, and stay points)."""
    if found.country_code == _US or found.population >= _NOTABLE:
        return None
    area = next((a for a in g.admin_areas(base) if a.country_code == found.country_code), None)
    if area is None or (found.admin1 and norm(found.admin1) == norm(area.name)):
        return None
    return area


def _in_a_named_country(found: Entry, ctx: Context, prefer_country: str | None) -> bool:
    """Outside US news, a place known only in a country the text also names is there: "Kilis" in a Syrian
    story that names Turkey is the Turkish town, "Melitopol" in a story naming Russia and Ukraine is
    Ukraine's."""
    return (prefer_country not in (None, _US) and found.country_code != _US and bool(ctx.countries.get(found.country_code))
            and found.population >= _TOWN_ABROAD)


#: a place abroad of the text's country, in another country it names, must hold this many people
_TOWN_ABROAD = 10_000


#: a namesake this large, and WORLD_CITY_RATIO times larger than the one in the text's country, is the
#: one a text means when it names no admin1 for the small one: "London" beside "US citizens" is London,
#: England, not London, Ohio ("London, Ohio" or a text naming Ohio keeps the small one)
WORLD_CITY = 1_000_000
WORLD_CITY_RATIO = 50


def _world_city(entries: list[Entry], found: Entry, key: str) -> Entry:
    """The world city of a name over a small namesake in the context's country (see WORLD_CITY)."""
    top = max((e for e in entries if norm(e.name) == key), key=lambda e: e.population, default=None)
    if top is None or top.country_code == found.country_code or top.population < WORLD_CITY:
        return found
    return top if top.population >= WORLD_CITY_RATIO * max(found.population, 1) else found


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
