-- RunbookHost schema v1 for SQLite. Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (sorts as it reads);
-- JSON is text; the run state is a UTF-8 JSON blob.

CREATE TABLE definitions (
    definition_id     TEXT    NOT NULL PRIMARY KEY,
    latest_version    INTEGER NOT NULL,
    published_version INTEGER NULL
);

CREATE TABLE definition_versions (
    definition_id TEXT    NOT NULL REFERENCES definitions (definition_id),
    version       INTEGER NOT NULL,
    name          TEXT    NULL,
    description   TEXT    NULL,
    definition    TEXT    NOT NULL,
    saved_at      TEXT    NOT NULL,
    PRIMARY KEY (definition_id, version)
);

CREATE TABLE runs (
    run_id             TEXT    NOT NULL PRIMARY KEY,
    definition_id      TEXT    NOT NULL,
    definition_version INTEGER NOT NULL,
    status             TEXT    NOT NULL,
    started_by         TEXT    NOT NULL,
    started_at         TEXT    NOT NULL,
    finished_at        TEXT    NULL,
    updated_at         TEXT    NOT NULL,
    input              TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    last_seq           INTEGER NOT NULL,
    last_hash          TEXT    NOT NULL,
    state              BLOB    NOT NULL,
    fault              TEXT    NULL,
    lease_owner        TEXT    NULL,
    lease_until        TEXT    NULL
);

CREATE INDEX ix_runs_status ON runs (status, updated_at);
CREATE INDEX ix_runs_definition ON runs (definition_id, definition_version);
CREATE INDEX ix_runs_started_at ON runs (started_at DESC, run_id);
CREATE INDEX ix_runs_finished_at ON runs (finished_at) WHERE finished_at IS NOT NULL;

-- Append-only: the code issues no UPDATE on this table and deletes only in retention purges.
CREATE TABLE journal (
    run_id      TEXT    NOT NULL REFERENCES runs (run_id),
    seq         INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    activity_id TEXT    NULL,
    actor       TEXT    NULL,
    message     TEXT    NOT NULL,
    data        TEXT    NULL,
    hash        TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE bookmarks (
    bookmark_id   TEXT NOT NULL PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES runs (run_id),
    activity_path TEXT NOT NULL,
    activity_id   TEXT NOT NULL,
    name          TEXT NOT NULL,
    hash          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    resume_at     TEXT NULL,
    consumed_at   TEXT NULL
);

CREATE INDEX ix_bookmarks_run ON bookmarks (run_id, created_at);
CREATE INDEX ix_bookmarks_hash ON bookmarks (hash);
CREATE INDEX ix_bookmarks_pending_name ON bookmarks (name, consumed_at);
CREATE INDEX ix_bookmarks_due ON bookmarks (resume_at) WHERE resume_at IS NOT NULL AND consumed_at IS NULL;

CREATE TABLE incidents (
    run_id             TEXT    NOT NULL REFERENCES runs (run_id),
    incident_id        TEXT    NOT NULL,
    activity_path      TEXT    NOT NULL,
    activity_id        TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    message            TEXT    NOT NULL,
    opened_at          TEXT    NOT NULL,
    attempts           INTEGER NOT NULL,
    resolution_action  TEXT    NULL,
    resolution_outcome TEXT    NULL,
    resolution_comment TEXT    NULL,
    resolved_by        TEXT    NULL,
    resolved_at        TEXT    NULL,
    PRIMARY KEY (run_id, incident_id)
);

-- The durable inbox. The partial unique indexes make "exactly one wins" a database guarantee:
-- one queued resume per bookmark, one resolution per incident, one cancel per run.
CREATE TABLE signals (
    signal_no   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    signal_id   TEXT    NOT NULL UNIQUE,
    run_id      TEXT    NOT NULL REFERENCES runs (run_id),
    kind        TEXT    NOT NULL,
    bookmark_id TEXT    NULL,
    incident_id TEXT    NULL,
    payload     TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    by_timer    INTEGER NOT NULL
);

CREATE INDEX ix_signals_run ON signals (run_id, signal_no);
CREATE UNIQUE INDEX ux_signals_resume ON signals (bookmark_id) WHERE kind = 'Resume';
CREATE UNIQUE INDEX ux_signals_resolve ON signals (run_id, incident_id) WHERE kind = 'ResolveIncident';
CREATE UNIQUE INDEX ux_signals_cancel ON signals (run_id) WHERE kind = 'Cancel';
