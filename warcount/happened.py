"""Where a violation happened, as against where its news is made: the arrest, the trial, the hospital, a home.

News about a crime is often news about its aftermath somewhere else: "A Lebanese man accused of the TWA
hijacking ... has been arrested in Greece", "an Australian woman has been arrested in France over the
disappearance of her lover" (last seen in Andorra), "pleaded guilty Thursday in federal court in
Alexandria" (to killings in Syria), "hospitalised in Paris ... while standing trial" (for a massacre in
Hama), "a Uighur woman who now lives in the United States says she was beaten and detained in China",
"Lindhout, raised in Red Deer, Alta." (kidnapped near Mogadishu). A reader places the violation where the
text says it happened, and reads the other places as where the story is handled or where someone lives.

English news tells the two apart by the words before a place:

- a violation word and a place cue in one clause locate the happening: "killed in Hama", "the murder of
  Raman Bandarenka in Belarus", "abducted in Aleppo", "last seen checking out of a hotel in Andorra",
  "the 2008 hostage-taking of Lindhout, who was working ... near Mogadishu" (:func:`located`). The clause
  ends at a full stop, a semicolon, a comma that opens no relative clause, a subordinator ("for exposing
  war crimes in Iraq" is no place of the torture), or a word of the aftermath ("the murder of a US navy
  diver has been arrested in Greece": the arrest's place);
- the aftermath's words before a place mark it as handled there (:func:`away`): a court, a trial,
  prosecutors, investigators, a hospital ("federal court in Alexandria", "Public Prosecution Service of
  Canada", "hospitalised in Paris"); an arrest only in a sentence that tells of a suspect ("arrested in
  France over the disappearance of"; a victim's arrest, "activists arrested in Cairo", is the violation
  itself); and a person's home or origin ("raised in", "born in", "now lives in", "fled his home in",
  "Qaadan, 50, from the Jenin governorate"). Not the police, who stand in the violation's own sentences
  as often ("police shot protesters in ...").

:func:`where_it_happened` applies it to the main place chosen from the title and lead: when the chosen
country is first named in such an aftermath or home phrase and the text locates a violation in another
country, the violation's place is the event's (with the admin1 the text names in that country). A
headline that names several countries outright heads a roundup: the country its lead sentence locates a
violation in is the main story's. Nothing else moves: a dateline stays where it is (a wire's desk is
mainplace's business), and a text that locates no violation keeps its place. A violation's place is
trusted when it is a country, an admin1, or a town of _KNOWN_TOWN people under that very name (by
another of its names only in a country the text names), the largest such namesake in the countries the
text names ("abducted near Aleppo" in a story of a US trial is Aleppo, Syria); a building's name is
passed for the place after it ("in Damon Prison, northern Israel"), and a state's premises for the place
named after them ("in the Saudi consulate in Istanbul").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .gazetteer import norm
from .model import Place

if TYPE_CHECKING:
    from .placectx import Context

#: how much text after a violation word its place cue may lie in, and how much of the text is read
_CLAUSE_CHARS = 120
_READ_CHARS = 8000
#: how far before a place its aftermath or home words may stand (in the same sentence)
_AWAY_CHARS = 60
#: a town this large is known by its name alone (smaller: a person's name as often, "Ahmad")
_KNOWN_TOWN = 20_000


#: a sentence's or clause's end: a comma ends the clause unless a relative clause or a place follows it
_CLAUSE_END = r"[.;!?](?:\s|$)|\n|,\s+(?!who\b|which\b|where\b|in\b|near\b|from\b)|"


#: a place cue and the capitalised name after it: "in Aleppo", "near Mogadishu", "in northern Syria"
_PLACE_CUE = (r"\b(?:in|near|from|outside|across|at)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?"
              r"([A-Z][\w'’-]+(?:\s+(?:de|da|del|al|el|[A-Z][\w'’-]+)){0,3})")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    from .gazetteer import lexicon

    lex = lexicon()["happening"]

    def words(*keys: str) -> str:
        return r"\b(?:" + "|".join(w for k in keys for w in lex[k]) + r")\b"

    return {
        "violation": re.compile(words("violation_words"), re.I),
        # the clause of a violation word ends at a sentence's or clause's end, a comma that opens no relative
        # clause or place, a subordinator, a word of the aftermath (an arrest, a court, a hospital) or a home
        "stop": re.compile(_CLAUSE_END + words("clause_ends", "aftermath_words", "home_words"), re.I),
        "stop_arrest": re.compile(_CLAUSE_END + words("clause_ends", "aftermath_words", "home_words", "arrest_words"),
                                  re.I),
        "cue": re.compile(_PLACE_CUE),
        # a place just before a passive violation verb: "people in Liberia were killed"
        "before": re.compile(_PLACE_CUE + r"\s+(?:was|were|have been|has been|had been|being)\s+"
                             r"(?:[a-z]+ly\s+)?" + words("violation_words")),
        "away": re.compile("(?:" + words("aftermath_words", "home_words") + r")[^.;!?\n]{0,%d}$" % _AWAY_CHARS, re.I),
        "home": re.compile(words("home_words") + r"[^.;!?\n]{0,%d}$" % _AWAY_CHARS, re.I),
        "arrest": re.compile(words("arrest_words") + r"[^.;!?\n]{0,%d}$" % _AWAY_CHARS, re.I),
        "suspect": re.compile(words("suspect_words"), re.I),
        "handled_word": re.compile(words("aftermath_words", "home_words"), re.I),
    }


def handled_word(word: str) -> bool:
    """Whether one word is of the aftermath or a home ("hospital", "court", "prosecutors", "lives", "born"):
    a place it governs ("a hospital in Paris", "lives in the United States") is not where a violation
    happened. For a parsed sentence, where the word a place hangs from is known (``setting.place_of``)."""
    return bool(_patterns()["handled_word"].fullmatch(word))


#: how far a sentence is read on either side of a word (news sentences are shorter; a text without full
#: stops is not read whole for every violation word in it)
_SENTENCE_CHARS = 300


def _bounds(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at`` as (start, end), at most _SENTENCE_CHARS on either side."""
    lo, hi = max(0, at - _SENTENCE_CHARS), min(len(text), at + _SENTENCE_CHARS)
    start = max(text.rfind(". ", lo, at) + 2, text.rfind("\n", lo, at) + 1, lo)
    ends = [x for x in (text.find(". ", at, hi), text.find("\n", at, hi)) if x >= 0]
    return start, min(ends) if ends else hi


