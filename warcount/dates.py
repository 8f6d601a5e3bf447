"""Event dates in news text: "On May 6", "6 May 2016", "yesterday", "late May", "the same day".

A casualty claim needs the date of its event, and news gives it in three ways:
absolutely ("May 6, 2016", "in 2015"), relative to the publication date
("yesterday", "on Tuesday", "two weeks ago", "earlier this month") and
relative to a date just mentioned ("the same day", "the next day").
``find_dates`` finds all three in one pass of one regex compiled at import.

Why not dateparser for the scan: it parses one string at a time, guesses the
language, and costs about 1 ms a call here (measured: 60 calls of dateparser
1.5.0 with ``languages=["en"]`` and a ``RELATIVE_BASE`` took 65 ms), so a
document with 30 dates would cost 30 ms, against well under 1 ms for the
scanner below, which also knows what news means by "late May" or "the same
day" (dateparser does not). The rules of resolution:

- The base of relative dates is the reference day the caller gives: the
  dateline's date, else the story's publication line, else the publication
  date given (``datelines.reference_date``).
- A month without a year takes the publication year (the year before when
  the month-day lies more than ``FUTURE_SLACK_DAYS`` after the publication
  date: news reports the past, and a stated date a day off is a time zone;
  a weekday written with it, "Friday, June 13", picks the nearest year in
  which that day is a Friday; the same month-day written elsewhere in the text
  with one year, "July 17, 2020", gives it that year), or,
  with no publication date, the latest year written in the text; with no
  year at all the value is None but the mention is kept.
- Relative dates with no publication date have value None.
- "on Tuesday" is the latest Tuesday on or before the publication date;
  "last Tuesday" the latest strictly before it.
- "the same day", "the next day"... resolve against the nearest preceding
  mention with day precision; if that one is unresolved, so are they. "the
  day after <an event>" ("the day after the ambush") is relative to an event,
  not a date: value None; so are "three days before Mardi Gras", "two days
  after the ambush". "a drive-by Wednesday" is not "by Wednesday" (a deadline).
- What a day dates, the incident or the news about it (``day_kind``), and
  whether a "since" date starts the event's state (``since_state``), are
  read from the cue words beside it, in ``daycues.py`` (imported here, so
  ``dates.day_kind`` and the others still work).
- A day after a future cue ("scheduled for November 18", "planned for
  February 19", "the next hearing will be on March 15", "due in court
  Tuesday": ``daycues.after_future_cue``) is the next such day on or after
  the reference day, marked ``future``: never an event date, nor a lower
  bound of publication.
- "early October 27" is the day October 27 (early in it), not "early October".
- A birth date ("Date of Birth: 01/6/1992", "DOB", "born on May 3, 1990") is
  no event date (``not_an_event_date``).
- There is no week precision (``model.PRECISIONS``): "last week", "two weeks
  ago" get month precision, the month holding the Thursday of that week (the
  ISO rule for which month a week belongs to). "Over the weekend" is not read:
  as a month-precision date it cost two local-news main dates whose lead had
  no other (measured; the reference day they fall back to was right).
- "on the 14th" is the 14th of the reference day's month, or of the month
  before when the 14th is after the reference day; read only before a pause or
  a conjunction ("on the 14th, police said"), never "on the 14th floor".
- "early"/"mid"/"late" keep month (or year) precision and are recorded in
  ``qualifier``: "late May" -> 2016-05, qualifier "late".
- Numeric dates "05/06/2016" are read month first (``NUMERIC_ORDER``) unless
  a part above 12 says otherwise.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .daycues import TELLING_CUES, after_future_cue, day_cue, day_kind, since_state  # noqa: F401 (kept importable here)
from .lexicon import load
from .model import EventDate
from .numbers import _trie, parse_figure


def parse_iso(value: str | None) -> date | None:
    """The date of an ISO string ("2016-05-06", or a longer timestamp), None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

log = logging.getLogger(__name__)

