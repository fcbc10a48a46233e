using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Activities;

/// <summary>
/// The base of every activity, as Elsa's <c>Activity</c>: one instance per type, reading its inputs
/// from the <see cref="ActivityExecutionContext"/> and ending with outcomes or a bookmark.
/// </summary>
public abstract class Activity
{
    public const string DoneOutcome = "Done";

    private ActivityDescriptor? _descriptor;

    /// <summary>The descriptor generated from this class when it was registered.</summary>
    public ActivityDescriptor Descriptor
    {
        get => _descriptor ?? throw new InvalidOperationException($"{GetType().Name} has not been registered.");
        internal set => _descriptor = value;
    }

    /// <summary>Runs the activity. Exceptions are faults: retried per resilience settings, then an incident.</summary>
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Continues after one of this activity's bookmarks was resumed (<see cref="ActivityExecutionContext.Resume"/>).</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityExecutionContext context) => new(context.Done());

    /// <summary>The outcome ports of one use of this activity; by default the descriptor's.</summary>
    public virtual IReadOnlyList<string> GetOutcomes(ActivityNode node) => Descriptor.Outcomes;

    /// <summary>Checks beyond the generic ones (required inputs, types, JavaScript syntax).</summary>
    public virtual IEnumerable<ValidationError> Validate(ActivityNode node, string path) => [];
}

/// <summary>An activity that runs code and completes with <c>Done</c>, as Elsa's <c>CodeActivity</c>.</summary>
public abstract class CodeActivity : Activity
{
    public sealed override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var pending = ExecuteCodeAsync(context);
        if (pending.IsCompletedSuccessfully)
        {
            return new(context.Done());
        }

        return Await(pending, context);

        static async ValueTask<ActivityResult> Await(ValueTask pending, ActivityExecutionContext context)
        {
            await pending;
            return context.Done();
        }
    }

    protected abstract ValueTask ExecuteCodeAsync(ActivityExecutionContext context);
}
