"""A page's own metadata (title, author, date, site, URL), only the parts the pipeline uses.

Why not ``trafilatura.bare_extraction(with_metadata=True)``: on the dev pages its metadata pass
costs about as much as the body extraction itself (10.7 of 23 s over the 181 pages,
``bench/extract_compare.py``), and half of that goes to fields warcount never reads (categories, tags,
licence) and to a second parse of the page. Here the page is parsed once (the caller passes the
tree on to the body extraction), the same trafilatura helpers read the ``<meta>`` tags and the
JSON-LD, and htmldate looks for a date only when the input did not give one, with its quick
search (the metadata, JSON-LD and URL; not every element of the page).
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def page_meta(tree, default_url: str | None = None, *, want_date: bool = True) -> PageMeta:
    """Metadata of a parsed page (an lxml tree from ``clean.load_tree``); never raises
    for a field: a helper that fails on a malformed page leaves that field empty."""
    from trafilatura.metadata import examine_meta, extract_sitename, extract_title, extract_url

    try:
        meta = examine_meta(tree)
    except Exception:  # trafilatura's helpers assert on some malformed trees
        log.debug("meta tags unreadable", exc_info=True)
        return PageMeta(url=default_url)
    if meta.author and " " not in meta.author:
        meta.author = None  # a handle, not a name (trafilatura's own rule)
    try:
        meta = _meta_json(tree, meta)
    except Exception:
        log.debug("JSON-LD unreadable", exc_info=True)
    out = PageMeta(title=meta.title, author=meta.author, sitename=meta.sitename, url=meta.url)
    try:
        if not out.title:
            out.title = extract_title(tree)
        if not out.url:
            out.url = extract_url(tree, default_url)
        if not out.sitename:
            out.sitename = extract_sitename(tree)
    except Exception:
        log.debug("title, URL or site unreadable", exc_info=True)
    if out.sitename:
        out.sitename = out.sitename.lstrip("@") or None
    if want_date:
        out.date = _date(tree, out.url)
    return out


#: trafilatura's JSON "minifier" (white space outside string literals goes) with the same language
#: written to match in fewer steps: a run of white space at once, and a literal as an unrolled loop.
_JSON_MINIFY = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")|\s+')
_JSON_UNICODE = re.compile(r"\\u([0-9a-fA-F]{4})")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_LD = './/script[@type="application/ld+json" or @type="application/settings+json"]'


def _meta_json(tree, meta):
    """``trafilatura.metadata.extract_meta_json`` with its text normalisation done by regular
    expressions: the same schema reading (``extract_json``) on the same normalised text.

    Why: trafilatura's version drops lone surrogates with a Python generator over every character
    of every JSON-LD block and minifies with one regex match per white-space character; on the
    dev pages that was half the metadata pass (0.2 s of the 181 pages' 0.4)."""
    import json

    from trafilatura.json_metadata import extract_json, extract_json_parse_error
    from trafilatura.utils import HTML_STRIP_TAGS

    for elem in tree.xpath(_JSON_LD):
        if not elem.text:
            continue
        text = _JSON_MINIFY.sub(r"\1", elem.text)
        if "\\" in text:
            text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
            text = _JSON_UNICODE.sub(lambda m: chr(int(m[1], 16)), text)
            text = _SURROGATE.sub("", text)
            text = html.unescape(text)
        text = " ".join(HTML_STRIP_TAGS.sub("", text).split())
        try:
            meta = extract_json(json.loads(text, strict=False), meta)
        except json.JSONDecodeError:
            meta = extract_json_parse_error(text, meta)
    return meta


def _date(tree, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        return find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception:
        log.debug("htmldate failed", exc_info=True)
        return None
