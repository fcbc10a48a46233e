using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Activities.Human;

/// <summary>A gate a person with an allowed role approves or rejects; it may expire.</summary>
[Activity("Approval", "Human", "Approval", Outcomes = [ApprovedOutcome, RejectedOutcome, ExpiredOutcome],
    Description = "Waits until a person with an allowed role approves or rejects; optionally expires.")]
public sealed class Approval : Activity
{
    public const string BookmarkName = "Approval";
    public const string ApprovedOutcome = "Approved";
    public const string RejectedOutcome = "Rejected";
    public const string ExpiredOutcome = "Expired";

    [Input(Description = "What is being approved.", Required = true)]
    public Input<string> Title { get; } = new();

    [Input(Description = "What the approver must check before deciding.", UIHint = "multiline")]
    public Input<string> Instructions { get; } = new();

    [Input(Description = "Roles allowed to decide.", DefaultValue = "approver")]
    public Input<string[]> AllowedRoles { get; } = new();

    [Input(Description = "How long the gate stays open; empty means no expiry.")]
    public Input<TimeSpan?> ExpiresAfter { get; } = new();

    [Output(Description = "approve, reject or expired.")]
    public Output<string> Decision { get; } = new();

    [Output(Description = "Who decided.")]
    public Output<string> DecidedBy { get; } = new();

    [Output(Description = "The decider's comment.")]
    public Output<string> Comment { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var now = context.Time.GetUtcNow();
        var expiresAfter = context.Get(ExpiresAfter);
        DateTimeOffset? expiresAt = expiresAfter is { } span ? now + span : null;
        var payload = new JsonObject
        {
            ["kind"] = "approval",
            ["title"] = context.Get(Title),
            ["instructions"] = context.Get(Instructions),
            ["allowedRoles"] = new JsonArray([.. (context.Get(AllowedRoles) ?? ["approver"]).Select(r => (JsonNode?)r)]),
            ["expiresAt"] = expiresAt,
        };
        return new(context.Suspend(new BookmarkRequest(BookmarkName, context.Path, payload, expiresAt)));
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityExecutionContext context)
    {
        var resume = context.Resume!;
        string comment = resume.Payload["comment"]?.ToString() ?? string.Empty;
        string title = resume.Bookmark["title"]?.ToString() ?? context.ActivityId;
        if (resume.ByTimer)
        {
            context.Set(Decision, "expired");
            context.Record("ApprovalExpired", $"Approval '{title}' expired without a decision.", actor: resume.Actor);
            return new(context.Complete(ExpiredOutcome));
        }

        bool approved = string.Equals(resume.Payload["decision"]?.ToString(), "approve", StringComparison.OrdinalIgnoreCase);
        context.Set(Decision, approved ? "approve" : "reject");
        context.Set(DecidedBy, resume.Actor);
        context.Set(Comment, comment);
        var data = new JsonObject { ["title"] = title, ["comment"] = comment, ["decidedAt"] = resume.At };
        context.Record(
            approved ? "ApprovalGranted" : "ApprovalRejected",
            $"{resume.Actor} {(approved ? "approved" : "rejected")} '{title}'{(comment.Length > 0 ? $": {comment}" : string.Empty)}",
            data,
            resume.Actor);
        return new(context.Complete(approved ? ApprovedOutcome : RejectedOutcome));
    }
}
