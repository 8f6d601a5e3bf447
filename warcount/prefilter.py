"""A cheap test on a raw document: is it worth cleaning and parsing?

Why: trafilatura extracts about 41 of the benchmark's pages a second on one
core and spaCy parses about 5,000 words a second, while most pages of a
news archive say nothing about casualties. A claim needs a casualty word
near a figure, so a page without any casualty cue (``killed``, ``wounded``,
``death toll``, ...) within ``window`` characters of a number (digits or a
number word) cannot hold one, and is skipped before extraction. A weak cue ("lost", "losses",
"missing", "seized": words that are casualties only with people) counts only with a number that can
be a headcount or a zero word near it, as the trigger engine needs (``Prefilter.evidence``): on the
dev HTML pages this keeps 81 of 181 instead of 86, losing none with a claim (``bench/prefilter.py``).

The test runs on the raw bytes or text: no HTML parsing, no NLP. For HTML it
drops ``<script>``/``<style>`` blocks and tags with two regex passes first
(attribute values and scripts are full of numbers and words like
``body``), which costs about 1 ms on a 170 KB page. It must err on the side of
keeping: a false keep costs one extraction, a false skip loses a claim.
``tests/test_prefilter.py`` checks that it keeps every dev document with a
gold claim and that its cues cover the extractor's triggers.

The cues and number words are data: ``warcount/lexicons/prefilter.json``.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

LEXICON = "prefilter.json"

_HTML_SNIFF = re.compile(rb"<(?:!doctype|html|head|body|div|p|meta|title|br|span|a)\b", re.I)
_SCRIPT_STYLE = re.compile(rb"<(script|style|noscript|svg)\b.*?</\1\s*>", re.S)  # what _drop_blocks does
_BLOCK_OPEN = re.compile(rb"<(script|style|noscript|svg)\b")
_CLOSE_TAIL = re.compile(rb"\s*>")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_TAG = re.compile(rb"<[^>]*>")


@dataclass(frozen=True)
class Prefilter:
    """Compiled cue and number patterns (bytes, lower case) and the window; ``weak`` the cue words
    that hold a claim only with a headcount or a zero (see ``evidence``), ``zero`` the zero words."""

    cue: re.Pattern[bytes]
    number: re.Pattern[bytes]
    window: int
    weak: frozenset[bytes] = frozenset()
    zero: re.Pattern[bytes] | None = None
    multi: re.Pattern[bytes] | None = None  # multiword triggers that begin with a weak cue ("lost his life")

    def keep(self, data: str | bytes, *, html: bool | None = None) -> bool:
        """True when the document has a casualty cue near a number."""
        return self.evidence(data, html=html) is not None

    def evidence(self, data: str | bytes, *, html: bool | None = None) -> str | None:
        """The first cue-near-number snippet (for logs and the benchmark), else None.

        A weak cue ("lost", "losses", "missing", "seized", "captured", "hurt": the casualty
        lexicon's ``weak_triggers``) counts only when its window also holds a zero word or a number
        that can be a headcount (``numbers.find_figures``' ``casualty_ok``: not a year, a time, a
        percentage, a price, an age): the trigger engine takes a weak trigger only with such a
        figure or a zero ("the loss of 17 advisers", "no soldiers were captured"), never with a
        single or named person (but for ``singles.weak_of_one_person``, left out of ``weak``), so a
        window without one ("shares lost 2% on Monday", "missing since 2016") cannot hold a claim.
        Strong cues keep the plain test: a single victim needs no headcount ("John Smith, 35, was
        shot dead"), and the number near it may be an age or a date."""
        cased = visible_bytes(data, html=html, lower=False)  # in its own case, for the figure reader
        text = cased.lower()  # the same offsets (``bytes.lower`` changes only ASCII letters)
        w = self.window
        for m in self.cue.finditer(text):
            start, end = max(0, m.start() - w), m.end() + w
            if not self.number.search(text, start, end):
                continue
            if self.weak and m.group() in self.weak and (
                    self.multi is None or self.multi.match(text, m.start()) is None):
                if (self.zero is None or self.zero.search(text, start, end) is None) and not _headcount(
                        cased, start, end):
                    continue
            return text[start:end].decode("utf-8", "replace")
        return None


#: characters read on each side of a weak cue's window by the figure reader, so that the words that
#: make a number a year, an age or an amount ("$", "%", "-year-old") are not cut off at its edges
_FIGURE_MARGIN = 40


def _headcount(cased: bytes, start: int, end: int) -> bool:
    """Does the window (with a margin) hold a number the trigger engine can take as a headcount?"""
    from .numbers import find_figures

    window = cased[max(0, start - _FIGURE_MARGIN):end + _FIGURE_MARGIN].decode("utf-8", "replace")
    return any(f.casualty_ok for f in find_figures(window))


def _word_alternation(words: list[str]) -> str:
    """Longest first, so 'death toll' wins over 'death'; spaces match any run of white space."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        w = w.strip().lower()
        if not w:
            continue
        star = w.endswith("*")
        body = r"\s+".join(re.escape(p) for p in w.rstrip("*").split())
        parts.append(body + (r"\w*" if star else ""))
    return "|".join(parts)


def compile_lexicon(lexicon: dict, engine: dict | None = None) -> Prefilter:
    """The pre-filter of a cue lexicon; with ``engine`` (the casualty lexicon, ``casualty.json``) its
    weak triggers need a headcount (``Prefilter.evidence``), except where one begins a multiword
    trigger ("lost his life", "taken prisoner" is no weak cue: "lost" is)."""
    weak: frozenset[bytes] = frozenset()
    zero = multi = None
    if engine is not None:
        from .singles import weak_of_one_person

        # weak triggers that one person alone makes a claim of ("X was jailed", "the journalist went
        # missing") need no headcount: they keep a page as strong cues do
        alone = weak_of_one_person(engine.get("triggers", {}))
        weak = frozenset(w.lower().encode() for w in engine.get("weak_triggers", [])
                         if w.lower() not in alone and " " not in w)
        zeros = engine.get("zero_words", [])
        zero = re.compile(rb"\b(?:" + _word_alternation(zeros).encode() + rb")\b") if zeros else None
        phrases = [w for ws in engine.get("multiword_triggers", {}).values() for w in ws
                   if w.split()[0].lower().encode() in weak]
        multi = re.compile(rb"(?:" + _word_alternation(phrases).encode() + rb")\b") if phrases else None
    cue = rb"\b(?:" + _word_alternation(lexicon["cues"]).encode() + rb")\b"
    number = rb"\b(?:\d|(?:" + _word_alternation(lexicon["numbers"]).encode() + rb")\b)"
    return Prefilter(re.compile(cue), re.compile(number), int(lexicon.get("window", 100)), weak, zero, multi)


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Prefilter:
    """The packaged lexicon (or the one at ``path``), compiled once per process."""
    from .lexicon import load as load_lexicon  # the casualty lexicon as the claim engine reads it, parsed once

    if path:
        data = json.loads(Path(path).read_text("utf-8"))
    else:
        data = json.loads(resources.files("warcount.lexicons").joinpath(LEXICON).read_text("utf-8"))
    return compile_lexicon(data, load_lexicon("casualty"))


def keep(data: str | bytes, *, html: bool | None = None) -> bool:
    """Module-level shortcut: the packaged prefilter's verdict."""
    return load().keep(data, html=html)


def keep_cleaned(text: str, title: str | None = None) -> bool:
    """The second check, on the cleaned body and title (the claim engine reads the title as a
    sentence) before any parse: does the story itself use a casualty word at all?

    Why: on the raw page a cue and a number may meet in the navigation, a "most read" list or a
    sidebar headline ("3 killed in ..."), which the body text no longer holds; a story with no
    casualty word can give neither a claim nor a mention of a person hurt, so the parse (the
    costliest stage after extraction) is skipped for it. No number is asked for here: the
    account counts people without one ("another man was critically injured", a named victim).
    The words are the pre-filter's cues and the hit verbs and wound nouns of the mentions
    lexicon (``casualty.json``), so the two cannot drift apart. On the dev pages it sends 66 of
    the 86 pages the raw check keeps on to the parse, and loses none with a claim or an event
    (``bench/prefilter.py``)."""
    cue = _body_cue()
    if cue.search(text.lower().encode("utf-8", "surrogatepass")) is not None or (
            bool(title) and cue.search(title.lower().encode("utf-8", "surrogatepass")) is not None):
        return True
    # violence reported without a casualty word ("police raided", "clashes broke out") still makes an
    # event: events.figureless_event reads the title and the lead, with these words
    from .events import FIGURELESS_LEAD, any_violence

    violence = any_violence()
    return violence.search(text[:FIGURELESS_LEAD]) is not None or (
        bool(title) and violence.search(title) is not None)


@lru_cache(maxsize=1)
def _body_cue() -> re.Pattern[bytes]:
    """The pre-filter's cues and the mentions lexicon's hit verbs and wound nouns, as whole words."""
    lexicons = resources.files("warcount.lexicons")
    cues = json.loads(lexicons.joinpath(LEXICON).read_text("utf-8"))["cues"]
    mentions = json.loads(lexicons.joinpath("casualty.json").read_text("utf-8")).get("mentions", {})
    words = cues + list(mentions.get("hit_verbs", [])) + list(mentions.get("wound_nouns", []))
    return re.compile(rb"\b(?:" + _word_alternation(words).encode() + rb")\b")


def visible_bytes(data: str | bytes, *, html: bool | None = None, lower: bool = True) -> bytes:
    """Lower-cased bytes with scripts, styles, comments and tags blanked out (HTML only).

    Bytes are used as they are (cue words are ASCII, so any ASCII-compatible
    encoding works); UTF-16 is recoded first, since its cue words would
    otherwise be invisible. ``lower=False``: the same text in its own case (the same blocks
    blanked, found on the lower-cased bytes: ``bytes.lower`` keeps every offset), so that each
    offset of one is the same character of the other.
    """
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
    else:
        raw = bytes(data)
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4096].count(b"\x00") > 64:
            raw = _recode_utf16(raw)
    low = raw.lower()
    if lower:
        raw = low
    if html is None:
        html = _HTML_SNIFF.search(low, 0, 4096) is not None
    if html:
        raw = _drop_blocks(raw, low)
        raw = _COMMENT.sub(b" ", raw)
        raw = _TAG.sub(b" ", raw)
    return raw


def _drop_blocks(raw: bytes, low: bytes | None = None) -> bytes:
    """``_SCRIPT_STYLE.sub(b" ", raw)``, the same spans, about five times as fast.

    Why: the regex's lazy ``.*?`` steps through a script one byte at a time, trying the closing
    tag at each; scripts are most of a page's bytes, and this pass was two thirds of the
    pre-filter's time, which every page of an archive pays. Here ``bytes.find`` jumps to each
    candidate closing tag. As in the regex, a block whose closing tag never comes is no match:
    the search goes on from the next byte after its ``<``. ``low``: the lower-cased ``raw`` (same
    offsets), searched in its place when ``raw`` keeps its case."""
    low = raw if low is None else low
    out: list[bytes] = []
    pos = 0  # copied up to here
    at = 0  # search from here
    find = low.find
    while True:
        m = _BLOCK_OPEN.search(low, at)
        if m is None:
            break
        close = b"</" + m.group(1)
        j = m.end()
        end = -1
        while True:
            i = find(close, j)
            if i < 0:
                break
            tail = _CLOSE_TAIL.match(low, i + len(close))
            if tail is not None:
                end = tail.end()
                break
            j = i + 1
        if end < 0:
            at = m.start() + 1
            continue
        out.append(raw[pos:m.start()])
        out.append(b" ")
        pos = at = end
    if not out:
        return raw
    out.append(raw[pos:])
    return b"".join(out)


def _recode_utf16(raw: bytes) -> bytes:
    for enc in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            return raw.decode(enc).encode("utf-8")
        except UnicodeDecodeError:
            continue
    return raw.replace(b"\x00", b"")
