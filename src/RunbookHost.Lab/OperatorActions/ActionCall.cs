using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// An action with its parameters checked and defaulted: each one the action takes, required ones
/// present, choices respected. Checked before anything changes, so that a bad request changes nothing.
/// </summary>
internal sealed record ActionCall(LabActionDescriptor Descriptor, IReadOnlyDictionary<string, string> Parameters)
{
    public string Name => Descriptor.Name;

    public string Parameter(string name) => Parameters.TryGetValue(name, out string? value) ? value : string.Empty;

    public static ActionCall Resolve(LabState state, LabActionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Action))
        {
            throw new LabActionException($"Name the action: one of {string.Join(", ", LabActionCatalog.Describe(state).Select(d => d.Name))}.");
        }

        var descriptor = LabActionCatalog.Find(state, request.Action);
        var given = request.Parameters ?? new Dictionary<string, string>();
        foreach (string name in given.Keys.Where(k => !descriptor.Parameters.Any(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase))))
        {
            string known = descriptor.Parameters.Count == 0 ? "none" : string.Join(", ", descriptor.Parameters.Select(p => p.Name));
            throw new LabActionException($"{descriptor.Name} has no parameter '{name}' (it has {known}).", name);
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in descriptor.Parameters)
        {
            string? value = given.FirstOrDefault(p => string.Equals(p.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value;
            value = string.IsNullOrWhiteSpace(value) ? parameter.DefaultValue : value.Trim();
            if (value is null)
            {
                if (parameter.Required)
                {
                    throw new LabActionException($"{descriptor.Name}: '{parameter.Name}' is required{OneOf(parameter.Choices)}.", parameter.Name);
                }

                continue;
            }

            string? chosen = parameter.Choices?.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
            if (parameter.Choices is { } choices && chosen is null)
            {
                throw new LabActionException($"{descriptor.Name}: there is no {parameter.Name} '{value}' in the lab{OneOf(choices)}.", parameter.Name);
            }

            parameters[parameter.Name] = chosen ?? value;
        }

        return new ActionCall(descriptor, parameters);
    }

    private static string OneOf(IReadOnlyList<string>? choices) => choices is { Count: > 0 } c
        ? $" (one of {string.Join(", ", c)})"
        : string.Empty;
}
