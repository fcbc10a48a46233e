using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Activities;

/// <summary>Declares an activity type; its descriptor is generated from this and the class's inputs.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string category, string displayName) : Attribute
{
    public string Type { get; } = type;

    public string Category { get; } = category;

    public string DisplayName { get; } = displayName;

    public string Description { get; init; } = string.Empty;

    /// <summary>Outcome ports; activities whose outcomes depend on inputs override <see cref="Activity.GetOutcomes"/>.</summary>
    public string[] Outcomes { get; init; } = [Activity.DoneOutcome];

    public SideEffect SideEffect { get; init; } = SideEffect.None;
}

/// <summary>Marks an <see cref="Input{T}"/> property as an activity input.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? Name { get; init; }

    public string? DisplayName { get; init; }

    public string Description { get; init; } = string.Empty;

    public bool Required { get; init; }

    /// <summary>Default value, as a .NET constant (string, number, bool); TimeSpans as "hh:mm:ss".</summary>
    public object? DefaultValue { get; init; }

    /// <summary>The allowed values, where the input is a choice.</summary>
    public string[]? Options { get; init; }

    /// <summary>Editor hint for the designer (e.g. "multiline", "javascript").</summary>
    public string? UIHint { get; init; }
}

/// <summary>Marks an <see cref="Output{T}"/> property as an activity output.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? Name { get; init; }

    public string Description { get; init; } = string.Empty;
}

/// <summary>Default retry and timeout of an activity type; a definition may override each field.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DefaultResilienceAttribute : Attribute
{
    public int MaxAttempts { get; init; } = 1;

    public BackoffKind Backoff { get; init; } = BackoffKind.Exponential;

    public double DelaySeconds { get; init; } = 2;

    public double MaxDelaySeconds { get; init; } = 300;

    /// <summary>Time limit of one attempt, in seconds; 0 means none.</summary>
    public double TimeoutSeconds { get; init; }

    public bool UseJitter { get; init; }

    internal ResilienceSettings ToSettings() => new()
    {
        MaxAttempts = MaxAttempts,
        Backoff = Backoff,
        Delay = TimeSpan.FromSeconds(DelaySeconds),
        MaxDelay = TimeSpan.FromSeconds(MaxDelaySeconds),
        Timeout = TimeoutSeconds > 0 ? TimeSpan.FromSeconds(TimeoutSeconds) : null,
        UseJitter = UseJitter,
    };
}
