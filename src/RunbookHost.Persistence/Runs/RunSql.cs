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
                          updated_at, input, version, last_seq, last_hash, state, fault, lease_owner, lease_until)
        VALUES (@RunId, @DefinitionId, @DefinitionVersion, @Status, @StartedBy, @StartedAt, @FinishedAt,
                @UpdatedAt, @Input, @Version, @LastSeq, @LastHash, @State, @Fault, @LeaseOwner, @LeaseUntil)
        ON CONFLICT (run_id) DO NOTHING
        """;

    /// <summary>
    /// <see cref="InsertRun"/> where the journal is keyed by run number (<see cref="Sql.SqlDatabase.JournalKeyedByRunNumber"/>):
    /// the new run takes the next number, read from <c>ux_runs_run_no</c> under the write lock the INSERT holds.
    /// </summary>
    public const string InsertNumberedRun = """
        INSERT INTO runs (run_id, definition_id, definition_version, status, started_by, started_at, finished_at,
                          updated_at, input, version, last_seq, last_hash, state, fault, lease_owner, lease_until, run_no)
        VALUES (@RunId, @DefinitionId, @DefinitionVersion, @Status, @StartedBy, @StartedAt, @FinishedAt,
                @UpdatedAt, @Input, @Version, @LastSeq, @LastHash, @State, @Fault, @LeaseOwner, @LeaseUntil,
                (SELECT COALESCE(MAX(run_no), 0) + 1 FROM runs))
        ON CONFLICT (run_id) DO NOTHING
        """;

    /// <summary>
    /// A commit's run row: only the columns a commit can change (a run's definition, starter, start and
    /// input are written once). The WHERE is the whole concurrency check: the version read, and the journal
    /// tip the commit's records continue from, so no separate read of the journal is needed.
    /// </summary>
    private const string UpdateRun = """
        UPDATE runs
        SET finished_at = @FinishedAt, updated_at = @UpdatedAt, version = @Version,
            last_seq = @LastSeq, last_hash = @LastHash, state = @State, fault = @Fault
        """;

    private const string AndStatus = ", status = @Status";

    private const string ReleasingLease = ", lease_owner = NULL, lease_until = NULL";

    private const string UpdateRunWhere = " WHERE run_id = @RunId AND version = @ExpectedVersion AND last_seq = @PrevSeq AND last_hash = @PrevHash";

    private const string UnderLease = " AND lease_owner = @LeaseOwner";

    public const string UpdateRunUnleased = UpdateRun + AndStatus + UpdateRunWhere;

    /// <summary>The commit applies only while its owner holds the run's lease.</summary>
    public const string UpdateRunLeased = UpdateRun + AndStatus + UpdateRunWhere + UnderLease;

    /// <summary>The lease holder's last commit: the lease is freed with it.</summary>
    public const string UpdateRunReleasing = UpdateRun + AndStatus + ReleasingLease + UpdateRunWhere + UnderLease;

    /// <summary>
    /// The same three without the status (SQLite): SQLite rewrites the index entry of every indexed column a
    /// statement assigns, changed or not, so assigning the status would write an <c>ix_runs_status</c> page on
    /// every commit; <see cref="SetStatusIfChanged"/> follows them in the transaction instead.
    /// </summary>
    public const string UpdateRunUnleasedKeepingStatus = UpdateRun + UpdateRunWhere;

    public const string UpdateRunLeasedKeepingStatus = UpdateRun + UpdateRunWhere + UnderLease;

    public const string UpdateRunReleasingKeepingStatus = UpdateRun + ReleasingLease + UpdateRunWhere + UnderLease;

    /// <summary>The run's status, written (and its index entry moved) only when it changes; the run row was checked by the UPDATE before it.</summary>
    public const string SetStatusIfChanged = "UPDATE runs SET status = @Status WHERE run_id = @RunId AND status <> @Status";

    /// <summary>Why a commit's run row did not match: read only after it did not.</summary>
    public const string CommitTarget = """
        SELECT version AS Version, last_seq AS LastSeq, last_hash AS LastHash, lease_owner AS LeaseOwner FROM runs WHERE run_id = @RunId
        """;

    private const string JournalColumns = "INSERT INTO journal (run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash) VALUES ";

    /// <summary>The most journal records one INSERT carries (9 parameters each, well within every provider's limit).</summary>
    public const int JournalRowsPerInsert = 256;

    /// <summary>
    /// The records joined to their run's row for their key (<c>run_no * 2^32 + seq</c>): a run that does not exist
    /// inserts none. SQLite names the columns of a VALUES list <c>column1</c>, <c>column2</c>, ...
    /// </summary>
    private const string NumberedJournalColumns = """
        INSERT INTO journal (record_key, run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash)
        SELECT r.run_no * 4294967296 + j.column1, r.run_id, j.column1, j.column2, j.column3, j.column4, j.column5, j.column6, j.column7, j.column8, j.column9
        FROM runs AS r CROSS JOIN (VALUES
        """;

    private const string NumberedJournalEnd = ") AS j WHERE r.run_id = @RunId";

    private static readonly string[] InsertJournalCache = new string[16];

    private static readonly string[] InsertNumberedJournalCache = new string[16];

    /// <summary>
    /// One INSERT of <paramref name="rows"/> journal records: parameters <c>@RunId</c>, <c>@Seq0</c>, <c>@At0</c>, ...;
    /// <paramref name="keyedByRunNumber"/>: keyed as <see cref="Sql.SqlDatabase.JournalKeyedByRunNumber"/> says.
    /// </summary>
    public static string InsertJournal(int rows, bool keyedByRunNumber)
    {
        var cache = keyedByRunNumber ? InsertNumberedJournalCache : InsertJournalCache;
        if (rows < cache.Length && cache[rows] is { } cached)
        {
            return cached;
        }

        var sql = new System.Text.StringBuilder(keyedByRunNumber ? NumberedJournalColumns : JournalColumns, 300 + (rows * 100));
        for (int i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ", ")
               .Append(System.Globalization.CultureInfo.InvariantCulture,
                   $"({(keyedByRunNumber ? "" : "@RunId, ")}@Seq{i}, @At{i}, @Kind{i}, @ActivityId{i}, @Actor{i}, @Message{i}, @Data{i}, @Hash{i}, @PrevHash{i})");
        }

        string text = (keyedByRunNumber ? sql.Append(NumberedJournalEnd) : sql).ToString();
        if (rows < cache.Length)
        {
            cache[rows] = text;
        }

        return text;
    }

    private const string JournalRows = """
        INSERT INTO journal (run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash)
        SELECT run.run_id, j.seq, j.at, j.kind, j.activity_id, j.actor, j.message, j.data, j.hash, j.prev_hash
        FROM run CROSS JOIN (VALUES
        """;

    private static readonly Dictionary<(string RunSql, int Rows), string> RunRowWithJournalCache = [];

    /// <summary>
    /// The run row's INSERT or UPDATE (<paramref name="runSql"/>) and <paramref name="rows"/> journal records in one
    /// statement (PostgreSQL): the records are inserted for the run row the first part returns, so a row that did not
    /// match inserts none. Parameters: the run row's, then <c>@Seq0</c>, <c>@At0</c>, ... as <see cref="InsertJournal"/>.
    /// </summary>
    public static string RunRowWithJournal(string runSql, int rows)
    {
        lock (RunRowWithJournalCache)
        {
            if (RunRowWithJournalCache.TryGetValue((runSql, rows), out string? cached))
            {
                return cached;
            }
        }

        var sql = new System.Text.StringBuilder("WITH run AS (").Append(runSql).Append(" RETURNING run_id) ").Append(JournalRows);
        for (int i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ", ")
               .Append(System.Globalization.CultureInfo.InvariantCulture,
                   $"(@Seq{i}, @At{i}, @Kind{i}, @ActivityId{i}, @Actor{i}, @Message{i}, @Data{i}, @Hash{i}, @PrevHash{i})");
        }

        string text = sql.Append(") AS j (seq, at, kind, activity_id, actor, message, data, hash, prev_hash)").ToString();
        if (rows < 16)
        {
            lock (RunRowWithJournalCache)
            {
                RunRowWithJournalCache[(runSql, rows)] = text;
            }
        }

        return text;
    }

    private static readonly string[][] JournalParameterNames = [.. Enumerable.Range(0, JournalRowsPerInsert).Select(i =>
        new[] { "Seq", "At", "Kind", "ActivityId", "Actor", "Message", "Data", "Hash", "PrevHash" }
            .Select(name => "@" + name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())];

    /// <summary>The parameter names of row <paramref name="row"/> of <see cref="InsertJournal"/>: <c>@Seq{row}</c>, <c>@At{row}</c>, ... in column order.</summary>
    public static string[] JournalParameters(int row) => JournalParameterNames[row];

    public const string UpsertBookmark = """
        INSERT INTO bookmarks (bookmark_id, run_id, activity_path, activity_id, name, hash, payload, created_at, resume_at, consumed_at,
                               definition_id, started_by)
        VALUES (@BookmarkId, @RunId, @ActivityPath, @ActivityId, @Name, @Hash, @Payload, @CreatedAt, @ResumeAt, @ConsumedAt,
                @DefinitionId, @StartedBy)
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

    /// <summary>The journal's columns as <see cref="JournalRow"/> names them, without the FROM.</summary>
    public const string SelectJournal = """
        SELECT seq AS Seq, at AS At, kind AS Kind, activity_id AS ActivityId, actor AS Actor, message AS Message,
               data AS Data, hash AS Hash, prev_hash AS PrevHash
        """;

    /// <summary>The records of run <c>@RunId</c> (their FROM and WHERE), in the order of <see cref="JournalOrder"/>.</summary>
    public static string JournalOfRun(bool keyedByRunNumber) => keyedByRunNumber
        ? """
           FROM journal
          WHERE record_key BETWEEN (SELECT run_no FROM runs WHERE run_id = @RunId) * 4294967296
                               AND (SELECT run_no FROM runs WHERE run_id = @RunId) * 4294967296 + 4294967295
          """
        : " FROM journal WHERE run_id = @RunId";

    /// <summary>Records in seq order: by their key where it is the run's number and seq (a walk of the table, no sort).</summary>
    public static string JournalOrder(bool keyedByRunNumber) => keyedByRunNumber ? " ORDER BY record_key" : " ORDER BY seq";

    /// <summary>The records of run <c>@RunId</c> after seq <c>@AfterSeq</c>.</summary>
    public static string GetJournal(bool keyedByRunNumber) => keyedByRunNumber ? GetNumberedJournal : GetJournalByRunId;

    private static readonly string GetJournalByRunId = SelectJournal + JournalOfRun(false) + " AND seq > @AfterSeq" + JournalOrder(false);

    private static readonly string GetNumberedJournal = SelectJournal + JournalOfRun(true) + " AND seq > @AfterSeq" + JournalOrder(true);

    public const string BookmarkColumns = """
        b.bookmark_id AS BookmarkId, b.run_id AS RunId, b.activity_path AS ActivityPath, b.activity_id AS ActivityId,
        b.name AS Name, b.hash AS Hash, b.payload AS Payload, b.created_at AS CreatedAt, b.resume_at AS ResumeAt,
        b.consumed_at AS ConsumedAt
        """;

    /// <summary>
    /// A bookmark is pending while it is not consumed and no resume is queued for it (<c>resume_queued</c>, kept by
    /// triggers on <c>signals</c>): exactly what <c>ix_bookmarks_pending</c> holds.
    /// </summary>
    public const string BookmarkIsPending = "b.consumed_at IS NULL AND NOT b.resume_queued";

    /// <summary>What the approvals inbox shows of the pending gates; read from <c>ix_bookmarks_pending</c> alone on SQLite.</summary>
    public const string PendingGateColumns = $"""
        SELECT b.bookmark_id, b.run_id, b.activity_id, b.name, b.payload, b.created_at, b.resume_at, b.definition_id, b.started_by
        FROM bookmarks b
        WHERE {BookmarkIsPending}
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

    /// <summary>
    /// <see cref="AcquireLease"/>, returning the run row it leased (none when it did not) and whether signals were
    /// queued for it, read in the same statement: a signal committed before it is seen here, one committed after
    /// reaches the execution as any signal sent while it runs.
    /// </summary>
    public const string AcquireLeaseReturningRun = AcquireLease + " RETURNING " + RunColumns
        + ", EXISTS (SELECT 1 FROM signals s WHERE s.run_id = runs.run_id) AS SignalsWaiting";

    public const string RenewLease = "UPDATE runs SET lease_until = @Until WHERE run_id = @RunId AND lease_owner = @Owner";

    public const string ReleaseLease = "UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE run_id = @RunId AND lease_owner = @Owner";

    public const string ReleaseLeasesOf = "UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Owner";
}
