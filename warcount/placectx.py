"""The document's place context: what a reader uses to tell which place a name is.

Read once per document (:func:`context_of`): the countries and demonyms the text names, the US
states (full names, AP abbreviations, postal codes after a comma), the admin1 areas it names as
such ("Idlib province"), the US counties, and the dateline. places.py resolves names in this
context; mainplace.py chooses the main place with it. The patterns for candidate toponyms live
here too, so both read the text the same way.
"""
from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .gazetteer import Gazetteer, county_key, lexicon, norm, pick

log = logging.getLogger(__name__)


_DIRECTIONS = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
               r"south-east|south-west|central)(?:ern)?")


_NAME = r"[A-Z][\w'ʿ’-]*(?:[ -]+(?:[A-Z][\w'ʿ’-]*|al|el|ez|ad|as|ar))*"


# (Performance only.) The scans below are written to open with their first letters, not with ``\b``: ``re``
# searches a pattern that opens with a literal or a set of letters for them in C, and tries one that
# opens with ``\b`` or a look-behind at every character (2 to 4 times slower on a long text). The word
# boundary is tested just after the first letter instead, by a look-behind over it: ``[A-Z](?<!\w[A-Z])``
# is ``\b[A-Z]``, ``in(?<!\win)`` is ``\bin`` (tests/test_nlp_ops.py holds each to its ``\b`` form).
_WORD_CAPITAL = r"[A-Z](?<!\w[A-Z])"


def _words_at_word_start(alternation: str) -> str:
    r"""``\b(?:a|b)`` written as ``a(?<!\wa)|b(?<!\wb)``: the same matches, found by their first letters."""
    return "|".join(rf"{w}(?<!\w{w})" for w in alternation.split("|"))


_RELATION = re.compile(
    r"\b((?:(?:(?:\d+|a few|several)\s+(?:km|kilometers|kilometres|miles)\s+)?" + _DIRECTIONS + r"\s+of)"
    r"|near|outside|close to|on the outskirts of|in the countryside of|in rural)\s+(?:the\s+)?(" + _NAME + ")"
)


_NOTABLE = 50_000  # a place named without a cue, or outside the text's country, must be this large


#: a capitalised name: its words, the particles of Arabic, Spanish and French names between them ("Maarat
#: al-Numan", "Rio de Janeiro": whole words, so "Police are" is "Police"), and "St." / "Mt." inside ("Port St.
#: Lucie", "Bay St. Louis") as at its start
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])(?:(?<=[SMFP])t\.[ ]?[A-Z])?[\w'ʿ’-]*(?:[ -]+(?:(?:St|Mt|Ft)\.[ ]?[A-Z][\w'ʿ’-]+|"
                          r"[A-Z][\w'ʿ’-]+|(?:al|el|ez|ad|as|ar|de|del|la)(?![\w'’])))*")


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
_STATE_STARTS: re.Pattern[str] | None = None


def _state_matches(text: str):
    """``_STATES.finditer(text)``, tried only where a state's name or abbreviation can begin. (Performance
    only:) every one opens with a capital and one of a few characters after it, at the start of a word;
    a pattern that opens with a look-behind is tried at every character (2.5 times slower). Each try is
    ``match`` at that place, which is what ``finditer`` does at the first place it succeeds."""
    global _STATES, _STATE_STARTS
    if _STATES is None:
        lx = _lex()
        names = [*lx["states"], *lx["ap"], *lx["postal"]]
        seconds = sorted({n[1] for n in names if len(n) > 1})
        if all(len(n) > 1 and "A" <= n[0] <= "Z" for n in names) and all(c.isascii() for c in seconds):
            _STATE_STARTS = re.compile(r"[A-Z](?=[" + re.escape("".join(seconds)) + r"])(?<![\w.][A-Z])")
        _STATES = _state_re()
    if _STATE_STARTS is None:
        yield from _STATES.finditer(text)
        return
    match = _STATES.match
    pos = 0
    for c in _STATE_STARTS.finditer(text):
        at = c.start()
        if at < pos:
            continue
        m = match(text, at)
        if m is not None:
            yield m
            pos = m.end()


