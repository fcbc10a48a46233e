using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>A run store whose lease renewals fail while "partitioned", as when a host loses the database for a while.</summary>
internal sealed class PartitionableRunStore(IRunStore inner) : DelegatingRunStore(inner)
{
    public bool Partitioned { get; set; }

    public override Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        Partitioned ? throw new TimeoutException("database unreachable") : Inner.RenewLeaseAsync(runId, owner, until, cancellationToken);
}