def _sentence(text: str, at: int) -> str:
    start, end = _bounds(text, at)
    return text[start:end]


#: at most this many violation words are read (a page of news has far fewer; a flood is not read whole)
_MAX_VIOLATIONS = 200


def located(text: str) -> list[tuple[str, int]]:
    """The places the text locates a violation in, as (name, offset), in text order: a place cue in the
    clause of a violation word ("abducted in Aleppo", "the murder of X in Belarus")."""
    pat = _patterns()
    head = text[:_READ_CHARS]
    out = []
    suspects = [m.start() for m in pat["suspect"].finditer(head)]  # once: a sentence asks where they are
    for n, m in enumerate(pat["violation"].finditer(head)):
        if n >= _MAX_VIOLATIONS:
            break
        raw = clause = head[m.end():m.end() + _CLAUSE_CHARS]
        # an arrest ends the clause in a suspect's sentence ("accused of the murder of a diver, arrested in
        # Greece"), not in a victim's ("she was beaten and detained in China")
        start, end = _bounds(head, m.start())
        i = bisect_left(suspects, start)
        stop = pat["stop_arrest"] if i < len(suspects) and suspects[i] < end else pat["stop"]
        s = stop.search(clause)
        if s:
            clause = clause[:s.start()]
        for c in pat["cue"].finditer(clause):
            if _premises(c.group(1), clause[c.end():]):
                continue
            where = _BUILDING_WHERE.match(raw, c.end()) if _facility_name(c.group(1)) else None
            if where:  # "in Damon Prison, northern Israel": the building's place
                out.append((where.group(1), m.end() + where.start(1)))
            else:
                out.append((c.group(1), m.end() + c.start(1)))
            break
    for m in pat["before"].finditer(head):  # "a quarter of a million people in Liberia were killed"
        out.append((m.group(1), m.start(1)))
    return sorted(set(out), key=lambda t: t[1])


