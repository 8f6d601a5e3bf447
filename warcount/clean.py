"""Stage 2, clean: ``Document`` -> ``Cleaned`` body text without page furniture, plus metadata.

HTML goes through trafilatura (body text, title, author, date, site, URL).
Scraped plain text goes through line rules whose patterns are data
(``lexicons/furniture.json``): menus, navigation, share bars, comment forms,
blocks repeated verbatim (a caption saved three times), an author box after
the story; a byline becomes the author and the first headline-like line the
title.

The cleaned text is the kept paragraphs joined by a blank line, each an
exact copy of a raw substring, so ``Cleaned.spans`` maps every character
back to the raw text (the gold offsets index the raw file). For HTML the map
is best effort: a paragraph is mapped when it occurs verbatim in the markup.

An HTML page in which trafilatura finds no article text raises
``InputError("no article text found in the HTML")``: the ``clean`` command
and the batch readers report it as a bad input in one line rather than print
an empty document. Plain text never raises here (``read`` refused empty text).

Dates: ``published`` is the date given with the input (``published_source``
"input"), else the page's own date from its metadata ("page"), else a
publication line or the dateline in the text ("publication line",
"dateline", see ``datelines.py``); a lower bound inferred from the dates in
the text is left to the dates module.
"""
from __future__ import annotations

import bisect
import functools
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from dataclasses import dataclass, field
from importlib import resources

from .errors import InputError
from .model import Cleaned, Document

log = logging.getLogger(__name__)

#: trafilatura settings chosen by measurement on the 181 dev HTML pages (``warcount eval --only body``,
#: mean token F1): defaults 0.948; without comments 0.959; without comments and favouring precision
#: 0.965; that with a fallback to the no-comments default extraction when the precise text is under
#: half as long (precision mode sometimes drops most of a story) 0.966. Furniture line rules on
#: top of trafilatura's text did not help (0.9664 either way: they remove copyright lines the gold
#: keeps), so HTML text is left as trafilatura gives it, except that a first paragraph equal to the
#: title goes (the headline is metadata): 0.968; with both extractions in fast mode (below) 0.9668, the
#: figure ``warcount eval --only body`` reports. Resiliparse's main-content extraction, 7 times faster,
#: scores 0.9148 (``bench/extract_compare.py``): not used.
TRAFILATURA_OPTIONS = {"include_comments": False, "favor_precision": True, "fast": True}  # fast: no second-opinion extractors (F1 0.9710 -> 0.9675, a quarter faster)
FALLBACK_OPTIONS = {"include_comments": False, "fast": True}  # fast here too: the slow fallback's second-opinion
# extractors (readability, jusText) cost twice as much on the 36 pages that take it and lifted the F1 only from
# 0.9668 to 0.9677 (``warcount eval --only body``; issue 15 allows 0.005 for speed)
FALLBACK_BELOW = 0.5  # use the fallback text when the precise one is shorter than this share of it
FALLBACK_WHEN_SHORTER = 800  # ...and only try the fallback when the precise text is this short (characters):
# a second extraction costs as much as the first, and it rescues a precise text that lost nearly all of the story,
# not one that kept a few paragraphs: on the 181 dev pages 36 precise texts were under 1,500 characters, the
# fallback replaced 5 of them, all under 340 characters (0, 120, 121, 260, 339; the fallbacks 2,563 to 8,733), and
# the 21 runs between 800 and 1,500 changed nothing while costing a quarter of a second of the 181 pages'
# extraction (``bench/extract_compare.py --processes``); 800 keeps more than twice the largest rescued length


MAX_RESCANS = 200  # paragraphs per page searched again from the top when not found after the previous one


def clean(doc: Document) -> Cleaned:
    """Body text and metadata of a document; HTML through trafilatura, text through the line rules."""
    if doc.content_type == "html":
        return clean_html(doc)
    return clean_text(doc)


# --------------------------------------------------------------------- HTML