__all__ = ["DateMention", "NUMERIC_ORDER", "day_cue", "day_kind", "find_dates", "infer_published_lower_bound", "resolve_in_sentence",
           "since_state", "to_event_date"]

#: A month-day up to this many days after the publication date is this year's, not last year's.
FUTURE_SLACK_DAYS = 2

#: How "05/06/2016" is read when both parts could be a month: "MDY" (US usage, most English wires) or "DMY".
NUMERIC_ORDER = "MDY"

_LEX = load("dates")

_MONTHS: dict[str, int] = _LEX["months"]
_COUNT_NOUNS = [w for w in load("numbers")["count_nouns"] if w not in ("of", "were", "have", "had", "are", "more",
                                                                       "army", "government", "security")]
_WEEKDAYS: dict[str, int] = _LEX["weekdays"]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text.

    ``value`` is the first day of the period (month and year precision give
    the 1st); None when it cannot be resolved. ``relative`` is True when the
    value depends on the publication date or an earlier mention. ``since``
    marks the start of a cumulative scope ("since 2012"). ``qualifier`` is
    "early", "mid" or "late" when the text narrows a month or year.
    ``prep`` is the preposition before it, lower-cased ("on", "since", "by").
    """

    start: int
    end: int
    text: str
    value: date | None
    precision: str  # "day", "month", "year"
    relative: bool = False
    since: bool = False
    qualifier: str | None = None
    prep: str | None = field(default=None, compare=False)
    future: bool = field(default=False, compare=False)  # after a future cue: "scheduled for May 6"


_SP = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"
_MONTH = (r"(?:(?:" + _trie(k for k in _MONTHS if len(k) > 4 or k in ("May", "June", "July")) + r")"
          r"|(?:" + _trie(k for k in _MONTHS if len(k) <= 4 and k not in ("May", "June", "July")) + r")\.?)(?![\w])")
_WEEKDAY = r"(?:" + _trie(_WEEKDAYS) + r")(?![\w])"
_WEEKDAY_RE = re.compile(r"(?<![\w])" + _WEEKDAY)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?<![\d,.])(?:1\d{3}|20\d{2})(?![\d]|,\d|\.\d|%|[-/]\d)"
def _cased(*words: str) -> str:
    """lower and Capitalised forms: the scanner is case-sensitive so that "May" the month is not "may"."""
    return _trie(w for x in words for w in (x, x[0].upper() + x[1:]))  # a trie: flat alternations are slow


_PREPS = ("in", "on", "since", "during", "until", "till", "through", "throughout", "by", "from", "of", "before",
          "after", "last", "this", "next", "as of", "between")
_PREP = r"(?:" + _cased(*_PREPS) + r")"
_PREP_RE = r"(?P<{}>" + _PREP + _SP + r")?"


_QUAL = r"(?P<q>" + _cased("early", "late", "mid", "the end of", "end of", "the beginning of", "beginning of",
                           "the middle of", "middle of", "the start of", "start of") + r")(?:-|" + _SP + r")"
_NUM = r"(?:\d{1,3}|" + _cased("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                "eleven", "twelve", "a few", "several", "a couple of") + r")"
_UNIT = r"(?P<u>days?|weeks?|months?|years?)"

# "of 2016 people" is a count, not a year: a year is not followed by a noun of people
_NOT_COUNT = r"(?![ \t]+(?:[A-Za-z-]+[ \t]+)?(?:" + _trie(_COUNT_NOUNS) + r")\b)"

_SCAN = re.compile(
    r"(?<![\w])(?:"
    # 2016-05-06
    r"(?P<iso>(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d-]))"
    # 05/06/2016
    r"|(?P<num>(?<![\d/.])(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<n3>\d{4}|\d{2})(?![\d/.]))"
    # (on) (Tuesday,) 6 May (2016)
    r"|" + _PREP_RE.format("p1") + r"(?P<dmy>(?:" + _WEEKDAY + r",?" + _SP + r"(?:the" + _SP + r")?)?"
    r"(?P<dd>" + _DAY + r")(?:" + _SP + r"of)?" + _SP + r"(?P<dm>" + _MONTH + r")(?:,?" + _SP + r"(?P<dy>" + _YEAR
    + r"))?)"
    # (on) (Tuesday,) May 6(-10)(, 2016)
    r"|" + _PREP_RE.format("p2") + r"(?P<mdy>(?:" + _WEEKDAY + r",?" + _SP + r")?(?P<mm>" + _MONTH + r")" + _SP
    + r"(?P<md>" + _DAY + r")(?:[ \t]*[-–][ \t]*" + _DAY + r")?(?:,?" + _SP + r"(?P<my>" + _YEAR + r"))?)"
    # late May (2016), mid-2015; not "early October 27" (a day, early in it: read below as "October 27")
    r"|" + _PREP_RE.format("p3") + r"(?P<qual>" + _QUAL + r"(?:(?P<qm>" + _MONTH + r")(?!" + _SP + _DAY + r")(?:,?" + _SP + r"(?P<qmy>"
    + _YEAR + r"))?|(?P<qy>" + _YEAR + r")))"
    # (in) May 2016
    r"|" + _PREP_RE.format("p4") + r"(?P<monyear>(?P<ym>" + _MONTH + r"),?" + _SP + r"(?P<yy>" + _YEAR + r"))"
    # in April (a bare month needs a preposition: "May" is also a verb and a surname)
    r"|(?P<p5>" + _PREP + r")" + _SP
    + r"(?P<bm>" + _MONTH + r")"
    # in 2015, since 2012, in 2007 and 2016
    r"|(?P<p6>" + _PREP + r")"
    + _SP + r"(?:the" + _SP + r"year" + _SP + r")?(?P<y1>" + _YEAR + r")" + _NOT_COUNT
    + r"(?:(?P<ysep>" + _SP + r"(?:and|or|to|through)"
    + _SP + r"|[ \t]*[-–][ \t]*)(?P<y2>" + _YEAR + r"))?"
    # 680 CE
    r"|(?P<era>(?P<ey>\d{1,4})[ \t]*(?P<en>CE|BCE|BC|AD|A\.D\.|B\.C\.)(?![\w]))"
    # (on) Tuesday
    # (the space only after the word: a match opening on a space, after "p.m." or a comma, would begin
    # before "Saturday, Feb. 9, 2013" and hide the full date)
    r"|(?:(?P<p7>" + _cased("on", "last", "this", "next", "since", "by", "until") + r")" + _SP + r")?(?P<wd>"
    + _WEEKDAY + r")"
    # yesterday, today
    r"|(?P<rel>" + _cased("the day before yesterday", "yesterday", "today", "tonight", "tomorrow", "last night",
                          "this morning", "this afternoon", "this evening", "earlier today", "later today")
    + r")(?![\w])"
    # two weeks ago; two days later
    r"|(?P<ago>(?P<an>" + _NUM + r")" + _SP + _UNIT + _SP
    + r"(?P<dir>ago|earlier|later|before|after)(?![\w]))"
    # last month, earlier this week
    r"|(?P<lt>(?P<ltw>" + _cased("earlier this", "later this", "early this", "late this", "earlier last", "late last",
                                 "early last", "last", "this", "next", "the previous", "the following", "the next",
                                 "the past") + r")" + _SP + r"(?P<ltu>week|weekend|month|year)(?![\w]))"
    # on the 14th (the month is the reference day's): only before a pause or a conjunction, so that
    # "on the 14th floor" and "on the 14th of March" (above) are not read as it
    r"|(?P<nth>" + _cased("on the") + _SP + r"(?P<nd>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?![\w])"
    r"(?=[ \t]*(?:[,.;:)!?]|$)|[ \t]+(?:when|as|at|in|and|after|before|while|but|police|officials)\b))"
    # the same day, the next day
    r"|(?P<anc>(?:(?P<ancp>" + _cased("on", "later", "earlier") + r")" + _SP + r")?(?P<anw>" + _cased(
        "the same day", "that same day", "that day", "that night", "that morning", "that evening", "the same night",
        "the next day", "the following day", "the next morning", "the following morning", "the next night",
        "the previous day", "the day before", "the day after", "the night before", "the previous night",
        "a day later", "a day earlier", "one day later") + r")(?![\w]))"
    r")"
)
_EVENT_AFTER = re.compile(r"[ \t]+(?!(?:that|this|yesterday|today|tomorrow|and|or|but|when|as|in|on|at)\b)[A-Za-z]")
_ANCHOR_SHIFT = {
    "the same day": 0, "that same day": 0, "that day": 0, "that night": 0, "that morning": 0, "that evening": 0,
    "the same night": 0, "the next day": 1, "the following day": 1, "the next morning": 1, "the following morning": 1,
    "the next night": 1, "the previous day": -1, "the day before": -1, "the day after": 1, "the night before": -1,
    "the previous night": -1, "a day later": 1, "a day earlier": -1, "one day later": 1,
}
_REL_SHIFT = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
              "last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
              "later today": 0}
_QUALIFIER = {"early": "early", "beginning of": "early", "start of": "early", "mid": "mid", "middle of": "mid",
              "late": "late", "end of": "late"}
_QUAL_DAY = {"early": 1, "mid": 11, "late": 21}
_QUAL_MONTH = {"early": 1, "mid": 5, "late": 9}


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None or not 1 <= y <= 9999:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _week_month(d: date) -> date:
    """The month a week belongs to: the one holding its Thursday (ISO 8601)."""
    thursday = d - timedelta(days=d.weekday()) + timedelta(days=3)
    return thursday.replace(day=1)


def _latest_year(text_matches: list[re.Match]) -> int | None:
    years = []
    for m in text_matches:
        for g in ("iy", "dy", "my", "qmy", "qy", "yy", "y1", "y2"):
            v = m.group(g)
            if v:
                years.append(int(v))
        if m.group("num"):
            n3 = m.group("n3")
            years.append(int(n3) if len(n3) == 4 else 2000 + int(n3))
    return max(years) if years else None


_LAST: tuple = (None, None, ())  # the text, published date and result of the latest call (one atomic tuple)


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every event-date expression in ``text``, in order, resolved where it can be.

    ``published`` is the base of relative dates; without it they stay None,
    and months without a year take the latest year written in the text.
    The stages that ask about the same document in a row (claims, events, the
    publication bound) share one scan: the latest result is kept.
    """
    if not text:
        return []
    global _LAST
    last = _LAST
    if last[0] is text and last[1] == published:
        return list(last[2])
    out = _find_dates(text, published)
    _LAST = (text, published, tuple(out))
    return out


