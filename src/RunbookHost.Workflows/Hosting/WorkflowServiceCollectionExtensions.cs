using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Activities.Flow;
using RunbookHost.Workflows.Activities.Human;
using RunbookHost.Workflows.Activities.Primitives;
using LogActivity = RunbookHost.Workflows.Activities.Primitives.Log;
using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Stores.InMemory;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Hosting;

/// <summary>Registers the workflow engine.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine with its built-in activities, in-memory stores (replaceable: they are added
    /// with TryAdd), the runtime and the background runner.
    /// </summary>
    public static IServiceCollection AddRunbookWorkflows(this IServiceCollection services, Action<WorkflowEngineOptions>? configure = null)
    {
        services.AddOptions<WorkflowEngineOptions>();
        services.AddOptions<JavaScriptOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.TryAddSingleton<IRunStore, InMemoryRunStore>();
        services.TryAddSingleton<IDefinitionStore, InMemoryDefinitionStore>();

        services.AddActivity<Flowchart>()
            .AddActivity<Fork>()
            .AddActivity<Join>()
            .AddActivity<Decision>()
            .AddActivity<Switch>()
            .AddActivity<ForEach>()
            .AddActivity<Delay>()
            .AddActivity<SetVariable>()
            .AddActivity<LogActivity>()
            .AddActivity<Fail>()
            .AddActivity<Approval>()
            .AddActivity<ManualStep>();

        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<JavaScriptSandbox>();
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton<JournalObservers>();
        services.TryAddSingleton<RunWakeQueue>();
        services.TryAddSingleton<WorkflowDefinitions>();
        services.TryAddSingleton(sp => new EngineParts(
            sp.GetRequiredService<ActivityRegistry>(),
            sp.GetRequiredService<IRunStore>(),
            sp.GetRequiredService<ExpressionEvaluator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp,
            sp.GetRequiredService<JournalObservers>(),
            sp.GetRequiredService<IOptions<WorkflowEngineOptions>>()));
        services.TryAddSingleton<IWorkflowRuntime, WorkflowRuntime>();
        services.TryAddSingleton(sp => new WorkflowRunner(
            sp.GetRequiredService<IWorkflowRuntime>(),
            sp.GetRequiredService<IRunStore>(),
            sp.GetRequiredService<RunWakeQueue>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WorkflowEngineOptions>>(),
            sp.GetRequiredService<ILogger<WorkflowRunner>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkflowRunner>(sp => sp.GetRequiredService<WorkflowRunner>()));
        return services;
    }

    /// <summary>Registers an activity type (one shared instance).</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services)
        where T : Activity
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Activity, T>());
        return services;
    }
}
