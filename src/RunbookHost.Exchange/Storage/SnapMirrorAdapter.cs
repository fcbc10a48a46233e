using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>
/// NetApp SnapMirror (Data ONTAP 7-mode) over SSH to the filers: <c>snapmirror status|update|quiesce|break|resync</c>.
/// Settings: <c>sourcePath</c> and <c>destinationPath</c> (<c>filer:volume</c>, the configured
/// direction), <c>sourceSite</c> and <c>destinationSite</c>; optional <c>sourceHost</c>/<c>destinationHost</c>
/// (default: the filer part of each path). A broken-off destination reports only the destination
/// as R/W: the destination's status cannot tell whether the source is still writable.
/// </summary>
internal sealed class SnapMirrorAdapter(CommandRunner runner) : IReplicationAdapter
{
    public string Name => "SnapMirror";

    public async Task<ReplicationStatus> QueryAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var (ends, relationship) = await CurrentAsync(group, log, cancellationToken);
        var state = relationship.ReplicationState;
        string readWrite = state == ReplicationState.FailedOver ? ends.DestinationSite : ends.SourceSite;
        return new ReplicationStatus(group.Name, [readWrite], ends.SourceSite, state, 0, relationship.Lag);
    }

    public async Task SyncOnceAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var (ends, _) = await CurrentAsync(group, log, cancellationToken);
        await Run(ends.DestinationHost, log, cancellationToken, "update", ends.DestinationPath);
    }

    public async Task FailoverAsync(ReplicationGroup group, string site, ICommandLog log, CancellationToken cancellationToken)
    {
        var (ends, relationship) = await CurrentAsync(group, log, cancellationToken);
        bool broken = relationship.ReplicationState == ReplicationState.FailedOver;
        if (string.Equals(site, ends.DestinationSite, StringComparison.OrdinalIgnoreCase))
        {
            if (!broken)
            {
                await Run(ends.DestinationHost, log, cancellationToken, "quiesce", ends.DestinationPath);
                await Run(ends.DestinationHost, log, cancellationToken, "break", ends.DestinationPath);
            }

            return;
        }

        if (!broken)
        {
            return; // The source's site is R/W already.
        }

        throw new PortException($"SnapMirror '{group.Name}': {ends.DestinationPath} is broken off and R/W; making {site} R/W again needs reverse (resync from {ends.DestinationPath}) and a failover of the reversed relationship.");
    }

    public async Task ReverseAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var (ends, _) = await CurrentAsync(group, log, cancellationToken);

        // The old source becomes the destination, copying from the broken-off (R/W) destination.
        await Run(ends.SourceHost, log, cancellationToken, "resync", "-f", "-S", ends.DestinationPath, ends.SourcePath);
    }

    public async Task RestoreAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var (ends, relationship) = await CurrentAsync(group, log, cancellationToken);
        if (relationship.State.Equals("Quiesced", StringComparison.OrdinalIgnoreCase))
        {
            await Run(ends.DestinationHost, log, cancellationToken, "resume", ends.DestinationPath);
            return;
        }

        await Run(ends.DestinationHost, log, cancellationToken, "resync", "-f", "-S", ends.SourcePath, ends.DestinationPath);
    }

    /// <summary>What is missing or wrong in the group's settings, each naming the setting.</summary>
    public static IEnumerable<string> Validate(ReplicationGroup group, SccTopology topology) =>
        SnapMirrorEnds.Validate(group, topology);

    internal RenderedCommand Command(params string[] arguments) => new(runner.Options.Executables.SnapMirror, arguments.Select(Arg.Plain).ToList());

    /// <summary>The relationship as it runs now: the configured direction, or reversed.</summary>
    private async Task<(SnapMirrorEnds Ends, SnapMirrorRelationship Relationship)> CurrentAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var configured = SnapMirrorEnds.Of(group);
        foreach (var ends in new[] { configured, configured.Reversed() })
        {
            var result = await runner.RunAsync(ends.DestinationHost, Command("status", ends.DestinationPath), CommandVerbs.StorageQuery, log, cancellationToken);
            IReadOnlyList<SnapMirrorRelationship> rows;
            try
            {
                rows = SnapMirrorStatusParser.Parse(result.StandardOutput);
            }
            catch (FormatException ex)
            {
                throw new PortException($"SnapMirror '{group.Name}': {ex.Message}", result.Record);
            }

            var row = rows.FirstOrDefault(r => r.Destination.Equals(ends.DestinationPath, StringComparison.OrdinalIgnoreCase) && !r.State.Equals("Source", StringComparison.OrdinalIgnoreCase));
            if (row is not null)
            {
                return (ends, row);
            }
        }

        throw new PortException($"SnapMirror '{group.Name}': neither {configured.DestinationPath} nor {configured.SourcePath} is the destination of a relationship.");
    }

    private Task<CommandResult> Run(string host, ICommandLog log, CancellationToken cancellationToken, params string[] arguments) =>
        runner.RunAsync(host, Command(arguments), CommandVerbs.StorageChange, log, cancellationToken);
}
