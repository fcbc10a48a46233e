namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// Where a crash test kills a TestHost, counted from the host's start: after its k-th committed
/// journal record, inside its n-th non-idempotent command before the command's write (right after
/// the intent committed), or inside it after the write (before the result is committed).
/// </summary>
internal sealed class KillPoint
{
    private readonly Func<Func<HostLine, bool>> _matcher;

    private KillPoint(string description, Func<Func<HostLine, bool>> matcher)
    {
        Description = description;
        _matcher = matcher;
    }

    public string Description { get; }

    public static KillPoint AfterCommits(int k) =>
        new($"after commit record {k}", () => Nth(k, l => l.IsCommit));

    public static KillPoint BeforeWrite(int n) =>
        new($"in command {n} after its intent", () => Nth(n, l => l.IsCommit && l.Text.EndsWith(" intent:NonIdempotent", StringComparison.Ordinal)));

    public static KillPoint AfterWrite(int n) =>
        new($"in command {n} after its write", () => Nth(n, l => l.Text.StartsWith("EFFECT ", StringComparison.Ordinal)));

    /// <summary>A fresh matcher for one host process.</summary>
    public Func<HostLine, bool> NewMatcher() => _matcher();

    public override string ToString() => Description;

    private static Func<HostLine, bool> Nth(int n, Func<HostLine, bool> match)
    {
        int seen = 0;
        return line => match(line) && ++seen == n;
    }
}