def _find_dates(text: str, published: date | None) -> list[DateMention]:
    matches = _scan(text)
    latest = None if published is not None else _latest_year(matches)
    year = published.year if published is not None else latest
    out: list[DateMention] = []
    last_day: DateMention | None = None  # the anchor of "the same day"
    written = _written_years(matches)
    for m in matches:
        for dm in _resolve(text, m, published, year, last_day, written):
            if dm.prep == "by" and text[dm.start - 1:dm.start] == "-":
                dm = replace(dm, prep=None)  # "a drive-by Wednesday night": a noun, not "by Wednesday"
            if dm.precision == "day" and dm.value is not None and after_future_cue(text, dm):
                dm = _forward(dm, published)
            out.append(dm)
            if dm.precision == "day":
                last_day = dm
    return out


_YEAR_WRITTEN = re.compile(r"\d{4}")


def _forward(m: DateMention, ref: date | None) -> DateMention:
    """A future day: a month-day written without its year, or a weekday, is the next one on or after
    the reference day (not the latest before it, as for the past the news reports)."""
    v = m.value
    if ref is not None and v is not None and v < ref:
        if m.relative and _WEEKDAY_RE.search(m.text):
            v = ref + timedelta(days=(v.weekday() - ref.weekday()) % 7)
        elif not m.relative and not _YEAR_WRITTEN.search(m.text):
            v = _safe_date(ref.year, v.month, v.day) or v
            if v < ref:
                v = _safe_date(ref.year + 1, v.month, v.day) or v
    return replace(m, value=v, future=True)


