"""Written amounts -> ``Figure`` (DESIGN.md, "Records"), and which of them can be casualty counts.

News writes a death toll in many ways ("Thirteen", "1,200", "five or six",
"at least 12", "dozens", "hundreds of thousands") and writes many numbers that
are not tolls at all (ages, calibres, years, dates, times, unit names, money).
The claims extractor needs both: every amount with its bounds, and a reason
when a number cannot be a headcount. This module is pure Python and runs on
every sentence of every article, so it is a regex scanner compiled once at
import; every look-around reads a bounded window, so the cost stays linear in
the text (a 100,000-digit string or ``"million " * 10**5`` does not hang).

``Figure(low, high, text)``: ``high=None`` is open-ended. The values chosen,
and why (each is the smallest count the words can honestly mean, so a vague
figure never overstates a source):

==========================  ===============  ==========================================
written                     low .. high      why
==========================  ===============  ==========================================
"Thirteen", "1,200", "21"   n .. n           exact
"a" / "an" / "one"          1 .. 1           "a" only with ``articles=True`` (see below)
"no one", "none", "nobody"  0 .. 0           also "zero", "not one", "not a single"
"a dozen", "two dozen"      12 / 24 exact    a dozen is a count, not a hedge
"half a dozen"              6 .. 6
"a couple (of)", "a pair"   2 .. 2           news uses "a couple" for two
"a few", "a handful"        2 .. None        more than one, no stated upper bound
"several"                   3 .. None        conventionally more than two
"tens of"                   20 .. None       two tens at least
"dozens"                    24 .. None       two dozen (DESIGN.md)
"scores"                    40 .. None       two score
"hundreds"                  200 .. None      DESIGN.md
"thousands"                 2000 .. None
"millions"                  2,000,000 .. None
"several hundred"           300 .. None      vague word x scale: 3 x 100
"a few thousand"            2000 .. None
"hundreds of thousands"     200,000 .. None  2 x 100 x 1000; "tens of thousands" 20,000
"five or six", "10-15",     a .. b           a range needs a < b; "2 to 3 million"
"10 to 15", "between ...                     shares the scale (2,000,000 .. 3,000,000)
and ..."
"at least 12", "12 or more",12 .. None       also "no fewer than", "a minimum of",
"12-plus", "12+"                             "or more"
"more than 100", "over 100" 101 .. None      "more than a dozen" 13 .. None; for an
                                             open vague amount the low is kept
"up to 30", "as many as 30" 1 .. 30          a toll someone bothers to cap had a victim;
                                             "at most", "no more than" too
"fewer than 30", "under 30" 1 .. 29
"nearly 50", "almost 50"    45 .. 49         ceil(0.9 n) .. n - 1: just below n, within 10%
"about 50", "around 50",    50 .. 50         news convention: the approximate number *is*
"some 50", "approximately"                   the figure; the hedge stays in ``text``
"1.5 million"               1,500,000 exact  decimals times a scale; a bare "2.5" is
                                             floor .. ceil with reason "decimal"
==========================  ===============  ==========================================

``from X to Y`` is *not* a range: news uses it for a revised toll ("rose from
12 to 15"), so it gives two figures. "many", "numerous", "a number of" and a
bare "few" are not figures: they give no count at all.

``find_figures`` marks numbers that cannot be casualty counts with a reason:
"age", "measure", "duration", "year", "date", "time", "ordinal", "unit"
(military unit names), "identifier" (Unit 8200, MH17, Resolution 2254),
"money", "percent", "address", "phone", "decade", "compound" ("a 20-member
delegation"), "pronoun" ("one another"), "decimal", "math" (10^4) and
"implausible" (above ``CAP``, one billion). Counts of vehicles, buildings or
occasions stay candidates: whether a count is of people is the claims logic's
call, made with the parse.
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from fractions import Fraction

from .lexicon import load
from .model import Figure

log = logging.getLogger(__name__)

__all__ = ["CAP", "FigureMention", "find_figures", "parse_figure", "pronoun_figure"]

#: Numbers above this are never casualty figures (reason "implausible").
CAP = 10**9
#: Digit runs longer than this are not converted to int at all (Python refuses
#: int() of more than 4,300 digits, and nothing that long is a count).
_MAX_DIGITS = 15
_WINDOW = 48  # characters read on either side of a number for context

_LEX = load("numbers")
_DLEX = load("dates")

_UNITS: dict[str, int] = _LEX["units"]
_TEENS: dict[str, int] = _LEX["teens"]
_TENS: dict[str, int] = _LEX["tens"]
_SCALES: dict[str, int] = _LEX["scales"]
_ORDINALS: dict[str, int] = _LEX["ordinals"]
_VAGUE: dict[str, tuple[int, int | None]] = {k: tuple(v) for k, v in _LEX["vague"].items() if not k.startswith("_")}
_PRONOUNS: dict[str, int | None] = _LEX["pronouns"]


def _alt(words, *, escape: bool = True) -> str:
    """A regex alternation, longest first so "just over" wins over "over"."""
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in ws)


_SP = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"  # spaces, at most one line break
_HSP = r"[ \t\u00a0]"

# --- the trigger: where a number can start --------------------------------
_CARDINAL_WORDS = list(_UNITS) + list(_TEENS) + list(_TENS) + ["dozen"]
_PLURAL_VAGUE = "dozens|hundreds|thousands|millions|billions"
_ZERO_RE = r"no[ -]?one|nobody|none|zero|not" + _SP + r"(?:a" + _SP + r")?(?:single|one)\b"
def _trie(words) -> str:
    """A regex for a word list as a trie: re tries alternatives one by one, so shared prefixes
    ("thir" of third, thirteen, thirty...) are worth factoring out; this halves the scan."""
    root: dict = {}
    for w in words:
        d = root
        for ch in w:
            d = d.setdefault(ch, {})
        d[""] = {}

    def rx(d: dict) -> str:
        alts = [re.escape(ch) + rx(sub) for ch, sub in sorted(d.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in d:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in d else "")

    return rx(root)


def _cased(words) -> list[str]:
    """lower, Capitalised and UPPER forms: a case-sensitive trie is twice as fast as re.I."""
    ws = list(words)
    return ws + [w.capitalize() for w in ws] + [w.upper() for w in ws]


# multi-word starts, spelled with an explicit first-letter class for the same reason
_TRIGGER_PHRASES = (
    r"[Nn]o[ -]?one|[Nn]ot" + _SP + r"(?:a" + _SP + r")?(?:single|one)"
    + r"|[Hh]alf" + _SP + r"an?" + _SP + r"(?:dozen|hundred|thousand|million|billion)"
    + r"|[Aa]n?" + _SP + r"(?:few|handful|couple|pair|dozen|score|hundred|thousand|million|billion)"
    + r"|[Tt]ens(?=" + _SP + r"of\b)"
    + r"|[Ss]cores(?=" + _SP + r"(?:of|more|were|have|had|are|killed|dead|died|wounded|injured)\b)"
)
_TRIGGER_WORDS = _trie(_cased(_CARDINAL_WORDS + list(_ORDINALS) + _PLURAL_VAGUE.split("|")
                              + ["several", "nobody", "none", "zero"]))
_TRIGGER_CORE = r"\d+|(?<![\w-])(?:" + _TRIGGER_PHRASES + "|" + _TRIGGER_WORDS + r")(?![\w])"
_TRIGGER = re.compile(_TRIGGER_CORE)
_TRIGGER_ART = re.compile(_TRIGGER_CORE + r"|(?<![\w-])[Aa]n?(?=" + _SP + r"[A-Za-z])")

_WORD = re.compile(r"[A-Za-z]+")
_CONN = re.compile(r"(?:" + _HSP + r"*-" + _HSP + r"*|" + _SP + r")(?:(and)" + _SP + r")?", re.I)
# thousands grouped by commas, or by a no-break / narrow no-break space ("1\u00a0200", French and SI style);
# one separator throughout a number, so "1,200\u00a0300" is not one figure
_DIGITS = re.compile(r"(?:\d{1,3}(?P<sep>[,\u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*(?!\d)|\d+)(?:\.\d+)?")
_GROUP_SEP = str.maketrans("", "", ",\u00a0\u202f")
_EXPONENT = re.compile(r"(?:\^|\*\*)(\d{1,6})")
_ATTACHED = re.compile(r"['’]?[A-Za-z]+")
_SCALE_AFTER = re.compile(_SP + r"(hundred|thousand|million|billion|mln|bn|dozen)\b", re.I)
_ATTACHED_SCALE = {"m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "k": 1000}
_VAGUE_WORD = re.compile(
    r"(a" + _SP + r"few|a" + _SP + r"handful|a" + _SP + r"couple|a" + _SP + r"pair|several)"
    r"(?:" + _SP + r"of)?(?=" + _SP + r"|$|\W)", re.I)
_PLURAL_RE = re.compile(r"(tens|dozens|scores|hundreds|thousands|millions|billions)\b", re.I)
_OF_PLURAL = re.compile(_SP + r"of" + _SP + r"(hundreds|thousands|millions|billions)\b", re.I)
_ZERO = re.compile(_ZERO_RE, re.I)
_HALF = re.compile(r"half" + _SP + r"an?" + _SP + r"(dozen|hundred|thousand|million|billion)\b", re.I)
_A_SCALE = re.compile(r"an?" + _SP + r"(?=(?:hundred|thousand|million|billion|dozen|score)\b)", re.I)
_ARTICLE = re.compile(r"an?\b", re.I)
_ARTICLE_SKIP = re.compile(_SP + r"(?:(?:[A-Za-z-]+" + _SP + r")?(?:\d|(?:" + _alt(_CARDINAL_WORDS)
                           + r")\b)|(?:" + _alt(_LEX["article_skip"] + list(_ORDINALS))
                           + r")\b|[\w-]*-(?:year|month|week|day)s?-old)", re.I)
_PLURAL_VALUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
                 "millions": 10**6, "billions": 10**9}

# --- bounds and ranges -----------------------------------------------------
_BOUNDS: dict[str, str] = {}
for _rule, _words in _LEX["bounds"].items():
    if not _rule.startswith("_"):
        for _w in _words:
            _BOUNDS[_w] = _rule
_PREFIX = re.compile(r"(?<![\w])(?P<b>" + "|".join(
    re.escape(w).replace(r"\ ", _SP) for w in sorted(_BOUNDS, key=len, reverse=True)) + r")" + _SP + r"$", re.I)
_BETWEEN = re.compile(r"(?<![\w])(between)" + _SP + r"$", re.I)
_FROM = re.compile(r"(?<![\w])from" + _SP + r"$", re.I)
_SUFFIXES: dict[str, str] = {}
for _rule, _words in _LEX["suffix_bounds"].items():
    for _w in _words:
        _SUFFIXES[_w] = _rule
_SUFFIX = re.compile(
    r"(?:" + _HSP + r"+(?P<w>or" + _SP + r"more|and" + _SP + r"more|or" + _SP + r"above|or" + _SP + r"so|or"
    + _SP + r"fewer|or" + _SP + r"less|plus)\b|(?P<p>-plus\b|\+(?!\s*\d)))", re.I)
_RANGE_SEP = re.compile(r"(?:" + _HSP + r"*(?P<d>[-–—])" + _HSP + r"*|"
                        + _SP + r"(?P<w>to|or|and|through)" + _SP + r")",
                        re.I)

# --- context that makes a number something other than a headcount -----------
_I = re.I
_AFTER_AGE = re.compile(r"(?:" + _HSP + r"*-" + _HSP + r"*|" + _HSP + r"+)(?:years?|yrs?|months?|weeks?|days?)"
                        r"(?:" + _HSP + r"*-" + _HSP + r"*|" + _HSP + r"+)(?:old\b|of" + _HSP + r"+age\b)", _I)
_BEFORE_AGE = re.compile(r"(?<![\w])(?:aged|age|ages)" + _HSP + r"+(?:of" + _HSP + r"+)?(?:between" + _HSP
                         + r"+)?(?:\d{1,3}" + _HSP + r"*(?:," + _HSP + r"*and|,|and|&|to|-)" + _HSP + r"*){0,6}$", _I)  # "ages 14, 16 and 18",
# "aged 21, 22, and 24"
# "Smith, 22, of Vallejo", "Jane Doe (34)", "Jones, 16, also died": an age in apposition to a name; a
# count after a capitalised word is followed by its noun or verb ("In Chicago, 22 people"), not by a comma
_NAME_APPOSITION_BEFORE = re.compile(r"[A-Z][\w'’.-]*+(?:,|" + _HSP + r"*\()" + _HSP + r"*$")
_NAME_APPOSITION_AFTER = re.compile(_HSP + r"*(?:[,)]|—|–|of" + _HSP + r"+[A-Z]|and" + _HSP + r"+\d{1,2}" + _HSP
                                    + r"*,)")
# "The other, 20, is in fair condition", "one woman, 33, had been shot": a number set off by commas
# after a word is an age as after a name (a count is followed by its noun or verb, "Of those, 12 were")
_WORD_APPOSITION_BEFORE = re.compile(r"(?<![\w'’-])[A-Za-z][a-z'’-]*," + _HSP + r"*$")
_WORD_APPOSITION_AFTER = re.compile(_HSP + r"*,")
# "Wright and Watkins, both 26, were injured", "three boys, all 16 or younger": the people's age
_SHARED_AGE_BEFORE = re.compile(r"," + _HSP + r"*(?:both|all|each)" + _HSP + r"+$", _I)
_SHARED_AGE_AFTER = re.compile(_HSP + r"*(?:,|\)|or" + _HSP + r"+(?:younger|older|under|over)\b)", _I)
# "Feb. 11, 2013": a day before its year, where the splitter cut the month off at its full stop
_AFTER_DAY_YEAR = re.compile(r"," + _HSP + r"*(?:19|20)\d\d(?!\d)")
_BEFORE_MONEY = re.compile(r"(?:(?<![\w])(?:" + _alt(w for w in _LEX["money_before"] if w[0].isalpha())
                           + r")" + _HSP + r"*|(?:" + _alt(w for w in _LEX["money_before"] if not w[0].isalpha())
                           + r")" + _HSP + r"*)$", _I)
_AFTER_MONEY = re.compile(_HSP + r"*(?:" + _alt(_LEX["money_after"]) + r")\b", _I)
_AFTER_PERCENT = re.compile(_HSP + r"*(?:%|(?:percent|per" + _HSP + r"+cent|pct|percentage" + _HSP
                            + r"+points?|per" + _HSP + r"+mille)\b)", _I)
_AFTER_TIME = re.compile(r"(?:" + _HSP + r"*(?:a\.m\.|p\.m\.|(?:am|pm|o['’]clock|GMT|UTC|hrs)\b)|:\d)", _I)
_UNIT_ALT = _alt(_LEX["measure_units"] + _LEX["duration_units"])
_AFTER_UNIT = re.compile(r"(?:" + _HSP + r"*-" + _HSP + r"*|" + _HSP + r"*)(?P<u>" + _UNIT_ALT + r")(?![\w])", _I)
_DURATION = {w.lower() for w in _LEX["duration_units"]}
_AFTER_DEGREE = re.compile(r"" + _HSP + r"*°")
_AFTER_ERA = re.compile(_HSP + r"*(?:CE|BCE|BC|AD|A\.D\.|B\.C\.|B\.C\.E\.|C\.E\.)(?![\w])")
_BEFORE_ERA = re.compile(r"(?<![\w])(?:AD|A\.D\.)" + _HSP + r"*$")
_BEFORE_YEAR = re.compile(r"(?<![\w])(?:" + _alt(_LEX["year_before"]) + r")" + _HSP + r"*(?:the" + _HSP
                          + r"+)?(?:year" + _HSP + r"+)?$", _I)
_AFTER_COUNT_NOUN = re.compile(_HSP + r"+(?:[\w’'-]+" + _HSP + r"+){0,2}?(?:" + _alt(_LEX["count_nouns"]) + r")\b",
                               _I)
_UNIT_NOUNS = _alt(_LEX["unit_nouns"])
_AFTER_UNIT_NAME = re.compile(r"(?:" + _HSP + r"+|-)(?:[A-Z][\w’'-]*" + _HSP + r"+){0,3}(?:" + _UNIT_NOUNS + r")\b")
_AFTER_UNIT_NAME_LOWER = re.compile(_HSP + r"+(?:" + _UNIT_NOUNS + r")\b", _I)
_UNIT_BEFORE = {w for w in _LEX["unit_nouns"]}
_BEFORE_IDENT = re.compile(r"(?:(?<![\w.])(?P<w>" + _alt(_LEX["identifier_before"]) + r")" + _HSP + r"*|#" + _HSP
                           + r"*)$")
_AFTER_STREET = re.compile(_HSP + r"+(?:[A-Z][\w’'-]*\.?" + _HSP + r"+){1,3}(?:"
                           + _alt(_LEX["street_suffixes"]) + r")(?![\w])")
# a broadcaster's channel number ("WKRN News 2", "FOX 8", "Action News 5"): US station names, which
# scraped local news pages repeat in titles and share bars; case-sensitive ("the news 2 ..." is not one)
_BEFORE_STATION = re.compile(r"(?:\b[A-Z]{3,5}(?:-TV)?|\bAction|\bEyewitness)" + _HSP + r"+[Nn]ews" + _HSP + r"*$|"
                             r"(?<![\w.])(?:News|FOX|Fox|CBS|NBC|ABC|CW|PBS)" + _HSP + r"*$")
_AFTER_HYPHEN_WORD = re.compile(r"-[A-Za-z]")
_AFTER_ANOTHER = re.compile(_SP + r"another\b", _I)
_YEAR_PREFIX_HYPHEN = re.compile(r"(?<![\w])(?:mid|pre|post|early|late)-$", _I)
_ORD_SUFFIX = {"st", "nd", "rd", "th"}
_MEASURE_SUFFIX = {"mm", "cm", "km", "kms", "kg", "kgs", "ft", "lb", "lbs", "mph", "kph", "kmh", "mw", "kw", "kv",
                   "ha", "t", "g", "mg", "ml", "l", "in", "yd", "yds", "nm", "mi", "m"}
_TIME_SUFFIX = {"am", "pm", "h", "hr", "hrs", "gmt", "utc", "z"}
_DURATION_SUFFIX = {"s", "sec", "secs", "min", "mins", "d", "yr", "yrs", "wk", "wks"}

# --- dates, times, phone numbers, addresses: found first, in one pass -------
_MONTH = r"(?:" + _alt(_DLEX["months"]) + r")\.?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_SPECIAL = re.compile(
    r"(?=[\d+(JFMASOND])"  # a cheap first-character test: the alternation below is costly
    r"(?:(?P<phone>\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){2,4}(?!\d)"
    r"|\(\d{3}\)" + _HSP + r"*\d{3}[ .-]\d{4}(?!\d)|(?<!\d)\d{3}[.-]\d{3}[.-]\d{4}(?!\d))"
    r"|(?P<date>(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    r"|(?<![\d/.])\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?![\d/.])"
    r"|(?<![\d,.])" + _DAY + r"(?:" + _SP + r"of)?" + _SP + _MONTH + r"(?![\w])(?:,?" + _SP + r"\d{4}(?!\d))?"
    r"|(?<![\w])" + _MONTH + _SP + _DAY + r"(?:" + _HSP + r"*[-–]" + _HSP + r"*" + _DAY + r")?(?:,?" + _SP
    + r"\d{4}(?!\d))?"
    r"|(?<![\w])" + _MONTH + r",?" + _SP + r"\d{4}(?!\d))"
    r"|(?P<time>(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?:" + _HSP + r"*(?:a\.m\.|p\.m\.|am|pm|AM|PM)(?![\w]))?"
    r"|(?<![\d.])\d{1,2}(?:\.\d{2})?" + _HSP + r"*(?:a\.m\.|p\.m\.|(?:am|pm|AM|PM)(?![\w]))"
    r"|(?<![\d.])\d{4}" + _HSP + r"*(?:GMT|UTC|hrs|hours" + _HSP + r"+(?:GMT|local" + _HSP + r"+time))(?![\w])"
    r"|(?<![\d.])\d{1,2}" + _HSP + r"*o['’]clock)"
    r"|(?P<address>(?<![\w.,])\d{1,5}[A-Za-z]?(?:" + _AFTER_STREET.pattern + r"|" + _HSP + r"+block" + _HSP
    + r"+of(?![\w]))))"  # "the 6300 block of Reagan Drive": US police write addresses so
)
_DIGIT_RUN = re.compile(r"\d+")


@dataclass(frozen=True)
class FigureMention:
    """A written amount found in a text: where, its value, and whether it can be a headcount.

    ``casualty_ok`` is False when the words around the number make it something
    else (an age, a year, a unit name...); ``reason`` says what.
    """

    start: int
    end: int
    figure: Figure
    casualty_ok: bool
    reason: str | None = None

    @property
    def text(self) -> str:
        return self.figure.text


@dataclass
class _Core:
    """One amount before bounds and ranges: "1,200", "two dozen", "hundreds of thousands"."""

    start: int
    end: int
    low: int
    high: int | None
    kind: str  # digits, words, vague, zero, ordinal, article
    scale: int = 1  # the scale word that ended it ("3 million" -> 10**6), for "2 to 3 million"
    plain: bool = False  # a bare digit run: no comma, decimal or scale (a year candidate)
    ndigits: int = 0
    suffix: str = ""  # letters glued to the digits ("mm", "s", "th")
    implausible: bool = False
    decimal: bool = False
    exponent: bool = False


def _frac_to_core(start: int, end: int, value: Fraction, kind: str, **kw) -> _Core:
    if value > CAP:
        return _Core(start, end, CAP + 1, None, kind, implausible=True, **kw)
    if value.denominator != 1:
        return _Core(start, end, math.floor(value), math.ceil(value), kind, decimal=True, **kw)
    n = int(value)
    return _Core(start, end, n, n, kind, **kw)


def _digits_core(text: str, pos: int) -> _Core | None:
    m = _DIGITS.match(text, pos)
    if not m:
        return None
    raw = m.group()
    end = m.end()
    intpart = raw.split(".")[0].translate(_GROUP_SEP)
    if len(intpart) > _MAX_DIGITS:
        # skip any decimal/attached tail so the span is one token; never int() it
        return _Core(pos, end, CAP + 1, None, "digits", implausible=True, ndigits=len(intpart))
    value = Fraction(raw.translate(_GROUP_SEP))
    plain = raw.isdigit()
    e = _EXPONENT.match(text, end)
    if e:
        exp = int(e.group(1))
        end = e.end()
        big = value > 1 and exp * math.log10(float(value)) > 12
        val = CAP + 1 if big else value ** exp
        core = _frac_to_core(pos, end, Fraction(val), "digits")
        core.exponent = True
        return core
    scale = 1
    suffix = ""
    a = _ATTACHED.match(text, end)
    if a:
        letters = a.group()
        low = letters.lower()
        if low in _ATTACHED_SCALE and not (low == "m" and plain and not _BEFORE_MONEY.search(text, max(0, pos - 4), pos)
                                           and _AFTER_COUNT_NOUN.match(text, a.end()) is None):
            scale = _ATTACHED_SCALE[low]
            end = a.end()
            plain = False
        else:
            suffix = low
    if not suffix:
        while True:  # "1.5 million", "3 hundred thousand", "two dozen"
            s = _SCALE_AFTER.match(text, end)
            if not s:
                break
            w = s.group(1).lower()
            sv = 12 if w == "dozen" else _SCALES[w]
            if value * scale * sv > 10**15:
                scale = 10**16
                end = s.end()
                break
            scale *= sv
            end = s.end()
            plain = False
    core = _frac_to_core(pos, end, value * scale, "ordinal" if suffix in _ORD_SUFFIX else "digits")
    core.scale = scale
    core.plain = plain
    core.ndigits = len(intpart)
    core.suffix = suffix
    if suffix in _ORD_SUFFIX:
        core.end = a.end()  # type: ignore[union-attr]
        core.suffix = ""
    return core


def _word_class(w: str) -> tuple[str, int] | None:
    if w in _UNITS:
        return "unit", _UNITS[w]
    if w in _TEENS:
        return "teen", _TEENS[w]
    if w in _TENS:
        return "tens", _TENS[w]
    if w == "hundred":
        return "hundred", 100
    if w in ("thousand", "million", "billion", "trillion"):
        return "scale", _SCALES[w]
    if w == "dozen":
        return "dozen", 12
    if w in _ORDINALS:
        return "ord", _ORDINALS[w]
    return None


# which word may follow which inside one written number
_NEXT = {
    None: {"unit", "teen", "tens", "ord", "dozen"},
    "unit": {"hundred", "scale", "dozen"},
    "teen": {"hundred", "scale", "dozen"},
    "tens": {"unit", "ord", "scale", "dozen"},
    "tensunit": {"scale", "dozen"},
    "hundred": {"unit", "teen", "tens", "scale", "ord"},
    "scale": {"unit", "teen", "tens", "ord", "scale"},
    "dozen": set(),
    "ord": set(),
}


def _words_core(text: str, pos: int, lead: int | None = None) -> _Core | None:
    """Number words: "Thirteen", "twenty-one", "one hundred and twenty", "two thousand five hundred"."""
    total = 0
    current = 0
    last: str | None = None
    last_scale = 0
    end = pos
    i = pos
    ordinal = False
    big = False
    if lead is not None:  # "a hundred": the article counts as one
        current, last = lead, "unit"
    while True:
        m = _WORD.match(text, i)
        if not m:
            break
        w = m.group().lower()
        wc = _word_class(w)
        if wc is None:
            break
        cls, val = wc
        if cls not in _NEXT[last] or (cls == "ord" and last == "tens" and val > 9) or \
                (cls == "ord" and last in ("hundred", "scale") and val >= 100):
            break
        if cls == "unit" and last == "tens":
            cls = "tensunit"
        if not big:
            if cls in ("unit", "teen", "tens", "tensunit"):
                current += val
            elif cls == "hundred":
                current = (current or 1) * 100
            elif cls == "scale":
                if total and val > last_scale:
                    total = (total + current) * val
                else:
                    total += (current or 1) * val
                current = 0
                last_scale = val
            elif cls == "dozen":
                current = (current or 1) * 12
            elif cls == "ord":
                ordinal = True
                current += val if val < 100 else 0
                if val >= 100:
                    current = (current or 1) * val
            if total + current > 10**15:
                big = True
        end = m.end()
        last = cls
        if cls == "ord":
            break
        c = _CONN.match(text, end)
        if not c:
            break
        nxt = _WORD.match(text, c.end())
        if not nxt:
            break
        nc = _word_class(nxt.group().lower())
        if nc is None or nc[0] not in _NEXT[last if last != "tensunit" else "tensunit"]:
            break
        if c.group(1) and (last not in ("hundred", "scale") or nc[0] not in ("unit", "teen", "tens")):
            break
        if "-" in c.group() and not (last == "tens" and nc[0] in ("unit", "ord")):
            break  # "five-six" is not fifty-six; hyphens only join tens and units
        i = c.end()
    if end == pos:
        return None
    if big:
        return _Core(pos, end, CAP + 1, None, "words", implausible=True)
    value = total + current
    core = _frac_to_core(pos, end, Fraction(value), "ordinal" if ordinal else "words")
    core.scale = last_scale if last == "scale" else (100 if last == "hundred" else 1)
    return core


def _vague_core(text: str, pos: int) -> _Core | None:
    m = _VAGUE_WORD.match(text, pos)
    if m:
        key = re.sub(r"\s+", " ", m.group(1).lower())
        low, high = _VAGUE[key]
        end = m.end(1)
        s = _SCALE_AFTER.match(text, m.end())  # "several hundred", "a couple of hundred", "a few dozen"
        if s:
            w = s.group(1).lower()
            sv = 12 if w == "dozen" else _SCALES[w]
            end = s.end()
            o = _OF_PLURAL.match(text, end)  # "several hundred of thousands" is rare; "a few hundred thousand" is not
            t = _SCALE_AFTER.match(text, end)
            if t and t.group(1).lower() in ("thousand", "million"):
                sv *= _SCALES[t.group(1).lower()]
                end = t.end()
            elif o:
                sv *= _PLURAL_VALUE[o.group(1).lower()]
                end = o.end()
            return _Core(pos, end, low * sv, None if high is None else high * sv, "vague", scale=sv)
        return _Core(pos, end, low, high, "vague")
    m = _PLURAL_RE.match(text, pos)
    if m:
        w = m.group(1).lower()
        value = 2 * _PLURAL_VALUE[w]
        end = m.end()
        while True:  # "hundreds of thousands", "tens of millions"
            o = _OF_PLURAL.match(text, end)
            if not o or value > 10**15:
                break
            value *= _PLURAL_VALUE[o.group(1).lower()]
            end = o.end()
        if value > CAP:
            return _Core(pos, end, CAP + 1, None, "vague", implausible=True)
        return _Core(pos, end, value, None, "vague")
    return None


def _core(text: str, pos: int, articles: bool) -> _Core | None:
    """The amount that starts at ``pos``, or None."""
    c = text[pos] if pos < len(text) else ""
    if c.isdigit():
        return _digits_core(text, pos)
    m = _ZERO.match(text, pos)
    if m:
        return _Core(pos, m.end(), 0, 0, "zero")
    m = _HALF.match(text, pos)
    if m:
        w = m.group(1).lower()
        sv = 12 if w == "dozen" else _SCALES[w]
        return _Core(pos, m.end(), sv // 2, sv // 2, "words", scale=sv)
    v = _vague_core(text, pos)
    if v is not None:
        return v
    m = _A_SCALE.match(text, pos)
    if m:
        w = _WORD.match(text, m.end())
        if w and w.group().lower() == "score":
            return _Core(pos, w.end(), 20, 20, "words")
        core = _words_core(text, m.end(), lead=1)
        if core is not None:
            core.start = pos
            return core
    if articles:
        m = _ARTICLE.match(text, pos)
        if m and not _ARTICLE_SKIP.match(text, m.end()):
            return _Core(pos, m.end(), 1, 1, "article")
        if m:
            return None
    return _words_core(text, pos)


def _apply_bound(rule: str, low: int, high: int | None) -> tuple[int, int | None]:
    if rule == "at_least":
        return low, None
    if rule == "more_than":
        return (low + 1 if high is not None else low), None
    if high is None:  # "up to hundreds", "nearly dozens": the vague amount says more than the hedge
        return low, None
    if rule == "up_to":
        return min(1, high), high
    if rule == "less_than":
        n = max(0, low - 1)
        return min(1, n), n
    if rule == "nearly":
        n = max(0, low - 1)
        return min(math.ceil(0.9 * low), n), n
    return low, high  # "about": the approximate number is the figure


def _scan_at(text: str, s: int, floor: int, articles: bool) -> FigureMention | None:
    core = _core(text, s, articles)
    if core is None:
        return None
    start, end = core.start, core.end
    low, high = core.low, core.high
    cores = [core]
    window_start = max(floor, s - _WINDOW)
    pre = text[window_start:s]
    bound: str | None = None
    if core.kind not in ("zero", "ordinal", "article") and not core.implausible:
        p = _PREFIX.search(pre)
        if p:
            bound = _BOUNDS[re.sub(r"\s+", " ", p.group("b").lower())]
            start = window_start + p.start("b")
        # ranges: "five or six", "10-15", "10 to 15", "between 400 and 700"
        sep = _RANGE_SEP.match(text, core.end)
        if sep:
            word = (sep.group("w") or "").lower()
            between = bound is None and _BETWEEN.search(pre) is not None
            from_ = bound is None and _FROM.search(pre) is not None
            ok_sep = (word == "and" and between) or (word in ("to", "through") and not from_) or word == "or" \
                or (sep.group("d") is not None and not from_)
            c2 = _core(text, sep.end(), False) if ok_sep and sep.end() < len(text) else None
            if c2 is not None and c2.kind not in ("zero", "ordinal", "article") and not c2.implausible \
                    and not core.decimal and not c2.decimal:
                low1, high1 = low, high
                if c2.scale > 1 and core.scale == 1 and core.kind != "vague" and low * c2.scale <= c2.low:
                    low1 = low * c2.scale  # "2 to 3 million"
                    high1 = None if high is None else high * c2.scale
                swapped = between and high1 is not None and c2.high is not None and c2.high < low1
                if swapped or c2.low > low1 and (high1 is None or c2.low > high1 or c2.kind == "vague"):
                    # "between 10 and 5 people" says 5..10: the bounds written in either order
                    low, high = (c2.low, high1) if swapped else (low1, c2.high)
                    end = c2.end
                    cores.append(c2)
                    if between:
                        start = window_start + _BETWEEN.search(pre).start(1)  # type: ignore[union-attr]
        if len(cores) == 1:
            x = _SUFFIX.match(text, end)
            if x:
                w = re.sub(r"\s+", " ", (x.group("w") or x.group("p")).lower())
                bound2 = _SUFFIXES.get(w) or _SUFFIXES.get(w.lstrip("-"))
                if bound2:
                    end = x.end()
                    low, high = _apply_bound(bound2, low, high)
        if bound:
            low, high = _apply_bound(bound, low, high)
    if high is not None and high < low:
        high = low
    fig = Figure(low, high, text[start:end])
    reason = _reason(text, start, end, cores, bound is not None)
    return FigureMention(start, end, fig, reason is None, reason)


def _reason(text: str, start: int, end: int, cores: list[_Core], bounded: bool) -> str | None:
    """Why the amount at text[start:end] cannot be a headcount, or None."""
    first, last = cores[0], cores[-1]
    if any(c.implausible for c in cores):
        return "implausible"
    if first.exponent:
        return "math"
    before = text[max(0, start - _WINDOW):start]
    if first.kind == "ordinal":
        if _AFTER_UNIT_NAME.match(text, first.end) or _AFTER_UNIT_NAME_LOWER.match(text, first.end):
            return "unit"
        return "ordinal"
    sfx = last.suffix
    if sfx:
        if sfx in ("s", "'s", "’s") and last.ndigits in (2, 4) and last.low % 10 == 0:
            return "decade"
        if sfx in _MEASURE_SUFFIX:
            return "measure"
        if sfx in _TIME_SUFFIX:
            return "time"
        if sfx in _DURATION_SUFFIX:
            return "duration"
        if not (sfx.startswith("'") or sfx.startswith("’")):
            return "identifier"
    if first.kind == "digits" and start == first.start and start > 0:
        ch = text[start - 1]
        if ch.isalpha() or ch in "#":
            return "identifier"
        if ch == "-" and start > 1 and text[start - 2].isalpha():
            if _YEAR_PREFIX_HYPHEN.search(text, max(0, start - 8), start):
                return "year"
            return "identifier"
        if ch in "'’" and last.ndigits == 2 and sfx in ("s",):
            return "decade"
    if _BEFORE_MONEY.search(before) or _AFTER_MONEY.match(text, end):
        return "money"
    if _AFTER_PERCENT.match(text, end):
        return "percent"
    if _AFTER_AGE.match(text, end) or _BEFORE_AGE.search(before):
        return "age"
    lone = first.kind == "digits" and first.plain and not bounded and len(cores) == 1  # one plain number
    if lone and first.ndigits <= 3:
        if _NAME_APPOSITION_BEFORE.search(before) and _NAME_APPOSITION_AFTER.match(text, end):
            return "age"
        if first.low <= 120 and (_WORD_APPOSITION_BEFORE.search(before) and _WORD_APPOSITION_AFTER.match(text, end)
                                 or _SHARED_AGE_BEFORE.search(before) and _SHARED_AGE_AFTER.match(text, end)):
            return "age"
    if lone and first.ndigits <= 2 and 1 <= first.low <= 31 and _AFTER_DAY_YEAR.match(text, end):
        return "date"
    if _AFTER_TIME.match(text, end):
        return "time"
    if first.kind == "digits" and first.plain and not bounded and first.ndigits <= 4:
        if _AFTER_ERA.match(text, end) or _BEFORE_ERA.search(before):
            return "year"
        if first.ndigits == 4 and 1000 <= first.low <= 2099 and _BEFORE_YEAR.search(before):
            return "year"
        if first.ndigits == 4 and 1900 <= first.low <= 2099 and not _AFTER_COUNT_NOUN.match(text, end):
            return "year"
    if _AFTER_DEGREE.match(text, end):
        return "measure"
    u = _AFTER_UNIT.match(text, end)
    if u:
        return "duration" if u.group("u").lower() in _DURATION else "measure"
    if first.kind == "digits" and _BEFORE_STATION.search(before):
        return "identifier"
    i = _BEFORE_IDENT.search(before)
    if i:
        return "unit" if (i.group("w") or "") in _UNIT_BEFORE else "identifier"
    if first.kind == "digits" and _AFTER_STREET.match(text, end):
        return "address"
    if _AFTER_HYPHEN_WORD.match(text, end):
        return "compound"
    if first.kind == "words" and first.low == 1 and len(cores) == 1 and _AFTER_ANOTHER.match(text, end):
        return "pronoun"
    if any(c.decimal for c in cores):
        return "decimal"
    return None


#: the figures of the current document's sentences: the sentence selection (sentences.worth_parsing)
#: and the parsed sentence's figure index (triggers.figure_index) scan the same sentence one after
#: the other; emptied for each document (:func:`new_document`)
_SEEN: dict[tuple[str, bool], tuple[FigureMention, ...]] = {}
_SEEN_MAX, _SEEN_CHARS = 256, 4000


def new_document() -> None:
    """Forget the figures of the sentences before: only a document's own sentences are served from
    memory (a run repeating one document, as bench/speed.py does, must time the scan, not the memo)."""
    _SEEN.clear()


def find_figures(text: str, *, articles: bool = False) -> list[FigureMention]:
    """Every written amount in ``text``, in order, with why it is not a headcount when it is not.

    ``articles=True`` also reports "a"/"an" as 1 ("a soldier was killed"),
    except before a quantity noun ("a number of", "a total of") or a number;
    it is off by default because nearly every sentence has an article and only
    the claims logic, with the parse, knows which one counts a victim.
    """
    if not text:
        return []
    if len(text) > _SEEN_CHARS:
        return _find_figures(text, articles)
    key = (text, articles)
    seen = _SEEN.get(key)
    if seen is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        seen = _SEEN[key] = tuple(_find_figures(text, articles))
    return list(seen)


def _find_figures(text: str, articles: bool) -> list[FigureMention]:
    out: list[FigureMention] = []
    blocked: list[tuple[int, int]] = []
    for m in _SPECIAL.finditer(text):
        reason = m.lastgroup or "date"
        for d in _DIGIT_RUN.finditer(text, m.start(), m.end()):
            n = int(d.group()) if len(d.group()) <= _MAX_DIGITS else CAP + 1
            out.append(FigureMention(d.start(), d.end(), Figure(n, n, d.group()), False, reason))
        blocked.append((m.start(), m.end()))
    bi = 0
    pos = 0
    trigger = _TRIGGER_ART if articles else _TRIGGER
    for t in trigger.finditer(text):
        s = t.start()
        if s < pos:
            continue
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= s:
            continue
        try:
            mention = _scan_at(text, s, pos, articles)
        except (ValueError, OverflowError, ZeroDivisionError) as e:  # never let one odd number sink a document
            log.debug("skipped amount at %d: %s", s, e)
            continue
        if mention is None:
            continue
        if bi < len(blocked) and mention.end > blocked[bi][0]:
            continue  # ran into a date or time: the number belongs to it
        out.append(mention)
        pos = mention.end
    out.sort(key=lambda x: x.start)
    return out


_TRAILING = re.compile(r"(?:" + _SP + r"of)?[\s.,;:!?]*$", re.I)


def parse_figure(text: str) -> Figure | None:
    """One written amount -> ``Figure``, or None when ``text`` is not (only) an amount.

    Context reasons do not apply to an amount given alone, except that a
    bare "2016" stays 2016; ordinals, money, percentages, ages and other
    non-counts return None, and so does anything above ``CAP``.
    """
    if not text:
        return None
    s = text.strip()
    s = s[: _TRAILING.search(s).start()] if s else s  # type: ignore[union-attr]
    if not s:
        return None
    if s.lower() in ("a", "an"):
        return Figure(1, 1, s)
    for candidate in (text.strip(), s + " of"):  # "tens" and "scores" count only before "of"
        ms = [m for m in find_figures(candidate, articles=True) if m.start < len(s)]
        if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(s) and ms[0].reason in (None, "year"):
            return ms[0].figure
    return None


def pronoun_figure(word: str) -> Figure | None:
    """The count a pronoun stands for: "killing him" -> 1..1; "them", "they" -> None (unknown)."""
    w = word.strip()
    n = _PRONOUNS.get(w.lower())
    if n is None:
        return None
    return Figure(n, n, w)
