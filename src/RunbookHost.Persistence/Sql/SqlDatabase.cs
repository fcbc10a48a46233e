using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Text;
using Dapper;

namespace RunbookHost.Persistence.Sql;

/// <summary>
/// What differs between the supported databases behind one set of SQL statements: how to open a
/// connection and a write transaction, how times and JSON travel, and how to lock a row.
/// </summary>
internal abstract class SqlDatabase : IAsyncDisposable
{
    protected SqlDatabase(string connectionString) => ConnectionString = connectionString;

    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Whether a commit of only a run row and its journal records goes as one statement in its own transaction
    /// (<see cref="Runs.RunSql.RunRowWithJournal"/>): where each statement is a round trip to a server, one instead
    /// of two. SQLite runs statements in process, so its transactions cost no round trips.
    /// </summary>
    public virtual bool CommitsInOneStatement => false;

    /// <summary>
    /// Whether an UPDATE rewrites the index entries of every indexed column it assigns even when the value
    /// stays the same (SQLite: a page written for nothing). PostgreSQL compares the values.
    /// </summary>
    public virtual bool IndexesAssignedColumnsEvenIfUnchanged => false;

    /// <summary>
    /// Whether journal records are keyed by their run's number and seq (<c>record_key = run_no * 2^32 + seq</c>,
    /// SQLite's rowid) rather than by (run_id, seq): a rowid table appended at its end fills one page at a time, where
    /// a b-tree keyed by text rebalances neighbouring pages every few commits (schema v5, <c>0005_JournalInRunOrder.sql</c>).
    /// </summary>
    public virtual bool JournalKeyedByRunNumber => false;

    /// <summary>Appended to a SELECT that must lock the rows it reads until the transaction ends.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Appended to a SELECT that must keep the rows it reads from changing until the transaction ends.</summary>
    public abstract string ForShare { get; }

    /// <summary>A connection for one unit of work; disposing the session gives it back.</summary>
    public abstract Task<SqlSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connection for lease writes (take, renew, release). A lease only matters while the processes sharing
    /// the database are alive, so where a database can commit without waiting for the disk and still stay
    /// consistent (SQLite in WAL mode), lease writes do: a power loss may undo the last lease writes, never a
    /// run's commit, and the next durable commit carries them to the disk anyway. Elsewhere, as <see cref="OpenAsync"/>.
    /// </summary>
    public virtual Task<SqlSession> OpenForLeasesAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Takes back a session's connection: into this database's pool, or closed.</summary>
    internal abstract ValueTask ReleaseAsync(SqlSession session);

    /// <summary>Starts a transaction that takes the write lock up front, so that writers queue instead of deadlocking.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A time as the database stores it: UTC, truncated to the microsecond.</summary>
    public abstract object Time(DateTimeOffset value);

    public object? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public abstract DateTimeOffset ReadTime(object value);

    public DateTimeOffset? ReadNullableTime(object? value) => value is null or DBNull ? null : ReadTime(value);

    /// <summary>A time column of the reader's current row.</summary>
    public virtual DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => ReadTime(reader.GetValue(ordinal));

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>
    /// A text column of the reader's current row as UTF-8, valid until the reader moves on: here the provider's
    /// string encoded into <paramref name="scratch"/> (which the caller empties once a row is done with);
    /// a provider that holds the bytes itself hands them out without a string.
    /// </summary>
    public virtual ReadOnlySpan<byte> ReadUtf8(DbDataReader reader, int ordinal, ArrayBufferWriter<byte> scratch)
    {
        string text = reader.GetString(ordinal);
        var destination = scratch.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        int length = Encoding.UTF8.GetBytes(text, destination);
        scratch.Advance(length);

        // A span keeps its array alive: it stays valid if the scratch buffer grows for the next column.
        return destination[..length];
    }

    /// <summary>A JSON text parameter, stored as written (key order kept).</summary>
    public abstract SqlMapper.ICustomQueryParameter Json(string? json);

    /// <summary>A parameter of this provider; JSON text travels as the provider's JSON type.</summary>
    public abstract DbParameter CreateParameter(string name, object? value, bool json);

    /// <summary>A new value for a parameter <see cref="CreateParameter"/> made with the same name and <paramref name="json"/>.</summary>
    public virtual void SetValue(DbParameter parameter, object? value, bool json) => parameter.Value = value ?? DBNull.Value;

    /// <summary>
    /// Whether a statement failed on a unique or foreign key: in a batch, what follows a run row that did
    /// not match (a journal seq another writer took, a run that does not exist).
    /// </summary>
    public abstract bool IsKeyViolation(DbException exception);

    /// <summary>
    /// Runs the statements in order in the transaction: as one batch (one round trip) where the provider
    /// supports it, else one by one on the session's prepared statements, stopping at the first that changes
    /// other than its expected number of rows. False when a statement missed its expected count (the caller
    /// rolls back).
    /// </summary>
    public async Task<bool> ExecuteAsync(SqlSession session, DbTransaction transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var connection = session.Connection;
        if (connection.CanCreateBatch && statements.Count > 1)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                statement.AddParametersTo(command.Parameters, this);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            for (int i = 0; i < statements.Count; i++)
            {
                if (statements[i].ExpectedRows is { } expected && batch.BatchCommands[i].RecordsAffected != expected)
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var statement in statements)
        {
            if (await ExecuteAsync(session, transaction, statement, cancellationToken) is var changed && statement.ExpectedRows is { } expected && changed != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One statement in the transaction (null: none) on the session's prepared statements; the rows it changed.</summary>
    public async Task<int> ExecuteAsync(SqlSession session, DbTransaction? transaction, SqlStatement statement, CancellationToken cancellationToken)
    {
        var command = Prepare(session, transaction, statement, out bool kept);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (!kept)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The one row (or none) a statement returns, on the session's prepared statements, read as Dapper reads
    /// rows: for statements on a hot path (a lease taken with its run), which Dapper would prepare anew each time.
    /// </summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(SqlSession session, SqlStatement statement, CancellationToken cancellationToken)
    {
        var command = Prepare(session, null, statement, out bool kept);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return default;
            }

            var row = reader.GetRowParser<T>()(reader);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"The statement returned more than one row: {statement.Sql}");
            }

            return row;
        }
        finally
        {
            if (!kept)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>The session's kept command for the statement's SQL (or a one-off one, <paramref name="kept"/> false), bound to its values.</summary>
    private DbCommand Prepare(SqlSession session, DbTransaction? transaction, SqlStatement statement, out bool kept)
    {
        kept = false;
        DbCommand command;
        if (session.Statements is { } prepared)
        {
            command = prepared.Command(statement.Sql, transaction, out kept);
        }
        else
        {
            command = session.Connection.CreateCommand();
            command.CommandText = statement.Sql;
            command.Transaction = transaction;
        }

        if (kept)
        {
            statement.BindTo(command.Parameters, this);
        }
        else
        {
            statement.AddParametersTo(command.Parameters, this);
        }

        return command;
    }

    public ValueTask DisposeAsync() => DisposeCoreAsync();

    protected abstract ValueTask DisposeCoreAsync();

    public CommandDefinition Command(string sql, object? parameters, IDbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>Drops the sub-microsecond ticks, as every supported database does.</summary>
    protected static DateTime UtcMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), DateTimeKind.Utc);
}