_ADMIN_NAMED = re.compile(r"(" + _WORD_CAPITAL + _NAME[len("[A-Z]"):] + r")\s+(province|Province|State|state|governorate|Governorate|region|"
                          r"Region|oblast|Oblast|prefecture|Prefecture|district|District|County|county|division|"
                          r"Division|territory|Territory|department|Department|emirate|Emirate)\b")


#: admin words that say outright that the name before them is a first-level area
_STRONG_ADMIN = {"province", "state", "governorate", "oblast", "prefecture", "emirate"}


_WHEN = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                   r"June|July|August|September|October|November|December)$")


_COUNTY = re.compile(r"(" + _WORD_CAPITAL + r"(?:(?<=S)t\.\s[A-Z])?" + _NAME[len("[A-Z]"):] + r")\s+(?:County|Parish|Co\.)(?![\w])")


_CITY_STATE = re.compile(r"\b(" + _NAME + r"),\s+(" + _NAME + r"\.?|[A-Z]\.[A-Z]\.|[A-Z]{2})(?![\w])")


_CUE_BEFORE = re.compile(r"(?:\b(?:in|near|at|outside|of|from|to|across|around|into|throughout)\s+(?:the\s+)?(?:"
                         r"(?:[a-z]+\s+)?(?:city|town|village|suburb|neighbo[u]?rhood|area|district|community|"
                         r"state|province|region|county|capital)\s+of\s+|"
                         # "in southwest Columbus", "in downtown Dallas", "near suburban Montgomery"
                         r"(?:(?:north|south|east|west)(?:east|west)?(?:ern)?|central|downtown|suburban|rural|"
                         r"nearby|neighboring|neighbouring)\s+)?)$")


_CUE_AFTER = re.compile(r"^(?:\s+|-)(?:police|Police|man|woman|men|women|teen|boy|girl|resident|residents|"
                        r"officers?|home|shooting|killing|slaying|attack|bombing|nightclub|"
                        r"club|party|streets?|native|-based|based|city|county|County|"
                        # "Charlotte mom", "Garner apartment", "Zanesville bar": who or what of the place
                        r"mom|dad|mother|father|toddler|teenager|family|couple|apartments?|bar|motel|"
                        r"neighbors?|neighbours?|residence|store|restaurant|PD)\b")


#: facility words whose name is the place that runs them: "Chicago Police", "Dallas County Jail"
_OWNER_WORDS = {"police", "sheriff", "department", "council", "commission", "ministry", "courthouse", "jail",
                "prison", "airport", "office", "harbour", "harbor"}


#: a word after a state's name that makes it part of another name: "Kansas City", "Indiana University", the
#: streets named after states ("Maryland Drive", "Pennsylvania Ave.", "Virginia Lane")
_PART_OF_NAME = re.compile(r"[ \t]+(?:City|Park|University|State University|Avenue|Ave|Street|St|Road|Rd|Boulevard|"
                           r"Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Way|Parkway|Circle|Terrace|Trail|Township|"
                           r"Heights|Beach|Springs|Falls|Hills|Rapids|Mills|County|Parish|[A-Z][a-z]+ (?:Street|Avenue|Road))\b")


_DIRECTION_PREFIX = re.compile(r"^(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
                               r"north-west|south-east|south-west|central|downtown|greater|suburban|rural|the)"
                               r"(?:ern)?\s+", re.I)


_AMBIGUOUS_COUNTRIES = {"jordan", "chad", "turkey", "georgia", "niger", "guinea", "china", "israel", "panama",
                         "mali", "oman", "peru", "cuba", "malta", "togo"}