def clean_html(doc: Document) -> Cleaned:
    """trafilatura's body text (paragraphs kept), title, author, date, site and URL.

    The page is parsed once: its metadata (``pagemeta.py``, only the fields warcount uses) and
    both extractions read the same tree. A page with more elements than ``max_html_elements``
    (a flood of ``<p>x</p>``, or a huge real page) goes to ``_clean_flood`` instead:
    trafilatura's cleaning is superlinear in the number of elements (50,000 took 5.5 s,
    200,000 67 s) and could not be interrupted."""
    from . import budget

    with budget.paused():  # the first import takes a second or more
        import trafilatura

    from .pagemeta import page_meta

    elements = _element_count(doc.raw)
    if elements > int(budget.limit("max_html_elements")):
        return _clean_flood(doc, elements)
    page = _without_huge_scripts(doc.raw)

    try:
        tree = load_tree(page)
        if tree is None:
            raise InputError(doc.origin, "no article text found in the HTML")
        meta = page_meta(tree, doc.url, want_date=not doc.published)
        drop_furniture(tree, page)  # the metadata is read: what the precise extraction deletes goes first
        result = trafilatura.bare_extraction(tree, url=doc.url, **TRAFILATURA_OPTIONS)
        body = (getattr(result, "text", None) or "") if result is not None else ""
        fallback, fallback_body = None, ""
        if len(body) < FALLBACK_WHEN_SHORTER:
            whole = load_tree(page)  # the default extraction reads the page whole (its baseline, its recall retry)
            if whole is not None:
                fallback = trafilatura.bare_extraction(whole, url=doc.url, **FALLBACK_OPTIONS)
                fallback_body = (getattr(fallback, "text", None) or "") if fallback is not None else ""
    except InputError:
        raise
    except Exception as exc:  # lxml and htmldate assert on some malformed trees: a bad page, not our crash
        log.debug("%s: HTML extraction failed", doc.origin, exc_info=True)
        raise InputError(doc.origin, f"the HTML could not be parsed ({type(exc).__name__})") from None
    if len(body) < FALLBACK_BELOW * len(fallback_body):
        log.debug("%s: precise extraction kept %d of %d characters; using the fuller one",
                  doc.origin, len(body), len(fallback_body))
        body = fallback_body
    if result is None:
        result = fallback
    if result is None:
        raise InputError(doc.origin, "no article text found in the HTML")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if all(_is_furniture_line(p) for p in paragraphs):
        raise InputError(doc.origin, "no article text found in the HTML")
    removed = []
    title = doc.title or _none_if_blank(meta.title)
    if title and len(paragraphs) > 1 and _norm(paragraphs[0]) == _norm(title):
        # the headline is metadata, not body (this alone lifts the dev F1 from 0.966 to 0.968)
        removed.append(f"title line: {_short(paragraphs.pop(0))} (the title)")
    text, spans, pending = _join_mapped(paragraphs, doc.raw)
    published, source = _published(doc, meta.date, text)
    cleaned = Cleaned(
        text=text,
        title=title,
        author=_none_if_blank(meta.author),
        published=published,
        published_source=source,
        site=_none_if_blank(meta.sitename),
        url=doc.url or _none_if_blank(meta.url),
        removed=removed,
        spans=spans,
    )
    if pending:
        cleaned.defer_spans(pending, _Aligner(doc.raw))
    return cleaned


