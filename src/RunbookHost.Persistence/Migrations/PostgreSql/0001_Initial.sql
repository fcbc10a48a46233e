-- RunbookHost schema v1 for PostgreSQL. Times are timestamptz (microseconds); ids sort ordinally
-- (COLLATE "C"); JSON is json, not jsonb: stored exactly as written (key order kept, which the
-- journal's audit trail and the definitions' round-trip rely on); nothing queries inside it.

CREATE TABLE definitions (
    definition_id     text COLLATE "C" NOT NULL PRIMARY KEY,
    latest_version    integer NOT NULL,
    published_version integer NULL
);

CREATE TABLE definition_versions (
    definition_id text COLLATE "C" NOT NULL REFERENCES definitions (definition_id),
    version       integer     NOT NULL,
    name          text        NULL,
    description   text        NULL,
    definition    json        NOT NULL,
    saved_at      timestamptz NOT NULL,
    PRIMARY KEY (definition_id, version)
);

CREATE TABLE runs (
    run_id             text COLLATE "C" NOT NULL PRIMARY KEY,
    definition_id      text COLLATE "C" NOT NULL,
    definition_version integer     NOT NULL,
    status             text        NOT NULL,
    started_by         text        NOT NULL,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NULL,
    updated_at         timestamptz NOT NULL,
    input              json       NOT NULL,
    version            bigint      NOT NULL,
    last_seq           bigint      NOT NULL,
    last_hash          text        NOT NULL,
    state              bytea       NOT NULL,
    fault              text        NULL,
    lease_owner        text        NULL,
    lease_until        timestamptz NULL
);

CREATE INDEX ix_runs_status ON runs (status, updated_at);
CREATE INDEX ix_runs_definition ON runs (definition_id, definition_version);
CREATE INDEX ix_runs_started_at ON runs (started_at DESC, run_id);
CREATE INDEX ix_runs_finished_at ON runs (finished_at) WHERE finished_at IS NOT NULL;

-- Append-only: the code issues no UPDATE on this table and deletes only in retention purges.
CREATE TABLE journal (
    run_id      text COLLATE "C" NOT NULL REFERENCES runs (run_id),
    seq         bigint      NOT NULL,
    at          timestamptz NOT NULL,
    kind        text        NOT NULL,
    activity_id text        NULL,
    actor       text        NULL,
    message     text        NOT NULL,
    data        json        NULL,
    hash        text        NOT NULL,
    prev_hash   text        NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE bookmarks (
    bookmark_id   text COLLATE "C" NOT NULL PRIMARY KEY,
    run_id        text COLLATE "C" NOT NULL REFERENCES runs (run_id),
    activity_path text        NOT NULL,
    activity_id   text        NOT NULL,
    name          text        NOT NULL,
    hash          text        NOT NULL,
    payload       json       NOT NULL,
    created_at    timestamptz NOT NULL,
    resume_at     timestamptz NULL,
    consumed_at   timestamptz NULL
);

CREATE INDEX ix_bookmarks_run ON bookmarks (run_id, created_at);
CREATE INDEX ix_bookmarks_hash ON bookmarks (hash);
CREATE INDEX ix_bookmarks_pending_name ON bookmarks (name, consumed_at);
CREATE INDEX ix_bookmarks_due ON bookmarks (resume_at) WHERE resume_at IS NOT NULL AND consumed_at IS NULL;

CREATE TABLE incidents (
    run_id             text COLLATE "C" NOT NULL REFERENCES runs (run_id),
    incident_id        text COLLATE "C" NOT NULL,
    activity_path      text        NOT NULL,
    activity_id        text        NOT NULL,
    kind               text        NOT NULL,
    message            text        NOT NULL,
    opened_at          timestamptz NOT NULL,
    attempts           integer     NOT NULL,
    resolution_action  text        NULL,
    resolution_outcome text        NULL,
    resolution_comment text        NULL,
    resolved_by        text        NULL,
    resolved_at        timestamptz NULL,
    PRIMARY KEY (run_id, incident_id)
);

-- The durable inbox. The partial unique indexes make "exactly one wins" a database guarantee:
-- one queued resume per bookmark, one resolution per incident, one cancel per run.
CREATE TABLE signals (
    signal_no   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    signal_id   text COLLATE "C" NOT NULL UNIQUE,
    run_id      text COLLATE "C" NOT NULL REFERENCES runs (run_id),
    kind        text        NOT NULL,
    bookmark_id text COLLATE "C" NULL,
    incident_id text COLLATE "C" NULL,
    payload     json       NOT NULL,
    actor       text        NOT NULL,
    at          timestamptz NOT NULL,
    by_timer    integer     NOT NULL
);

CREATE INDEX ix_signals_run ON signals (run_id, signal_no);
CREATE UNIQUE INDEX ux_signals_resume ON signals (bookmark_id) WHERE kind = 'Resume';
CREATE UNIQUE INDEX ux_signals_resolve ON signals (run_id, incident_id) WHERE kind = 'ResolveIncident';
CREATE UNIQUE INDEX ux_signals_cancel ON signals (run_id) WHERE kind = 'Cancel';
