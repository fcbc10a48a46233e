using System.Data.Common;

namespace RunbookHost.Persistence.Sql;

/// <summary>
/// The commands one physical connection keeps prepared, by SQL text: compiled on first use, then only
/// re-bound and re-run. Belongs to exactly one connection (a prepared statement cannot move to another), and
/// to one session at a time. Holds at most <see cref="Capacity"/> texts; past that, a text gets a one-off
/// command, so SQL built from variable parts cannot grow it without bound.
/// </summary>
internal sealed class PreparedStatements(DbConnection connection) : IDisposable
{
    public const int Capacity = 32;

    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public int Count => _commands.Count;

    /// <summary>
    /// The command for <paramref name="sql"/> in <paramref name="transaction"/>, with the parameters of its last
    /// use (the caller sets or replaces them: <see cref="SqlStatement.BindTo"/>). <paramref name="kept"/> is false
    /// for a one-off command, which the caller disposes.
    /// </summary>
    public DbCommand Command(string sql, DbTransaction? transaction, out bool kept)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            kept = true;
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            kept = _commands.Count < Capacity;
            if (kept)
            {
                _commands.Add(sql, command);
            }
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
