-- v5: the journal is stored in run order in the table's own b-tree, so a commit appends its records to one page.
--
-- v4 keyed the journal by (run_id, seq) in a table without rowid. SQLite balances such a b-tree by redistributing
-- cells over three neighbouring leaves and their parent whenever the last leaf overflows, which with ~250-byte
-- records happened every two or three commits: ~2.4 journal pages a commit in the WAL. A rowid table appended at
-- its end only ever starts a new leaf (one page and the parent, once a page fills), so each run gets a number and
-- a record's key is run_no * 2^32 + seq: a run's records are one contiguous range, in seq order, and the key is
-- unique exactly when (run, seq) is.

-- The run's number: fixed when the run is inserted (the largest so far + 1), never reused while its journal exists
-- (a run's journal is purged with it). Explicit rather than the rowid, which VACUUM may renumber.
ALTER TABLE runs ADD COLUMN run_no INTEGER NULL;
UPDATE runs SET run_no = rowid;
CREATE UNIQUE INDEX ux_runs_run_no ON runs (run_no);

-- No foreign key to runs: checking one when a run is deleted would scan the whole journal (nothing indexes run_id
-- here). The store inserts a record only joined to its run's row (that is where the key comes from), and deletes
-- a run's records with the run.
CREATE TABLE journal_v5 (
    record_key  INTEGER PRIMARY KEY,
    run_id      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    activity_id TEXT    NULL,
    actor       TEXT    NULL,
    message     TEXT    NOT NULL,
    data        TEXT    NULL,
    hash        TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    CHECK (seq BETWEEN 1 AND 4294967295 AND (record_key & 4294967295) = seq)
);

INSERT INTO journal_v5 (record_key, run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash)
SELECT r.run_no * 4294967296 + j.seq, j.run_id, j.seq, j.at, j.kind, j.activity_id, j.actor, j.message, j.data, j.hash, j.prev_hash
FROM journal j JOIN runs r ON r.run_id = j.run_id
ORDER BY r.run_no, j.seq;

DROP TABLE journal;
ALTER TABLE journal_v5 RENAME TO journal;
