using System.Globalization;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// cluster.exe [/cluster:NAME] group|res [NAME] /stat|/online|/offline [/wait:S]|/moveto:NODE [/wait:S] (group)|/moveto:G|/adddep:R|/removedep:R|/listdep (res),
/// through the lab's cluster rules; errors are "System error N has occurred (0x...)." with exit code N.
/// </summary>
internal static class ClusterExe
{
    public static ShimResult Run(ShimContext context)
    {
        var call = ClusterCall.Parse(context);
        var (state, now, cluster, name) = (context.State, context.Now, call.Cluster, call.Name);
        return (call.Kind, call.Switch, name is null) switch
        {
            ("group", "stat" or "status" or null, true) => ShimResult.Of(ClusterRules.Groups(state, now, cluster)),
            ("res", "stat" or "status" or null, true) => ShimResult.Of(ClusterRules.Resources(state, now, cluster)),
            ("group", "online", false) => ShimResult.Of(ClusterRules.GroupOnline(state, now, cluster, name!, call.Wait)),
            ("group", "offline", false) => ShimResult.Of(ClusterRules.GroupOffline(state, now, cluster, name!, call.Wait)),
            ("group", "moveto" or "move", false) when call.Value.Length > 0 => ShimResult.Of(ClusterGroupRules.Move(state, now, cluster, name!, call.Value, call.Wait)),
            ("res", "online", false) => ShimResult.Of(ClusterRules.ResourceOnline(state, now, cluster, name!, call.Wait)),
            ("res", "offline", false) => ShimResult.Of(ClusterRules.ResourceOffline(state, now, cluster, name!, call.Wait)),
            ("res", "moveto", false) => ShimResult.Of(ClusterResourceRules.Move(state, now, cluster, name!, call.Value)),
            ("res", "adddep", false) => ShimResult.Of(ClusterResourceRules.AddDependency(state, now, cluster, name!, call.Value)),
            ("res", "removedep", false) => ShimResult.Of(ClusterResourceRules.RemoveDependency(state, now, cluster, name!, call.Value)),
            ("res", "listdep", false) => ShimResult.Of(ClusterResourceRules.ListDependencies(state, now, cluster, name!)),
            _ => ShimResult.Error(87, ClusterErrors.System(87, "The parameter is incorrect.")),
        };
    }

    /// <summary>cluster.exe's arguments: the cluster, group or res, the name, the switch with its value, the wait.</summary>
    private sealed record ClusterCall(string Cluster, string Kind, string? Name, string? Switch, string Value, TimeSpan Wait)
    {
        public static ClusterCall Parse(ShimContext context)
        {
            var rest = context.Arguments.ToList();
            string? cluster = Take(rest, "/cluster:");
            string? wait = Take(rest, "/wait:");
            cluster ??= context.Invocation.Target is { } node ? context.State.SiteOfNode(node)?.ClusterName : null;
            if (cluster is null || rest.Count == 0)
            {
                throw new ShimException("cluster.exe needs /cluster:<name> (or a node in RUNBOOK_TARGET) and group or res.");
            }

            string kind = rest[0].ToLowerInvariant() is "resource" ? "res" : rest[0].ToLowerInvariant();
            string? name = rest.Count > 1 && !rest[1].StartsWith('/') ? rest[1] : null;
            string? option = rest.Skip(name is null ? 1 : 2).FirstOrDefault(a => a.StartsWith('/'));
            string[] parts = option?.TrimStart('/').Split(':', 2) ?? [];
            int seconds = int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
            return new ClusterCall(cluster, kind, name, parts.Length > 0 ? parts[0].ToLowerInvariant() : null, parts.Length > 1 ? parts[1].Trim('"') : string.Empty, TimeSpan.FromSeconds(seconds));
        }

        private static string? Take(List<string> arguments, string prefix)
        {
            int index = arguments.FindIndex(a => a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            string value = arguments[index][prefix.Length..].Trim('"');
            arguments.RemoveAt(index);
            return value;
        }
    }
}
