using Dapper;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.Audit;

/// <summary>One change made outside a run: who, when, what, to what.</summary>
public sealed record AuditEvent(string EventId, DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

/// <summary>The host's append-only trail of changes that are not part of a run's journal.</summary>
public interface IAuditTrail
{
    Task RecordAsync(string actor, string action, string target, string? detail, CancellationToken cancellationToken);

    /// <summary>The newest events first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(int skip, int take, CancellationToken cancellationToken);
}

/// <summary>The audit trail in the host's database (Dapper, parameterised, insert-only).</summary>
internal sealed class SqlAuditTrail(SqlDatabase database, TimeProvider time) : IAuditTrail
{
    private const string Insert = "INSERT INTO audit_events (event_id, at, actor, action, target, detail) VALUES (@EventId, @At, @Actor, @Action, @Target, @Detail)";
    private const string Select = "SELECT event_id AS EventId, at AS At, actor AS Actor, action AS Action, target AS Target, detail AS Detail FROM audit_events ORDER BY at DESC, event_id DESC LIMIT @Take OFFSET @Skip";

    public async Task RecordAsync(string actor, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(database.Command(
            Insert,
            new { EventId = Guid.CreateVersion7(now).ToString("N"), At = database.Time(now), Actor = actor, Action = action, Target = target, Detail = detail },
            null,
            cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<Row>(database.Command(Select, new { Skip = skip, Take = take }, null, cancellationToken));
        return [.. rows.Select(r => new AuditEvent(r.EventId, database.ReadTime(r.At), r.Actor, r.Action, r.Target, r.Detail))];
    }

    private sealed class Row
    {
        public string EventId { get; set; } = string.Empty;

        public object At { get; set; } = string.Empty;

        public string Actor { get; set; } = string.Empty;

        public string Action { get; set; } = string.Empty;

        public string Target { get; set; } = string.Empty;

        public string? Detail { get; set; }
    }
}