# Words every date expression contains: a digit, a month, a weekday or a time word. Finding these
# first and running the full scanner only in a window around them is five times faster than
# running the full scanner over the whole text (its many optional prepositions are tried at
# every word start).
_CORE = re.compile(r"\d+|(?<![\w])(?:" + _trie(list(_MONTHS) + list(_WEEKDAYS) + [
    w for x in ("yesterday", "today", "tonight", "tomorrow", "day", "days", "night", "morning", "afternoon",
                "evening", "week", "weeks", "weekend", "month", "months", "year", "years")
    for w in (x, x.capitalize())]) + r")(?![\w])")
_BACK = 40  # the longest lead before a core word: "throughout the beginning of May"
_AHEAD = 48  # the longest tail after it: "6 May 2016" after "Tuesday, "


def _scan(text: str) -> list[re.Match]:
    out: list[re.Match] = []
    pos = 0
    n = len(text)
    for c in _CORE.finditer(text):
        cs = c.start()
        if cs < pos:
            continue
        while True:
            m = _SCAN.search(text, max(pos, cs - _BACK), min(n, c.end() + _AHEAD))
            if m is None or m.start() > cs:
                break
            if m.end() == min(n, c.end() + _AHEAD) and m.end() < n:
                m = _SCAN.match(text, m.start())  # reached the window's edge: match again unbounded
                if m is None:
                    break
            out.append(m)
            pos = m.end()
            if pos > cs:
                break
    return out


