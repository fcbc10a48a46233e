using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Activities.Human;

/// <summary>An instruction a person carries out by hand and then confirms as done.</summary>
[Activity("ManualStep", "Human", "Manual step", Description = "Waits until an operator confirms that an instruction has been carried out.")]
public sealed class ManualStep : Activity
{
    public const string BookmarkName = "ManualStep";

    [Input(Description = "Short name of the step.", Required = true)]
    public Input<string> Title { get; } = new();

    [Input(Description = "What to do, precisely.", Required = true, UIHint = "multiline")]
    public Input<string> Instructions { get; } = new();

    [Input(Description = "Roles allowed to confirm.", DefaultValue = "operator")]
    public Input<string[]> AllowedRoles { get; } = new();

    [Output(Description = "Who confirmed the step.")]
    public Output<string> ConfirmedBy { get; } = new();

    [Output(Description = "The operator's comment.")]
    public Output<string> Comment { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var payload = new JsonObject
        {
            ["kind"] = "manualStep",
            ["title"] = context.Get(Title),
            ["instructions"] = context.Get(Instructions),
            ["allowedRoles"] = new JsonArray([.. (context.Get(AllowedRoles) ?? ["operator"]).Select(r => (JsonNode?)r)]),
        };
        return new(context.Suspend(new BookmarkRequest(BookmarkName, context.Path, payload)));
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityExecutionContext context)
    {
        var resume = context.Resume!;
        string comment = resume.Payload["comment"]?.ToString() ?? string.Empty;
        string title = resume.Bookmark["title"]?.ToString() ?? context.ActivityId;
        context.Set(ConfirmedBy, resume.Actor);
        context.Set(Comment, comment);
        context.Record(
            "ManualStepConfirmed",
            $"{resume.Actor} confirmed '{title}' as done{(comment.Length > 0 ? $": {comment}" : string.Empty)}",
            new JsonObject { ["title"] = title, ["comment"] = comment, ["decidedAt"] = resume.At },
            resume.Actor);
        return new(context.Done());
    }
}
