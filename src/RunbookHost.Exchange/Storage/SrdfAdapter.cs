using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>
/// EMC SRDF through Solutions Enabler: <c>symrdf -g &lt;DG&gt; query|failover|failback|swap|establish|update -noprompt</c>
/// on the SYMCLI host. Settings: <c>deviceGroup</c> (default: the group's name), <c>host</c> (the
/// SYMCLI host), and either <c>sid.&lt;site&gt;</c> per site (the array's Symmetrix ID, so R1/R2 are
/// told apart after a swap) or <c>r1Site</c>/<c>r2Site</c> (default: the first and second site).
/// </summary>
internal sealed class SrdfAdapter(CommandRunner runner, SccTopology topology) : IReplicationAdapter
{
    public string Name => "Srdf";

    public async Task<ReplicationStatus> QueryAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken) =>
        Status(group, await QueryRawAsync(group, log, cancellationToken));

    public async Task SyncOnceAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var status = await QueryAsync(group, log, cancellationToken);
        switch (status.State)
        {
            case ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress:
                return; // SRDF copies continuously in these states.
            case ReplicationState.FailedOver:
                await Run(group, "update", log, cancellationToken);
                return;
            default:
                throw new PortException($"SRDF group '{group.Name}' is {status.State}: there is nothing to update once; restore (establish) it first.");
        }
    }

    public async Task FailoverAsync(ReplicationGroup group, string site, ICommandLog log, CancellationToken cancellationToken)
    {
        var query = await QueryRawAsync(group, log, cancellationToken);
        var status = Status(group, query);
        if (status.ReadWriteSites.Count == 1 && status.IsReadWriteAt(site))
        {
            return; // Already R/W there only: failing over again would be an error on the array.
        }

        var (r1, _) = Sides(group, query);
        await Run(group, string.Equals(site, r1, StringComparison.OrdinalIgnoreCase) ? "failback" : "failover", log, cancellationToken);
    }

    /// <summary>
    /// Swaps the R1/R2 personalities so the side that is R/W now becomes the source, then establishes
    /// the pair, which starts the resync towards the other side (swap alone leaves it suspended).
    /// Two commands, so a host can stop between them: when R1 is already the one R/W side, the swap
    /// was done and only the establish is run (swapping again would make the stale side the source).
    /// </summary>
    public async Task ReverseAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        if (!topology.Sites.All(s => group.Optional("sid." + s.Name) is not null))
        {
            throw new PortException($"Reversing SRDF group '{group.Name}' swaps R1 and R2: set 'sid.<site>' for every site so that the sides can be told apart afterwards.");
        }

        var status = await QueryAsync(group, log, cancellationToken);
        bool swapped = status.ReadWriteSites.Count == 1 && status.IsReadWriteAt(status.SourceSite);
        if (swapped && status.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress)
        {
            return; // already replicating from the R/W side
        }

        if (!swapped)
        {
            await Run(group, "swap", log, cancellationToken);
        }

        await Run(group, "establish", log, cancellationToken);
    }

    public Task RestoreAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken) => Run(group, "establish", log, cancellationToken);

    /// <summary>What is missing or wrong in the group's settings, each naming the setting.</summary>
    public static IEnumerable<string> Validate(ReplicationGroup group, SccTopology topology)
    {
        foreach (string key in new[] { "r1Site", "r2Site" }.Where(k => group.Optional(k) is { } site && !topology.Sites.Any(s => s.Name.Equals(site, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"{group.PathOf(topology, key)}: '{group.Optional(key)}' is not a site of the topology.";
        }
    }

    internal RenderedCommand Command(ReplicationGroup group, string verb) =>
        new(runner.Options.Executables.Symrdf, verb == "query"
            ? [Arg.Plain("-g"), Arg.Plain(DeviceGroup(group)), Arg.Plain(verb)]
            : [Arg.Plain("-g"), Arg.Plain(DeviceGroup(group)), Arg.Plain(verb), Arg.Plain("-noprompt")]);

    /// <summary>The sites holding R1 and R2 now.</summary>
    internal (string R1, string R2) Sides(ReplicationGroup group, SymrdfQuery query)
    {
        var local = topology.Sites.FirstOrDefault(s => string.Equals(group.Optional("sid." + s.Name), query.LocalSymmetrix, StringComparison.OrdinalIgnoreCase));
        if (local is not null && query.GroupType.Length > 0)
        {
            string other = topology.OtherSite(local.Name).Name;
            return query.GroupType.Equals("RDF2", StringComparison.OrdinalIgnoreCase) ? (other, local.Name) : (local.Name, other);
        }

        return (group.Optional("r1Site") ?? topology.Sites[0].Name, group.Optional("r2Site") ?? topology.Sites[1].Name);
    }

    private static string DeviceGroup(ReplicationGroup group) => group.Optional("deviceGroup") ?? group.Name;

    private ReplicationStatus Status(ReplicationGroup group, SymrdfQuery query)
    {
        var (r1, r2) = Sides(group, query);
        var readWrite = new List<string>();
        if (query.R1ReadWrite)
        {
            readWrite.Add(r1);
        }

        if (query.R2ReadWrite)
        {
            readWrite.Add(r2);
        }

        return new ReplicationStatus(group.Name, readWrite, r1, query.State, query.TotalInvalidTracks, null);
    }

    private async Task<SymrdfQuery> QueryRawAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Host(group), Command(group, "query"), CommandVerbs.StorageQuery, log, cancellationToken);
        try
        {
            return SymrdfQueryParser.Parse(result.StandardOutput);
        }
        catch (FormatException ex)
        {
            throw new PortException($"SRDF group '{group.Name}': {ex.Message}", result.Record);
        }
    }

    private Task<CommandResult> Run(ReplicationGroup group, string verb, ICommandLog log, CancellationToken cancellationToken) =>
        runner.RunAsync(Host(group), Command(group, verb), CommandVerbs.StorageChange, log, cancellationToken);

    private static string Host(ReplicationGroup group) => group.Optional("host") ?? "localhost";
}
