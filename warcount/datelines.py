"""What a story's head says of itself: its publication line and its dateline.

News gives its own date and place in a few fixed forms near the top, apart
from the story's sentences:

- a publication line: "Posted: Tuesday, January 28, 2014 8:18 PM EST",
  "Published Saturday, June 8, 2024", "Updated: Feb. 3, 2014", "First
  published on 3 May 2019"; "Posted"/"Published"/"Created" win over
  "Updated" (the first is when the story appeared);
- a dateline opening the first paragraph: a place in capitals, sometimes a
  state or country, sometimes the date, sometimes the agency, then a dash:
  "SPRINGFIELD, Ohio -- ", "DAMASCUS, March 14 (Reuters) - ",
  "FRANKLIN (Feb. 4, 2014) – ", "ROGERS PARK — ", "LAGOS, Nigeria (AP) — ".

:func:`read_header` finds both. Their dates are never event dates (the
story's dates are relative to them), and the dateline's place is where the
story was filed, usually where its event happened. The year of a date
written without one ("March 14") comes from ``year_hint`` (the input's
publication year), else the latest year written in the text, else the date
stays unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

__all__ = ["Header", "caption_spans", "header_of", "read_header", "reference_date"]

HEAD_CHARS = 2500  # publication lines and datelines sit in the head of a story

_LABELS = {"posted": 0, "published": 0, "created": 0, "first published": 0, "originally published": 0,
           "published on": 0, "date": 1, "updated": 2, "last updated": 2, "last modified": 2, "modified": 2}
_PUBLINE = re.compile(r"(?<![\w])(?P<label>(?:First|Originally)\s+[Pp]ublished|Last\s+[Uu]pdated|Last\s+[Mm]odified|"
                      r"Posted|POSTED|Published|PUBLISHED|Updated|UPDATED|Created|Modified|Date)"
                      r"(?:\s+(?:on|at))?\s*:?\s*(?=[A-Z0-9])")
_DASH = r"(?:--|[-–—])"
# a dateline place: capitals ("SPRINGFIELD", "ROGERS PARK", "FT. WORTH", "KHAN TOUMAN")
_CAPS = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
# a wire story filed from two places: "KINSHASA/BEIJING, March 3 (Reuters) -" (the first is the event's)
_ALSO = r"(?:\s*/\s*" + _CAPS + r")?"
_REGION = r"[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2}"
_DATELINE = re.compile(
    r"(?P<place>" + _CAPS + r")" + _ALSO + r"(?:\s*,\s*(?P<region>" + _REGION + r"))?"
    r"(?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"(?:\s*\((?P<paren>[^()\n]{2,40})\))?"
    r"\s*" + _DASH + r"\s+(?=[\"“A-Z0-9])"
)
# the other forms of the same head: "KARACHI: It was ..." (South Asian and Gulf papers, a place in capitals
# and a colon) and "Beijing (AFP) – " (a place in title case, told from a sentence by its agency)
_COLON_DATELINE = re.compile(r"(?P<place>" + _CAPS + r")(?:\s*,\s*(?P<region>" + _REGION + r"))?:\s+(?=[\"“A-Z])")
_AGENCY_DATELINE = re.compile(r"(?P<place>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2})(?:\s*,\s*(?P<region>"
                              + _REGION + r"))?\s*\((?P<paren>AFP|AP|Reuters|REUTERS|Xinhua|UPI|dpa|IANS|PTI|ANI|"
                              r"Anadolu|AA|TASS|EFE|ANSA|Bernama|Yonhap|Kyodo|KUNA|WAFA|SANA|IRNA)\)\s*"
                              + _DASH + r"(?:\s+|$)")
_NOT_PLACE = {"UPDATE", "UPDATED", "BREAKING", "WATCH", "VIDEO", "PHOTOS", "EXCLUSIVE", "ALERT", "EDITOR'S NOTE",
              "NOTE", "AP", "CNN", "UPI", "AFP", "REUTERS", "DEVELOPING", "LIVE", "OPINION", "ANALYSIS", "PHOTO",
              "GRAPHIC", "WARNING", "CORRECTION", "MORE", "LISTEN", "READ", "PREVIOUS", "RELATED", "SUBSCRIBE",
              "ADVERTISEMENT", "POLICE", "SHERIFF", "UPDATE:"}


@dataclass(frozen=True)
class Header:
    """The publication line and dateline of a story, each with its text span."""

    published: date | None = None
    published_text: str | None = None  # "Posted: Tuesday, January 28, 2014"
    published_kind: str | None = None  # "publication line" | "dateline"
    dateline_place: str | None = None  # "SPRINGFIELD" (as written)
    dateline_region: str | None = None  # "Ohio", "Tenn.", "Nigeria"
    dateline_date: date | None = None
    dateline_text: str | None = None
    dateline_start: int | None = None  # where the dateline begins: the story's lead begins there
    spans: tuple[tuple[int, int], ...] = ()  # text spans whose dates are not event dates

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)


def _first_day(segment: str, year_hint: int | None, latest: int | None) -> tuple[date | None, int]:
    """The day-precision date that begins ``segment`` (within a few characters) and its end."""
    from .dates import _find_dates  # not find_dates: its one-document cache belongs to the body text

    for m in _find_dates(segment, None):
        if m.start > 12:
            break
        if m.precision != "day":
            continue
        if m.value is not None and re.search(r"\b\d{4}\b", m.text):
            return m.value, m.end
        year = year_hint or latest
        if year and m.value is None:
            for mm in _find_dates(f"{segment[m.start:m.end]}, {year}", None):
                if mm.value is not None:
                    return mm.value, m.end
        if m.value is not None:  # the scanner took the latest year in the segment
            return m.value, m.end
    return None, 0


#: a year from 1950 to 2099 standing alone, "(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)" with the test of the digit before
#: it made after the year (``(?<!\d{5})``: the four digits just read and one more): a pattern that opens with its
#: literal digits is searched for them in C, one that opens with a look-behind is tried at every character (4x slower)
_YEAR_ALONE = re.compile(r"(?:19[5-9]\d|20\d\d)(?!\d)(?<!\d{5})")


def _latest_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR_ALONE.findall(text)]
    return max(years) if years else None


def read_header(text: str, year_hint: int | None = None) -> Header:
    """The publication line and the dateline in the head of ``text``, if it has them."""
    if not text:
        return Header()
    head = text[:HEAD_CHARS]
    latest = _latest_year(text[:20_000])
    spans: list[tuple[int, int]] = []
    pub: tuple[int, date, str] | None = None  # (rank, date, text)
    for m in _PUBLINE.finditer(head):
        label = re.sub(r"\s+", " ", m.group("label").lower())
        rank = _LABELS.get(label, 1)
        value, end = _first_day(head[m.end():m.end() + 80], year_hint, latest)
        if value is None:
            continue
        spans.append((m.start(), m.end() + end))
        if pub is None or rank < pub[0]:
            pub = (rank, value, head[m.start():m.end() + end])
    if pub is None:
        stamp = _stamp(text, year_hint, latest)
        if stamp is not None:
            spans.append((stamp[0], stamp[1]))
            pub = (1, stamp[2], text[stamp[0]:stamp[1]].strip())
    dl = _dateline(text, year_hint, latest)
    fields: dict = {}
    if pub is not None:
        fields.update(published=pub[1], published_text=pub[2], published_kind="publication line")
    if dl is not None:
        start, end, place, region, ddate = dl
        spans.append((start, end))
        fields.update(dateline_place=place, dateline_region=region, dateline_date=ddate,
                      dateline_text=text[start:end].strip(), dateline_start=start)
        if pub is None and ddate is not None:
            fields.update(published=ddate, published_text=text[start:end].strip(), published_kind="dateline")
    return Header(spans=tuple(spans), **fields)


# what may follow a date stamp's day: a time, a zone, separators ("Nov 22, 2014, 00:10", "May 11, 2013 1:28 PM")
_STAMP_REST = re.compile(r"[\s,|]*(?:(?:at\s+)?\d{1,2}(?::\d{2}){1,2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\b)?)?[\s|)]*")
_STAMP_OPEN = re.compile(r"\s*\(?\s*")


def _stamp(text: str, year_hint: int | None, latest: int | None) -> tuple[int, int, date] | None:
    """A bare date stamp heading the story: a paragraph that is only a date and a time ("Nov 22, 2014,
    00:10", "January 9, 2015"), or a parenthesised date opening the first paragraph before a dash
    ("(07/21/15) - Children looking for snakes..."). Pages print the day of the story this way; it is a
    publication date, never the event's."""
    pos = 0
    for _ in range(6):
        if pos >= min(len(text), HEAD_CHARS):
            break
        end_par = text.find("\n", pos)
        end_par = len(text) if end_par < 0 else end_par
        par = text[pos:end_par]
        if par.strip() and len(par) < 400 and any(ch.isdigit() for ch in par[:24]):  # a stamp's day is a number
            lead = _STAMP_OPEN.match(par).end()
            value, end = _first_day(par[lead:lead + 80], year_hint, latest)
            if value is not None and end and lead <= 2:
                rest = _STAMP_REST.match(par, lead + end)
                tail = par[rest.end():]
                if not tail.strip():
                    return pos, end_par, value
                if par.lstrip().startswith("(") and ")" in par[lead + end:rest.end()] and re.match(
                        r"\s*" + _DASH + r"\s", tail):
                    return pos, pos + rest.end() + re.match(r"\s*" + _DASH + r"\s*", tail).end(), value
        pos = end_par + 1
    return None


def _dateline(text: str, year_hint: int | None, latest: int | None
              ) -> tuple[int, int, str | None, str | None, date | None] | None:
    """A dateline opening one of the first paragraphs: (start, end, place, region, date)."""
    pos = 0
    seen = 0
    while seen < 4:  # the title, a caption or a publication line may come first (blank lines do not count)
        if pos >= min(len(text), HEAD_CHARS):
            break
        end_par = text.find("\n", pos)
        end_par = len(text) if end_par < 0 else end_par
        par = text[pos:end_par]
        if par.strip():
            seen += 1
            m = _DATELINE.match(par) or _COLON_DATELINE.match(par) or _AGENCY_DATELINE.match(par)
            if m and _is_dateline(m):
                ddate = None
                for grp in ("date", "paren"):
                    g = m.groupdict().get(grp)
                    if g and ddate is None:
                        ddate, _ = _first_day(g, year_hint, latest)
                place = m.group("place").strip()
                return pos, pos + m.end(), _title(place), m.group("region"), ddate
        pos = end_par + 1
    return None


def _is_dateline(m: re.Match) -> bool:
    place = m.group("place").strip().rstrip(".")
    if place in _NOT_PLACE or len(place.replace(" ", "")) < 3:
        return False
    if not re.search(r"[AEIOUYaeiouy]", place):
        return False  # "UPDATE" is caught above; acronyms without vowels ("NBC", "WKRN") are outlets
    region = m.group("region")
    if region and region.isupper() and len(re.sub(r"[^A-Z]", "", region)) > 3:
        return False  # two capital blocks: a headline, not a dateline
    return True


def _title(place: str) -> str:
    """'ROGERS PARK' -> 'Rogers Park', 'FT. WORTH' -> 'Ft. Worth'."""
    return " ".join(w[:1] + w[1:].lower() if w.isupper() else w for w in place.split())


_LAST: tuple = (None, None, None)  # (text, year hint, header) of the latest call: claims and events ask in a row


def header_of(text: str, published: date | None) -> Header:
    """:func:`read_header` of a document, computed once for the stages that ask in a row."""
    hint = published.year if published is not None else None
    last = _LAST
    if last[0] is text and last[1] == hint:
        return last[2]
    head = read_header(text, hint)
    extra = caption_spans(text) + stamp_spans(text)
    if extra:
        head = replace(head, spans=head.spans + extra)
    globals()["_LAST"] = (text, hint, head)
    return head


# A file photo's caption printed in the story's text: "FILE PHOTO: ...", "FILE - In this ... photo",
# "In this file photo ...", "(File photo)". Its date is the day an earlier picture was taken, never the
# event's. Other captions are left alone: a local paper's caption of the scene ("the courthouse where two
# bailiffs were killed, Monday, July 11, 2016. (Photo: ...)") dates the event itself, and leaving those
# out cost more main dates on local news than it won (measured on the dev set).
_CAPTION_OPEN = re.compile(r"(?:FILE\s+PHOTO|File\s+photo|FILE\s*[-–—]\s)"
                           r"|(?:In\s+(?:this|a)\s+(?:\w+\s+){0,2}file\s+(?:photo|picture|image))\b")
_CAPTION_CREDIT = re.compile(r"\((?:File|FILE)\s+(?:photo|Photo|PHOTO|image)\)|/File\s+Photo\b|\bFILE\s+PHOTO\b")
_CAPTION_LINE = re.compile(r"(?m)^(?=" + _CAPTION_OPEN.pattern + r")")
_OPEN_WORDS = ("FILE", "File", "file")
_CREDIT_WORDS = ("File", "FILE")
CAPTION_CHARS = 600  # a caption is a short paragraph; a long one with a credit in it is a story's


def caption_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The paragraphs of ``text`` that are file-photo captions (see ``_CAPTION_OPEN``, ``_CAPTION_CREDIT``)."""
    out: list[tuple[int, int]] = []
    hits: set[int] = set()
    for word in _CREDIT_WORDS:  # str.find per word, then the credit pattern on a window: the pattern's
        i = text.find(word)      # alternation tried at every position costs ten times more
        while i >= 0:
            hits.add(i)
            i = text.find(word, i + 1)
    for i in sorted(hits):
        lo = max(0, i - 16)
        if not _CAPTION_CREDIT.search(text, lo, i + 40):
            continue
        start = text.rfind("\n", 0, i) + 1
        if out and out[-1][0] == start:
            continue
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        if end - start <= CAPTION_CHARS:
            out.append((start, end))
    if any(w in text for w in _OPEN_WORDS):
        for m in _CAPTION_LINE.finditer(text):  # the paragraphs a caption's words open
            pos = m.start()
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if end - pos <= CAPTION_CHARS and (pos, end) not in out:
                out.append((pos, end))
    return tuple(sorted(out))


# An update or posting stamp inside a story: "Update, 9:45 a.m. Sunday: A 17-year-old was arrested ...",
# "UPDATE @ 1:48 p.m. Jan. 9", "Update (8:20 p.m. Sunday)", "Last updated at 10:39 a.m. on Sunday, Nov. 27",
# "(Published Tuesday, Sep 16, 2014)". Its day is when the page changed, never the event's, and its clock
# time is no incident time ("shot at 9:45 a.m. Sunday" is). Only a label followed at once by a time or a
# day counts ("Updated police figures show ..." is a sentence); the stamp ends at its colon, its closing
# parenthesis, a dash or the line's end. These stamps do not set the reference day: the story's first
# publication line does (``read_header``).
_STAMP_LABEL = re.compile(r"(?<![\w])(?:UPDATED?|Updated?|Last\s+[Uu]pdated|POSTED|Posted|PUBLISHED|Published|"
                          r"(?:First|Originally)\s+[Pp]ublished)(?:\s+(?:on|at))?[\s,:@(]*(?=(?:on\s+)?(?:\d|"
                          + r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b))")
_STAMP_END = re.compile(r"\)|:(?!\d)|\n|\s[-–—]\s")
STAMP_CHARS = 80  # a stamp is a time and a day, not a sentence
_STAMP_WORDS = ("pdate", "PDATE", "osted", "OSTED", "ublished", "UBLISHED")


def stamp_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The update and posting stamps of ``text`` (``_STAMP_LABEL``), wherever they stand."""
    hits: set[int] = set()
    for word in _STAMP_WORDS:  # str.find first: the label pattern is tried only where its word is
        i = text.find(word)
        while i >= 0:
            hits.add(i)
            i = text.find(word, i + 1)
    out: list[tuple[int, int]] = []
    for i in sorted(hits):
        lo = max(0, i - 16)
        m = _STAMP_LABEL.search(text, lo, i + 40)
        if m is None or (out and m.start() < out[-1][1]):
            continue
        stop = _STAMP_END.search(text, m.end(), m.end() + STAMP_CHARS)
        out.append((m.start(), stop.start() if stop else min(len(text), m.end() + STAMP_CHARS)))
    return tuple(out)


def reference_date(text: str, published: date | None) -> date | None:
    """The day relative dates count from: the dateline's date (the day the story was filed), else
    the story's own publication line, else the publication date given. The story's own date wins
    over the one given with it because its "Tuesday" was written on that day, while a date given
    with a page is often when it was crawled or archived."""
    head = header_of(text, published)
    return head.dateline_date or head.published or published
