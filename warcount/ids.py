"""One id form per record, everywhere: ``doc-`` + 16 hex, ``ev-`` + 12 hex, ``cl-`` + 16 hex.

Why: the CLI, the API, the exports and the pages used to show three forms for one kind of
record (a bare 16-hex event id from ``extract``, ``ev-...`` from the ledger, a 64-hex content
hash for a document in the JSONL export): a user who copied one could not look it up with
another. ``extract`` reports now carry the same forms as the ledger; the ledger's lookups
accept an id with or without its prefix and any unique prefix of it (``Ledger.resolve``).

A document's content hash (the sha256 of what was read, the idempotency key of a revision)
stays beside its id as ``content_hash``.
"""
from __future__ import annotations

from .model import Report

PREFIX = {"documents": "doc-", "events": "ev-", "claims": "cl-"}
LENGTH = {"documents": 16, "events": 12, "claims": 16}


def _form(kind: str, raw: str) -> str:
    prefix = PREFIX[kind]
    if raw.startswith(prefix):
        return raw
    return prefix + raw[:LENGTH[kind]]


def document_id(content_hash: str) -> str:
    return _form("documents", content_hash)


def relabel(report: Report) -> Report:
    """Give a fresh report's document, events and claims the record id forms, in place."""
    meta = report.document
    content_hash = str(meta.get("content_hash") or meta.get("id") or "")
    doc_id = document_id(content_hash) if content_hash else None
    if content_hash:
        meta["content_hash"] = content_hash
        meta["id"] = doc_id
    cl = {c.id: _form("claims", c.id) for c in report.claims}
    ev = {e.id: _form("events", e.id) for e in report.events}
    for c in report.claims:
        c.id = cl[c.id]
        c.part_of = cl.get(c.part_of, c.part_of) if c.part_of else None
        c.sum_of = [cl.get(i, i) for i in c.sum_of]
        c.event_id = ev.get(c.event_id, c.event_id) if c.event_id else None
        if doc_id and (c.document_id is None or content_hash.startswith(str(c.document_id)[:16])):
            c.document_id = doc_id
    for e in report.events:
        e.id = ev[e.id]
        e.claims = [cl.get(i, i) for i in e.claims]
        for by_side in e.casualties.values():
            for est in by_side.values():
                for attr in ("claims", "low_claims", "best_claims", "high_claims", "denied"):
                    setattr(est, attr, [cl.get(i, i) for i in getattr(est, attr)])
    return report
