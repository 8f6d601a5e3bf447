"""The records that travel between the stages (DESIGN.md, "Records").

Every record is a dataclass with ``as_dict()``; field names are the same in
the CLI's JSON, the API, the exports and the gold files. Parsed values keep
the raw text beside them (``Figure.text``, ``Claim.evidence``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

KINDS = ("killed", "wounded", "captured", "executed", "missing", "arrested")
STATUSES = ("stated", "reported", "claimed", "acknowledged", "denied", "unconfirmed")
SCOPES = ("incident", "cumulative")
SOURCE_KINDS = ("outlet", "official", "party", "monitor", "person", "footage", "unattributed")  # monitor: NGO or monitor
# the side model (sides.py): civilians, state forces, non-state armed groups, this event's attackers, unknown
SIDES = ("civilians", "state-forces", "armed-groups", "attackers", "unknown")
PRECISIONS = ("day", "month", "year")


def content_hash(data: str | bytes) -> str:
    """sha256 hex digest of the content (text is hashed as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


class Record:
    """Mixin: ``as_dict()`` that recurses into nested records."""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Figure(Record):
    """A number as written: ``low``..``high`` (``high=None`` is open-ended)."""

    low: int
    high: int | None
    text: str

    @property
    def exact(self) -> bool:
        return self.high is not None and self.low == self.high

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Figure":
        return cls(int(d["low"]), None if d.get("high") is None else int(d["high"]), d.get("text", ""))


@dataclass
class Document(Record):
    """One input as read: raw content, where it came from, a content hash."""

    id: str  # sha256 of the raw content
    origin: str  # path, URL, "-", "file.jsonl:LINE", "file.warc:OFFSET"
    raw: str  # decoded raw content (HTML or text)
    content_type: str  # "html" or "text"
    encoding: str | None = None  # encoding assumed when decoding bytes
    url: str | None = None
    published: str | None = None  # ISO date given with the input, if any
    title: str | None = None
    record_id: str | None = None  # the "id" of a JSONL record
    notes: list[str] = field(default_factory=list)  # what reading assumed


@dataclass
class Cleaned(Record):
    """A document's body text without page furniture, plus its metadata.

    ``spans`` maps cleaned text back to raw text: a list of
    ``(clean_start, raw_start, length)`` segments, sorted by clean_start.
    """

    text: str
    title: str | None = None
    author: str | None = None
    byline_conflict: str | None = None
    published: str | None = None  # ISO date
    published_source: str | None = None  # "input", "page", "inferred-lower-bound"
    site: str | None = None
    url: str | None = None
    removed: list[str] = field(default_factory=list)  # furniture removed, one line each
    spans: list[tuple[int, int, int]] = field(default_factory=list)

    def defer_spans(self, pending: list[tuple[int, str]], aligner) -> None:
        """Paragraphs ``(clean_start, text)`` to map only when a span points into them:
        ``aligner(text, clean_start)`` returns their spans (not a field: never serialised)."""
        self.__dict__["_pending"] = sorted(pending)
        self.__dict__["_aligner"] = aligner

    def _resolve(self, start: int, end: int) -> None:
        pending = self.__dict__.get("_pending")
        if not pending:
            return
        keep, added = [], []
        for cs, text in pending:
            if cs <= end and start <= cs + len(text):
                added.extend(self.__dict__["_aligner"](text, cs))
            else:
                keep.append((cs, text))
        if added:
            self.spans = sorted(self.spans + added)
        self.__dict__["_pending"] = keep

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a cleaned span to the raw region it came from, or None when it cannot be placed.

        ``spans`` hold only characters that stand verbatim in the raw text; a span edge on a
        character that does not (an entity, markup the extractor rewrote) snaps outward to the
        nearest mapped neighbour within a few characters, so the raw region covers it."""
        self._resolve(start - SNAP, end + SNAP)
        found = self._map(start, end)
        aligner = self.__dict__.get("_aligner")
        if aligner is None or end <= start:
            return found
        want = self.text[start:end]
        if found is not None and aligner.holds(found, want):
            return found
        # the paragraph as a whole did not align (the extractor joined or rewrote it):
        # align just this span's words, and keep the result only if the page agrees
        extra = aligner(want, start)
        if extra:
            outside = [s for s in self.spans if s[0] + s[2] <= start or s[0] >= end]
            self.spans = sorted(outside + extra)
            found = self._map(start, end)
            if found is not None and aligner.holds(found, want):
                return found
        return None

    def _map(self, start: int, end: int) -> tuple[int, int] | None:
        cached = self.__dict__.get("_keys")
        if cached is None or cached[0] is not self.spans:  # spans are replaced, never edited in place
            cached = (self.spans, [s[0] for s in self.spans])
            self.__dict__["_keys"] = cached
        rs = _map_point(self.spans, start, end=False, keys=cached[1])
        re_ = _map_point(self.spans, end, end=True, keys=cached[1])
        if rs is None or re_ is None or re_ < rs:
            return None
        return rs, re_


SNAP = 16  # how far (cleaned characters) a span edge may snap to the nearest mapped character


def _map_point(spans: list[tuple[int, int, int]], pos: int, *, end: bool, keys: list[int] | None = None
               ) -> int | None:
    """The raw offset of one cleaned offset; ``keys`` (each span's clean start) when the caller has
    them: building them per call made mapping a page's evidence quadratic in its paragraphs."""
    import bisect

    if not spans:
        return None
    if keys is None:
        keys = [s[0] for s in spans]
    i = bisect.bisect_right(keys, pos) - 1
    if end:
        # an end offset may sit exactly at the end of a segment
        j = bisect.bisect_left(keys, pos) - 1
        for k in (j, i):
            if 0 <= k < len(spans):
                cs, rs, ln = spans[k]
                if cs < pos <= cs + ln:
                    return rs + (pos - cs)
        nxt = i + 1  # snap forward: the raw start of the next mapped character
        if 0 <= nxt < len(spans) and spans[nxt][0] - pos <= SNAP:
            return spans[nxt][1]
        return None
    if i >= 0:
        cs, rs, ln = spans[i]
        if cs <= pos < cs + ln:
            return rs + (pos - cs)
        if pos - (cs + ln) <= SNAP:  # snap back: the raw end of the previous mapped character
            return rs + ln
    return None


@dataclass(frozen=True)
class EventDate(Record):
    """A date with its precision ("day", "month", "year") and the words behind it."""

    value: str  # ISO "2016-05-06" (month/year precision: first day)
    precision: str
    text: str = ""


@dataclass(frozen=True)
class Source(Record):
    name: str
    kind: str = "unattributed"  # SOURCE_KINDS
    description: str | None = None


UNATTRIBUTED = Source("unattributed", "unattributed", None)


@dataclass
class Place(Record):
    name: str
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # "point", "admin1", "country", "relative", "unknown"
    relation: str | None = None  # "southwest of Aleppo"


@dataclass
class Claim(Record):
    """One casualty figure, who gives it, how sure, and the sentence that says so."""

    id: str
    kind: str
    figure: Figure
    victim: str
    source: Source
    status: str
    scope: str = "incident"
    victim_side: str | None = None
    event_date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    evidence: str = ""
    evidence_start: int = -1  # offsets into the raw document
    evidence_end: int = -1
    sentence: str = ""
    part_of: str | None = None  # id of the larger claim this figure is inside
    sum_of: list[str] = field(default_factory=list)  # ids of parts this total adds up
    perpetrator: bool = False  # the count is of attackers
    event_id: str | None = None
    document_id: str | None = None

    @property
    def low(self) -> int:
        return self.figure.low

    @property
    def high(self) -> int | None:
        return self.figure.high


@dataclass
class Estimate(Record):
    low: int | None
    best: int | None
    high: int | None
    claims: list[str] = field(default_factory=list)  # ids behind the figures
    low_claims: list[str] = field(default_factory=list)
    best_claims: list[str] = field(default_factory=list)
    high_claims: list[str] = field(default_factory=list)
    rule: str = ""  # how best was chosen
    high_open: bool = False  # high is the low bound of an open range ("at least 24")
    denied: list[str] = field(default_factory=list)  # denials: flagged, never counted
    mentions: list[str] = field(default_factory=list)  # victim mentions behind an account's figure (account.py)


@dataclass
class Event(Record):
    id: str
    type: str = "unknown"
    date: str | None = None
    date_precision: str | None = None
    place: Place | None = None
    actors: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)  # claim ids
    # kind -> side -> Estimate; side "all" sums the sides
    casualties: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    summary: str = ""
    account: Any = None  # the document's account of the main event (account.Account), None elsewhere
    # the text reports the happening (an arrest, a raid, clashes, a protest) but gives no casualty figure:
    # ACLED's event with fatalities 0. Such an event has no claims and never adds to an estimate.
    without_figure: bool = False


@dataclass
class Report(Record):
    """What ``warcount.extract`` returns: the document, its claims, its events."""

    document: dict[str, Any]
    claims: list[Claim]
    events: list[Event]
    cleaned: Cleaned | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "claims": [c.as_dict() for c in self.claims],
            "events": [e.as_dict() for e in self.events],
        }
