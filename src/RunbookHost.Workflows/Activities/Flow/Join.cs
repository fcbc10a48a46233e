namespace RunbookHost.Workflows.Activities.Flow;

/// <summary>How a Join decides that its branches have arrived.</summary>
public enum JoinMode
{
    /// <summary>Waits for every inbound branch that can still arrive.</summary>
    WaitAll,

    /// <summary>Continues with the first branch to arrive; later arrivals are absorbed.</summary>
    WaitAny,
}

/// <summary>Merges branches; the engine fires it when its mode is satisfied.</summary>
[Activity(Type, "Flow", "Join", Description = "Waits for all live inbound branches (or the first one) before continuing.")]
public sealed class Join : Activity
{
    public const string Type = "Join";

    [Input(Description = "WaitAll waits for every inbound branch still able to arrive; WaitAny continues at the first.", DefaultValue = "WaitAll")]
    public Input<JoinMode> Mode { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) => new(context.Done());
}
