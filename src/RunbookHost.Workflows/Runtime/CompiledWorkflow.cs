using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Runtime;

/// <summary>A validated definition version, indexed for execution: nodes by id and each flowchart's graph.</summary>
internal sealed class CompiledWorkflow
{
    private static readonly IReadOnlyList<Connection> NoConnections = [];

    private readonly Dictionary<string, NodeLinks> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _graphs = new(StringComparer.Ordinal);

    public CompiledWorkflow(WorkflowDefinition definition)
    {
        Definition = definition;
        Index(definition.Root, null);
    }

    public WorkflowDefinition Definition { get; }

    public ActivityNode Node(string id) => Links(id).Node;

    /// <summary>A node with its flowchart's connections to and from it, found with one look-up (the flow asks on every step).</summary>
    public NodeLinks Links(string id) =>
        _nodes.TryGetValue(id, out var links) ? links : throw new InvalidOperationException($"Activity '{id}' is not in {Definition.DefinitionId} v{Definition.Version}.");

    /// <summary>The graph of the flowchart that holds <paramref name="nodeId"/>, or null for a body or the root.</summary>
    public FlowchartGraph? GraphOf(string nodeId) => Links(nodeId).Graph;

    public FlowchartGraph Graph(string flowchartId) => _graphs[flowchartId];

    private void Index(ActivityNode node, FlowchartGraph? flowchart)
    {
        _nodes[node.Id] = new NodeLinks(node, flowchart, flowchart?.Inbound(node.Id) ?? NoConnections, flowchart?.Outbound(node.Id) ?? NoConnections);
        if (node.Activities is not null)
        {
            var graph = new FlowchartGraph(node);
            _graphs[node.Id] = graph;
            foreach (var child in node.Activities)
            {
                Index(child, graph);
            }
        }

        if (node.Body is not null)
        {
            Index(node.Body, null);
        }
    }
}

/// <summary>A node of a compiled workflow, the graph of the flowchart holding it (null for a body or the root) and its connections there.</summary>
internal sealed record NodeLinks(ActivityNode Node, FlowchartGraph? Graph, IReadOnlyList<Connection> Inbound, IReadOnlyList<Connection> Outbound);
