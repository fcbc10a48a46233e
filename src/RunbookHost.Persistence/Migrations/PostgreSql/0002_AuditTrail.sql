-- v2: the host's audit trail of changes that are not part of a run (workflow saves and publishes,
-- lab faults). Append-only: the code has no update or delete for it.
CREATE TABLE audit_events (
    event_id text        NOT NULL PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text        NOT NULL,
    action   text        NOT NULL,
    target   text        NOT NULL,
    detail   text        NULL
);

CREATE INDEX ix_audit_events_at ON audit_events (at, event_id);
