"""The ledger's writer: one report in one transaction.

A document is matched to what the ledger knows (same key, or same title and similar text: a revision),
its claims get content ids, and its events become *units* scored against their blocked candidates
(``matching.py``, ``merge_model.py``) and clustered again into ledger events (``clustering.py``).
"""
from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import replace
from typing import Any

from . import matching, merge_model, reconcile
from .clustering import cluster
from .ledger_rows import (AddResult, _claim, _event_from_dict, _h, _jl, _key, _now, _shingles, _source_key,
                          _with_id, report_date)
from .model import Claim, Event, Place, Report, Source

log = logging.getLogger(__name__)

SIMILAR_TEXT = 0.5  # shingle Jaccard above which a same-title document is a revision
MAX_CANDIDATES = 400  # most units one unit is scored against (those sharing most blocking keys)

class _Writer:
    def __init__(self, db: sqlite3.Connection, report: Report,
                 profiles: dict[str, matching.Profile] | None = None) -> None:
        self.db = db
        self.report = report
        self.meta = dict(report.document)
        self.now = self.meta.get("ingested_at") or _now()
        self._profiles: dict[str, matching.Profile] = profiles if profiles is not None else {}

    def run(self) -> AddResult:
        meta = self.meta
        text = meta.get("text") if isinstance(meta.get("text"), str) else (
            self.report.cleaned.text if self.report.cleaned else None)
        content_hash = str(meta.get("content_hash") or meta.get("id") or _h(_jl(self.report.as_dict())))
        known = self.db.execute("SELECT document_id, number FROM revisions WHERE content_hash = ?",
                                (content_hash,)).fetchone()
        if known:
            self.db.execute("UPDATE documents SET last_seen = ? WHERE id = ?", (self.now, known[0]))
            return AddResult(document_id=known[0], revision=known[1], status="unchanged")

        doc_id = self._find_document(text)
        if doc_id is None:
            key = self._doc_key()
            doc_id = "doc-" + _h(key)[:16]
            if self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                doc_id = "doc-" + _h(key, content_hash)[:16]
            self.db.execute(
                "INSERT INTO documents (id, key, url, origin, title, title_key, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, key, meta.get("url"), meta.get("origin"), meta.get("title"), _key(meta.get("title")),
                 self.now, self.now))
            number, status = 1, "new"
        else:
            number = self.db.execute("SELECT max(number) FROM revisions WHERE document_id = ?",
                                     (doc_id,)).fetchone()[0] + 1
            status = "revision"
            self.db.execute("UPDATE documents SET last_seen = ?, title = coalesce(?, title) WHERE id = ?",
                            (self.now, meta.get("title"), doc_id))
        stored_meta = {k: v for k, v in meta.items() if k not in ("text", "ingested_at")}
        ids = self._claim_ids(doc_id)
        stored_meta["_events"] = [{**e.as_dict(), "casualties": {},
                                   "claims": [ids[i] for i in e.claims if i in ids]} for e in self.report.events]
        published = meta.get("published")
        rev_id = self.db.execute(
            "INSERT INTO revisions (document_id, number, content_hash, meta, text, published, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, number, content_hash, _jl(stored_meta), text, published, self.now)).lastrowid
        result = AddResult(document_id=doc_id, revision=number, status=status)

        # claims: ids from content, so a claim that survives a revision keeps its id
        previous = {r[0] for r in self.db.execute("SELECT id FROM claims WHERE document_id = ? AND active", (doc_id,))}
        self.db.execute("UPDATE claims SET active = 0 WHERE document_id = ?", (doc_id,))
        for c in self.report.claims:
            gid = ids[c.id]
            src = self._source(c.source)
            row = (doc_id, rev_id, rev_id, c.id, c.kind, c.figure.low, c.figure.high, c.figure.text, c.victim,
                   c.victim_side, src, c.status, c.scope, c.event_date, c.date_precision, c.place, c.evidence,
                   c.evidence_start, c.evidence_end, c.sentence, ids.get(c.part_of) if c.part_of else None,
                   _jl([ids.get(s, s) for s in c.sum_of]), int(c.perpetrator))
            if self.db.execute("SELECT 1 FROM claims WHERE id = ?", (gid,)).fetchone():
                self.db.execute(
                    "UPDATE claims SET active = 1, last_revision_id = ?, local_id = ?, evidence_start = ?, "
                    "evidence_end = ?, sentence = ?, part_of = ?, sum_of = ?, event_date = ?, date_precision = ?, "
                    "place = ?, victim = ?, victim_side = ? WHERE id = ?",
                    (rev_id, c.id, c.evidence_start, c.evidence_end, c.sentence, row[20], row[21], c.event_date,
                     c.date_precision, c.place, c.victim, c.victim_side, gid))
            else:
                self.db.execute(
                    "INSERT INTO claims (id, document_id, revision_id, last_revision_id, local_id, kind, low, high, "
                    "figure_text, victim, victim_side, source_id, status, scope, event_date, date_precision, place, "
                    "evidence, evidence_start, evidence_end, sentence, part_of, sum_of, perpetrator) "
                    "VALUES (?, " + ", ".join("?" * 23) + ")", (gid, *row))
                result.claims_added += 1
        current = set(ids.values())
        gone = previous - current
        result.claims_superseded = len(gone)

        self._events(doc_id, ids, text, result)
        return result

    # -- documents --------------------------------------------------------------

    def _doc_key(self) -> str:
        m = self.meta
        origin = m.get("origin")
        if m.get("url"):
            return "url:" + str(m["url"])
        if m.get("record_id"):
            return "record:" + str(m["record_id"])
        if origin and origin not in ("-", "<memory>", "<stdin>"):
            return "origin:" + str(origin)
        return "hash:" + str(m.get("content_hash") or m.get("id"))

    def _find_document(self, text: str | None) -> str | None:
        key = self._doc_key()
        row = self.db.execute("SELECT id FROM documents WHERE key = ? ORDER BY first_seen LIMIT 1", (key,)).fetchone()
        if row:
            return row[0]
        title = _key(self.meta.get("title"))
        if not title or len(title.split()) < 3 or not text:
            return None
        mine = _shingles(text)
        for cand in self.db.execute("SELECT id FROM documents WHERE title_key = ?", (title,)).fetchall():
            last = self.db.execute("SELECT text FROM revisions WHERE document_id = ? ORDER BY number DESC LIMIT 1",
                                   (cand[0],)).fetchone()
            theirs = _shingles(last[0] or "") if last else set()
            if mine and theirs and len(mine & theirs) / len(mine | theirs) >= SIMILAR_TEXT:
                log.info("%s: a revision of %s (same title, similar text)", self.meta.get("origin"), cand[0])
                return cand[0]
        return None

    def _claim_ids(self, doc_id: str) -> dict[str, str]:
        seen: dict[str, int] = {}
        out: dict[str, str] = {}
        for c in self.report.claims:
            base = _h(doc_id, c.kind, c.figure.low, c.figure.high, _source_key(c.source.name), c.status, c.scope,
                      _key(c.evidence))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out[c.id] = "cl-" + _h(base, n)[:16]
        return out

    def _source(self, s: Source) -> int:
        key = _source_key(s.name) or "unattributed"
        row = self.db.execute("SELECT id, kind, description FROM sources WHERE key = ?", (key,)).fetchone()
        if row:
            if (row[1] in (None, "unattributed") and s.kind != "unattributed") or (not row[2] and s.description):
                self.db.execute("UPDATE sources SET kind = ?, description = coalesce(description, ?) WHERE id = ?",
                                (s.kind if row[1] in (None, "unattributed") else row[1], s.description, row[0]))
            return int(row[0])
        return int(self.db.execute("INSERT INTO sources (key, name, kind, description) VALUES (?, ?, ?, ?)",
                                   (key, s.name, s.kind, s.description)).lastrowid)

    # -- events -------------------------------------------------------------------

    def _events(self, doc_id: str, ids: dict[str, str], text: str | None, result: AddResult) -> None:
        """This document's events become units, scored against their blocked candidates, and the units
        linked to them are clustered again into ledger events (see ``clustering.py``)."""
        model = merge_model.load()
        old_units = [r[0] for r in self.db.execute("SELECT id FROM units WHERE document_id = ?", (doc_id,))]
        affected = {r[0] for r in self.db.execute(
            "SELECT DISTINCT event_id FROM event_claims WHERE claim_id IN (SELECT id FROM claims WHERE document_id = ?)",
            (doc_id,))}
        affected |= {r[0] for r in self.db.execute("SELECT event_id FROM event_documents WHERE document_id = ?",
                                                   (doc_id,))}
        self.db.execute("DELETE FROM event_claims WHERE claim_id IN (SELECT id FROM claims WHERE document_id = ?)",
                        (doc_id,))
        self.db.execute("DELETE FROM event_documents WHERE document_id = ?", (doc_id,))
        for uid in old_units:
            self.db.execute("DELETE FROM links WHERE a = ? OR b = ?", (uid, uid))
            self.db.execute("DELETE FROM unit_keys WHERE unit_id = ?", (uid,))
        self.db.execute("DELETE FROM units WHERE document_id = ?", (doc_id,))

        title = self.meta.get("title") or (self.report.cleaned.title if self.report.cleaned else None)
        # the publication date, never the ingest time: two undated reports are not "0 days apart"
        published = (self.meta.get("published") or "")[:10] or None
        by_local = {c.id: c for c in self.report.claims}
        events = []
        for ev in self.report.events:
            members = [by_local[i] for i in ev.claims if i in by_local] or [
                c for c in self.report.claims if c.event_id == ev.id]
            if members:
                events.append((ev, [_with_id(c, ids[c.id]) for c in members]))
            elif ev.without_figure:  # violence reported without a figure: a unit that may make an event
                events.append((ev, []))
        # the main event (most claims) is what the article is about: it alone is matched across documents,
        # with every incident figure of the article as evidence; the other events the article recalls stay
        # its own (its dates and places are too weak today to tell a recalled attack from a mis-dated one)
        main = max(range(len(events)), key=lambda i: (len(events[i][1]), -i)) if events else -1
        everything = [_with_id(c, ids[c.id]) for c in self.report.claims if c.scope == "incident"]
        new: list[matching.Profile] = []
        for i, (ev, gclaims) in enumerate(events):
            uid = "u-" + _h(doc_id, ev.id)[:16]
            stored = replace(ev, claims=[c.id for c in gclaims], casualties={})
            p = self._add_unit(uid, doc_id, ev.id, stored, gclaims, everything if i == main else gclaims,
                               title, text, published, model)
            new.append(p)
            if i == main:
                self._link(p, model)
        if not events:  # no claim: a unit of the document alone, which may join an event but never makes one
            uid = "u-" + _h(doc_id, "document")[:16]
            p = self._add_unit(uid, doc_id, None, Event(id="document"), [], [], title, text, published, model)
            new.append(p)
            self._link(p, model)

        seeds = set(p.id for p in new) | {r[0] for e in affected for r in self.db.execute(
            "SELECT id FROM units WHERE event_id = ?", (e,))}
        touched = self._recluster(seeds, model)
        mine = {p.id for p in new}
        for event_id, members in touched.items():
            docs = {self._profiles[u].document_id for u in members}
            if mine & set(members):
                if docs == {doc_id}:
                    result.events_added += 1
                else:
                    result.events_merged += 1
        for event_id in sorted(affected | set(touched)):
            self._summarize(event_id)
        result.events = sorted(e for e in touched if self.db.execute(
            "SELECT 1 FROM events WHERE id = ?", (e,)).fetchone())

    # -- matching -------------------------------------------------------------------

    def _add_unit(self, uid: str, doc_id: str, document_event: str | None, ev: Event, claims: list[Claim],
                  evidence: list[Claim], title: str | None, text: str | None, published: str | None,
                  model: merge_model.MergeModel) -> matching.Profile:
        p = matching.build_profile(uid, doc_id, ev, evidence, title=title, text=text, published=published,
                                   idf=model.idf, default_idf=model.default_idf)
        day = p.anchor.toordinal() if p.anchor else None
        self.db.execute("INSERT INTO units (id, document_id, document_event, event_id, day, claims, event, profile) "
                        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?)",
                        (uid, doc_id, document_event, day, _jl([c.id for c in claims]), _jl(ev.as_dict()),
                         _jl(p.as_dict())))
        self._profiles[uid] = p
        return p

    def _profile(self, uid: str) -> matching.Profile:
        p = self._profiles.get(uid)
        if p is None:
            row = self.db.execute("SELECT profile FROM units WHERE id = ?", (uid,)).fetchone()
            p = self._profiles[uid] = matching.profile_from_dict(json.loads(row[0]))
        return p

    def _candidates(self, p: matching.Profile, model: merge_model.MergeModel) -> list[str]:
        """Units sharing a blocking key with ``p`` within the key's window (index look-ups only)."""
        if p.anchor is None:
            return []
        day, window = p.anchor.toordinal(), matching.place_window(p)
        widest = max(matching.TERM_WINDOW_DAYS, max(matching.PLACE_WINDOW_DAYS.values()))
        hits: dict[str, int] = {}
        near: set[str] = set()
        for k in matching.keys(p, model.idf, model.default_idf):
            place = k.startswith("place:")
            span = widest if place else matching.TERM_WINDOW_DAYS
            for od, ow, uid in self.db.execute(
                    "SELECT day, window, unit_id FROM unit_keys WHERE key = ? AND day BETWEEN ? AND ?",
                    (k, day - span, day + span)):
                if uid != p.id and (not place or abs(od - day) <= max(window, ow)):
                    hits[uid] = hits.get(uid, 0) + 1
                    if abs(od - day) <= matching.NEAR_DAYS:
                        near.add(uid)
        ranked = sorted((u for u, n in hits.items() if n >= matching.MIN_SHARED_KEYS or u in near),
                        key=lambda u: (-hits[u], u))
        return ranked[:MAX_CANDIDATES]

    def _link(self, p: matching.Profile, model: merge_model.MergeModel) -> None:
        """Score ``p`` against its candidates; keep the pairs above the suggestion threshold."""
        for uid in self._candidates(p, model):
            q = self._profile(uid)
            if q.document_id == p.document_id:
                continue
            a, b = sorted((p, q), key=lambda x: x.id)
            ev = matching.evidence(a, b)
            ev.score = round(model.score(ev), 4)
            if ev.score < model.suggest:
                continue
            decision = "separated" if ev.separated else "merge" if ev.score >= model.threshold else "suggest"
            self.db.execute("INSERT OR REPLACE INTO links (a, b, score, decision, evidence) VALUES (?, ?, ?, ?, ?)",
                            (a.id, b.id, ev.score, decision, _jl({**ev.as_dict(), "reason": ev.reason(a, b)})))
        if p.anchor is not None:
            day, window = p.anchor.toordinal(), matching.place_window(p)
            for k in matching.keys(p, model.idf, model.default_idf):
                self.db.execute("INSERT INTO unit_keys (key, day, window, unit_id) VALUES (?, ?, ?, ?)",
                                (k, day, window, p.id))

    def _recluster(self, seeds: set[str], model: merge_model.MergeModel) -> dict[str, list[str]]:
        """Cluster the units reachable from ``seeds`` by merge links; write their events. Returns event -> units."""
        region: set[str] = set()
        frontier = [u for u in seeds if self.db.execute("SELECT 1 FROM units WHERE id = ?", (u,)).fetchone()]
        links: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        while frontier:
            u = frontier.pop()
            if u in region:
                continue
            region.add(u)
            for a, b, score, evid in self.db.execute(
                    "SELECT a, b, score, evidence FROM links WHERE (a = ? OR b = ?) AND decision = 'merge'", (u, u)):
                links[(a, b)] = (score, json.loads(evid))
                frontier.append(b if a == u else a)
        profiles = {u: self._profile(u) for u in region}
        sep_cache: dict[tuple[str, str], bool] = {}

        def separated(x: str, y: str) -> bool:
            key = (x, y) if x < y else (y, x)
            if key not in sep_cache:
                pa, pb = profiles[key[0]], profiles[key[1]]
                sep_cache[key] = matching.evidence(pa, pb).separated is not None
            return sep_cache[key]

        groups, used = cluster(region, [(s, a, b) for (a, b), (s, _) in links.items()], separated)
        rows = {r["id"]: r for r in self.db.execute(
            f"SELECT * FROM units WHERE id IN ({','.join('?' * len(region))})", sorted(region))} if region else {}
        old_events = {r["event_id"] for r in rows.values() if r["event_id"]}
        used_in: dict[str, list[tuple[float, str, str]]] = {}
        for s, a, b in used:
            used_in.setdefault(a, []).append((s, a, b))
        out: dict[str, list[str]] = {}
        for members in groups:
            # a unit whose claims are only a suspect's custody tells no incident (matching.incident_claims)
            claimed = [u for u in members if json.loads(rows[u]["claims"]) and profiles[u].incident]
            figureless = [u for u in members if _figureless(rows[u])]
            if not claimed and not figureless:
                for u in members:
                    self.db.execute("UPDATE units SET event_id = NULL WHERE id = ?", (u,))
                continue
            # a group of reports without a figure makes an event of its own, with no claim and no estimate;
            # beside a report with claims, they are its documents (their events never add to its figures)
            claimed = claimed or figureless
            # the id of the earliest published claim-bearing unit: stable while later reports join
            first = min(claimed, key=lambda u: (profiles[u].published or "9999", u))
            event_id = "ev-" + _h(first)[:12]
            folded: Event | None = None
            for u in sorted(claimed, key=lambda u: (-reconcile.DATE_RANK.get(profiles[u].date_precision, 0),
                                                    profiles[u].published or "9999", u)):
                ev = _event_from_dict(json.loads(rows[u]["event"]))
                folded = ev if folded is None else reconcile.merge_events(folded, ev)
            assert folded is not None
            exists = self.db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None
            self._save_event(event_id, folded, update=exists)
            at = {(r[0], r[1]): r[2] for r in self.db.execute(
                "SELECT document_id, document_event, at FROM merges WHERE event_id = ?", (event_id,))}
            self.db.execute("DELETE FROM merges WHERE event_id = ?", (event_id,))
            self.db.execute("DELETE FROM event_documents WHERE event_id = ?", (event_id,))
            for u in members:
                r = rows[u]
                self.db.execute("UPDATE units SET event_id = ? WHERE id = ?", (event_id, u))
                for cid in json.loads(r["claims"]):
                    self.db.execute("INSERT OR REPLACE INTO event_claims (claim_id, event_id, document_event) "
                                    "VALUES (?, ?, ?)", (cid, event_id, r["document_event"]))
            member_set = set(members)
            for s, a, b in used:
                if a not in member_set:
                    continue
                # the unit published later joined the earlier one
                joined = max((a, b), key=lambda u: (profiles[u].published or "9999", u))
                score, evid = links[(a, b)]
                r = rows[joined]
                reason = str(evid.get("reason", ""))
                if r["document_event"] is None:
                    self.db.execute("INSERT OR REPLACE INTO event_documents (event_id, document_id, reason) "
                                    "VALUES (?, ?, ?)", (event_id, r["document_id"], reason))
                self.db.execute(
                    "INSERT INTO merges (event_id, document_id, document_event, reason, at, score, evidence) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (event_id, r["document_id"], r["document_event"] or "document", reason,
                     at.get((r["document_id"], r["document_event"] or "document"), self.now), score, _jl(evid)))
            for u in members:  # a claimless document reached through another claimless one
                r = rows[u]
                if r["document_event"] is None or not json.loads(r["claims"]):
                    why = "reported without a casualty figure" if _figureless(r) else "linked through another report"
                    self.db.execute("INSERT OR IGNORE INTO event_documents (event_id, document_id, reason) "
                                    "VALUES (?, ?, ?)", (event_id, r["document_id"], why))
            out[event_id] = members
        for e in old_events - set(out):
            self.db.execute("DELETE FROM merges WHERE event_id = ?", (e,))
            self.db.execute("DELETE FROM event_documents WHERE event_id = ?", (e,))
            self._summarize(e)  # no claim left: the event is deleted
        return out

    def _figureless_units(self, event_id: str) -> bool:
        """Whether an event holds a unit reported without a figure (``events.figureless_event``)."""
        return any(_figureless(r) for r in self.db.execute(
            "SELECT claims, event, document_event FROM units WHERE event_id = ?", (event_id,)))

    def _load_event(self, event_id: str) -> Event:
        r = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return Event(id=r["id"], type=r["type"] or "unknown", date=r["date"], date_precision=r["date_precision"],
                     place=Place(**json.loads(r["place"])) if r["place"] else None, actors=json.loads(r["actors"]),
                     summary=r["summary"] or "")

    def _event_claims(self, event_id: str) -> list[Claim]:
        rows = self.db.execute(
            "SELECT c.*, s.name AS source_name, s.kind AS source_kind, s.description AS source_description, "
            "ec.event_id AS ledger_event FROM claims c JOIN sources s ON s.id = c.source_id "
            "JOIN event_claims ec ON ec.claim_id = c.id WHERE ec.event_id = ? AND c.active", (event_id,)).fetchall()
        return [_claim(r) for r in rows]

    def _save_event(self, event_id: str, ev: Event, *, update: bool) -> None:
        p = ev.place
        values = (ev.type, ev.date, ev.date_precision, _jl(p.as_dict()) if p else None, p.name if p else None,
                  p.admin1 if p else None, p.country if p else None, p.latitude if p else None,
                  p.longitude if p else None, _jl(list(ev.actors)), ev.summary)
        if update:
            self.db.execute("UPDATE events SET type = ?, date = ?, date_precision = ?, place = ?, place_name = ?, "
                            "admin1 = ?, country = ?, latitude = ?, longitude = ?, actors = ?, summary = ?, "
                            "updated_at = ? WHERE id = ?", (*values, self.now, event_id))
        else:
            self.db.execute("INSERT INTO events (type, date, date_precision, place, place_name, admin1, country, "
                            "latitude, longitude, actors, summary, created_at, updated_at, id) "
                            "VALUES (" + ", ".join("?" * 14) + ")", (*values, self.now, self.now, event_id))

    def _summarize(self, event_id: str) -> None:
        self.db.execute("DELETE FROM estimates WHERE event_id = ?", (event_id,))
        self.db.execute("DELETE FROM flags WHERE event_id = ?", (event_id,))
        claims = self._event_claims(event_id)
        if not claims and self._figureless_units(event_id):
            return  # reported without a casualty figure: an event with no estimate and no flag
        if not claims:
            # every claim it had was superseded or moved: the event is gone
            self.db.execute("DELETE FROM event_claims WHERE event_id = ?", (event_id,))
            self.db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            return
        dates: dict[str, str | None] = {}
        for r in self.db.execute(
                "SELECT c.id, r.published, r.ingested_at FROM claims c JOIN revisions r ON r.id = c.revision_id "
                "JOIN event_claims ec ON ec.claim_id = c.id WHERE ec.event_id = ?", (event_id,)):
            dates[r[0]] = report_date(r[1])
        summary = reconcile.summarize(claims, dates)
        for kind, sides in summary.casualties.items():
            for side, e in sides.items():
                self.db.execute(
                    "INSERT INTO estimates (event_id, kind, side, low, best, high, rule, claims, low_claims, "
                    "best_claims, high_claims, high_open, denied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (event_id, kind, side, e.low, e.best, e.high, e.rule, _jl(e.claims), _jl(e.low_claims),
                     _jl(e.best_claims), _jl(e.high_claims), int(e.high_open), _jl(e.denied)))
        for f in summary.flags:
            self.db.execute("INSERT INTO flags (event_id, type, kind, side, claims, detail) VALUES (?, ?, ?, ?, ?, ?)",
                            (event_id, f.type, f.kind, f.side, _jl(f.claims), f.detail))


def _figureless(row: sqlite3.Row) -> bool:
    """A unit of an event that reports violence without a casualty figure (no claims; ``without_figure``)."""
    return (row["document_event"] is not None and not json.loads(row["claims"])
            and bool(json.loads(row["event"]).get("without_figure")))