#: the premises a people's or a state's name may own, whose place is named after them: "in the Saudi consulate
#: in Istanbul", "at the Iranian embassy in London"
_PREMISES = re.compile(r"\s+(?:consulate|embassy|mission|compound|base|prison|jail|camp)\b", re.I)


#: a building's place in apposition after its name: "in Damon Prison, northern Israel", "at Evin prison, Tehran"
_BUILDING_WHERE = re.compile(r",\s+(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _facility_name(name: str) -> bool:
    return name.split()[-1].lower().rstrip(".") in _facility()


def _premises(name: str, after: str) -> bool:
    """Whether the cue's name is a people's or a state's premises ("the Saudi consulate in Istanbul"):
    the place of the happening is the one named after it."""
    from .placectx import current

    return bool(_PREMISES.match(after)) and (norm(name) in current().demonyms or current().country(name) is not None)


def away(text: str, start: int) -> bool:
    """Whether the place named at ``start`` is named as where the story is handled or someone lives: an
    arrest, a court, a trial, prosecutors, a hospital ("arrested in France", "federal court in Alexandria",
    "Public Prosecution Service of Canada"), a home ("raised in Red Deer", "now lives in the United States")."""
    pat = _patterns()
    before = text[max(0, start - _AWAY_CHARS - 30):start]
    last = None
    for last in pat["violation"].finditer(before):
        pass
    if last is not None:  # "raised in Florida, who was abducted near Aleppo": the abduction's place
        before = before[last.end():]
        if _LISTED_AFTER.match(before):
            return False  # "torture, unlawful detentions and unfair trials of critics ... in Saudi Arabia": the
            # place of every wrong in the list, the violations first among them
    if pat["away"].search(before) or _AGE_OF.search(before):
        return True  # a court, a trial, prosecutors, investigators, a hospital; a home ("Qaadan, 50, from")
    # an arrest is the aftermath when its sentence tells of a suspect ("arrested in France over the
    # disappearance of"); a victim's arrest ("activists arrested in Cairo") is the violation itself
    return bool(pat["arrest"].search(before)) and bool(pat["suspect"].search(_sentence(text, start)))


def home(text: str, start: int) -> bool:
    """Whether the place named at ``start`` is named as someone's home or origin ("raised in Red Deer",
    "Mona Qaadan, 50, from the Jenin governorate"), the home part of :func:`away`."""
    before = text[max(0, start - _AWAY_CHARS - 30):start]
    return bool(_patterns()["home"].search(before) or _AGE_OF.search(before))


#: a word of the aftermath listed after a violation: "detentions and unfair trials", "torture, trials"
_LISTED_AFTER = re.compile(r"(?:\s*,|\s+and|\s+or)\s+(?:[a-z]+\s+)?(?:trials?|prosecutions?|convictions?|"
                           r"sentences?|sentencing|imprisonment)\b")


#: a person's age and home, as news writes them after a name: "Mona Qaadan, 50, from the Jenin governorate",
#: "John Smith, 35, of Dallas"
_AGE_OF = re.compile(r"\b\d{1,3},\s+(?:of|from)\s+(?:the\s+)?$")


def _first_mention(names: set[str], text: str) -> int | None:
    """Where the first of ``names`` is first named as a whole word (str.find: a look-behind pattern tried at
    every character costs more than the rest of this module)."""
    head = text[:_READ_CHARS]
    best = None
    for name in names:
        if not name:
            continue
        at = head.find(name)
        while at >= 0 and (best is None or at < best):
            end = at + len(name)
            if (at == 0 or not (head[at - 1].isalnum() or head[at - 1] in "_-")) and (
                    end >= len(head) or not (head[end].isalnum() or head[end] in "_-")):
                best = at
                break
            at = head.find(name, at + 1)
    return best


def where_it_happened(chosen: Place | None, title: str | None, text: str,
                      context: Callable[[], Context]) -> Place | None:
    """The violation's place over a chosen place that the text first names as the aftermath's or a home's,
    when the text locates the violation in another country (module docstring); else ``chosen``. ``context``
    gives the document's place context, read only when a violation's place must be resolved."""
    if chosen is None or not chosen.country:
        return chosen
    from .placectx import current
    from .places import resolve_in

    g = current()
    full = (title or "") + "\n" + text
    code = g.country_by_name.get(norm(chosen.country))
    names = {chosen.country, chosen.name.partition(",")[0].strip()} | _country_names(code)
    first = _first_mention(names, full)
    town = _first_mention({chosen.name.partition(",")[0].strip()}, full) if chosen.precision == "point" else None
    if (first is None or not away(full, first)) and (town is None or not home(full, town)):
        # neither the country nor the town is first named as the aftermath's or a home ("prisoner Mona Qaadan,
        # 50, from the Jenin governorate" is a home, whoever's the country's first mention in the headline)
        return _roundup_lead(g, chosen, title, text) or chosen
    found = located(full)
    ctx = context() if found else None
    for name, at in found:
        if away(full, at):
            continue
        p = _violation_place(g, name, ctx, full, resolve_in)
        if p is not None and p.country and p.country != chosen.country:
            return _with_named_admin1(g, p, ctx)
    return chosen


def _with_named_admin1(g, p: Place, ctx) -> Place:
    """A violation placed only by its country takes the admin1 the text names in it ("detained ... in
    China", beside "the Xinjiang region of northwest China"), as mainplace's ``_fill`` does."""
    if p.admin1 is not None or p.precision != "country":
        return p
    a1 = ctx.admin1_of(g.country_by_name.get(norm(p.country or "")))
    return replace(p, admin1=a1, precision="admin1") if a1 else p


#: how much of a text's start is its lead sentence, for a roundup's first story
_LEAD_CHARS = 300


def _roundup_lead(g, chosen: Place, title: str | None, text: str) -> Place | None:
    """A headline that names several countries outright ("Human rights breaches in Belarus, Ethiopia, and
    Algeria") heads a roundup; its main story is the one the lead locates a violation in ("Human rights
    violations in Belarus, in particular the murder of ..."), not the country the rest names most. Only
    a country the headline names, and only a chosen place in another of them; else None."""
    if not title:
        return None
    from .placectx import context_of

    found = located(_sentence(text[:_LEAD_CHARS], 0))
    if not found:
        return None
    named = set(context_of(title, demonyms=False).countries)
    code = g.country_by_name.get(norm(chosen.country or ""))
    if len(named) < 2 or code not in named:
        return None
    for name, _ in found:
        c = g.country(name)
        if c in named and c != code:
            return Place(name=g.country_name(c) or name, country=g.country_name(c), precision="country")
    return None


def _violation_place(g, name: str, ctx, text: str, resolve_in) -> Place | None:
    """A located violation's place, when the name is surely a place: a country, an admin1, or a town of
    _KNOWN_TOWN people under that very name (not by another name: "Ahmad" is no Al Ahmadi)."""
    if _facility_name(name):
        return None  # "Damon Prison", "the Roser Hotel": a building's name
    p = resolve_in(name, ctx, text)
    if p.precision == "country":
        return p
    key = norm(name)
    named = [e for e in g.entries(name) if ctx.countries.get(e.country_code) and e.population >= _KNOWN_TOWN]
    if named:  # among the countries the text names, the largest namesake: "abducted near Aleppo" in a story
        # of a US trial is Aleppo, Syria, not Aleppo, Pennsylvania
        from .places import _to_place

        top = max(named, key=lambda e: e.population)
        if not any(e.latitude == p.latitude and e.longitude == p.longitude and e.population >= top.population
                   for e in g.entries(name)):
            return _to_place(g, name, top, "point")
    own = [e for e in g.entries(name) if e.latitude == p.latitude and e.longitude == p.longitude]
    if p.precision == "admin1" or any(e.population >= _KNOWN_TOWN and (
            norm(e.name) == key or ctx.countries.get(e.country_code)) for e in own):
        return p  # a town by another of its names ("Hama", Ḩamāh) only in a country the text names
    return None


@lru_cache(maxsize=1)
def _facility() -> frozenset[str]:
    from .gazetteer import lexicon

    return frozenset(w.lower().rstrip(".") for w in lexicon()["facility_words"])


@lru_cache(maxsize=512)
def _country_names(code: str | None) -> frozenset[str]:
    """A country's other names as news writes them ("US", "U.S.", "America"; "UK", "Britain")."""
    from .gazetteer import lexicon

    return frozenset(a for a, c in lexicon()["country_aliases"].items() if c == code) if code else frozenset()
