namespace RunbookHost.Workflows.Activities;

/// <summary>What running an activity does to the world, which decides how a crash is recovered.</summary>
public enum SideEffect
{
    /// <summary>Reads or computes only; re-running is always safe.</summary>
    None,

    /// <summary>Changes the world, but running it twice has the effect of running it once.</summary>
    Idempotent,

    /// <summary>Must not run twice without a person deciding so (e.g. a storage flip, setup /recoverCMS).</summary>
    NonIdempotent,
}
