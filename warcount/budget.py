"""Work limits: how much of one input the pipeline parses, and for how long.

Page text is untrusted, so every stage that could do more than linear work
on a crafted input is bounded here, and every limit has one name, one
default and one place where it can be changed (``warcount.toml`` or a flag,
through ``config.Options``). A refusal is a one-line ``InputError`` naming
the input and the limit; a batch reports it and goes on.

Limits (defaults in ``DEFAULTS``; each an ``Options`` field of the same name):

- ``doc_timeout``: seconds of work one document may take from cleaning to
  events (0: no limit), counted as CPU time of the thread doing it, so that
  the same document gets the same verdict on a quiet and on a loaded machine
  (on a machine shared by eight jobs, wall time ran 3-6 times the CPU time).
  Checked cooperatively between units of work that are each bounded by the
  limits below, so an overrun is noticed within one unit. One-time loading
  (the parser, the gazetteer, the HTML extractor) is not counted (``paused``).
- ``max_sentence_chars``: a sentence longer than this is cut into windows of
  at most this many characters (at a clause mark or a space when there is
  one), so the per-claim scans of a sentence (clause, attribution, place)
  cost at most a window, and each claim's ``sentence`` field stays bounded.
- ``max_punct_run``: a run of punctuation and symbols (no letter, digit or
  space) longer than this, a wall of brackets or dashes, is left out of the
  sentence windows: the tokenizer's prefix and suffix search is quadratic on
  such runs (4,000 "(" took 6 s; 1,000 took 0.27 s; 100 take under 5 ms).
- ``max_html_elements``: an HTML page with more elements than this (the dev
  pages have at most 1,600) is read by a linear block-tag extractor instead of
  trafilatura, whose cleaning is superlinear on floods (50,000 ``<p>`` took
  5.5 s, 200,000 67 s), with a note in the document's ``notes``.
- ``max_text_chars``: the body text read for claims is cut at a paragraph or
  word break before this many characters, with a note (2,000,000 characters is
  about 330,000 words, over 100 times the longest dev article; a 40 MB page of
  casualty paragraphs otherwise ran into ``doc_timeout`` and gave nothing).
- ``max_claims``: a document stops yielding claims after this many, with a
  note: past it, each further claim costs the same few milliseconds of
  attribution, scope and dating, so a crafted page (a 100 KB sentence of
  3,500 claims took 36 s) would spend the whole budget and give nothing.
  The dev corpus's most claims in one document is well under it.
"""
from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InputError

#: every work limit with its default (also the ``Options`` defaults)
DEFAULTS: dict[str, float | int] = {
    "doc_timeout": 10.0,
    "max_sentence_chars": 1_000,
    "max_punct_run": 100,
    "max_html_elements": 25_000,
    "max_text_chars": 2_000_000,
    "max_claims": 1_000,
}


def _clock() -> float:
    """CPU seconds of this thread: the work done, whatever else the machine is doing."""
    return time.thread_time()


class DocTimeout(InputError):
    """One document ran over ``doc_timeout``."""


@dataclass
class Deadline:
    """The time budget of the document being processed."""

    origin: str
    limit: float  # seconds; 0 or less: none
    start: float
    paused: bool = False

    def check(self) -> None:
        if self.limit > 0 and _clock() - self.start > self.limit:
            raise DocTimeout(self.origin, f"processing took over {self.limit:g} s of CPU time (doc_timeout); "
                                          "the document was skipped")


_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("warcount_deadline", default=None)
_LIMITS: contextvars.ContextVar[dict[str, float | int] | None] = contextvars.ContextVar("warcount_limits",
                                                                                         default=None)


@contextlib.contextmanager
def document(origin: str, options: object | None = None) -> Iterator[Deadline]:
    """Run one document under its budget: the stages call ``check()`` between units of work."""
    current = _CURRENT.get()
    if options is None and current is not None:  # an outer caller already set this document's budget
        yield current
        return
    limits = limits_of(options)
    deadline = Deadline(origin, float(limits["doc_timeout"] or 0), _clock())
    t1 = _CURRENT.set(deadline)
    t2 = _LIMITS.set(limits)
    try:
        yield deadline
    finally:
        _CURRENT.reset(t1)
        _LIMITS.reset(t2)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Time spent inside is not the document's: loading a model, a gazetteer or a library once
    per process takes seconds on a loaded machine and must not make a first document overrun."""
    d = _CURRENT.get()
    if d is None or d.paused:
        yield
        return
    d.paused = True
    t0 = _clock()
    try:
        yield
    finally:
        d.paused = False
        d.start += _clock() - t0


def check() -> None:
    """Raise ``DocTimeout`` when the current document is over its time budget (no-op outside one)."""
    d = _CURRENT.get()
    if d is not None:
        d.check()


def limits_of(options: object | None) -> dict[str, float | int]:
    """The limits from an ``Options`` (its fields of the same names), else the defaults."""
    return {k: getattr(options, k, v) if options is not None else v for k, v in DEFAULTS.items()}


def limit(name: str) -> float | int:
    """The current value of one limit: the document's options inside ``document()``, else the default."""
    current = _LIMITS.get()
    return (current or DEFAULTS)[name]


