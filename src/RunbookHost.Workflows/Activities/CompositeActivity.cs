using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Activities;

/// <summary>
/// An activity that runs other activities in child scopes (Flowchart, ForEach). The engine opens
/// the scopes it asks for and tells it when each one has finished.
/// </summary>
public abstract class CompositeActivity : Activity
{
    public sealed override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        throw new InvalidOperationException($"{Descriptor.Type} is run by the engine.");

    /// <summary>Called when the composite starts: which child scopes to open.</summary>
    internal abstract ScopePlan Begin(ActivityExecutionContext context);

    /// <summary>Called when child scope <paramref name="index"/> has finished: more scopes, or done.</summary>
    internal abstract ScopePlan Continue(ActivityExecutionContext context, int index);
}

/// <summary>Child scopes to open; when none are open or pending, the composite completes.</summary>
internal sealed record ScopePlan(IReadOnlyList<ChildScope> Open, bool Complete)
{
    public static readonly ScopePlan Completed = new([], true);

    public static ScopePlan Wait => new([], false);
}

/// <summary>
/// A child scope: either a flowchart's activities (<paramref name="Flowchart"/>) or one body
/// activity, with variables local to the scope (e.g. ForEach's current item).
/// </summary>
internal sealed record ChildScope(int Index, ActivityNode Owner, ActivityNode? Body, IReadOnlyDictionary<string, JsonNode?> Locals);
