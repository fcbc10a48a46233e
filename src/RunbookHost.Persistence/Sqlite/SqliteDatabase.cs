using System.Buffers;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.Sqlite;

/// <summary>
/// An SQLite file in WAL mode. Times are text in a fixed-width ISO-8601 form, which sorts and
/// compares as the instants do; write transactions are BEGIN IMMEDIATE.
/// </summary>
/// <remarks>
/// Keeps its own pool of open connections, each with its pragmas applied once and the statements it has
/// prepared (Microsoft.Data.Sqlite compiles a command's SQL anew for every new command, and a connection
/// given back to its pool finalizes them): a commit's statements are compiled once per connection, not once
/// per commit. A connection goes back to the pool only when it is idle (open, no transaction in progress);
/// otherwise it is closed.
/// </remarks>
internal sealed class SqliteDatabase : SqlDatabase
{
    private const int SQLiteConstraint = 19;
    private const int SQLiteConstraintPrimaryKey = 19 | (6 << 8);
    private const int SQLiteConstraintUnique = 19 | (8 << 8);
    private const int SQLiteConstraintForeignKey = 19 | (3 << 8);

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private const string ConnectionPragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

    /// <summary>
    /// Lease connections commit without waiting for the disk (WAL, synchronous NORMAL): a power loss may roll
    /// back their last writes, never corrupt the database; a later commit's sync writes them too.
    /// </summary>
    private const string LeasePragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    /// <summary>Idle connections kept open at most; more at once are closed when given back.</summary>
    internal const int MaxIdleConnections = 16;

    private readonly ConcurrentStack<PooledConnection> _idle = new();
    private readonly ConcurrentStack<PooledConnection> _idleForLeases = new();
    private volatile bool _disposed;

