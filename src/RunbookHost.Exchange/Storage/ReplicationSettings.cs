using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>Reads a replication group's settings, naming the setting in every error.</summary>
internal static class ReplicationSettings
{
    public static string? Optional(this ReplicationGroup group, string key) =>
        group.Settings.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static string Required(this ReplicationGroup group, string key) =>
        group.Optional(key) ?? throw new PortException($"Replication group '{group.Name}' ({group.Adapter}) needs the setting '{key}'.");

    /// <summary>The setting's path as an operator writes it in configuration.</summary>
    public static string PathOf(this ReplicationGroup group, SccTopology topology, string key) =>
        $"Topology:ReplicationGroups:{topology.ReplicationGroups.IndexOf(group)} ({group.Name}):Settings:{key}";

    /// <summary>The secret settings' values, masked wherever they appear.</summary>
    public static IEnumerable<string> Secrets(this ReplicationGroup group) =>
        group.Settings.Where(s => SecretRedactor.IsSecretName(s.Key) && s.Value.Length > 0).Select(s => s.Value);
}
