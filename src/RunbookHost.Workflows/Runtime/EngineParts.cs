using Microsoft.Extensions.Options;
using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>The shared collaborators every run execution uses.</summary>
internal sealed class EngineParts(
    ActivityRegistry registry,
    IRunStore store,
    ExpressionEvaluator evaluator,
    TimeProvider time,
    IServiceProvider services,
    JournalObservers observers,
    IOptions<WorkflowEngineOptions> options)
{
    public ActivityRegistry Registry { get; } = registry;

    public IRunStore Store { get; } = store;

    public ExpressionEvaluator Evaluator { get; } = evaluator;

    public TimeProvider Time { get; } = time;

    public IServiceProvider Services { get; } = services;

    public JournalObservers Observers { get; } = observers;

    public WorkflowEngineOptions Options { get; } = options.Value;
}
