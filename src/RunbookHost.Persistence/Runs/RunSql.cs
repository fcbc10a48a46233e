namespace RunbookHost.Persistence.Runs;

/// <summary>
/// The run store's statements, written once for SQLite and PostgreSQL (the differences live in
/// <see cref="Sql.SqlDatabase"/>). Journal rows are only ever inserted here.
/// </summary>
internal static class RunSql
{
    public const string RunColumns = """
        run_id AS RunId, definition_id AS DefinitionId, definition_version AS DefinitionVersion, status AS Status,
        started_by AS StartedBy, started_at AS StartedAt, finished_at AS FinishedAt, updated_at AS UpdatedAt,
        input AS Input, version AS Version, last_seq AS LastSeq, last_hash AS LastHash, state AS State, fault AS Fault
        """;

    public const string InsertRun = """
        INSERT INTO runs (run_id, definition_id, definition_version, status, started_by, started_at, finished_at,
                          updated_at, input, version, last_seq, last_hash, state, fault)
        VALUES (@RunId, @DefinitionId, @DefinitionVersion, @Status, @StartedBy, @StartedAt, @FinishedAt,
                @UpdatedAt, @Input, @Version, @LastSeq, @LastHash, @State, @Fault)
        ON CONFLICT (run_id) DO NOTHING
        """;

    public const string UpdateRun = """
        UPDATE runs
        SET definition_id = @DefinitionId, definition_version = @DefinitionVersion, status = @Status,
            started_by = @StartedBy, started_at = @StartedAt, finished_at = @FinishedAt, updated_at = @UpdatedAt,
            input = @Input, version = @Version, last_seq = @LastSeq, last_hash = @LastHash, state = @State, fault = @Fault
        WHERE run_id = @RunId AND version = @ExpectedVersion
        """;

    public const string LastJournalRecord = """
        SELECT seq AS Seq, hash AS Hash FROM journal WHERE run_id = @RunId ORDER BY seq DESC LIMIT 1
        """;

    public const string InsertJournal = """
        INSERT INTO journal (run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash)
        VALUES (@RunId, @Seq, @At, @Kind, @ActivityId, @Actor, @Message, @Data, @Hash, @PrevHash)
        """;

    public const string UpsertBookmark = """
        INSERT INTO bookmarks (bookmark_id, run_id, activity_path, activity_id, name, hash, payload, created_at, resume_at, consumed_at)
        VALUES (@BookmarkId, @RunId, @ActivityPath, @ActivityId, @Name, @Hash, @Payload, @CreatedAt, @ResumeAt, @ConsumedAt)
        ON CONFLICT (bookmark_id) DO UPDATE
        SET activity_path = excluded.activity_path, activity_id = excluded.activity_id, name = excluded.name,
            hash = excluded.hash, payload = excluded.payload, created_at = excluded.created_at,
            resume_at = excluded.resume_at, consumed_at = excluded.consumed_at
        WHERE bookmarks.run_id = excluded.run_id
        """;

    public const string ConsumeBookmark = """
        UPDATE bookmarks SET consumed_at = @ConsumedAt WHERE bookmark_id = @BookmarkId AND run_id = @RunId
        """;

    public const string UpsertIncident = """
        INSERT INTO incidents (run_id, incident_id, activity_path, activity_id, kind, message, opened_at, attempts,
                               resolution_action, resolution_outcome, resolution_comment, resolved_by, resolved_at)
        VALUES (@RunId, @IncidentId, @ActivityPath, @ActivityId, @Kind, @Message, @OpenedAt, @Attempts,
                @ResolutionAction, @ResolutionOutcome, @ResolutionComment, @ResolvedBy, @ResolvedAt)
        ON CONFLICT (run_id, incident_id) DO UPDATE
        SET activity_path = excluded.activity_path, activity_id = excluded.activity_id, kind = excluded.kind,
            message = excluded.message, opened_at = excluded.opened_at, attempts = excluded.attempts,
            resolution_action = excluded.resolution_action, resolution_outcome = excluded.resolution_outcome,
            resolution_comment = excluded.resolution_comment, resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at
        """;

