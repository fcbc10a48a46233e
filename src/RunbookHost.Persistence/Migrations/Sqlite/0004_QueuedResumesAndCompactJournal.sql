-- v4: the approvals inbox is a walk of one index with no look-up per gate, and a commit writes fewer pages.

-- A bookmark says whether a resume is queued for it (exactly when a 'Resume' signal names it: one at most,
-- ux_signals_resume). The triggers keep the flag in the same statement that queues or removes the signal,
-- whichever code path does it, so a pending gate is "not consumed, no resume queued" read from the bookmark
-- alone, and the partial index holds exactly the gates the inbox lists.
ALTER TABLE bookmarks ADD COLUMN resume_queued INTEGER NOT NULL DEFAULT 0;

UPDATE bookmarks SET resume_queued = 1
WHERE bookmark_id IN (SELECT s.bookmark_id FROM signals s WHERE s.kind = 'Resume' AND s.bookmark_id IS NOT NULL);

CREATE TRIGGER tr_signals_resume_queued AFTER INSERT ON signals WHEN NEW.kind = 'Resume'
BEGIN
    UPDATE bookmarks SET resume_queued = 1 WHERE bookmark_id = NEW.bookmark_id;
END;

CREATE TRIGGER tr_signals_resume_dequeued AFTER DELETE ON signals WHEN OLD.kind = 'Resume'
BEGIN
    UPDATE bookmarks SET resume_queued = 0 WHERE bookmark_id = OLD.bookmark_id;
END;

DROP INDEX ix_bookmarks_pending;
CREATE INDEX ix_bookmarks_pending ON bookmarks (created_at, bookmark_id, name, run_id, activity_id, resume_at, definition_id, started_by, payload)
    WHERE consumed_at IS NULL AND NOT resume_queued;

-- The journal keyed by (run_id, seq) alone: a table without rowid is one b-tree, so appending a record
-- writes one page where the rowid table wrote two (the table, and the index enforcing the key).
CREATE TABLE journal_v4 (
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
) WITHOUT ROWID;

INSERT INTO journal_v4 (run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash)
SELECT run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash FROM journal;

DROP TABLE journal;
ALTER TABLE journal_v4 RENAME TO journal;
