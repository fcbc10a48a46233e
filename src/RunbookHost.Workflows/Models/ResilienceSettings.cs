using System.Text.Json.Serialization;

namespace RunbookHost.Workflows.Models;

/// <summary>How delays between attempts grow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackoffKind>))]
public enum BackoffKind
{
    Constant,
    Linear,
    Exponential,
}

/// <summary>
/// Retry, backoff and timeout of one activity. Every field is optional: what is not set comes from
/// the activity's descriptor defaults.
/// </summary>
public sealed record ResilienceSettings
{
    /// <summary>Total attempts including the first; 1 means no retry.</summary>
    [JsonPropertyName("maxAttempts")]
    public int? MaxAttempts { get; init; }

    [JsonPropertyName("backoff")]
    public BackoffKind? Backoff { get; init; }

    /// <summary>Base delay before the first retry.</summary>
    [JsonPropertyName("delay")]
    public TimeSpan? Delay { get; init; }

    [JsonPropertyName("maxDelay")]
    public TimeSpan? MaxDelay { get; init; }

    [JsonPropertyName("useJitter")]
    public bool? UseJitter { get; init; }

    /// <summary>Time limit of one attempt.</summary>
    [JsonPropertyName("timeout")]
    public TimeSpan? Timeout { get; init; }

    /// <summary>Overlays the fields set here on <paramref name="defaults"/>.</summary>
    public ResilienceSettings Over(ResilienceSettings defaults) => new()
    {
        MaxAttempts = MaxAttempts ?? defaults.MaxAttempts,
        Backoff = Backoff ?? defaults.Backoff,
        Delay = Delay ?? defaults.Delay,
        MaxDelay = MaxDelay ?? defaults.MaxDelay,
        UseJitter = UseJitter ?? defaults.UseJitter,
        Timeout = Timeout ?? defaults.Timeout,
    };

    public static readonly ResilienceSettings None = new() { MaxAttempts = 1 };
}