def load_tree(page: str):
    """The page as an lxml tree, as ``trafilatura.utils.load_html`` builds it (same decoding, repairs and
    rejection of a page that is not HTML) but through a parser whose element classes are chosen in C.

    Why: lxml.html's parser asks a Python method for the class of every element proxy it creates
    (``HtmlElementClassLookup.lookup``, only to give form elements their own classes, which trafilatura
    never uses); trafilatura walks each tree several times, so that method was called about 2,400
    times per page, 6 % of the CPU of a kept page (``bench/profile_cpu.py``). Every element is an
    ``HtmlElement`` here, and trafilatura's output is the same on all 181 dev pages."""
    from lxml.html import fromstring
    from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

    parser = _html_parser()
    page = decode_file(page)
    beginning = page[:50].lower()
    dubious = is_dubious_html(beginning)
    page = repair_faulty_html(page, beginning)
    tree, as_bytes = None, False
    try:
        tree = fromstring(page, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        as_bytes = True
    except Exception:  # lxml gives up on the text: the bytes get a second try, as in load_html
        log.debug("lxml could not parse the page as text", exc_info=True)
    if as_bytes or tree is None or len(tree) < 1:
        try:
            tree = fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
        except Exception:
            log.debug("lxml could not parse the page as bytes", exc_info=True)
            return None
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


#: Elements trafilatura's precise extraction deletes whole, with everything in them (its
#: ``MANUALLY_CLEANED``), that nothing before that deletion reads in precision mode: styles, scripts
#: (but not the JSON-LD, where it looks for a forum page), embedded frames and media, form controls,
#: navigation, footers and asides. ``drop_furniture`` deletes them before trafilatura runs, so
#: trafilatura's XPath pruning passes (a fifth of a kept page's CPU) walk a smaller tree: on the
#: 181 dev pages the precise extraction took 18 % less CPU and gave the same text on every page.
PRECISE_DROP = ("style", "noscript", "svg", "link", "iframe", "embed", "object", "canvas", "button", "select",
                "input", "textarea", "menu", "nav", "footer", "aside")
#: ...except that trafilatura keeps an infinite-scroll container that holds an ``h1`` (the real
#: article among appended ones): on a page that names one, navigation, footers and asides stay
#: for trafilatura to judge, since one of them may hold that ``h1``. (Its test is case-sensitive, and a
#: substring test is a C scan, where a case-blind regular expression cost 6 ms on a large page.)
_SCROLL_MARKS = ("infinite", "mvp-post-add")


def drop_furniture(tree, page: str) -> None:
    """Delete from ``tree`` (in place) the ``PRECISE_DROP`` elements and the non-JSON-LD scripts,
    each one's tail text kept where it was, as trafilatura's own deletion does; only those of its
    ``MANUALLY_CLEANED`` list, so a trafilatura that stops deleting one keeps it here too.

    Only for the precise extraction: the default one (``FALLBACK_OPTIONS``) measures and rescues
    from the whole page, so it gets a tree of its own."""
    from lxml import etree
    from trafilatura.settings import MANUALLY_CLEANED
    from trafilatura.xml import delete_element

    drop = [t for t in PRECISE_DROP if t in MANUALLY_CLEANED]
    if any(mark in page for mark in _SCROLL_MARKS):
        drop = [t for t in drop if t not in ("nav", "footer", "aside")]
    if "script" in MANUALLY_CLEANED:
        for el in list(tree.iter("script")):
            if (el.get("type") or "").strip().lower() != "application/ld+json":
                delete_element(el)
    if drop:
        etree.strip_elements(tree, *drop, with_tail=False)


@functools.lru_cache(maxsize=1)
def _html_parser():
    """trafilatura's parser settings with a C-level element class lookup (see ``load_tree``)."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


HUGE_SCRIPT = 100_000  # characters: a script or style block this big is data, not page metadata


def _without_huge_scripts(raw: str) -> str:
    """The page with the bodies of huge script and style blocks emptied: lxml refuses a text
    node over 10 MB (the page then has "no article text") and they hold no text to read. Small
    ones (JSON-LD metadata) stay. Offsets are unaffected: paragraphs are mapped onto ``doc.raw``."""
    if len(raw) < HUGE_SCRIPT:
        return raw
    if not raw.isascii() and any(ch in raw for ch in _FOLDS_TO_ASCII):
        return _SCRIPT.sub(lambda m: m.group(0) if len(m.group(0)) < HUGE_SCRIPT else f"<{m.group(1)}></{m.group(1)}>",
                           raw)
    # The same blocks as ``_SCRIPT`` finds, by searches for the opening tag and then for its own
    # closing tag (each letter a two-case class): the case-blind lazy ``.*?`` tried the closing tag
    # at every character of every block, 1.6 ms a page to change 24 of the 181 dev pages.
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()  # no closing tag after some opening: none after a later one either
    for m in _BLOCK_OPEN.finditer(raw):
        kind = m.group(1)[1].lower()  # "c" script, "t" style
        if m.start() < pos or kind in unclosed:
            continue  # inside a block already kept whole, or never closed
        close = _BLOCK_CLOSE[kind].search(raw, m.end())
        if close is None:
            unclosed.add(kind)  # (the regular expression searched to the end for each one)
            continue
        if close.end() - m.start() >= HUGE_SCRIPT:
            name = raw[m.start() + 1:m.end()]
            out.append(raw[pos:m.start()])
            out.append(f"<{name}></{name}>")
        else:
            out.append(raw[pos:close.end()])
        pos = close.end()
    if not out:
        return raw
    out.append(raw[pos:])
    return "".join(out)


def _two_case(word: str) -> str:
    return "".join(f"[{ch}{ch.upper()}]" for ch in word)


_BLOCK_OPEN = re.compile(rf"<({_two_case('script')}|{_two_case('style')})\b")
_BLOCK_CLOSE = {name[1]: re.compile(rf"</{_two_case(name)}\s*>") for name in ("script", "style")}
#: characters a case-blind match of "script" or "style" takes for an ASCII letter (the long s, the
#: Kelvin sign, dotless and dotted i): a page holding one takes the regular expression itself
_FOLDS_TO_ASCII = ("\u017f", "\u212a", "\u0131", "\u0130")


def _element_count(raw: str) -> int:
    """About how many elements a page has (opening tags), counted in C without parsing."""
    return raw.count("<") - raw.count("</") - raw.count("<!")


_FLOOD_DROP = re.compile(r"<(script|style|noscript|template|svg|nav|header|footer|aside|form|select)\b[^>]*>.*?"
                         r"</\1\s*>|<!--.*?-->", re.S | re.I)
_FLOOD_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|hr|tr|td|th|table|blockquote|pre|article|section|main|"
                          r"body|html|head|title|dd|dt|dl|figure|figcaption|center)\b[^>]*>", re.I)
_FLOOD_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)


def _clean_flood(doc: Document, elements: int) -> Cleaned:
    """Linear block-tag extraction for a page over ``max_html_elements``: scripts, styles,
    navigation, headers, footers and comments dropped, block tags as paragraph breaks,
    inline tags removed, entities decoded. Coarser than trafilatura, so a note says so."""
    import html as _html

    from . import budget

    limit = int(budget.limit("max_html_elements"))
    raw = doc.raw
    m = _FLOOD_TITLE.search(raw, 0, 1 << 20)
    page_title = _none_if_blank(" ".join(_html.unescape(_TAG.sub("", m.group(1))).split())) if m else None
    body = _FLOOD_DROP.sub(" ", raw)
    if m:
        body = body.replace(m.group(0), " ", 1)
    paragraphs = []
    room = int(budget.limit("max_text_chars"))  # past it the text is cut anyway (pipeline, budget.cut_text)
    furniture: dict[str, bool] = {}  # a flood repeats its lines: each distinct one is tested once
    for piece in _between(_FLOOD_BLOCK, body):
        if "<" in piece or "&" in piece:
            piece = _html.unescape(_TAG.sub("", piece))
        text = " ".join(piece.split())
        if not text:
            continue
        known = furniture.get(text)
        if known is None:
            known = furniture[text] = _is_furniture_line(text)
        if not known:
            paragraphs.append(text)
            room -= len(text) + 2
            if room < 0:
                break
    if not paragraphs:
        raise InputError(doc.origin, f"no article text found in the HTML (about {elements:,} elements, over "
                                     f"max_html_elements {limit:,}, read with the simple extractor)")
    note = (f"about {elements:,} HTML elements, over max_html_elements ({limit:,}): read with the simple "
            "block-tag extractor, not trafilatura")
    doc.notes.append(note)
    title = doc.title or page_title
    text, spans, pending = _join_mapped(paragraphs, raw)
    published, source = _published(doc, None)
    cleaned = Cleaned(text=text, title=title, published=published, published_source=source, url=doc.url,
                      removed=[note], spans=spans)
    if pending:
        cleaned.defer_spans(pending, _Aligner(raw))
    return cleaned


def _between(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """``pattern.split(text)`` as it goes: a reader that stops early does not pay for the rest."""
    pos = 0
    for m in pattern.finditer(text):
        yield text[pos:m.start()]
        pos = m.end()
    yield text[pos:]


def _is_furniture_line(text: str) -> bool:
    """A line the furniture lexicon knows (a page whose body is only such lines has no article)."""
    r = rules()
    return len(text) <= r.max_line_chars and any(p.fullmatch(text) for p in r.line.values())


def _join_mapped(paragraphs: list[str], raw: str
                 ) -> tuple[str, list[tuple[int, int, int]], list[tuple[int, str]]]:
    """Join paragraphs with blank lines; map each one found verbatim in ``raw`` (searching
    forward first). The others are returned as pending ``(clean_start, paragraph)``: aligning
    them through the page's visible text costs more than extraction itself, so it is done only
    for a paragraph a claim points into (``Cleaned.to_raw``)."""
    spans: list[tuple[int, int, int]] = []
    pending: list[tuple[int, str]] = []
    pos = 0
    cursor = 0
    rescans = 0  # searches of the whole page, each linear: bounded, or a flood of unmapped lines is quadratic
    for p in paragraphs:
        rs = raw.find(p, cursor)
        if rs < 0 and rescans < MAX_RESCANS:
            rescans += 1
            rs = raw.find(p)
        if rs >= 0:
            spans.append((pos, rs, len(p)))
            cursor = rs + len(p)
        else:
            pending.append((pos, p))
        pos += len(p) + 2
    return "\n\n".join(paragraphs), spans, pending


def visible_words(text: str, *, markup: bool = True) -> str:
    """Text as a reader sees it, for comparing spans: with ``markup``, scripts, styles and tags
    dropped and entities decoded; always without white space or zero-width marks."""
    import html as _html

    if markup:
        text = _html.unescape(_TAG.sub("", _SCRIPT.sub("", text)))
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


class _Aligner:
    """Aligns a pending paragraph with the raw page on demand; the visible text is built once."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.visible: _Visible | None = None

    def holds(self, region: tuple[int, int], text: str) -> bool:
        """Does the raw region, read as a page, say ``text`` (tags dropped, entities decoded,
        white space and zero-width marks ignored)?"""
        return visible_words(self.raw[region[0]:region[1]]) == visible_words(text, markup=False)

    def __call__(self, paragraph: str, clean_pos: int) -> list[tuple[int, int, int]]:
        if self.visible is None:
            self.visible = _Visible(self.raw)
        self.visible.cursor = 0
        spans = self.visible.align(paragraph, clean_pos)
        if spans:
            return spans
        # the extractor joined cells or lines with markers of its own ("a | b"): align the pieces
        for m in re.finditer(r"[^|]+", paragraph):
            piece = m.group(0)
            if len(piece.split()) >= 2:
                spans.extend(self.visible.align(piece, clean_pos + m.start()))
        return spans


class _Visible:
    """The visible characters of an HTML page, each with its offset in the raw page.

    White space is kept as written (``align`` steps over it), so a run of text between two tags
    goes in whole: a page costs one step per tag or entity, not one per word (building this was
    the costliest part of warcount's own cleaning, ``bench/profile_cpu.py``)."""

    _TOKEN = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w{1,32};|"
                        r"[^<&]+|[<&]", re.S | re.I)

    def __init__(self, raw: str) -> None:
        import html as _html

        chars: list[str] = []
        starts: list[int] = []  # where each piece begins in the visible text
        raws: list[int] = []  # ...and in the raw page
        steps: list[int] = []  # 1: the piece is copied character by character; 0: decoded (an entity)
        at = 0

        def piece(text: str, raw_at: int, step: int) -> None:
            nonlocal at
            chars.append(text)
            starts.append(at)
            raws.append(raw_at)
            steps.append(step)
            at += len(text)

        for m in self._TOKEN.finditer(raw):
            tok = m.group(0)
            first = tok[0]
            if first == "<" and len(tok) > 1:
                continue  # inline tags join words ("<b>killed</b>."); the search allows space between words
            if first == "&" and len(tok) > 1:
                text = _html.unescape(tok)
                if text:
                    piece(text, m.start(), 0)
                continue
            if tok.isascii() or not _has_format_mark(tok):
                piece(tok, m.start(), 1)
                continue
            run = m.start()  # zero-width joiners and marks (extractors drop them) split the run
            for k, ch in enumerate(tok):
                if unicodedata.category(ch) == "Cf":
                    if m.start() + k > run:
                        piece(tok[run - m.start():k], run, 1)
                    run = m.start() + k + 1
            if m.end() > run:
                piece(tok[run - m.start():], run, 1)
        self.text = "".join(chars)
        self._starts, self._raws, self._steps = starts, raws, steps
        self.raw = raw
        self.cursor = 0

    def where(self, k: int) -> int:
        """The raw offset of visible character ``k`` (a decoded entity's characters all give its
        ``&``). Kept as one entry per piece, not per character: a page's map was a list of some
        hundred thousand offsets, built for the few paragraphs a claim points into."""
        i = bisect.bisect_right(self._starts, k) - 1
        return self._raws[i] + self._steps[i] * (k - self._starts[i])

    def align(self, paragraph: str, clean_pos: int) -> list[tuple[int, int, int]]:
        """Spans ``(clean_start, raw_start, length)`` for a paragraph found in the visible text."""
        words = ["".join(ch for ch in w if unicodedata.category(ch) != "Cf") for w in paragraph.split()]
        words = [w for w in words if w]
        if not words:
            return []
        pattern = re.compile(r"\s*".join(re.escape(w) for w in words))
        m = pattern.search(self.text, self.cursor) or pattern.search(self.text)
        if not m:
            return []
        self.cursor = m.end()
        spans: list[tuple[int, int, int]] = []
        text, end = self.text, m.end()
        vi = m.start()
        for ci, ch in enumerate(paragraph):
            if ch.isspace() or unicodedata.category(ch) == "Cf":
                continue
            k = vi
            while k < end and text[k].isspace():
                k += 1
            limit = min(end, k + 8)
            while k < limit and text[k] != ch:
                k += 1
            if k >= limit:
                continue  # a character the extractor changed: left unmapped, the edges snap over it
            vi = k + 1
            raw_at = self.where(k)
            if self.raw[raw_at] != ch:
                continue  # decoded from an entity: not verbatim in the raw text
            last = spans[-1] if spans else None
            if last and last[0] + last[2] == clean_pos + ci and last[1] + last[2] == raw_at:
                spans[-1] = (last[0], last[1], last[2] + 1)
            else:
                spans.append((clean_pos + ci, raw_at, 1))
        return spans


