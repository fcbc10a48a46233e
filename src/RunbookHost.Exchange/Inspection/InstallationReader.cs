namespace RunbookHost.Exchange.Inspection;

/// <summary>
/// Reads a node's Exchange installation from <c>reg query HKLM\SOFTWARE\Microsoft\Exchange\v8.0 /s</c>:
/// a role is installed when its <c>&lt;Role&gt;Role</c> key has <c>ConfiguredVersion</c>; on a cluster
/// node the Mailbox role is the passive clustered mailbox role (setup installs no other kind there);
/// a half-finished setup leaves <c>Action</c>/<c>Watermark</c> values.
/// </summary>
internal static class InstallationReader
{
    public static NodeInstallation Read(string node, string regOutput)
    {
        var keys = RegistryQueryParser.Parse(regOutput);
        var roles = keys
            .Where(k => RegistryQueryParser.Leaf(k.Key).EndsWith("Role", StringComparison.OrdinalIgnoreCase) && k.Value.ContainsKey("ConfiguredVersion"))
            .Select(k => (Role: RegistryQueryParser.Leaf(k.Key)[..^4], Version: k.Value["ConfiguredVersion"]))
            .OrderBy(r => r.Role, StringComparer.OrdinalIgnoreCase)
            .ToList();

        string? version = roles.FirstOrDefault(r => r.Role.Equals("Mailbox", StringComparison.OrdinalIgnoreCase)).Version
            ?? roles.Select(r => r.Version).FirstOrDefault()
            ?? MsiVersion(keys);

        var watermarks = keys
            .Where(k => k.Value.ContainsKey("Watermark") || k.Value.ContainsKey("Action"))
            .Select(k => $"{RegistryQueryParser.Leaf(k.Key)}: " + string.Join(' ', new[] { "Action", "Watermark" }.Where(k.Value.ContainsKey).Select(v => $"{v}={k.Value[v]}")))
            .ToList();

        bool mailbox = roles.Any(r => r.Role.Equals("Mailbox", StringComparison.OrdinalIgnoreCase));
        return new NodeInstallation(node, roles.Select(r => r.Role).ToList(), version, mailbox, watermarks.Count == 0 ? null : string.Join("; ", watermarks));
    }

    private static string? MsiVersion(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> keys)
    {
        var setup = keys.FirstOrDefault(k => RegistryQueryParser.Leaf(k.Key).Equals("Setup", StringComparison.OrdinalIgnoreCase)).Value;
        string[] parts = ["MsiProductMajor", "MsiProductMinor", "MsiBuildMajor", "MsiBuildMinor"];
        return setup is not null && parts.All(setup.ContainsKey) ? string.Join('.', parts.Select(p => setup[p])) : null;
    }
}
