using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Runtime;

/// <summary>A validated definition version, indexed for execution: nodes by id and each flowchart's graph.</summary>
internal sealed class CompiledWorkflow
{
    private readonly Dictionary<string, ActivityNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _graphs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _flowchartOf = new(StringComparer.Ordinal);

    public CompiledWorkflow(WorkflowDefinition definition)
    {
        Definition = definition;
        Index(definition.Root, null);
    }

    public WorkflowDefinition Definition { get; }

    public ActivityNode Node(string id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new InvalidOperationException($"Activity '{id}' is not in {Definition.DefinitionId} v{Definition.Version}.");

    /// <summary>The graph of the flowchart that holds <paramref name="nodeId"/>, or null for a body or the root.</summary>
    public FlowchartGraph? GraphOf(string nodeId) =>
        _flowchartOf.TryGetValue(nodeId, out string? flowchart) ? _graphs[flowchart] : null;

    public FlowchartGraph Graph(string flowchartId) => _graphs[flowchartId];

    private void Index(ActivityNode node, string? flowchart)
    {
        _nodes[node.Id] = node;
        if (flowchart is not null)
        {
            _flowchartOf[node.Id] = flowchart;
        }

        if (node.Activities is not null)
        {
            _graphs[node.Id] = new FlowchartGraph(node);
            foreach (var child in node.Activities)
            {
                Index(child, node.Id);
            }
        }

        if (node.Body is not null)
        {
            Index(node.Body, null);
        }
    }
}