@functools.lru_cache(maxsize=4096)
def _is_format_mark(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def _has_format_mark(text: str) -> bool:
    """Does the text hold a zero-width mark (category Cf)? Each distinct character is asked once."""
    return any(_is_format_mark(ch) for ch in set(text) if ch > "\x7f")


def _published(doc: Document, page_date: str | None, text: str = "") -> tuple[str | None, str | None]:
    """The publication date and where it came from, in this order: the date given with the input
    ("input": the user said so explicitly), the page's metadata through htmldate ("page"), a
    publication line in the text ("publication line": "Posted: Tuesday, January 28, 2014",
    "Published ...", "Updated ..."), the dateline's date ("dateline": "DAMASCUS, March 14 (Reuters) -")."""
    if doc.published:
        return doc.published, "input"
    if page_date:
        return page_date, "page"
    if text:
        from .datelines import read_header

        try:
            head = read_header(text)
        except Exception:  # pragma: no cover - a date must never cost the document
            log.exception("%s: publication line scan failed", doc.origin)
            return None, None
        if head.published is None and doc.content_type != "html" and doc.raw is not text:
            head = read_header(doc.raw)  # the line rules may have taken the publication line as the title
        if head.published is not None:
            return head.published.isoformat(), head.published_kind
    return None, None


def _none_if_blank(v: str | None) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


# ----------------------------------------------------------------- plain text

@dataclass(frozen=True)
class Rules:
    """The compiled furniture lexicon."""

    line: dict[str, re.Pattern[str]]
    tail_start: re.Pattern[str]
    byline: list[re.Pattern[str]]
    author_bio: re.Pattern[str]
    max_line_chars: int
    repeat_min_words: int
    story_min_words: int
    title_max_words: int
    tail_min_story_share: float


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    """Load ``lexicons/furniture.json`` once."""
    data = json.loads(resources.files("warcount").joinpath("lexicons/furniture.json").read_text("utf-8"))
    name = data["name"]
    roles = "|".join(data["author_roles"])

    def alt(patterns: list[str], flags: int = re.I) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)

    return Rules(
        line={cat: alt(pats) for cat, pats in data["line"].items()},
        tail_start=alt(data["tail_start"]),
        byline=[re.compile(p.replace("{NAME}", name)) for p in data["byline"]],
        author_bio=re.compile(data["author_bio"].replace("{NAME}", name).replace("{ROLES}", roles)),
        max_line_chars=data["max_line_chars"],
        repeat_min_words=data["repeat_min_words"],
        story_min_words=data["story_min_words"],
        title_max_words=data["title_max_words"],
        tail_min_story_share=data["tail_min_story_share"],
    )


