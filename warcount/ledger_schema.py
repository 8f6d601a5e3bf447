"""The ledger's schema: named migrations, applied in order by ``store.Ledger.migrate``.

Never edit a released migration; add a new one. Each is one SQL script applied in a transaction and
recorded in the ``migrations`` table, so an older ledger opens in a newer version.
"""
from __future__ import annotations


_M0001 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, url TEXT, origin TEXT, title TEXT, title_key TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
);
CREATE INDEX documents_key ON documents(key);
CREATE INDEX documents_title ON documents(title_key);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL, content_hash TEXT NOT NULL UNIQUE, meta TEXT NOT NULL, text TEXT,
    published TEXT, ingested_at TEXT NOT NULL, UNIQUE(document_id, number)
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT, description TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    revision_id INTEGER NOT NULL REFERENCES revisions(id), last_revision_id INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1, local_id TEXT, kind TEXT NOT NULL, low INTEGER NOT NULL, high INTEGER,
    figure_text TEXT, victim TEXT, victim_side TEXT, source_id INTEGER NOT NULL REFERENCES sources(id),
    status TEXT NOT NULL, scope TEXT NOT NULL, event_date TEXT, date_precision TEXT, place TEXT,
    evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, sentence TEXT, part_of TEXT,
    sum_of TEXT NOT NULL DEFAULT '[]', perpetrator INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_source ON claims(source_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY, type TEXT, date TEXT, date_precision TEXT, place TEXT, place_name TEXT,
    admin1 TEXT, country TEXT, latitude REAL, longitude REAL, actors TEXT NOT NULL DEFAULT '[]',
    summary TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_claims (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id), event_id TEXT NOT NULL REFERENCES events(id),
    document_event TEXT
);
CREATE INDEX event_claims_event ON event_claims(event_id);
CREATE TABLE estimates (
    event_id TEXT NOT NULL REFERENCES events(id), kind TEXT NOT NULL, side TEXT NOT NULL,
    low INTEGER, best INTEGER, high INTEGER, rule TEXT, claims TEXT, low_claims TEXT, best_claims TEXT,
    high_claims TEXT, PRIMARY KEY (event_id, kind, side)
);
CREATE TABLE merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, document_id TEXT NOT NULL,
    document_event TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX merges_event ON merges(event_id);
"""

_M0002 = """
ALTER TABLE estimates ADD COLUMN high_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE estimates ADD COLUMN denied TEXT NOT NULL DEFAULT '[]';
CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL REFERENCES events(id), type TEXT NOT NULL,
    kind TEXT NOT NULL, side TEXT NOT NULL, claims TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX flags_event ON flags(event_id);
"""

# matching across documents (issue 13): each document event is a *unit* with its matching profile and
# blocking keys; scored pairs above the suggestion threshold are *links*; a ledger event is a cluster of
# units (``clustering.py``); a document with no claim is a unit that may join an event (event_documents).
_M0003 = """
CREATE TABLE units (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, document_event TEXT, event_id TEXT, day INTEGER,
    claims TEXT NOT NULL DEFAULT '[]', event TEXT NOT NULL, profile TEXT NOT NULL
);
CREATE INDEX units_document ON units(document_id);
CREATE INDEX units_event ON units(event_id);
CREATE TABLE unit_keys (key TEXT NOT NULL, day INTEGER NOT NULL, window INTEGER NOT NULL, unit_id TEXT NOT NULL);
CREATE INDEX unit_keys_key_day ON unit_keys(key, day);
CREATE INDEX unit_keys_unit ON unit_keys(unit_id);
CREATE TABLE links (
    a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, decision TEXT NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX links_b ON links(b);
CREATE TABLE event_documents (
    event_id TEXT NOT NULL, document_id TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_documents_document ON event_documents(document_id);
ALTER TABLE merges ADD COLUMN score REAL;
ALTER TABLE merges ADD COLUMN evidence TEXT
"""

# Corrections (issue 16): the analyst's operations, and the overlay they make, beside the machine's tables.
# The machine's tables are never written by a correction; the views (``_ensure_views``, rebuilt after any
# migration from the tables' current columns) read the machine's rows where no correction touches them and
# the overlay's rows where one does (see warcount/corrections.py).
_EST_COLS = "event_id, kind, side, low, best, high, rule, claims, low_claims, best_claims, high_claims, high_open, denied"
_M0100 = """
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, target TEXT NOT NULL, field TEXT, value TEXT,
    anchor TEXT NOT NULL DEFAULT '{}', who TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    undone_at TEXT, undone_by TEXT, undo_reason TEXT
);
CREATE TABLE corr_state (correction_id INTEGER PRIMARY KEY, state TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
CREATE TABLE corr_claims (
    claim_id TEXT PRIMARY KEY, rejected INTEGER NOT NULL DEFAULT 0, kind TEXT, figure_set INTEGER NOT NULL DEFAULT 0,
    low INTEGER, high INTEGER, source_id INTEGER, status TEXT, victim_side TEXT, event_date TEXT,
    date_precision TEXT, place TEXT, corrections TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE corr_events (
    id TEXT PRIMARY KEY, type TEXT, date TEXT, date_precision TEXT, place TEXT, place_name TEXT,
    admin1 TEXT, country TEXT, latitude REAL, longitude REAL, actors TEXT NOT NULL DEFAULT '[]',
    summary TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    base TEXT NOT NULL, absorbed TEXT NOT NULL DEFAULT '[]', corrections TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE corr_event_claims (claim_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, document_event TEXT);
CREATE INDEX corr_event_claims_event ON corr_event_claims(event_id);
CREATE TABLE corr_replaced (event_id TEXT PRIMARY KEY, by_event TEXT NOT NULL);
CREATE TABLE corr_estimates (
    event_id TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL, low INTEGER, best INTEGER, high INTEGER,
    rule TEXT, claims TEXT, low_claims TEXT, best_claims TEXT, high_claims TEXT,
    high_open INTEGER NOT NULL DEFAULT 0, denied TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (event_id, kind, side)
);
CREATE TABLE corr_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, type TEXT NOT NULL, kind TEXT NOT NULL,
    side TEXT NOT NULL, claims TEXT NOT NULL, detail TEXT NOT NULL
);
"""

#: (name, SQL script) in order; never edit a released one, add a new one.
MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", _M0001),
    ("0002_flags_open_highs_denials", _M0002),
    ("0003_merge_units_links_suggestions", _M0003),
    ("0100_corrections", _M0100),
]