def _written_years(matches: list[re.Match]) -> dict[tuple[int, int], int]:
    """The year the text writes with each month-day it dates in full ("July 17, 2020"), when it writes
    only one: a writer who gives "July 17, 2020" once and "July 17" later means the same day, whatever
    the publication date says (a page updated after it was first dated)."""
    seen: dict[tuple[int, int], set[int]] = {}
    for m in matches:
        for key, mon, day, yr in (("dmy", "dm", "dd", "dy"), ("mdy", "mm", "md", "my")):
            if m.group(key) and m.group(yr):
                seen.setdefault((_month(m.group(mon)), _day(m.group(day))), set()).add(int(m.group(yr)))
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _with_year(published: date | None, year: int | None, month: int, day: int | None) -> int | None:
    """The year of a month (and day) written without one."""
    if year is None:
        return None
    if published is not None and (month, day or 1) > (published.month, published.day):
        near = _safe_date(year, month, day or 1)
        if day is not None and near is not None and (near - published).days <= FUTURE_SLACK_DAYS:
            return year  # a day or two after the stated publication: its date is a day off (time zones)
        return year - 1  # "on December 20" in a May article is last December
    return year


def _resolve(text: str, m: re.Match, pub: date | None, year: int | None,
             anchor: DateMention | None, written: dict[tuple[int, int], int] | None = None) -> list[DateMention]:
    g = m.group
    kind = m.lastgroup
    if g("iso"):
        s, e = m.span("iso")
        return [DateMention(s, e, g("iso"), _safe_date(int(g("iy")), int(g("im")), int(g("id"))), "day")]
    if g("num"):
        s, e = m.span("num")
        a, b, y = int(g("n1")), int(g("n2")), int(g("n3"))
        y = y if len(g("n3")) == 4 else 2000 + y
        mo, d = (a, b) if NUMERIC_ORDER == "MDY" else (b, a)
        if mo > 12 >= d:
            mo, d = d, mo
        return [DateMention(s, e, g("num"), _safe_date(y, mo, d), "day")]
    if g("dmy") or g("mdy"):
        key = "dmy" if g("dmy") else "mdy"
        s, e = m.span(key)
        prep = (g("p1") if key == "dmy" else g("p2")) or ""
        mo = _month(g("dm") if key == "dmy" else g("mm"))
        d = _day(g("dd") if key == "dmy" else g("md"))
        ytxt = g("dy") if key == "dmy" else g("my")
        y = int(ytxt) if ytxt else (written or {}).get((mo, d)) or _with_year(pub, year, mo, d)
        if not ytxt and y is not None and (mo, d) not in (written or {}):
            y = _weekday_year(text[s:e], y, mo, d, pub)
        return [DateMention(s, e, text[s:e], _safe_date(y, mo, d), "day", since=_is_since(prep), prep=_prep(prep))]
    if g("qual"):
        s, e = m.span("qual")
        prep = g("p3") or ""
        q = _QUALIFIER[re.sub(r"^the\s+", "", g("q").lower()).strip()]
        if g("qm"):
            mo = _month(g("qm"))
            y = int(g("qmy")) if g("qmy") else _with_year(pub, year, mo, None)
            return [DateMention(s, e, text[s:e], _safe_date(y, mo, 1), "month", since=_is_since(prep), qualifier=q,
                                prep=_prep(prep))]
        return [DateMention(s, e, text[s:e], _safe_date(int(g("qy")), 1, 1), "year", since=_is_since(prep),
                            qualifier=q, prep=_prep(prep))]
    if g("monyear"):
        s, e = m.span("monyear")
        prep = g("p4") or ""
        return [DateMention(s, e, text[s:e], _safe_date(int(g("yy")), _month(g("ym")), 1), "month",
                            since=_is_since(prep), prep=_prep(prep))]
    if g("bm"):
        s, e = m.span("bm")
        prep = g("p5")
        mo = _month(g("bm"))
        p = prep.lower()
        if p in ("last", "this", "next") and pub is not None:
            y: int | None = pub.year + {"last": -1, "this": 0, "next": 1}[p] if p != "last" or mo >= pub.month \
                else pub.year
        else:
            y = _with_year(pub, year, mo, None)
        return [DateMention(s, e, text[s:e], _safe_date(y, mo, 1), "month", since=_is_since(prep), prep=_prep(prep))]
    if g("y1"):
        prep = g("p6")
        s, e = m.span("y1")
        out = [DateMention(s, e, g("y1"), _safe_date(int(g("y1")), 1, 1), "year", since=_is_since(prep),
                           prep=_prep(prep))]
        if g("y2"):
            s2, e2 = m.span("y2")
            out.append(DateMention(s2, e2, g("y2"), _safe_date(int(g("y2")), 1, 1), "year", prep=_prep(g("ysep"))))
        return out
    if g("era"):
        s, e = m.span("era")
        bc = g("en").replace(".", "").upper() in ("BC", "BCE")
        return [DateMention(s, e, g("era"), None if bc else _safe_date(int(g("ey")), 1, 1), "year")]
    if g("wd"):
        s, e = m.span("wd")
        prep = (g("p7") or "").lower()
        wd = _WEEKDAYS[g("wd")]
        if prep:
            s = m.start("p7")
        value = None
        if pub is not None:
            back = (pub.weekday() - wd) % 7
            if prep == "last" and back == 0:
                back = 7
            value = pub - timedelta(days=back)
            if prep == "next":
                value = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        return [DateMention(s, e, text[s:e], value, "day", relative=True, since=prep == "since", prep=prep or None)]
    if g("rel"):
        s, e = m.span("rel")
        shift = _REL_SHIFT[g("rel").lower()]
        value = pub + timedelta(days=shift) if pub is not None else None
        return [DateMention(s, e, g("rel"), value, "day", relative=True)]
    if g("ago"):
        return [_ago(m, pub, anchor)]
    if g("lt"):
        return [_this_last(m, pub)]
    if g("nth"):
        s, e = m.span("nth")
        d = int(g("nd"))
        value = None
        if pub is not None:
            value = _safe_date(pub.year, pub.month, d) if d <= pub.day else None
            if value is None:  # a day after the reference day's: the month before ("on the 28th", written on the 3rd)
                prev = pub.replace(day=1) - timedelta(days=1)
                value = _safe_date(prev.year, prev.month, d)
        return [DateMention(s, e, text[s:e], value, "day", relative=True, prep="on")]
    if g("anc"):
        s, e = m.span("anc")
        w = g("anw").lower()
        value = None
        if not (w in ("the day after", "the day before") and _EVENT_AFTER.match(text, e)) \
                and anchor is not None and anchor.value is not None:
            value = anchor.value + timedelta(days=_ANCHOR_SHIFT[w])
        return [DateMention(s, e, text[s:e], value, "day", relative=True)]
    log.debug("unhandled date match %r (%s)", m.group(), kind)
    return []


