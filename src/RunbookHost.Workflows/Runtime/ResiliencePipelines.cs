using Polly;
using Polly.Retry;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Builds the Polly pipeline of one activity execution: retry outside, per-attempt timeout inside.</summary>
internal static class ResiliencePipelines
{
    public static ResiliencePipeline<ActivityResult> Build(
        ResilienceSettings settings,
        int retries,
        TimeProvider time,
        Func<Exception, bool> retryable,
        Func<TimeSpan, Exception?, ValueTask> onRetry)
    {
        var builder = new ResiliencePipelineBuilder<ActivityResult> { TimeProvider = time };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ActivityResult>
            {
                MaxRetryAttempts = retries,
                BackoffType = settings.Backoff switch
                {
                    BackoffKind.Constant => DelayBackoffType.Constant,
                    BackoffKind.Linear => DelayBackoffType.Linear,
                    _ => DelayBackoffType.Exponential,
                },
                Delay = settings.Delay ?? TimeSpan.FromSeconds(2),
                MaxDelay = settings.MaxDelay,
                UseJitter = settings.UseJitter ?? false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && retryable(ex)),
                OnRetry = args => onRetry(args.RetryDelay, args.Outcome.Exception),
            });
        }

        if (settings.Timeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder.Build();
    }
}