#: what a demonym names its country's own (its police, forces, courts, people); not "nationals" or "citizens",
#: which news writes of people abroad ("two Chinese nationals arrested in Cebu", "a Saudi citizen charged")
_PEOPLE_AFTER = re.compile(r"[ \t]+(?:police|forces|troops|army|military|government|officials?|authorities|soldiers|"
                           r"security|president|prime minister|minister|ministry|embassy|"
                           r"journalists?|activists?|man|woman|men|women|border|capital|courts?|state|media|navy|"
                           r"people|villagers|civilians|militants?|rebels?|opposition|lawyers?|authorities|"
                           r"counterparts?|territory|soil|jets?|warplanes?|air force|forces|"
                           # the state's own record and rule: "Saudi rights record", "the Belarusian regime"
                           r"(?:human )?rights record|regime|crackdown|kingdom|prisons?|jails?|detention centers?)\b")


#: a place name the text makes speak or act ("Moscow said", "Kyiv denied", "Beijing has warned") names
#: its government or authorities (metonymy), not where anything happened
SPEAKS_AFTER = re.compile(r"(?:['’]s\s+(?:foreign|defen[cs]e|interior)\s+ministry\b|\s+(?:has\s+|have\s+|had\s+|"
                          r"also\s+|again\s+|quickly\s+|strongly\s+)?(?:said|says|say|denied|denies|deny|accused|"
                          r"accuses|warned|warns|announced|announces|condemned|condemns|rejected|rejects|insisted|"
                          r"insists|claimed|claims|responded|responds|vowed|vows|urged|urges|demanded|demands|"
                          r"blamed|blames|retaliated|protested|summoned|dismissed|criticised|criticized|"
                          r"welcomed|threatened|threatens|imposed|sanctioned|expelled|recalled|wants|hopes|"
                          r"believes|sees|considers|maintains|argues|calls)\b)")


_NOT_CITY_AFTER = re.compile(r"^\s+(?:neighbo[u]?rhoods?|section|community area|district|ward|precinct|"
                             r"subdivision|streets?|avenues?|roads?|drives?|lanes?|boulevard|high|middle|elementary|"
                             # a thing named after a place, not a mention of it: "the Westminster system", "the
                             # Geneva Conventions", "the Oslo Accords", "the Visegrad group"
                             r"system|conventions?|accords?|protocol|syndrome|group)\b", re.I)


#: a capitalised word that opens a sentence or a headline's phrase before a name ("In Syria, ...", "A UK
#: union", "Inside Myanmar's junta"): not part of the name, so "In Syria" names Syria
_OPENER = re.compile(r"^(?:In|On|At|From|To|For|With|By|A|An|As|After|Before|During|Since|Across|Inside|Outside|"
                     r"Near|Throughout|Within|When|While|Both|And|But|Of|Into|Under|Over|Against|Between|Among|"
                     r"Amid|Via|Like|Unlike|Across|Meanwhile|Also|Only|Even|Now|Then|Here|There|Elsewhere)\s+(?=[A-Z])")


#: a capitalised run this long is a title-case headline's (or a name's), not one place name
_TITLE_CASE_RUN = 5


def _countries_in_title_case(g: Gazetteer, run: str) -> list[str]:
    """The countries a title-case run names outright, in order: "US Extends Sanctions Waivers To Iran As
    Tehran Agents Are Indicted In NY" names the US and Iran. Each window of three, two, then one words is
    looked up, left to right; a window that is a place of its own ("Benin City", "Kuwait City") is no
    mention of the country, and an ambiguous country's name ("Jordan", "Chad") is none without its cue."""
    words = [w for w in re.split(r"\s+", _POSSESSIVE_SPLIT.sub("", run)) if w]
    out: list[str] = []
    i = 0
    while i < len(words):
        step = 1
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            cut = " ".join(words[i:i + n])
            code = g.country(cut) or g.part_of.get(norm(cut))
            if code and len(norm(cut)) <= 3 and not cut.isupper():
                code = None  # "They Won't Shut Us Up": "US" and "UK" are written in capitals
            if code and norm(cut) not in _AMBIGUOUS_COUNTRIES:
                out.append(code)
                step = n
                break
            if n > 1 and g.entries(cut) and any(g.country(w) for w in words[i:i + n]):
                step = n  # "Benin City": a place of its own, not the country
                break
        i += step
    return out


