"""The database schema and its versioned migrations.

The schema version lives in SQLite's ``PRAGMA user_version``.  :data:`MIGRATIONS` is an
append-only list: migration *n* (1-based) brings a database from version *n-1* to *n*.
Never edit a released migration; add a new one.  ``docs/store.md`` describes the tables.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate", "schema_version"]

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    doc_id       TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('coded', 'failed')),
    error        TEXT,
    title        TEXT,
    publisher    TEXT,
    published    TEXT,
    url          TEXT,
    source_path  TEXT,
    metadata     TEXT NOT NULL DEFAULT '{}',   -- JSON: byline, dateline, language, captions, warnings
    text         TEXT,
    n_events     INTEGER NOT NULL DEFAULT 0,
    coder        TEXT,
    coded_at     TEXT NOT NULL                 -- UTC, ISO 8601
);
CREATE INDEX documents_status ON documents (status);

-- one row per Event record (an event as one sentence of one article reports it)
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL,
    doc_id         TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,           -- position among the document's events
    sentence_index INTEGER NOT NULL,
    sentence       TEXT NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    date           TEXT NOT NULL DEFAULT '',   -- '' when the event has no date
    date_precision TEXT NOT NULL,
    month          TEXT NOT NULL DEFAULT '',   -- substr(date, 1, 7)
    source_code    TEXT NOT NULL DEFAULT '',   -- '' when there is no source
    target_code    TEXT NOT NULL DEFAULT '',
    source         TEXT,                       -- JSON Actor or NULL
    target         TEXT,
    cameo          TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover_type    TEXT,
    plover_mode    TEXT,
    negated        INTEGER NOT NULL,
    modality       TEXT NOT NULL,
    location       TEXT,                       -- JSON Place or NULL
    evidence       TEXT,                       -- JSON Evidence (verb, spans, rule) or NULL
    coder          TEXT NOT NULL,
    publisher      TEXT NOT NULL DEFAULT ''    -- the document's source, for NumSources
);
CREATE INDEX mentions_doc ON mentions (doc_id, ordinal);
CREATE INDEX mentions_event_id ON mentions (event_id);
CREATE INDEX mentions_dyad ON mentions (source_code, target_code, date);
CREATE INDEX mentions_target ON mentions (target_code, date);
CREATE INDEX mentions_date ON mentions (date);
CREATE INDEX mentions_cameo ON mentions (cameo, date);
CREATE INDEX mentions_rollup ON mentions (date, source_code, target_code, cameo) WHERE negated = 0;

-- the roll-up: one row per real-world event = non-negated mentions with the same
-- (date, source_code, target_code, cameo), across articles
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL,
    source_code   TEXT NOT NULL,
    target_code   TEXT NOT NULL,
    cameo         TEXT NOT NULL,
    cameo_root    TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    goldstein     REAL NOT NULL,
    mentions      INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    sources       INTEGER NOT NULL,
    first_mention INTEGER NOT NULL,            -- mentions.id of the earliest-stored mention
    UNIQUE (date, source_code, target_code, cameo)
);
CREATE INDEX events_dyad ON events (source_code, target_code, date);

-- dyad x month x QuadClass counts of non-negated mentions, kept current on ingest
CREATE TABLE dyad_month (
    source_code   TEXT NOT NULL,
    target_code   TEXT NOT NULL,
    month         TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    PRIMARY KEY (source_code, target_code, month, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_month_target ON dyad_month (target_code, source_code, month);
CREATE INDEX dyad_month_month ON dyad_month (month, quad_class, events, goldstein_sum);  -- covers counts by month
"""

# v2: DESIGN.md's reported_by (who said it) and symmetric (two-sided event) fields
_V2 = """
ALTER TABLE mentions ADD COLUMN reported_by TEXT;             -- JSON Actor or NULL
ALTER TABLE mentions ADD COLUMN symmetric INTEGER NOT NULL DEFAULT 0;
"""

