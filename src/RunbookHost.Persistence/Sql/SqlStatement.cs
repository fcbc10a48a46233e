using System.Data.Common;

namespace RunbookHost.Persistence.Sql;

/// <summary>
/// One parameterised statement of a write transaction, built without Dapper so that a commit can be
/// sent as a single batch. <see cref="ExpectedRows"/>, when set, is how many rows it must change for
/// the transaction to go on.
/// </summary>
internal sealed class SqlStatement(string sql, int? expectedRows = null)
{
    private readonly List<(string Name, object? Value, bool Json)> _parameters = [];

    public string Sql { get; } = sql;

    public int? ExpectedRows { get; } = expectedRows;

    public SqlStatement Add(string name, object? value)
    {
        _parameters.Add((name, value, false));
        return this;
    }

    /// <summary>A JSON text parameter, stored as written.</summary>
    public SqlStatement AddJson(string name, string? json)
    {
        _parameters.Add((name, json, true));
        return this;
    }

    /// <summary>
    /// Gives <paramref name="target"/> (a kept command's parameters, from its last use) this statement's values:
    /// in place when it holds the same parameters in the same order, as most reuses of one SQL text do; else
    /// replaced.
    /// </summary>
    public void BindTo(DbParameterCollection target, SqlDatabase database)
    {
        if (target.Count == _parameters.Count && SameNames(target))
        {
            for (int i = 0; i < _parameters.Count; i++)
            {
                var (_, value, json) = _parameters[i];
                database.SetValue(target[i], value, json);
            }

            return;
        }

        target.Clear();
        AddParametersTo(target, database);
    }

    private bool SameNames(DbParameterCollection target)
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            if (!string.Equals(target[i].ParameterName, _parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public void AddParametersTo(DbParameterCollection target, SqlDatabase database)
    {
        foreach (var (name, value, json) in _parameters)
        {
            target.Add(database.CreateParameter(name, value, json));
        }
    }
}
