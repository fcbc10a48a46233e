using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>WorkflowCore's counterpart of <see cref="BenchStep"/>: a step body that only moves on.</summary>
internal sealed class WorkflowCoreStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}

/// <summary><see cref="Workload.SequenceSteps"/> steps, one after another.</summary>
internal sealed class SequenceWorkflow : IWorkflow
{
    public const string DefinitionId = "bench-sequence";

    public string Id => DefinitionId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder)
    {
        var step = builder.StartWith<WorkflowCoreStep>();
        for (int i = 1; i < Workload.SequenceSteps; i++)
        {
            step = step.Then<WorkflowCoreStep>();
        }
    }
}

/// <summary>The data of a <see cref="WaitThenStepsWorkflow"/> instance: the key its event is published under.</summary>
internal sealed class WaitData
{
    public string Key { get; set; } = string.Empty;
}

/// <summary>Waits for <see cref="EventName"/> with the instance's key, then runs <see cref="Workload.StepsAfterResume"/> steps.</summary>
internal sealed class WaitThenStepsWorkflow : IWorkflow<WaitData>
{
    public const string DefinitionId = "bench-resume";
    public const string EventName = "bench-go";

    public string Id => DefinitionId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<WaitData> builder)
    {
        var step = builder.WaitFor(EventName, data => data.Key).Then<WorkflowCoreStep>();
        for (int i = 1; i < Workload.StepsAfterResume; i++)
        {
            step = step.Then<WorkflowCoreStep>();
        }
    }
}
