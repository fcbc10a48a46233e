-- v4: the approvals inbox needs no look-up per gate.
-- A bookmark says whether a resume is queued for it (exactly when a 'Resume' signal names it: one at most,
-- ux_signals_resume). The triggers keep the flag in the same statement that queues or removes the signal,
-- whichever code path does it, so a pending gate is "not consumed, no resume queued" read from the bookmark
-- alone, and the partial index holds exactly the gates the inbox lists.
ALTER TABLE bookmarks ADD COLUMN resume_queued boolean NOT NULL DEFAULT false;

UPDATE bookmarks b SET resume_queued = true
FROM signals s
WHERE s.kind = 'Resume' AND s.bookmark_id = b.bookmark_id;

CREATE FUNCTION signals_mark_resume_queued() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE bookmarks SET resume_queued = true WHERE bookmark_id = NEW.bookmark_id;
    ELSE
        UPDATE bookmarks SET resume_queued = false WHERE bookmark_id = OLD.bookmark_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tr_signals_resume_queued AFTER INSERT ON signals
    FOR EACH ROW WHEN (NEW.kind = 'Resume') EXECUTE FUNCTION signals_mark_resume_queued();

CREATE TRIGGER tr_signals_resume_dequeued AFTER DELETE ON signals
    FOR EACH ROW WHEN (OLD.kind = 'Resume') EXECUTE FUNCTION signals_mark_resume_queued();

DROP INDEX ix_bookmarks_pending;
CREATE INDEX ix_bookmarks_pending ON bookmarks (created_at, bookmark_id) INCLUDE (name, run_id)
    WHERE consumed_at IS NULL AND NOT resume_queued;
