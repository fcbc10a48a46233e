using RunbookHost.Lab.Setup;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Faults;

/// <summary>
/// Refuses a fault whose parameters are unknown, name no site, cluster, node or DNS server of the
/// lab, are not the true/false or number they must be, or are none of the values a choice takes,
/// before anything changes: a fault aimed at nothing would sit in the state doing nothing, and one
/// read half-way would change half the state.
/// </summary>
internal static class FaultTargets
{
    public static void Require(LabState state, LabFaultDescriptor descriptor, IReadOnlyDictionary<string, string>? given, LabActiveFault fault)
    {
        foreach (string name in (given?.Keys ?? []).Where(k => !descriptor.Parameters.Any(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase))))
        {
            string known = descriptor.Parameters.Count == 0 ? "none" : string.Join(", ", descriptor.Parameters.Select(p => p.Name));
            throw new LabFaultException($"{descriptor.Name} has no parameter '{name}' (it has {known}).", name);
        }

        foreach (var (name, value) in fault.Parameters)
        {
            bool known = name.ToLowerInvariant() switch
            {
                "site" => state.SiteByName(value) is not null,
                "cluster" => state.Sites.Any(s => string.Equals(s.ClusterName, value, StringComparison.OrdinalIgnoreCase)),
                "node" => value == "*" || state.Node(value) is not null,
                "server" => state.Dns.Any(d => string.Equals(d.Address, value, StringComparison.OrdinalIgnoreCase)),
                _ => true,
            };
            if (!known)
            {
                throw new LabFaultException($"{descriptor.Name}: there is no {name} '{value}' in the lab.", name);
            }

            if (Choices(name) is { } choices && !choices.Contains(Normalized(name, value), StringComparer.OrdinalIgnoreCase))
            {
                throw new LabFaultException($"{descriptor.Name}: '{name}' must be {string.Join(", ", choices[..^1])} or {choices[^1]}, not '{value}'.", name);
            }

            switch (descriptor.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Kind)
            {
                case LabParameterKind.Flag when !bool.TryParse(value, out _):
                    throw new LabFaultException($"{descriptor.Name}: '{name}' must be true or false, not '{value}'.", name);
                case LabParameterKind.Number when !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _):
                    throw new LabFaultException($"{descriptor.Name}: '{name}' must be a number, not '{value}'.", name);
            }
        }
    }

    /// <summary>The values a parameter that picks one of a few things may take (what the rules reading it compare with).</summary>
    private static string[]? Choices(string parameter) => parameter.ToLowerInvariant() switch
    {
        "what" => ["name", "address"],
        "command" => [SetupArguments.RecoverCms, SetupArguments.ClearLocalCms, SetupArguments.UpgradeCms, SetupArguments.Install, SetupArguments.Upgrade, "*"],
        _ => null,
    };

    /// <summary>A setup command as SetupFails compares it: "/upgradeCMS" and "/mode:upgrade" are upgradeCMS and upgrade.</summary>
    private static string Normalized(string parameter, string value) =>
        parameter.Equals("command", StringComparison.OrdinalIgnoreCase) ? value.TrimStart('/').Replace("mode:", string.Empty, StringComparison.OrdinalIgnoreCase) : value;
}
