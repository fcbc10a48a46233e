using Microsoft.Extensions.Configuration;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.Persistence;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Shim;

/// <summary>
/// One command against the state file, as LabEnvironment applies one: take the lock file, load,
/// bring time-based things up to now, apply the tool's rule, keep its records, settle again and
/// save (the environment reloads the file because it changed). A read that ran no rule saves nothing.
/// </summary>
internal static class LabStateSession
{
    private static readonly TimeSpan LockTimeout = new LabOptions().FileLockTimeout;
    private static readonly int RecentCommandLimit = new LabOptions().RecentCommandLimit;

    public static ShimResult Apply(ShimInvocation invocation, Func<ShimContext, ShimResult> tool)
    {
        var file = new LabStateFile(Path.GetFullPath(invocation.StateFile));
        using var fileLock = file.Lock(LockTimeout);
        var state = file.Load() ?? throw new ShimException($"There is no lab state in '{file.Path}': start the lab (LabEnvironment) with this StateFile first.");
        var now = TimeProvider.System.GetUtcNow();
        LabSettle.Apply(state, now);
        var result = tool(new ShimContext(invocation, state, now, Topology(invocation, state)));
        if (result.Records.Count == 0)
        {
            return result;
        }

        state.RecentCommands.AddRange(result.Records);
        state.RecentCommands.RemoveRange(0, Math.Max(0, state.RecentCommands.Count - RecentCommandLimit));
        LabSettle.Apply(state, now);
        state.Revision++;
        file.Save(state);
        return result;
    }

    /// <summary>The topology file given, else the seed's default when the state was built from it, else none.</summary>
    private static SccTopology? Topology(ShimInvocation invocation, LabState state)
    {
        if (invocation.TopologyFile is null)
        {
            var seed = DefaultTopology.Create();
            return LabStateFile.Fingerprint(seed) == state.TopologyFingerprint ? seed : null;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TopologyLoader.FileKey] = invocation.TopologyFile })
            .Build();
        var topology = TopologyLoader.LoadValid(configuration);
        return LabStateFile.Fingerprint(topology) == state.TopologyFingerprint
            ? topology
            : throw new ShimException($"The lab state was built from another topology than '{invocation.TopologyFile}'.");
    }
}
