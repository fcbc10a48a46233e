-- v2: the host's audit trail of changes that are not part of a run (workflow saves and publishes,
-- lab faults). Append-only: the code has no update or delete for it.
CREATE TABLE audit_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    detail   TEXT NULL
);

CREATE INDEX ix_audit_events_at ON audit_events (at, event_id);
