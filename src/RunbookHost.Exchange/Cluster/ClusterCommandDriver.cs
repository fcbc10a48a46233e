using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Cluster;

/// <summary>
/// Cluster control through <c>cluster.exe /cluster:&lt;name&gt;</c>, run on a node of that cluster
/// (or the host <c>Runbook:Commands:ClusterHosts</c> names).
/// </summary>
internal sealed class ClusterCommandDriver(CommandRunner runner, SccTopology topology) : IClusterControl
{
    /// <summary>Time cluster.exe gets beyond its own /wait before it is stopped.</summary>
    private static readonly TimeSpan WaitMargin = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<ClusterGroupStatus>> GetGroupsAsync(string cluster, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await Run(cluster, GroupStatus(cluster), CommandVerbs.ClusterStatus, log, cancellationToken);
        return Parse(result, ClusterStatusParser.ParseGroups);
    }

    public async Task<IReadOnlyList<ClusterResourceStatus>> GetResourcesAsync(string cluster, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await Run(cluster, ResourceStatus(cluster), CommandVerbs.ClusterStatus, log, cancellationToken);
        return Parse(result, ClusterStatusParser.ParseResources);
    }

    public Task TakeGroupOfflineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, GroupState(cluster, group, "/offline", wait), CommandVerbs.ClusterChange, log, cancellationToken, wait + WaitMargin);

    public Task BringGroupOnlineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, GroupState(cluster, group, "/online", wait), CommandVerbs.ClusterChange, log, cancellationToken, wait + WaitMargin);

    public Task MoveGroupAsync(string cluster, string group, string node, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, GroupMove(cluster, group, node, wait), CommandVerbs.ClusterChange, log, cancellationToken, wait + WaitMargin);

    public Task TakeResourceOfflineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, ResourceState(cluster, resource, "/offline", wait), CommandVerbs.ClusterChange, log, cancellationToken, wait + WaitMargin);

    public Task BringResourceOnlineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, ResourceState(cluster, resource, "/online", wait), CommandVerbs.ClusterChange, log, cancellationToken, wait + WaitMargin);

    public Task MoveResourceAsync(string cluster, string resource, string group, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, Resource(cluster, resource, Arg.Switch("/moveto:", group, quoted: true)), CommandVerbs.ClusterChange, log, cancellationToken);

    public Task AddDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, Resource(cluster, resource, Arg.Switch("/adddep:", dependsOn, quoted: true)), CommandVerbs.ClusterChange, log, cancellationToken);

    public Task RemoveDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken) =>
        Run(cluster, Resource(cluster, resource, Arg.Switch("/removedep:", dependsOn, quoted: true)), CommandVerbs.ClusterChange, log, cancellationToken);

    public async Task<IReadOnlyList<string>> ListDependenciesAsync(string cluster, string resource, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await Run(cluster, Resource(cluster, resource, Arg.Plain("/listdep")), CommandVerbs.ClusterStatus, log, cancellationToken);
        return Parse(result, o => ClusterStatusParser.ParseResources(o).Select(r => r.Name).ToList());
    }

    internal RenderedCommand GroupStatus(string cluster) => Cluster(cluster, Arg.Plain("group"), Arg.Plain("/stat"));

    internal RenderedCommand ResourceStatus(string cluster) => Cluster(cluster, Arg.Plain("res"), Arg.Plain("/stat"));

    internal RenderedCommand GroupState(string cluster, string group, string verb, TimeSpan wait) =>
        Cluster(cluster, Arg.Plain("group"), Arg.Quoted(group), Arg.Plain(verb), Wait(wait));

    internal RenderedCommand GroupMove(string cluster, string group, string node, TimeSpan wait) =>
        Cluster(cluster, Arg.Plain("group"), Arg.Quoted(group), Arg.Switch("/moveto:", node), Wait(wait));

    internal RenderedCommand ResourceState(string cluster, string resource, string verb, TimeSpan wait) =>
        Resource(cluster, resource, Arg.Plain(verb), Wait(wait));

    internal RenderedCommand Resource(string cluster, string resource, params CommandArgument[] rest) =>
        Cluster(cluster, [Arg.Plain("res"), Arg.Quoted(resource), .. rest]);

    /// <summary>The host that runs cluster.exe for a cluster.</summary>
    internal string HostFor(string cluster)
    {
        if (runner.Options.ClusterHosts.TryGetValue(cluster, out string? host) && host.Length > 0)
        {
            return host;
        }

        var site = topology.Sites.FirstOrDefault(s => string.Equals(s.ClusterName, cluster, StringComparison.OrdinalIgnoreCase));
        return site?.Nodes.FirstOrDefault() ?? cluster;
    }

    private RenderedCommand Cluster(string cluster, params CommandArgument[] rest) =>
        new(runner.Options.Executables.Cluster, [Arg.Switch("/cluster:", cluster), .. rest]);

    private static CommandArgument Wait(TimeSpan wait) => Arg.Switch("/wait:", ((int)Math.Ceiling(Math.Max(0, wait.TotalSeconds))).ToString());

    private Task<CommandResult> Run(string cluster, RenderedCommand command, string verb, ICommandLog log, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        runner.RunAsync(HostFor(cluster), command, verb, log, cancellationToken, timeout);

    private static T Parse<T>(CommandResult result, Func<string, T> parse)
    {
        try
        {
            return parse(result.StandardOutput);
        }
        catch (FormatException ex)
        {
            throw new PortException(ex.Message, result.Record);
        }
    }
}
