using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Faults;

/// <summary>Asks the state whether a fault is active (optionally for one target).</summary>
internal static class FaultLookup
{
    public static IEnumerable<LabActiveFault> Active(this LabState state, string name) =>
        state.Faults.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The active fault of that name whose parameter equals the value (or that has no such parameter, i.e. applies everywhere).</summary>
    public static LabActiveFault? ActiveFor(this LabState state, string name, string parameter, string value, string? fallback = null) =>
        state.Active(name).FirstOrDefault(f =>
            f.Parameter(parameter, fallback ?? "*") is var target && (target == "*" || string.Equals(target, value, StringComparison.OrdinalIgnoreCase)));
}