@dataclass
class _Line:
    start: int  # raw offset of the stripped line
    end: int
    text: str
    block: int  # index of the blank-line separated block
    why: str | None = None  # category when removed

    @cached_property
    def words(self) -> int:
        """Words of the line, asked by several rules, each against a small threshold (a line under
        N words is furniture): a line over ``WORDS_SCAN`` characters is counted on its start only,
        so a 50 MB line is not split into millions of words to learn it is long."""
        return len(self.text[:WORDS_SCAN].split())


@dataclass
class _State:
    lines: list[_Line]
    removed: list[tuple[int, str]] = field(default_factory=list)  # (raw offset, note)
    author: str | None = None
    box_name: str | None = None
    title: str | None = None


def clean_text(doc: Document) -> Cleaned:
    """Apply the line rules to scraped text and keep exact offsets of what stays."""
    r = rules()
    st = _State(_split_lines(doc.raw))
    _mark_lines(st, r)
    _mark_repeats(st, r)
    _mark_author_box(st, r)
    _mark_tail(st, r)
    _mark_head(st, r, doc.title)
    text, spans = _paragraphs(st.lines, doc.raw)
    conflict = None
    if st.author and st.box_name and _norm(st.author) != _norm(st.box_name):
        conflict = f"the author box at the end names {st.box_name}"
    published, source = _published(doc, None, text)
    return Cleaned(text=text, title=doc.title or st.title, author=st.author or st.box_name,
                   byline_conflict=conflict, published=published, published_source=source,
                   url=doc.url, removed=[note for _, note in sorted(st.removed)], spans=spans)


