using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Shim;

/// <summary>What a tool emulation works with: the call, the loaded lab state, the time and the topology (for settings the state does not keep).</summary>
internal sealed record ShimContext(ShimInvocation Invocation, LabState State, DateTimeOffset Now, SccTopology? Topology)
{
    public IReadOnlyList<string> Arguments => Invocation.Arguments;

    /// <summary>The value after <paramref name="option"/> (e.g. "-g"), or null.</summary>
    public string? After(string option)
    {
        int index = Arguments.ToList().FindIndex(a => string.Equals(a, option, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < Arguments.Count ? Arguments[index + 1] : null;
    }

    public bool Has(string argument) => Arguments.Contains(argument, StringComparer.OrdinalIgnoreCase);
}