    public SqliteDatabase(string connectionString)
        : base(connectionString)
    {
        FilePath = ResolveFilePath(connectionString);
        if (FilePath is not null && Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? FilePath { get; }

    public override bool IndexesAssignedColumnsEvenIfUnchanged => true;

    public override bool JournalKeyedByRunNumber => true;

    public override string ForUpdate => string.Empty;

    public override string ForShare => string.Empty;

    /// <summary>Connections open in the pool now, not in use (for tests).</summary>
    internal int IdleConnections => _idle.Count;

    public override Task<SqlSession> OpenAsync(CancellationToken cancellationToken) => OpenAsync(forLeases: false, cancellationToken);

    public override Task<SqlSession> OpenForLeasesAsync(CancellationToken cancellationToken) => OpenAsync(forLeases: true, cancellationToken);

    /// <summary>A connection from its own pool: lease connections never serve commits, so none is ever left not syncing.</summary>
    private async Task<SqlSession> OpenAsync(bool forLeases, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if ((forLeases ? _idleForLeases : _idle).TryPop(out var pooled))
        {
            return new SqlSession(this, pooled.Connection, pooled.Statements, forLeases);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = forLeases ? LeasePragmas : ConnectionPragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SqlSession(this, connection, new PreparedStatements(connection), forLeases);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal override ValueTask ReleaseAsync(SqlSession session)
    {
        var connection = (SqliteConnection)session.Connection;
        var statements = session.Statements!;
        var idle = session.ForLeases ? _idleForLeases : _idle;
        if (!_disposed && idle.Count < MaxIdleConnections && IsIdle(connection))
        {
            idle.Push(new PooledConnection(connection, statements));

            // Disposed meanwhile: close what is in the pool rather than leave it open where nobody drains it.
            return _disposed ? CloseIdleAsync() : ValueTask.CompletedTask;
        }

        return CloseAsync(connection, statements);
    }

    /// <summary>
    /// Open and in autocommit mode: no transaction left behind (one left open is rolled back by closing the
    /// connection). Readers need no check: every reader is disposed before its session.
    /// </summary>
    private static bool IsIdle(SqliteConnection connection) =>
        connection.State == ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0;

    private static async ValueTask CloseAsync(SqliteConnection connection, PreparedStatements statements)
    {
        statements.Dispose();
        await connection.DisposeAsync();
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken); // Microsoft.Data.Sqlite: BEGIN IMMEDIATE

    public override object Time(DateTimeOffset value) => FixedWidth(UtcMicroseconds(value));

    /// <summary>
    /// <paramref name="time"/> as <see cref="TimeFormat"/>, written digit by digit (every commit writes one or
    /// more); the same text as <c>time.ToString(TimeFormat, CultureInfo.InvariantCulture)</c>.
    /// </summary>
    internal static string FixedWidth(DateTime time) => string.Create(27, time, static (text, t) =>
    {
        Digits(text, 0, 4, t.Year);
        text[4] = '-';
        Digits(text, 5, 2, t.Month);
        text[7] = '-';
        Digits(text, 8, 2, t.Day);
        text[10] = 'T';
        Digits(text, 11, 2, t.Hour);
        text[13] = ':';
        Digits(text, 14, 2, t.Minute);
        text[16] = ':';
        Digits(text, 17, 2, t.Second);
        text[19] = '.';
        Digits(text, 20, 6, (int)(t.Ticks % TimeSpan.TicksPerSecond / 10));
        text[26] = 'Z';
    });

    private static void Digits(Span<char> text, int start, int count, int value)
    {
        for (int i = start + count - 1; i >= start; i--)
        {
            text[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    public override DateTimeOffset ReadTime(object value)
    {
        string text = (string)value;
        return TryReadFixedWidth(text.AsSpan(), out var time) ? time : ParseExact(text);
    }

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        var text = Column(reader, ordinal);
        return TryReadFixedWidth(text, out var time) ? time : ParseExact(Encoding.UTF8.GetString(text));
    }

    /// <summary>
    /// The statement's own bytes (<c>sqlite3_column_blob</c> returns a TEXT value as it is stored, UTF-8), valid
    /// until the reader steps: no copy, no string, and <paramref name="scratch"/> is not used.
    /// </summary>
    public override ReadOnlySpan<byte> ReadUtf8(DbDataReader reader, int ordinal, ArrayBufferWriter<byte> scratch) => Column(reader, ordinal);

    private static ReadOnlySpan<byte> Column(DbDataReader reader, int ordinal) =>
        SQLitePCL.raw.sqlite3_column_blob(((SqliteDataReader)reader).Handle ?? throw new InvalidOperationException("The reader has no current row."), ordinal);

    private static DateTimeOffset ParseExact(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// Reads the store's own 'yyyy-MM-ddTHH:mm:ss.ffffffZ' digit by digit, from a string or straight from the
    /// UTF-8 bytes (lists read thousands of times); false for anything else, which the exact parse then reads
    /// or rejects.
    /// </summary>
    private static bool TryReadFixedWidth<TChar>(ReadOnlySpan<TChar> text, out DateTimeOffset time)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        time = default;
        if (text.Length != 27 || At(text, 4) != '-' || At(text, 7) != '-' || At(text, 10) != 'T' || At(text, 13) != ':' || At(text, 16) != ':' || At(text, 19) != '.' || At(text, 26) != 'Z'
            || !TryDigits(text, 0, 4, out int year) || !TryDigits(text, 5, 2, out int month) || !TryDigits(text, 8, 2, out int day)
            || !TryDigits(text, 11, 2, out int hour) || !TryDigits(text, 14, 2, out int minute) || !TryDigits(text, 17, 2, out int second)
            || !TryDigits(text, 20, 6, out int microsecond)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(microsecond * 10L));
        return true;
    }

    private static bool TryDigits<TChar>(ReadOnlySpan<TChar> text, int start, int count, out int value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int digit = At(text, i) - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static int At<TChar>(ReadOnlySpan<TChar> text, int index)
        where TChar : unmanaged, IBinaryInteger<TChar> => int.CreateTruncating(text[index]);

    public override SqlMapper.ICustomQueryParameter Json(string? json) => new TextParameter(json);

    public override DbParameter CreateParameter(string name, object? value, bool json) => new SqliteParameter(name, value ?? DBNull.Value);

    public override bool IsKeyViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SQLiteConstraint, SqliteExtendedErrorCode: SQLiteConstraintPrimaryKey or SQLiteConstraintUnique or SQLiteConstraintForeignKey };

    protected override ValueTask DisposeCoreAsync()
    {
        _disposed = true;
        return CloseIdleAsync();
    }

    private async ValueTask CloseIdleAsync()
    {
        foreach (var idle in new[] { _idle, _idleForLeases })
        {
            while (idle.TryPop(out var pooled))
            {
                await CloseAsync(pooled.Connection, pooled.Statements);
            }
        }
    }

    private static string? ResolveFilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        string source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:")
        {
            return null;
        }

        return Path.GetFullPath(source);
    }

    private sealed record PooledConnection(SqliteConnection Connection, PreparedStatements Statements);

    private sealed class TextParameter(string? text) : SqlMapper.ICustomQueryParameter
    {
        public void AddParameter(System.Data.IDbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = (object?)text ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