def _split_lines(raw: str) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    blank = True
    for m in re.finditer(r"[^\n]*(?:\n|$)", raw):
        if m.start() == len(raw) and not m.group():
            break
        line = m.group()
        stripped = line.strip()
        if not stripped:
            if not blank:
                block += 1
            blank = True
            continue
        blank = False
        lead = len(line) - len(line.lstrip())
        start = m.start() + lead
        out.append(_Line(start, start + len(stripped), stripped, block))
    return out


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _remove(st: _State, line: _Line, why: str, note: bool = True) -> None:
    line.why = why
    if note:
        st.removed.append((line.start, f"{why}: {_short(line.text)}"))


def _mark_lines(st: _State, r: Rules) -> None:
    for line in st.lines:
        if len(line.text) > r.max_line_chars:
            continue
        for cat, pat in r.line.items():
            if pat.fullmatch(line.text):
                _remove(st, line, cat)
                break


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


WORDS_SCAN = 20_000  # characters of a line that its word count and its repeat key look at


def _repeat_key(text: str) -> str:
    """What makes two lines copies of each other: their words, case and spacing aside; a very long
    line is compared as written (a paragraph of megabytes is not page furniture saved twice)."""
    return _norm(text) if len(text) <= WORDS_SCAN else text


def _mark_repeats(st: _State, r: Rules) -> None:
    """Every copy of a non-trivial line repeated verbatim goes (a caption, a teaser, an ad saved twice).

    A story states each of its paragraphs once, so a repeated block is page
    furniture: the usual case is an image caption or a promo saved once per
    layout slot. The exception is a page saved twice (the whole story
    repeats): when repeated lines make up most of the text, only the later
    copies go.
    """
    live = [ln for ln in st.lines if ln.why is None and ln.words >= r.repeat_min_words]
    counts = Counter(_repeat_key(ln.text) for ln in live)
    repeated = {k for k, n in counts.items() if n >= 2}
    if not repeated:
        return
    total = sum(len(k) for k in counts)
    dup = sum(len(k) for k in repeated)
    story_twice = dup > 0.5 * total
    seen: set[str] = set()
    for ln in live:
        key = _repeat_key(ln.text)
        if key not in repeated:
            continue
        if story_twice and key not in seen:
            seen.add(key)
            continue
        first = key not in seen
        seen.add(key)
        n = counts[key]
        _remove(st, ln, "repeated block", note=False)
        if story_twice or first:
            what = "later copy" if story_twice else f"{n} copies"
            st.removed.append((ln.start, f"repeated block ({what}): {_short(ln.text)}"))


