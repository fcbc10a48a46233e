using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.Sqlite;

/// <summary>
/// An SQLite file in WAL mode. Times are text in a fixed-width ISO-8601 form, which sorts and
/// compares as the instants do; write transactions are BEGIN IMMEDIATE.
/// </summary>
internal sealed class SqliteDatabase : SqlDatabase
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private const string ConnectionPragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

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

    public override string ForUpdate => string.Empty;

    public override string ForShare => string.Empty;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken); // Microsoft.Data.Sqlite: BEGIN IMMEDIATE

    public override object Time(DateTimeOffset value) => UtcMicroseconds(value).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(object value) =>
        DateTimeOffset.ParseExact((string)value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override SqlMapper.ICustomQueryParameter Json(string? json) => new TextParameter(json);

    protected override ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

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