@dataclass
class Context:
    """What the text says of where it is: countries, US states and admin1 areas it names, its dateline."""

    countries: Counter = field(default_factory=Counter)  # code -> mentions
    states: Counter = field(default_factory=Counter)  # US state -> mentions
    admin1: Counter = field(default_factory=Counter)  # (country code, admin1 name) -> mentions
    admin1_at: dict = field(default_factory=dict)  # (country code, admin1 name) -> offset of its first mention
    counties: Counter = field(default_factory=Counter)  # US county key ("johnson") -> mentions
    qualifying: Counter = field(default_factory=Counter)  # US state -> mentions after "City, " ("Portland, Oregon")
    market: Counter = field(default_factory=Counter)  # US state -> mentions in a page title's site name only
    phones: Counter = field(default_factory=Counter)  # US state -> telephone numbers of its area codes (usplace.py)
    site: str = ""  # the page title's site names ("WTVM.com-Columbus, GA"), when they give a market (usplace.py)
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
        if not pool:
            return None
        # named as often: the one the text names first (the lead's), then the name's order
        return max(pool, key=lambda na: (na[0], -self.admin1_at.get((code, na[1]), 1 << 30), na[1]))[1]


def context_of(text: str, dateline: tuple[str | None, str | None] = (None, None), *,
               demonyms: bool = True) -> Context:
    """Read the countries, demonyms, US states and named admin1 areas of a text (its first 20,000 characters).

    ``demonyms=False`` counts the countries it names outright only ("Myanmar journalist", not "Afghan
    mayor"): a headline's "Mexican man" is someone's nationality, not where it happened."""
    g = current()
    ctx = Context(dateline_place=dateline[0], dateline_region=dateline[1])
    text = text[:20_000]
    lx = _lex()
    first_pos = None
    for m in _CAPITALISED.finditer(text):
        if len(m.group(0).split()) >= _TITLE_CASE_RUN:  # "US Extends Sanctions Waivers To Iran As Tehran ..."
            for code in _countries_in_title_case(g, m.group(0)):
                ctx.countries[code] += 1
                if first_pos is None:
                    first_pos, ctx.first_country = m.start(), code
            continue
        for w in _POSSESSIVE_SPLIT.split(m.group(0)):  # "Syria's Idlib" names Syria
            cuts = _shrinking(_OPENER.sub("", w.strip()))[:3]
            for i, cut in enumerate(cuts):
                if i and any(g.entries(c) and not g.country(c) for c in cuts[:i]):
                    break  # "Benin City", "Panama City", "Kuwait City": a place of its own, not the country
                code = g.country(cut) or g.part_of.get(norm(cut))
                if code and norm(cut) in _AMBIGUOUS_COUNTRIES and not _CUE_BEFORE.search(
                        text[max(0, m.start() - 30):m.start()]):
                    code = None  # "Jordan Smith", "Turkey Day": a country only after "in", "from", "of"...
                if code is None and demonyms and norm(cut) in g.demonyms and _PEOPLE_AFTER.match(
                        text, m.start() + len(cut)):
                    code = g.demonyms[norm(cut)]  # "Nigerian police", not "a Chinese restaurant"
                if code:
                    ctx.countries[code] += 1
                    if first_pos is None:
                        first_pos, ctx.first_country = m.start(), code
                    break
    for m in _state_matches(text):
        if text[max(0, m.start() - 2):m.start()].startswith(","):
            ctx.qualifying[lx["ap"].get(m.group(0)) or lx["postal"].get(m.group(0)) or m.group(0)] += 1
        if m.group("full"):
            state = m.group("full")
            if _PART_OF_NAME.match(text, m.end()):
                continue  # "Kansas City", "Washington Park", "Indiana University": a name that holds a state's
            dc = re.match(r",?\s*D\.?C\b", text[m.end():m.end() + 6]) if state == "Washington" else None
            if dc:  # "Washington, D.C.", "Washington DC": the district, which its "D.C." or ", DC" counts
                if not re.match(r",?\s*D\.C|,\s*DC", dc.group(0)):
                    ctx.states["District of Columbia"] += 1  # "Washington DC": no reading below counts it
                continue
            if state == "Washington" and not re.match(r"\s+state", text[m.end():m.end() + 6]) \
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
    # the scan only where one of its words is: a name pattern tried at every capital costs 1.5 ms on a long text
    counties = _COUNTY.finditer(text) if "County" in text or "Parish" in text or "Co." in text else ()
    for m in counties:  # "Johnson County", "Dunklin Co.", "Orleans Parish"
        words = m.group(1).split()
        if "-" in words[-1]:  # "Athens-Clarke County", "Nashville-Davidson County": the county is the tail
            words = words[:-1] + words[-1].split("-")
        for k in range(max(0, len(words) - 3), len(words)):
            key = county_key(" ".join(words[k:]) + " County")
            if key and g.counties.get(key):
                ctx.counties[key] += 1
                break
    us = _american(text, ctx)
    if us:
        if not ctx.countries:
            ctx.first_country = _US
        ctx.countries[_US] += us
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
                _count_admin1(ctx, (found.country_code, found.name), m.start())
                if strong and found.country_code != _US and not ctx.states and not ctx.counties:
                    admin_countries[found.country_code] += 1  # "Borno State", "Idlib province" name their country
                break
    _admin1_written_otherwise(g, text, ctx, admin_countries)
    for code, n in admin_countries.items():
        ctx.countries[code] += n
        if ctx.first_country is None:
            ctx.first_country = code
    _country_named_as_admin1(g, ctx)
    return ctx