def cut_text(text: str) -> tuple[str, str | None]:
    """The text within ``max_text_chars`` (cut at the last paragraph break, else the last space,
    in the final tenth of the allowance) and the note that says so, or the text and ``None``."""
    max_chars = int(limit("max_text_chars"))
    if len(text) <= max_chars:
        return text, None
    floor = max_chars - max_chars // 10
    end = text.rfind("\n\n", floor, max_chars)
    if end < 0:
        end = text.rfind(" ", floor, max_chars)
    if end < 0:
        end = max_chars
    note = (f"the body text has {len(text):,} characters, over max_text_chars ({max_chars:,}): "
            f"claims are read from the first {end:,}")
    return text[:end], note


def claims_note(count: int) -> str | None:
    """The note for a document whose claims reached ``max_claims``, else ``None``."""
    max_claims = int(limit("max_claims"))
    if count < max_claims:
        return None
    return f"{max_claims:,} claims, the max_claims limit: the rest of the text was not read for claims"


# ---------------------------------------------------------------- sentence windows

def windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with every span over the current ``max_sentence_chars`` cut into windows,
    each ending at the last clause mark (``;``, ``,``, then before "and", "but", "while") or
    space of its second half when there is one (a window cut inside a wall of punctuation takes
    the whole wall, which ``without_runs`` then leaves out). On the dev corpus 15 of 54,441 sentences are
    over 1,000 characters (the longest real one 8,045, a list); they are cut at clause marks.
    Offsets stay offsets into ``text``, so evidence maps back as before."""
    max_chars = int(limit("max_sentence_chars"))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s <= max_chars:
            out.append((s, e))
        else:
            out.extend(_cut(text, s, e, max_chars))
    if len(out) != len(spans):
        import logging

        logging.getLogger(__name__).info("%d sentence spans cut to %d windows (max_sentence_chars %d)",
                                         len(spans), len(out), max_chars)
    return out


def without_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with every run of punctuation over ``max_punct_run`` left out (the text on
    either side stays, as spans of its own). Applied to the sentences chosen for parsing only:
    the scan costs about 30 ns a character, too much to spend on a whole 50 MB text."""
    max_run = int(limit("max_punct_run"))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s <= max_run:
            out.append((s, e))
        else:
            out.extend(_without_long_runs(text, s, e, max_run))
    return out


def _run_pattern(max_token: int):
    import re

    return _RUNS.setdefault(max_token, re.compile(r"(?<![^\w\s])[^\w\s]{%d,}" % (max_token + 1)))


_RUNS: dict[int, object] = {}


def _without_long_runs(text: str, s: int, e: int, max_token: int) -> list[tuple[int, int]]:
    pieces, start = [], s
    for m in _run_pattern(max_token).finditer(text, s, e):  # type: ignore[attr-defined]
        if m.start() > start:
            pieces.append((start, m.start()))
        start = m.end()
    if start == s:
        return [(s, e)]
    if e > start:
        pieces.append((start, e))
    return [strip_span(text, a, b) for a, b in pieces if text[a:b].strip()]


def _cut(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    out = []
    while e - s > max_chars:
        hard = s + max_chars
        half = s + max_chars // 2
        cut = -1
        for mark in ("; ", ", ", " and ", " but ", " while ", " "):
            cut = text.rfind(mark, half, hard)
            if cut >= 0:
                cut += 1 if mark[0] in ";," else 0
                break
        if cut <= s:
            cut = hard
            if _punct(text[cut - 1]) and _punct(text[cut]):
                # a hard cut inside a wall of punctuation: the window takes the rest of the wall, so
                # that no short stub of it sticks to the next word ("----three"); ``without_runs``
                # leaves the wall out if this window is parsed at all
                cut = _PUNCT_AT.match(text, cut, e).end()  # type: ignore[union-attr]
        out.append(strip_span(text, s, cut))
        s = cut
    out.append(strip_span(text, s, e))
    return [w for w in out if w[1] > w[0]]


_PUNCT_AT = __import__("re").compile(r"[^\w\s]*")


def _punct(ch: str) -> bool:
    return not (ch.isalnum() or ch.isspace() or ch == "_")


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """The span ``s..e`` of ``text`` without its leading and trailing whitespace."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
