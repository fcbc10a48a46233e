-- v3: the approvals inbox reads the pending gates from one index, in its order, without the runs table.
-- A bookmark carries its run's workflow and starter (they never change for a run); the partial index
-- holds exactly the pending bookmarks with every column the inbox shows, so listing them is a walk of
-- that index: no sort, no table or runs look-ups.
ALTER TABLE bookmarks ADD COLUMN definition_id TEXT NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN started_by TEXT NOT NULL DEFAULT '';

UPDATE bookmarks
SET definition_id = (SELECT r.definition_id FROM runs r WHERE r.run_id = bookmarks.run_id),
    started_by = (SELECT r.started_by FROM runs r WHERE r.run_id = bookmarks.run_id);

DROP INDEX ix_bookmarks_pending_name;
CREATE INDEX ix_bookmarks_pending ON bookmarks (created_at, bookmark_id, name, run_id, activity_id, resume_at, definition_id, started_by, payload)
    WHERE consumed_at IS NULL;

-- A commit changes updated_at: indexed, every commit moved the run's entry in ix_runs_status (an extra
-- page written per commit; on PostgreSQL it also ruled out heap-only updates, so every index of runs got
-- a new entry). The runner's look-up of runnable runs only needs the few Running ones, sorted after.
DROP INDEX ix_runs_status;
CREATE INDEX ix_runs_status ON runs (status);