def _count_admin1(ctx: Context, key: tuple[str, str], at: int) -> None:
    """One mention of an admin1, with the offset of its first (a tie goes to the one named first)."""
    ctx.admin1[key] += 1
    if at < ctx.admin1_at.get(key, 1 << 30):
        ctx.admin1_at[key] = at


#: "the northernmost province of Cabo Delgado", "the state of Zamfara": the admin word before the name
_ADMIN_OF = re.compile(r"(" + _words_at_word_start("province|state|governorate|oblast|prefecture|emirate|region") + r")\s+of\s+("
                       + _NAME + ")")


#: a place cue and a capitalised name after it ("arrested in Haryana", "across Borno")
_ADMIN_AFTER_CUE = re.compile(r"(" + _words_at_word_start("in|from|across|throughout|into") + r")\s+(" + _NAME + ")")


_ADMIN_SUFFIX_WORDS = re.compile(r"\s+(?:state|province|governorate|region|oblast|prefecture|department|emirate)$")


#: a state's governor, by the state's name: "Niger Governor Abubakar Bello", "the Governor of Zamfara"
#: (not a governor-general, nor a central bank's governor)
_GOVERNOR_OF = re.compile(r"\b[Gg]overnor of (?:the\s+)?(" + _NAME + ")")


#: "Maharashtra's Aurangabad district", "Borno's capital": an area's name in the possessive before a noun,
#: read backwards from the "'s" (a forward scan for a name at every capital costs milliseconds a document)
_APOSTROPHE_S = re.compile(r"['’]s\s+(?=[A-Za-z])")


_NAME_AT_END = re.compile(r"(?<![\w'’-])([A-Z][\w'ʿ’-]*(?:[ -]+[A-Z][\w'ʿ’-]*){0,3})$")


_NAME_BEFORE_SPACE = re.compile(r"(?<![\w'’-])([A-Z][\w'ʿ’-]*(?:[ -]+[A-Z][\w'ʿ’-]*){0,3})\s+$")


_ADMIN_OF_WORDS = ("province", "state", "governorate", "oblast", "prefecture", "emirate", "region")


