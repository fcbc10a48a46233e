namespace RunbookHost.Lab.Shim;

/// <summary>
/// One call of the shim: which tool it acts as, the tool's own arguments, the lab state file, the
/// host the driver ran it for and the topology file. Leading <c>--state=</c> and <c>--topology=</c>
/// arguments override the environment.
/// </summary>
internal sealed record ShimInvocation(string Tool, IReadOnlyList<string> Arguments, string StateFile, string? Target, string? TopologyFile)
{
    public const string StateVariable = "RUNBOOK_LAB_STATE";
    public const string TopologyVariable = "RUNBOOK_LAB_TOPOLOGY";
    public const string ToolVariable = "RUNBOOK_SHIM_TOOL";

    /// <summary>Set by the local-process transport (<c>LocalProcessTransport.TargetVariable</c>) to the host the command runs on.</summary>
    public const string TargetVariable = "RUNBOOK_TARGET";

    public static ShimInvocation From(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var rest = args.ToList();
        string? state = environment(StateVariable);
        string? topology = environment(TopologyVariable);
        while (rest.Count > 0 && rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            string[] option = rest[0][2..].Split('=', 2);
            _ = option[0] switch
            {
                "state" when option.Length == 2 => state = option[1],
                "topology" when option.Length == 2 => topology = option[1],
                _ => throw new ShimException($"Unknown shim option '{rest[0]}' (use --state=<file> or --topology=<file>)."),
            };
            rest.RemoveAt(0);
        }

        string? tool = environment(ToolVariable);
        if (string.IsNullOrWhiteSpace(tool))
        {
            tool = rest.Count > 0 ? rest[0] : throw new ShimException($"Name the tool to act as: the first argument or {ToolVariable}.");
            rest.RemoveAt(0);
        }

        if (string.IsNullOrWhiteSpace(state))
        {
            throw new ShimException($"Set {StateVariable} (or pass --state=<file>) to the lab's state file.");
        }

        string? target = environment(TargetVariable);
        return new ShimInvocation(Normalize(tool), rest, state, string.IsNullOrWhiteSpace(target) ? null : target, string.IsNullOrWhiteSpace(topology) ? null : topology);
    }

    /// <summary>The node the command runs on, for the tools that act on one node.</summary>
    public string RequireTarget() =>
        Target ?? throw new ShimException($"{Tool} acts on one node: set {TargetVariable} to the node's name.");

    /// <summary>"D:\Exchange\setup.com" and "SETUP.COM" are both "setup".</summary>
    private static string Normalize(string tool)
    {
        string leaf = tool[(tool.LastIndexOfAny(['\\', '/']) + 1)..].ToLowerInvariant();
        return leaf.EndsWith(".exe", StringComparison.Ordinal) || leaf.EndsWith(".com", StringComparison.Ordinal) ? leaf[..^4] : leaf;
    }
}
