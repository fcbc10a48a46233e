namespace RunbookHost.Exchange.Commands;

/// <summary>The verbs commands are timed by, with their default timeouts.</summary>
public static class CommandVerbs
{
    public const string Default = "default";
    public const string ClusterStatus = "clusterStatus";
    public const string ClusterChange = "clusterChange";
    public const string Setup = "setup";
    public const string SetupLog = "setupLog";
    public const string Inspection = "inspection";
    public const string Eseutil = "eseutil";
    public const string StorageQuery = "storageQuery";
    public const string StorageChange = "storageChange";

    public static readonly IReadOnlyDictionary<string, TimeSpan> Defaults = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
    {
        [Default] = TimeSpan.FromMinutes(5),
        [ClusterStatus] = TimeSpan.FromMinutes(2),
        [ClusterChange] = TimeSpan.FromMinutes(5),
        [Setup] = TimeSpan.FromMinutes(90),
        [SetupLog] = TimeSpan.FromMinutes(2),
        [Inspection] = TimeSpan.FromMinutes(3),
        [Eseutil] = TimeSpan.FromMinutes(10),
        [StorageQuery] = TimeSpan.FromMinutes(2),
        [StorageChange] = TimeSpan.FromMinutes(15),
    };
}