def _governed(text: str) -> list[tuple[str, int]]:
    """The names a governor is of: "Niger Governor Bello", "Kano State Governor", "the Governor of Zamfara"
    (not "Bank of England Governor": the bank's)."""
    out = []
    for m in _GOVERNOR_WORD.finditer(text):
        before = _NAME_BEFORE_SPACE.search(text, max(0, m.start() - 60), m.start())
        if before and not text[max(0, before.start() - 8):before.start()].endswith("Bank of "):
            out.append((re.sub(r"\s+State$", "", before.group(1)), before.start()))
    out += [(m.group(1), m.start(1)) for m in _GOVERNOR_OF.finditer(text)]
    return out


_GOVERNOR_WORD = re.compile(r"(?<=\s)Governor\b(?![\w-])")


def _admin1_written_otherwise(g: Gazetteer, text: str, ctx: Context, admin_countries: Counter) -> None:
    """Admin1 areas outside the US named in the other ways world news writes them: after their admin word
    ("the province of Cabo Delgado", which also names its country, as "Cabo Delgado province" does); after a
    place cue, when only one country has an area of that name and no city bears it ("arrested in Haryana",
    which names India too); by their governor ("Niger Governor Bello"); and in the possessive before a
    place of theirs ("Maharashtra's Aurangabad district": only a name that is the admin1 of one country and
    no country itself). Counted in ``ctx.admin1`` (and ``admin_countries``)."""
    if ctx.states or ctx.counties:
        return  # a US text: its states are read above
    for m in (_ADMIN_OF.finditer(text) if any(w + " of " in text for w in _ADMIN_OF_WORDS) else ()):
        words = m.group(2).split()
        for k in range(len(words), 0, -1):  # "Cabo Delgado Monday" -> "Cabo Delgado"
            areas = [e for e in g.admin_areas(" ".join(words[:k])) if e.country_code != _US]
            found = pick(areas, ctx.country())
            if found and len({e.country_code for e in areas}) == 1 or found and found.country_code == ctx.country():
                _count_admin1(ctx, (found.country_code, found.name), m.start())
                if m.group(1) != "region":
                    admin_countries[found.country_code] += 1
                break
    for m in _ADMIN_AFTER_CUE.finditer(text):  # "arrested in Haryana": an area only one country has
        name = _POSSESSIVE_SPLIT.split(m.group(2))[0].strip()
        if _ADMIN_NAMED.match(text, m.start(2)):
            continue  # "in Uttar Pradesh state": counted with its admin word above
        if not name or g.country(name) or norm(name) in _lex()["not"] or norm(name) in _lex()["weak"]:
            continue
        areas = [e for e in g.admin_areas(name) if e.country_code != _US]
        owners = {e.country_code for e in areas}
        if len(owners) != 1 or (_ADMIN_SUFFIX_WORDS.sub("", norm(areas[0].name)) != norm(name)
                                and norm(name) not in g.admin1_other_names):  # "in Kashmir": by its other name
            continue
        if any(e.population for e in g.entries(name)):
            continue  # "in Santa Fe", "in Beijing", "in Najran": a city's name (a city elsewhere, or its own
            # admin1's city, which resolution places): only an area that is no city counts here
        _count_admin1(ctx, (areas[0].country_code, areas[0].name), m.start())
        admin_countries[areas[0].country_code] += 1
    for name, at in (_governed(text) if "overnor" in text else ()):  # "Niger Governor Bello": a state's head
        areas = [e for e in g.admin_areas(name) if e.country_code != _US] if name else []
        if len({e.country_code for e in areas}) == 1:
            _count_admin1(ctx, (areas[0].country_code, areas[0].name), at)
    for m in _APOSTROPHE_S.finditer(text):
        before = _NAME_AT_END.search(text, max(0, m.start() - 60), m.start())
        name = _POSSESSIVE_SPLIT.split(before.group(1))[-1].strip() if before else ""
        if not name or g.country(name) or norm(name) in _lex()["not"]:
            continue
        areas = [e for e in g.admin_areas(name) if e.country_code != _US]
        if areas and len({e.country_code for e in areas}) == 1 and (
                norm(areas[0].name).startswith(norm(name)) or norm(name) in g.admin1_other_names):
            _count_admin1(ctx, (areas[0].country_code, areas[0].name), m.start())


