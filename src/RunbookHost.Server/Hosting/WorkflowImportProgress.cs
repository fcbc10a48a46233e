namespace RunbookHost.Server.Hosting;

/// <summary>Where the start-up import of the shipped workflows is, as <c>/health</c> reports it.</summary>
public enum WorkflowImportState
{
    InProgress,
    Completed,
    Failed,
}

/// <summary>
/// The start-up import's progress. Requests that read or change definitions wait until it ends, so
/// nobody sees a partial list of the shipped workflows or saves a version the import would then replace.
/// </summary>
internal sealed class WorkflowImportProgress
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile WorkflowImportState _state = WorkflowImportState.InProgress;

    public WorkflowImportState State => _state;

    /// <summary>Completes when the import ends, however it ends.</summary>
    public Task Ended => _ended.Task;

    public void Finish(WorkflowImportState state)
    {
        _state = state;
        _ended.TrySetResult();
    }
}

/// <summary>The endpoint filter that holds a request until the start-up import has ended.</summary>
internal static class WorkflowImportGate
{
    public static TBuilder AfterWorkflowImport<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var progress = context.HttpContext.RequestServices.GetRequiredService<WorkflowImportProgress>();
            if (!progress.Ended.IsCompleted)
            {
                await progress.Ended.WaitAsync(context.HttpContext.RequestAborted);
            }

            return await next(context);
        });
}
