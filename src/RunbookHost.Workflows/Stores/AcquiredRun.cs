namespace RunbookHost.Workflows.Stores;

/// <summary>
/// A run as it stands once this host took its lease, and whether signals (resumes, a cancellation,
/// incident resolutions) were queued for it at that moment. When none were, the execution does not
/// read the inbox before it starts; signals queued afterwards reach it as they always do.
/// </summary>
public sealed record AcquiredRun(RunRecord Run, bool SignalsWaiting);
