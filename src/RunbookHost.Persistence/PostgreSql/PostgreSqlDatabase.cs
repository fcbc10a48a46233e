using System.Buffers;
using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.PostgreSql;

/// <summary>A PostgreSQL database shared by several hosts; times are timestamptz, JSON is json (kept as written).</summary>
internal sealed class PostgreSqlDatabase : SqlDatabase
{
    /// <summary>
    /// The server ends a transaction left idle this long (unless the connection string's Options set
    /// <c>idle_in_transaction_session_timeout</c>). The stores' transactions last milliseconds; without a
    /// limit, a host that freezes or loses the network mid-commit keeps the run's row lock, and every host
    /// that adopts the run blocks on it for as long as the TCP connection looks alive (hours).
    /// </summary>
    public static readonly TimeSpan IdleTransactionLimit = TimeSpan.FromSeconds(10);

    private const string IdleTransactionSetting = "idle_in_transaction_session_timeout";

    /// <summary>
    /// Statements each connection keeps prepared on the server (Npgsql's automatic preparation: a statement run
    /// a few times on a connection is parsed and planned once, then only bound and executed), unless the
    /// connection string sets <c>Max Auto Prepare</c> (0 turns it off, e.g. behind a pooler that cannot keep
    /// prepared statements). The stores run a few dozen distinct statements.
    /// </summary>
    public const int AutoPreparedStatements = 64;

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDatabase(string connectionString)
        : base(connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains(IdleTransactionSetting, StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c {IdleTransactionSetting}={(long)IdleTransactionLimit.TotalMilliseconds}".Trim();
        }

        if (!Names(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Schema = builder.SearchPath?.Split(',')[0].Trim() is { Length: > 0 } first ? first : "public";
    }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    /// <summary>Whether the connection string itself sets one of <paramref name="keywords"/>.</summary>
    private static bool Names(string connectionString, params string[] keywords)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
    }

    /// <summary>The settings the connections are opened with: the configured ones and the defaults added here.</summary>
    internal string DataSourceConnectionString => _dataSource.ConnectionString;

    /// <summary>The schema the tables live in: the first of the connection's search path.</summary>
    public string Schema { get; }

    public override bool CommitsInOneStatement => true;

    public override string ForUpdate => " FOR UPDATE";

    public override string ForShare => " FOR SHARE";

    /// <summary>A connection from Npgsql's pool; the session gives it back to that pool.</summary>
    public override async Task<SqlSession> OpenAsync(CancellationToken cancellationToken) =>
        new(this, await _dataSource.OpenConnectionAsync(cancellationToken), statements: null);

    internal override ValueTask ReleaseAsync(SqlSession session) => session.Connection.DisposeAsync();

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

    public override object Time(DateTimeOffset value) => UtcMicroseconds(value);

    public override DateTimeOffset ReadTime(object value) => value switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset offset => offset.ToUniversalTime(),
        _ => throw new InvalidCastException($"Expected a timestamptz, got {value.GetType().Name}."),
    };

    /// <summary>
    /// Text and json columns arrive as UTF-8: the column's own bytes, read through the reader's stream into
    /// <paramref name="scratch"/>, with no string made and encoded back.
    /// </summary>
    public override ReadOnlySpan<byte> ReadUtf8(DbDataReader reader, int ordinal, ArrayBufferWriter<byte> scratch)
    {
        using var column = reader.GetStream(ordinal);
        int length = checked((int)column.Length);
        var destination = scratch.GetSpan(length)[..length];
        column.ReadExactly(destination);
        scratch.Advance(length);

        // A span keeps its array alive: it stays valid if the scratch buffer grows for the next column.
        return destination;
    }

    public override SqlMapper.ICustomQueryParameter Json(string? json) =>
        new JsonParameter(json);

    public override DbParameter CreateParameter(string name, object? value, bool json) => json
        ? new NpgsqlParameter(name, NpgsqlDbType.Json) { Value = value ?? DBNull.Value }
        : new NpgsqlParameter(name, value ?? DBNull.Value);

    public override bool IsKeyViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation };

    protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();

    private sealed class JsonParameter(string? json) : SqlMapper.ICustomQueryParameter
    {
        public void AddParameter(System.Data.IDbCommand command, string name) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Json) { Value = (object?)json ?? DBNull.Value });
    }
}
