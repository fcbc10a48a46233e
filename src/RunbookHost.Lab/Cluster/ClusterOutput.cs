using System.Text;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Cluster;

/// <summary>cluster.exe's status tables.</summary>
internal static class ClusterOutput
{
    public static string Word(ClusterState state) => state switch
    {
        ClusterState.PartiallyOnline => "Partially Online",
        ClusterState.Pending => "Online Pending",
        _ => state.ToString(),
    };

    public static string Groups(LabSite site, IEnumerable<LabGroup> groups, string? heading = "Listing status for all available resource groups:")
    {
        var text = new StringBuilder();
        if (heading is not null)
        {
            text.Append(heading).Append("\n\n");
        }

        text.Append("Group                Node            Status\n");
        text.Append("-------------------- --------------- ------\n");
        foreach (var group in groups)
        {
            text.Append($"{group.Name,-20} {group.Owner,-15} {Word(group.State)}\n");
        }

        return text.ToString();
    }

    public static string Resources(LabSite site, IEnumerable<LabResource> resources, string? heading = "Listing status for all available resources:")
    {
        var text = new StringBuilder();
        if (heading is not null)
        {
            text.Append(heading).Append("\n\n");
        }

        text.Append("Resource             Group                Node            Status\n");
        text.Append("-------------------- -------------------- --------------- ------\n");
        foreach (var resource in resources)
        {
            text.Append($"{resource.Name,-20} {resource.Group,-20} {site.OwnerOf(resource),-15} {Word(resource.State)}\n");
        }

        return text.ToString();
    }

    /// <summary>The command's own lines followed by the simulated cluster log of what happened.</summary>
    public static string WithTrace(string output, IReadOnlyList<string> trace) =>
        trace.Count == 0 ? output : output + "\ncluster.log:\n" + string.Join('\n', trace) + "\n";

    public static string Quote(string name) => $"\"{name}\"";
}