def _is_story(line: _Line, r: Rules) -> bool:
    return line.why is None and line.words >= r.story_min_words


def _mark_author_box(st: _State, r: Rules) -> None:
    """A "Name is a ... journalist" line after the story (and the name line before it) is the author box."""
    live = [ln for ln in st.lines if ln.why is None]
    for i in range(len(live) - 1, max(-1, len(live) - 8), -1):
        ln = live[i]
        if any(_is_story(later, r) for later in live[i + 1:]):
            return
        if ln.words > 80:
            continue
        m = r.author_bio.fullmatch(ln.text)
        if not m:
            continue
        name = m.group("name")
        if i == 0 or not any(_is_story(x, r) for x in live[:i]):
            return  # no story before it: a bio that is the text itself
        st.box_name = name
        if i > 0 and _norm(live[i - 1].text) == _norm(name):
            _remove(st, live[i - 1], "author box", note=False)
        _remove(st, ln, "author box", note=False)
        st.removed.append((ln.start, f"author box: {name} ({_short(ln.text, 60)})"))
        return


def _mark_tail(st: _State, r: Rules) -> None:
    """A comment form or a related-links list after the story takes everything after it with it.

    Only when enough of the story lies before the marker (a "Related" list in
    a sidebar above the story must not cut the story).
    """
    story_chars = [len(ln.text) if _is_story(ln, r) else 0 for ln in st.lines]
    total = sum(story_chars)
    if not total:
        return
    before = 0
    for i, ln in enumerate(st.lines):
        if len(ln.text) <= r.max_line_chars and r.tail_start.fullmatch(ln.text) and before >= r.tail_min_story_share * total:
            cut = st.lines[i:]
            kept = [x for x in cut if x.why is None]
            cat = ln.why or next((c for c, p in r.line.items() if p.fullmatch(ln.text)), "comment form")
            for x in kept:
                _remove(st, x, cat, note=False)
            if kept:
                st.removed.append((ln.start, f"{cat} and the {len(cut) - 1} line(s) after it: {_short(ln.text, 40)}"))
            return
        before += story_chars[i]