#: a US broadcaster's call sign in a page title's site name ("- WNCT", "| KSLA News 12"): US and Mexican
#: stations begin with K or W, and only the US's with those letters
_CALL_SIGN = re.compile(r"[ \t][-–|][ \t].*?\b[KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM))?\b")


#: a sheriff's office or deputies: the county police of the United States
_SHERIFF = re.compile(r"\b[Ss]heriff(?:['’]s)?\s+(?:[Oo]ffice|[Dd]epartment|[Dd]eputies|[Dd]eputy)\b")


def _american(text: str, ctx: Context) -> int:
    """How often a text says it is American without naming the country: each US county it names
    ("Greene County Sheriff's Office", "Bibb County"), a US station's call sign in its title, a sheriff's
    office or deputies. Without this a small namesake abroad ("Ormond", Victoria) outweighs the US
    town, and a veteran's tour in Vietnam makes a Dallas story Vietnamese."""
    title = text[:text.find("\n")] if "\n" in text[:400] else text[:400]
    usage = sum(1 for word, pattern in _US_USAGE if word in text and pattern.search(text))
    return sum(ctx.counties.values()) + bool(_CALL_SIGN.search(title)) + bool(_SHERIFF.search(text)) + usage


#: how American news writes what only the United States has: an address by its hundred-block ("the 1100
#: block of Oaks Boulevard"), state troopers, a city police's initials ("CMPD", "NYPD"), a district
#: attorney, a 911 call; each kind counts once. (A word the text must hold first, then its pattern: one
#: alternation over 20,000 characters cost 8 ms a document.)
_US_USAGE = [(" block of", re.compile(r"\b\d{2,5}\s+block\s+of\b")), ("rooper", re.compile(r"\b[Tt]roopers?\b")),
             ("PD", re.compile(r"\b[A-Z]{1,4}PD\b")), ("ttorney", re.compile(r"\b[Dd]istrict\s+[Aa]ttorney")),
             ("911", re.compile(r"(?<![/\d])\b911\b(?![/\d])"))]


def _country_named_as_admin1(g: Gazetteer, ctx: Context) -> None:
    """A country's name that the text uses as an admin1 of another ("Niger State", "Niger Governor" in a
    Nigerian story): its bare mentions are the state, and count for the state's country."""
    for (code, area), n in list(ctx.admin1.items()):
        if code == _US:
            continue  # Georgia the state: handled with the US states above
        other = g.country(re.sub(r"\s+(?:State|state|Province|province|Region|region)$", "", area))
        if other and other != code and other in ctx.countries:
            ctx.countries[code] += ctx.countries.pop(other)
            if ctx.first_country == other:
                ctx.first_country = code


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


def set_user_file(wanted: str | None) -> None:
    """Make ``wanted`` (already loaded by :func:`gazetteer`) the gazetteer in use."""
    global _user_file
    _user_file = wanted


def check_geonames(path: Path) -> None:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            first = next((line for line in fh if line.strip()), "")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gazetteer file ({getattr(exc, 'strerror', None) or exc})") from None
    if first and len(first.rstrip("\n").split("\t")) < 15:
        raise InputError(f"{path}:1", "not a GeoNames TSV row (expected 19 tab-separated columns)")


def _shrinking(phrase: str) -> list[str]:
    """'Aleppo Province Monday' -> ['Aleppo Province Monday', 'Aleppo Province', 'Aleppo']."""
    words = phrase.split()
    return [" ".join(words[:i]) for i in range(len(words), 0, -1)]


def current() -> Gazetteer:
    """The gazetteer in use (the user's file if ``use_gazetteer`` named one)."""
    return gazetteer(_user_file)


def user_file() -> str | None:
    """The user's GeoNames file in use, if any (read at call time: ``use_gazetteer`` changes it)."""
    return _user_file
