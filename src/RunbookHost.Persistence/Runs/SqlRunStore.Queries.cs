using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Runs;

internal sealed partial class SqlRunStore
{
    public async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(database.Command(RunSql.GetRun, new { RunId = runId }, null, cancellationToken));
        return row?.ToRecord(database);
    }

    public async Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.Status is not null)
        {
            where.Append(" AND status = @Status");
        }

        if (query.DefinitionId is not null)
        {
            where.Append(" AND definition_id = @DefinitionId");
        }

        var parameters = new { Status = query.Status?.ToString(), query.DefinitionId, Skip = Math.Max(0, query.Skip), Take = Math.Max(0, query.Take) };

        // The total rides on every row of the page, counted in the same statement (so it agrees with the page);
        // only a page with no row to carry it (past the end, or none asked for) needs a count of its own.
        string list = $"SELECT {RunSql.RunColumns}, COUNT(*) OVER () AS Total FROM runs {where} ORDER BY started_at DESC, run_id LIMIT @Take OFFSET @Skip";
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = (await connection.QueryAsync<RunRow, long, (RunRow Row, long Total)>(
            database.Command(list, parameters, null, cancellationToken), (row, total) => (row, total), splitOn: "Total")).ToList();
        long total = rows.Count > 0 ? rows[0].Total
            : parameters.Skip == 0 && parameters.Take > 0 ? 0
            : await connection.ExecuteScalarAsync<long>(database.Command($"SELECT COUNT(*) FROM runs {where}", parameters, null, cancellationToken));
        return new RunPage(rows.Select(r => r.Row.ToRecord(database)).ToList(), checked((int)total));
    }

    public async Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<JournalRow>(database.Command(RunSql.GetJournal(database.JournalKeyedByRunNumber), new { RunId = runId, AfterSeq = afterSeq }, null, cancellationToken));
        return rows.Select(r => r.ToRecord(database)).ToList();
    }

    public async Task<IReadOnlyList<JournalRecord>> GetJournalOfKindsAsync(string runId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        if (kinds.Count == 0)
        {
            return [];
        }

        // Spelled out rather than Dapper's "IN @list", which Npgsql would receive as one array parameter.
        var parameters = new DynamicParameters(new { RunId = runId });
        var names = kinds.Select((kind, i) => (Name: "Kind" + i.ToString(CultureInfo.InvariantCulture), Value: kind)).ToList();
        names.ForEach(n => parameters.Add(n.Name, n.Value));
        bool keyed = database.JournalKeyedByRunNumber;
        string sql = $"{RunSql.SelectJournal}{RunSql.JournalOfRun(keyed)} AND kind IN ({string.Join(", ", names.Select(n => "@" + n.Name))}){RunSql.JournalOrder(keyed)}";
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<JournalRow>(database.Command(sql, parameters, null, cancellationToken));
        return rows.Select(r => r.ToRecord(database)).ToList();
    }

    public async Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {RunSql.BookmarkColumns} FROM bookmarks b WHERE 1 = 1");
        if (query.RunId is not null)
        {
            sql.Append(" AND b.run_id = @RunId");
        }

        var parameters = new DynamicParameters(new { query.RunId, query.Hash });
        if (query.Names is not null)
        {
            // Spelled out rather than Dapper's "IN @list", which Npgsql would receive as one array parameter.
            var names = query.Names.Select((name, i) => (Name: "Name" + i, Value: name)).ToList();
            names.ForEach(n => parameters.Add(n.Name, n.Value));
            sql.Append(names.Count == 0 ? " AND 1 = 0" : $" AND b.name IN ({string.Join(", ", names.Select(n => "@" + n.Name))})");
        }

        if (query.Hash is not null)
        {
            sql.Append(" AND b.hash = @Hash");
        }

        if (query.PendingOnly)
        {
            sql.Append(" AND ").Append(RunSql.BookmarkIsPending);
        }

        sql.Append(" ORDER BY b.created_at, b.bookmark_id");
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<BookmarkRow>(database.Command(sql.ToString(), parameters, null, cancellationToken));
        return rows.Select(r => r.ToRecord(database)).ToList();
    }

    public async Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        await using var session = await database.OpenAsync(cancellationToken);
        await using var command = PendingGatesCommand(database, session.Connection, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var scratch = new ArrayBufferWriter<byte>();
        int read = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            scratch.ResetWrittenCount();
            visit(new PendingGateRow
            {
                BookmarkId = database.ReadUtf8(reader, 0, scratch),
                RunId = database.ReadUtf8(reader, 1, scratch),
                ActivityId = database.ReadUtf8(reader, 2, scratch),
                Name = database.ReadUtf8(reader, 3, scratch),
                Payload = database.ReadUtf8(reader, 4, scratch),
                CreatedAt = database.ReadTime(reader, 5),
                ResumeAt = database.ReadNullableTime(reader, 6),
                DefinitionId = database.ReadUtf8(reader, 7, scratch),
                StartedBy = database.ReadUtf8(reader, 8, scratch),
            });
            read++;
        }

        return read;
    }

    /// <summary>
    /// The statement for <paramref name="query"/>: <see cref="RunSql.PendingGateColumns"/> (bookmark id, run id,
    /// activity id, name, payload, created at, resume at, definition id, started by) with its filter, order and page.
    /// </summary>
    internal static DbCommand PendingGatesCommand(SqlDatabase database, DbConnection connection, PendingGateQuery query)
    {
        if (query.Take is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Take, "Take must not be negative.");
        }

        var sql = new StringBuilder(RunSql.PendingGateColumns);
        var command = connection.CreateCommand();
        var names = query.Names.Select((name, i) => (Name: "Name" + i.ToString(CultureInfo.InvariantCulture), Value: name)).ToList();
        sql.Append(names.Count == 0 ? " AND 1 = 0" : $" AND b.name IN ({string.Join(", ", names.Select(n => "@" + n.Name))})");
        names.ForEach(n => command.Parameters.Add(database.CreateParameter(n.Name, n.Value, json: false)));
        if (query.RunId is not null)
        {
            sql.Append(" AND b.run_id = @RunId");
            command.Parameters.Add(database.CreateParameter("RunId", query.RunId, json: false));
        }

        if (query.After is { } after)
        {
            sql.Append(" AND (b.created_at, b.bookmark_id) > (@AfterAt, @AfterId)");
            command.Parameters.Add(database.CreateParameter("AfterAt", database.Time(after.CreatedAt), json: false));
            command.Parameters.Add(database.CreateParameter("AfterId", after.BookmarkId, json: false));
        }

        sql.Append(" ORDER BY b.created_at, b.bookmark_id");
        if (query.Take is { } take)
        {
            sql.Append(" LIMIT @Take");
            command.Parameters.Add(database.CreateParameter("Take", take, json: false));
        }

        command.CommandText = sql.ToString();
        return command;
    }

    public async Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var row = await connection.QuerySingleOrDefaultAsync<BookmarkRow>(database.Command(RunSql.FindBookmark, new { BookmarkId = bookmarkId }, null, cancellationToken));
        return row?.ToRecord(database);
    }

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<IncidentRow>(database.Command(RunSql.GetIncidents, new { RunId = runId }, null, cancellationToken));
        return rows.Select(r => r.ToRecord(database)).ToList();
    }

    public async Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<SignalRow>(database.Command(RunSql.GetSignals, new { RunId = runId }, null, cancellationToken));
        return rows.Select(r => r.ToRecord(database)).ToList();
    }
}