# v3: events, not mentions.  Every mention carries the key of the real-world event it
# reports (key_date, key_source, key_target + cameo): its own date and codes, the two codes
# in sorted order for a symmetric (two-sided) mention, or those of the matching mention of
# the document it reprints.  The roll-up is rebuilt on that key, with what counts need
# (month, PLOVER type, symmetric), and event_month summarises it.  Documents record the
# fingerprint of what coded them and their near-duplicate (reprint) link; runs and
# fingerprints keep the provenance of every ingest.
_V3 = """
ALTER TABLE documents ADD COLUMN fingerprint TEXT;            -- fingerprints.digest; NULL: coded before v3
ALTER TABLE documents ADD COLUMN reprint_of TEXT;             -- doc_id of the earlier document it copies
ALTER TABLE documents ADD COLUMN minhash BLOB;                -- MinHash signature of the text
ALTER TABLE documents ADD COLUMN shingles INTEGER;            -- distinct word shingles of the text
CREATE INDEX documents_reprint_of ON documents (reprint_of) WHERE reprint_of IS NOT NULL;
CREATE INDEX documents_fingerprint ON documents (fingerprint);
ALTER TABLE mentions ADD COLUMN key_date TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN key_source TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN key_target TEXT NOT NULL DEFAULT '';
UPDATE mentions SET key_date = date,
    key_source = CASE WHEN symmetric = 1 AND target_code != '' AND target_code < source_code THEN target_code ELSE source_code END,
    key_target = CASE WHEN symmetric = 1 AND target_code != '' AND target_code < source_code THEN source_code ELSE target_code END;
DROP INDEX mentions_rollup;
CREATE INDEX mentions_event_key ON mentions (key_date, key_source, key_target, cameo) WHERE negated = 0;
DROP TABLE events;
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL,
    month         TEXT NOT NULL,
    source_code   TEXT NOT NULL,
    target_code   TEXT NOT NULL,
    cameo         TEXT NOT NULL,
    cameo_root    TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    goldstein     REAL NOT NULL,
    plover_type   TEXT,
    symmetric     INTEGER NOT NULL,
    mentions      INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    sources       INTEGER NOT NULL,
    first_mention INTEGER NOT NULL,
    UNIQUE (date, source_code, target_code, cameo)
);
CREATE INDEX events_dyad ON events (source_code, target_code, date);
CREATE INDEX events_target ON events (target_code, date);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_cameo ON events (cameo, date);
INSERT INTO events (date, month, source_code, target_code, cameo, cameo_root, quad_class, goldstein, plover_type,
                    symmetric, mentions, articles, sources, first_mention)
SELECT g.key_date, substr(g.key_date, 1, 7), g.key_source, g.key_target, g.cameo, f.cameo_root, f.quad_class,
       f.goldstein, f.plover_type, g.sym, g.n, g.a, g.s, g.first
FROM (SELECT key_date, key_source, key_target, cameo, count(*) AS n, count(DISTINCT doc_id) AS a,
             count(DISTINCT publisher) AS s, min(id) AS first, max(symmetric) AS sym
      FROM mentions WHERE negated = 0 GROUP BY key_date, key_source, key_target, cameo) AS g
JOIN mentions AS f ON f.id = g.first;
CREATE TABLE event_month (
    source_code   TEXT NOT NULL,
    target_code   TEXT NOT NULL,
    month         TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    symmetric     INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    PRIMARY KEY (source_code, target_code, month, quad_class, symmetric)
) WITHOUT ROWID;
CREATE INDEX event_month_target ON event_month (target_code, source_code, month);
CREATE INDEX event_month_month ON event_month (month, quad_class, events, goldstein_sum);
INSERT INTO event_month (source_code, target_code, month, quad_class, symmetric, events, goldstein_sum)
SELECT source_code, target_code, month, quad_class, symmetric, count(*), sum(goldstein) FROM events
GROUP BY source_code, target_code, month, quad_class, symmetric;
CREATE TABLE fingerprints (
    digest     TEXT PRIMARY KEY,
    components TEXT NOT NULL,                  -- JSON: coder, model, kb, lexicon, gazetteer, dictionaries, settings
    first_used TEXT NOT NULL
);
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,                 -- ingest | recode
    started     TEXT NOT NULL,
    finished    TEXT,
    fingerprint TEXT,
    options     TEXT NOT NULL DEFAULT '{}',    -- JSON: inputs, workers, ...
    summary     TEXT                           -- JSON: the run's IngestSummary
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; return the version it had."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {current}, newer than this eventcoder's "
            f"{SCHEMA_VERSION}; upgrade eventcoder (pip install -U eventcoder)"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[version - 1]
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            conn.execute("ROLLBACK")
            raise StoreError(f"migrating the database to schema version {version} failed: {err}") from err
    return current


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (our scripts have no ';' inside strings)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
