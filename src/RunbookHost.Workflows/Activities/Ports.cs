namespace RunbookHost.Workflows.Activities;

/// <summary>A typed handle to an activity input; its name is set from the property when the activity is registered.</summary>
/// <typeparam name="T">The .NET type the input's value converts to.</typeparam>
public sealed class Input<T>
{
    public string Name { get; internal set; } = string.Empty;
}

/// <summary>A typed handle to an activity output, visible to later expressions as <c>outputs.&lt;activityId&gt;.&lt;name&gt;</c>.</summary>
/// <typeparam name="T">The .NET type of the value.</typeparam>
public sealed class Output<T>
{
    public string Name { get; internal set; } = string.Empty;
}