    public const string DeleteSignal = "DELETE FROM signals WHERE run_id = @RunId AND signal_id = @SignalId";

    public const string GetRun = "SELECT " + RunColumns + " FROM runs WHERE run_id = @RunId";

    public const string GetJournal = """
        SELECT seq AS Seq, at AS At, kind AS Kind, activity_id AS ActivityId, actor AS Actor, message AS Message,
               data AS Data, hash AS Hash, prev_hash AS PrevHash
        FROM journal WHERE run_id = @RunId AND seq > @AfterSeq ORDER BY seq
        """;

    public const string BookmarkColumns = """
        b.bookmark_id AS BookmarkId, b.run_id AS RunId, b.activity_path AS ActivityPath, b.activity_id AS ActivityId,
        b.name AS Name, b.hash AS Hash, b.payload AS Payload, b.created_at AS CreatedAt, b.resume_at AS ResumeAt,
        b.consumed_at AS ConsumedAt
        """;

    /// <summary>A bookmark is pending while it is not consumed and no resume is queued for it.</summary>
    public const string BookmarkIsPending = """
        b.consumed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.kind = 'Resume' AND s.bookmark_id = b.bookmark_id)
        """;

    public const string FindBookmark = "SELECT " + BookmarkColumns + " FROM bookmarks b WHERE b.bookmark_id = @BookmarkId";

    public const string GetIncidents = """
        SELECT run_id AS RunId, incident_id AS IncidentId, activity_path AS ActivityPath, activity_id AS ActivityId,
               kind AS Kind, message AS Message, opened_at AS OpenedAt, attempts AS Attempts,
               resolution_action AS ResolutionAction, resolution_outcome AS ResolutionOutcome,
               resolution_comment AS ResolutionComment, resolved_by AS ResolvedBy, resolved_at AS ResolvedAt
        FROM incidents WHERE run_id = @RunId ORDER BY opened_at, incident_id
        """;

    public const string GetSignals = """
        SELECT signal_id AS SignalId, run_id AS RunId, kind AS Kind, bookmark_id AS BookmarkId, incident_id AS IncidentId,
               payload AS Payload, actor AS Actor, at AS At, by_timer AS ByTimer
        FROM signals WHERE run_id = @RunId ORDER BY signal_no
        """;

    public const string InsertSignal = """
        INSERT INTO signals (signal_id, run_id, kind, bookmark_id, incident_id, payload, actor, at, by_timer)
        VALUES (@SignalId, @RunId, @Kind, @BookmarkId, @IncidentId, @Payload, @Actor, @At, @ByTimer)
        ON CONFLICT DO NOTHING
        """;

    public const string DueTimers = $"""
        SELECT {BookmarkColumns}
        FROM bookmarks b
        WHERE b.resume_at IS NOT NULL AND b.resume_at <= @Now AND {BookmarkIsPending}
        ORDER BY b.resume_at, b.bookmark_id
        LIMIT @Max
        """;

    public const string NextTimer = $"""
        SELECT MIN(b.resume_at) FROM bookmarks b WHERE b.resume_at IS NOT NULL AND {BookmarkIsPending}
        """;

    public const string FindRunnable = """
        SELECT r.run_id FROM runs r
        WHERE (r.status = 'Running' OR r.run_id IN (SELECT s.run_id FROM signals s))
          AND (r.lease_owner IS NULL OR r.lease_until <= @Now)
        ORDER BY r.updated_at, r.run_id
        LIMIT @Max
        """;

    public const string AcquireLease = """
        UPDATE runs SET lease_owner = @Owner, lease_until = @Until
        WHERE run_id = @RunId AND (lease_owner IS NULL OR lease_owner = @Owner OR lease_until <= @Now)
        """;

    public const string RenewLease = "UPDATE runs SET lease_until = @Until WHERE run_id = @RunId AND lease_owner = @Owner";

    public const string ReleaseLease = "UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE run_id = @RunId AND lease_owner = @Owner";

    public const string ReleaseLeasesOf = "UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Owner";
}