_LEADING_WEEKDAY = re.compile(r"(?:[A-Za-z]+[ \t]+)?(" + _WEEKDAY + r")")


def _weekday_year(written: str, year: int, month: int, day: int, pub: date | None) -> int:
    """"Friday, June 13" with no year: the year, next to the guessed one, in which June 13 is a Friday
    (nearest the publication date); the weekday is the writer's own check of the date."""
    m = _LEADING_WEEKDAY.match(written)
    if not m:
        return year
    wd = _WEEKDAYS[m.group(1)]
    fits = [y for y in (year, year - 1, year + 1) if (v := _safe_date(y, month, day)) is not None
            and v.weekday() == wd]
    if not fits:
        return year
    if pub is None:
        return fits[0]
    return min(fits, key=lambda y: abs((date(y, month, min(day, 28)) - pub).days))


def _is_since(prep: str | None) -> bool:
    return bool(prep) and prep.strip().lower() == "since"  # type: ignore[union-attr]


def _prep(prep: str | None) -> str | None:
    p = (prep or "").strip().lower()
    return p or None


def _ago(m: re.Match, pub: date | None, anchor: DateMention | None) -> DateMention:
    s, e = m.span("ago")
    text = m.group("ago")
    fig = parse_figure(m.group("an"))
    n = fig.low if fig is not None and fig.high == fig.low else None
    unit = m.group("u").lower().rstrip("s")
    direction = m.group("dir").lower()
    if direction == "ago":
        base = pub
        sign = -1
    else:  # "two days later": relative to the date just mentioned
        base = anchor.value if anchor is not None else None
        sign = 1 if direction in ("later", "after") else -1
        if direction in ("before", "after") and _EVENT_AFTER.match(m.string, e):
            base = None  # "three days before Mardi Gras", "two days after the ambush": relative to an event
    precision = {"day": "day", "week": "month", "month": "month", "year": "year"}[unit]
    if base is None or n is None:
        return DateMention(s, e, text, None, precision, relative=True)
    if unit == "day":
        value = base + timedelta(days=sign * n)
    elif unit == "week":
        value = _week_month(base + timedelta(days=sign * 7 * n))
    elif unit == "month":
        value = _add_months(base.replace(day=1), sign * n)
    else:
        value = date(base.year + sign * n, 1, 1)
    return DateMention(s, e, text, value, precision, relative=True)


