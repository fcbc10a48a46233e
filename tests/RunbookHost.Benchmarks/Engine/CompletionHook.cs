using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>
/// Tells WorkflowCore instances' completion, by reference, at the earliest point WorkflowCore offers:
/// its post-workflow middleware, which the executor runs inline as it marks the instance Complete.
/// The completion time is taken there, so the hand-off to the waiting benchmark is not charged to
/// WorkflowCore (nor is the final persist that follows).
/// </summary>
internal sealed class CompletionHook : IWorkflowMiddleware
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);

    public WorkflowMiddlewarePhase Phase => WorkflowMiddlewarePhase.PostWorkflow;

    /// <summary>A task giving the <see cref="Stopwatch"/> timestamp at which the instance with <paramref name="reference"/> completed.</summary>
    public Task<long> Expect(string reference)
    {
        var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[reference] = completion;
        return completion.Task;
    }

    public async Task HandleAsync(WorkflowInstance workflow, WorkflowDelegate next)
    {
        long completedAt = Stopwatch.GetTimestamp();
        if (workflow.Reference is { } reference && _waiting.TryRemove(reference, out var completion))
        {
            completion.TrySetResult(completedAt);
        }

        await next();
    }
}
