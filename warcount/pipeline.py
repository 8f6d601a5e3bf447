"""Wires the stages, and only wires them (DESIGN.md, "One direction of flow").

    read -> clean -> parse -> extract -> resolve -> (store -> reconcile -> present)

``process`` takes one read ``Document`` to a ``Report``; ``extract`` is the
public one-call form for text or HTML given in memory.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .config import Options
from .model import Cleaned, Document, Report

log = logging.getLogger(__name__)

NOT_PARSED = "not parsed: no casualty word in the cleaned text (the pre-filter's second check)"


def document_meta(doc: Document, cleaned: Cleaned) -> dict[str, Any]:
    """The document part of a report: where it came from and what the page says of itself."""
    return {
        "id": doc.id,
        "origin": doc.origin,
        "record_id": doc.record_id,
        "url": cleaned.url or doc.url,
        "title": cleaned.title or doc.title,
        "author": cleaned.author,
        "byline_conflict": cleaned.byline_conflict,
        "published": cleaned.published,
        "published_source": cleaned.published_source,
        "site": cleaned.site,
        "content_type": doc.content_type,
        "encoding": doc.encoding,
        "notes": list(doc.notes),
        "removed": list(cleaned.removed),
        "words": len(cleaned.text.split()),
    }


def process(doc: Document, options: Options | None = None, *,
            gate: Callable[[Cleaned], bool] | None = None) -> Report:
    """Clean, extract and group the claims of one document.

    ``gate`` (the archive path's second pre-filter, ``prefilter.keep_cleaned``) is asked about the
    cleaned text before the parse; a document it refuses gets a report with no claims and a note."""
    from . import budget

    from . import claims as claims_mod
    from . import clean as clean_mod
    from . import events as events_mod

    with budget.document(doc.origin, options) as deadline:  # doc_timeout and the parse limits
        cleaned = clean_mod.clean(doc)
        deadline.check()
        cleaned.text, cut = budget.cut_text(cleaned.text)
        if gate is not None and not gate(cleaned):
            doc.notes.extend(note for note in (cut, NOT_PARSED) if note)
            from .ids import relabel

            return relabel(Report(document=document_meta(doc, cleaned), claims=[], events=[], cleaned=cleaned))
        found = claims_mod.read_document(cleaned, document_id=doc.id, raw=doc.raw)
        claims = found.claims
        deadline.check()
        for note in (cut, budget.claims_note(len(claims))):
            if note:
                doc.notes.append(note)
        events = events_mod.group_events(found.counted, cleaned, mentions=found.mentions)  # not the title's
        meta = document_meta(doc, cleaned)
        if not cleaned.published and claims:  # a bound for dating the claims; none to date, no scan
            meta.update(_published_lower_bound(cleaned.text))
    from .ids import relabel

    return relabel(Report(document=meta, claims=claims, events=events, cleaned=cleaned))


def _published_lower_bound(text: str) -> dict[str, Any]:
    """No stated publication date: the latest dated event in the text is a lower bound, and we say so."""
    from . import dates

    bound = dates.infer_published_lower_bound(dates.find_dates(text, None))
    if bound is None:
        return {}
    return {"published_after": bound.value, "published_after_precision": bound.precision,
            "published_note": f"not stated; the latest date in the text is {bound.text!r} ({bound.value[:7] if bound.precision == 'month' else bound.value})"}


def extract(text_or_html: str | bytes, *, url: str | None = None, published: str | None = None,
            options: Options | None = None) -> Report:
    from .read import read_content

    doc = read_content(text_or_html, origin=url or "<memory>", url=url, published=published)
    return process(doc, options)