def _this_last(m: re.Match, pub: date | None) -> DateMention:
    s, e = m.span("lt")
    w = re.sub(r"\s+", " ", m.group("ltw").lower())
    unit = m.group("ltu").lower()
    qualifier = "early" if w.startswith("early") else "late" if w.startswith("late ") else None
    shift = 1 if w in ("next", "the following", "the next") else -1 if ("last" in w or w in ("the previous",
                                                                                              "the past")) else 0
    precision = "year" if unit == "year" else "month"
    if pub is None:
        return DateMention(s, e, m.group("lt"), None, precision, relative=True, qualifier=qualifier)
    if unit in ("week", "weekend"):
        value = _week_month(pub + timedelta(days=7 * shift))
    elif unit == "month":
        value = _add_months(pub.replace(day=1), shift)
    else:
        value = date(pub.year + shift, 1, 1)
    return DateMention(s, e, m.group("lt"), value, precision, relative=True, qualifier=qualifier)


def resolve_in_sentence(mentions: list[DateMention], start: int, end: int, at: int | None = None
                        ) -> DateMention | None:
    """The date mention that governs a claim: the one inside ``[start, end)`` (a sentence) nearest to ``at``.

    ``at`` is the claim's offset (its figure or verb); by default the start of
    the span. A mention before the claim wins a tie: news puts the date first
    ("On May 10, ... executed three"). Unresolved mentions ("yesterday" with no
    publication date) are returned too: the claim is then dated, but unknown.
    """
    pos = start if at is None else at
    best: DateMention | None = None
    best_key: tuple[int, int] | None = None
    for m in mentions:
        if m.start < start or m.end > end:
            continue
        if m.end <= pos:
            key = (pos - m.end, 0)
        elif m.start >= pos:
            key = (m.start - pos, 1)
        else:
            key = (0, 0)
        if best_key is None or key < best_key:
            best, best_key = m, key
    return best


