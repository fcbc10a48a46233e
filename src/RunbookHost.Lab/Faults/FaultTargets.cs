using RunbookHost.Lab.Setup;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Faults;

/// <summary>
/// Refuses a fault whose parameters are unknown, name no site, cluster, node or DNS server of the
/// lab, are not the true/false, number or build they must be, or are none of the values a choice takes,
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

            var parameter = descriptor.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (parameter?.Choices is { } choices && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                throw NotOneOf(descriptor, name, value, choices);
            }

            switch (parameter?.Kind)
            {
                case LabParameterKind.Flag when !bool.TryParse(value, out _):
                    throw new LabFaultException($"{descriptor.Name}: '{name}' must be true or false, not '{value}'.", name);
                case LabParameterKind.Number when !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _):
                    throw new LabFaultException($"{descriptor.Name}: '{name}' must be a number, not '{value}'.", name);
                case LabParameterKind.SetupOperation when value != "*" && !SetupArguments.Operations.Contains(SetupArguments.OperationAsTyped(value), StringComparer.OrdinalIgnoreCase):
                    throw NotOneOf(descriptor, name, value, [.. SetupArguments.Operations, "*"]);
                case LabParameterKind.Build when !Version.TryParse(value, out var build) || build.Revision < 0:
                    throw new LabFaultException($"{descriptor.Name}: '{name}' must be an Exchange build of four numbers such as {state.Directory.CmsVersion}, not '{value}'.", name);
            }
        }
    }

    private static LabFaultException NotOneOf(LabFaultDescriptor descriptor, string name, string value, IReadOnlyList<string> choices) =>
        new($"{descriptor.Name}: '{name}' must be {string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}, not '{value}'.", name);
}
