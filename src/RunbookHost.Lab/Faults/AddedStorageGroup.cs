using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Faults;

/// <summary>The storage group StorageGroupAddedAfterPreparation adds: by default SG(n+1) on the same replicated disks as the first one.</summary>
internal static class AddedStorageGroup
{
    public static LabStorageGroup Defaults(LabState state)
    {
        var first = state.Directory.StorageGroups.FirstOrDefault();
        int number = state.Directory.StorageGroups.Count + 1;
        string name = $"SG{number}";
        string database = $"DB{number}";
        string edbRoot = Root(first?.Databases.FirstOrDefault()?.EdbPath, "F:");
        string logRoot = Root(first?.LogPath, "L:");
        string prefix = Enumerable.Range(0, 50).Select(i => $"E{i:00}")
            .First(p => !state.Directory.StorageGroups.Any(g => string.Equals(g.LogPrefix, p, StringComparison.OrdinalIgnoreCase)));
        return new LabStorageGroup
        {
            Name = name,
            LogPrefix = prefix,
            LogPath = $"{logRoot}\\{name}\\Logs",
            SystemPath = $"{logRoot}\\{name}\\System",
            Databases = [new LabDatabaseConfig { Name = database, EdbPath = $"{edbRoot}\\{name}\\{database}.edb" }],
        };
    }

    public static LabStorageGroup From(LabState state, LabActiveFault fault)
    {
        var defaults = Defaults(state);
        return new LabStorageGroup
        {
            Name = fault.Parameter("storageGroup", defaults.Name),
            LogPrefix = fault.Parameter("logPrefix", defaults.LogPrefix),
            LogPath = fault.Parameter("logPath", defaults.LogPath),
            SystemPath = fault.Parameter("systemPath", defaults.SystemPath),
            Databases = [new LabDatabaseConfig { Name = fault.Parameter("database", defaults.Databases[0].Name), EdbPath = fault.Parameter("edbPath", defaults.Databases[0].EdbPath) }],
        };
    }

    private static string Root(string? path, string fallback) =>
        path is { Length: >= 2 } p && p[1] == ':' ? p[..2] : fallback;
}