def _earliest_day(m: DateMention) -> date:
    """The first day a mention can mean, narrowed by its qualifier ("late May" -> May 21)."""
    assert m.value is not None
    if m.precision == "month" and m.qualifier:
        return m.value.replace(day=_QUAL_DAY[m.qualifier])
    if m.precision == "year" and m.qualifier:
        return m.value.replace(month=_QUAL_MONTH[m.qualifier])
    return m.value


_FUTURE_PREPS = {"by", "until", "till", "before", "next"}


def infer_published_lower_bound(mentions: list[DateMention]) -> EventDate | None:
    """A lower bound for an undated page's publication date: its latest absolute date.

    A page cannot report what had not happened yet, so the latest absolute
    date it mentions bounds its publication from below. Mentions compare by
    the earliest day they can mean ("late May" begins on the 21st, so it is
    later than "May 16"); relative mentions and targets ("by 2030") are skipped.
    """
    best: DateMention | None = None
    best_key: tuple[date, int] | None = None
    rank = {"day": 2, "month": 1, "year": 0}
    for m in mentions:
        if m.relative or m.value is None or m.future or (m.prep in _FUTURE_PREPS):
            continue
        key = (_earliest_day(m), rank[m.precision])
        if best_key is None or key > best_key:
            best, best_key = m, key
    return to_event_date(best) if best is not None else None


def to_event_date(m: DateMention) -> EventDate:
    """A resolved mention as the record's ``EventDate``; raises ValueError if it has no value."""
    if m.value is None:
        raise ValueError(f"date mention {m.text!r} at {m.start} is unresolved")
    v = m.value
    if m.precision == "month":
        v = v.replace(day=1)
    elif m.precision == "year":
        v = date(v.year, 1, 1)
    return EventDate(v.isoformat(), m.precision, m.text)


# A birth date is never an event's: "Date of Birth: 01/6/1992", "DOB: 4/2/88", "born on May 3, 1990",
# "born Jan. 3" (a mugshot caption, a profile of the victim). (An embedded tweet's timestamp, "— Jane Doe
# (@JaneDoe) May 30, 2016", is kept: live posts about the happening date it as often as not, measured.)
_NOT_EVENT_BEFORE = re.compile(r"(?:(?<![\w])(?:Date\s+of\s+[Bb]irth|DATE\s+OF\s+BIRTH|DOB|D\.O\.B\.)\s*[:.-]?\s*"
                               r"|(?<![\w])born(?:\s+on)?\s+)$")


def not_an_event_date(text: str, m: DateMention) -> bool:
    """Whether the words before a mention make it a birth date (``_NOT_EVENT_BEFORE``)."""
    if m.start == 0 or not (text[m.start - 1].isspace() or text[m.start - 1] in ":.-"):
        return False
    return bool(_NOT_EVENT_BEFORE.search(text, max(0, m.start - 24), m.start))
