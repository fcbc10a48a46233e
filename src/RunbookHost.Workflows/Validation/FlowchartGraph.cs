using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Validation;

/// <summary>The connections of one flowchart, indexed for the runtime and the validator.</summary>
internal sealed class FlowchartGraph
{
    private static readonly IReadOnlyList<Connection> NoConnections = [];

    private readonly Dictionary<string, List<Connection>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Connection>> _inbound = new(StringComparer.Ordinal);

    public FlowchartGraph(ActivityNode flowchart)
    {
        Nodes = (flowchart.Activities ?? []).GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var connection in flowchart.Connections ?? [])
        {
            Add(_outbound, connection.Source.Activity, connection);
            Add(_inbound, connection.Target.Activity, connection);
        }

        Roots = (flowchart.Activities ?? []).Where(a => !_inbound.ContainsKey(a.Id)).Select(a => a.Id).ToList();
        Start = flowchart.Start ?? (Roots.Count == 1 ? Roots[0] : null);
    }

    public IReadOnlyDictionary<string, ActivityNode> Nodes { get; }

    /// <summary>Activities with no inbound connection.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The explicit start, or the only root; null when there is none or several.</summary>
    public string? Start { get; }

    public IReadOnlyList<Connection> Outbound(string activityId) => _outbound.TryGetValue(activityId, out var list) ? list : NoConnections;

    public IReadOnlyList<Connection> Inbound(string activityId) => _inbound.TryGetValue(activityId, out var list) ? list : NoConnections;

    /// <summary>Every activity reachable from <paramref name="from"/> along connections, including itself.</summary>
    public HashSet<string> ReachableFrom(IEnumerable<string> from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(from);
        while (stack.Count > 0)
        {
            string id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var c in Outbound(id))
            {
                stack.Push(c.Target.Activity);
            }
        }

        return seen;
    }

    /// <summary>A cycle as a list of activity ids, or null when the graph is acyclic.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (string id in Nodes.Keys)
        {
            if (Visit(id) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string id)
        {
            if (state.TryGetValue(id, out int s))
            {
                return s == 1 ? [.. path.Skip(path.IndexOf(id)), id] : null;
            }

            state[id] = 1;
            path.Add(id);
            foreach (var c in Outbound(id))
            {
                if (Nodes.ContainsKey(c.Target.Activity) && Visit(c.Target.Activity) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
            return null;
        }
    }

    private static void Add(Dictionary<string, List<Connection>> index, string key, Connection connection)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        list.Add(connection);
    }
}
