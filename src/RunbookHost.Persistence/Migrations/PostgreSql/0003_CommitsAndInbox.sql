-- v3: the approvals inbox reads the pending gates in the order of one index, without the runs table.
-- A bookmark carries its run's workflow and starter (they never change for a run); the partial index
-- holds exactly the pending bookmarks in the inbox's order.
ALTER TABLE bookmarks ADD COLUMN definition_id text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN started_by text NOT NULL DEFAULT '';

UPDATE bookmarks b
SET definition_id = r.definition_id, started_by = r.started_by
FROM runs r
WHERE r.run_id = b.run_id;

ALTER TABLE bookmarks ALTER COLUMN definition_id DROP DEFAULT;
ALTER TABLE bookmarks ALTER COLUMN started_by DROP DEFAULT;

DROP INDEX ix_bookmarks_pending_name;
CREATE INDEX ix_bookmarks_pending ON bookmarks (created_at, bookmark_id) INCLUDE (name, run_id) WHERE consumed_at IS NULL;

-- A commit changes updated_at: indexed, every commit moved the run's entry in ix_runs_status (an extra
-- page written per commit; on PostgreSQL it also ruled out heap-only updates, so every index of runs got
-- a new entry). The runner's look-up of runnable runs only needs the few Running ones, sorted after.
DROP INDEX ix_runs_status;
CREATE INDEX ix_runs_status ON runs (status);

-- Room on each page for a run's next version, so that a commit's update stays on its page (HOT).
ALTER TABLE runs SET (fillfactor = 80);