def _mark_head(st: _State, r: Rules, given_title: str | None) -> None:
    """Before the story: the byline becomes the author, the first headline-like line the title."""
    live = [ln for ln in st.lines if ln.why is None]
    first_story = next((i for i, ln in enumerate(live) if _is_story(ln, r)), None)
    head = live[:first_story] if first_story is not None else live[:5]
    for ln in head:
        for pat in r.byline:
            m = pat.fullmatch(ln.text)
            if m and len(ln.text) <= r.max_line_chars:
                st.author = m.group("name").strip()
                _remove(st, ln, "byline", note=False)
                st.removed.append((ln.start, f"byline: {_short(ln.text)} (the author)"))
                break
        if st.author:
            break
    rest = [ln for ln in live if ln.why is None]
    if len(rest) < 2:
        return  # a one-paragraph text has no title line
    for ln in head:
        if ln.why is not None:
            continue
        if given_title is not None:
            if _norm(ln.text) == _norm(given_title):
                _remove(st, ln, "title", note=False)
                st.removed.append((ln.start, f"title line: {_short(ln.text)} (the title)"))
            return
        if _looks_like_headline(ln.text, r):
            st.title = ln.text
            _remove(st, ln, "title", note=False)
            st.removed.append((ln.start, f"title line: {_short(ln.text)} (the title)"))
        return


def _looks_like_headline(text: str, r: Rules) -> bool:
    words = text.split()
    return (2 <= len(words) <= r.title_max_words and len(text) <= 200 and not text.endswith((".", ",", ";", ":"))
            and any(c.isalpha() for c in text))


_CONTINUES = re.compile(r"[^.!?:\"”’»)\]]$")


def _paragraphs(lines: list[_Line], raw: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Kept lines -> paragraphs (exact raw substrings) joined by a blank line, with the offset map.

    Consecutive kept lines of one block are one paragraph when the earlier
    line does not end a sentence (hard-wrapped text).
    """
    paras: list[tuple[int, int]] = []
    prev: _Line | None = None
    for ln in lines:
        if ln.why is not None:
            prev = None
            continue
        if paras and prev is not None and prev.block == ln.block and _CONTINUES.search(prev.text):
            paras[-1] = (paras[-1][0], ln.end)
        else:
            paras.append((ln.start, ln.end))
        prev = ln
    parts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    for rs, re_ in paras:
        spans.append((pos, rs, re_ - rs))
        parts.append(raw[rs:re_])
        pos += re_ - rs + 2
    return "\n\n".join(parts), spans
