namespace RunbookHost.Lab.Cluster;

/// <summary>cluster.exe's error texts: "System error N has occurred (0x...)." and the system message.</summary>
internal static class ClusterErrors
{
    public static string System(int code, string message) => $"System error {code} has occurred (0x{code:x8}).\n{message}";

    public static string RpcUnavailable => System(1722, "The RPC server is unavailable.");

    public static string ResourceNotFound => System(5007, "The cluster resource could not be found.");

    public static string GroupNotFound => System(5013, "The cluster group could not be found.");

    /// <summary>A node the cluster does not have (unknown, or a node of another cluster).</summary>
    public static string NodeNotFound => System(5042, "The cluster node was not found.");

    public static string ResourceOnline => System(5019, "The operation could not be completed because the cluster resource is online.");

    public static string DependencyExists => System(5003, "The cluster resource cannot be made dependent on the specified resource because it is already dependent.");

    public static string DependencyNotFound => System(5002, "The cluster resource dependency cannot be found.");

    public static string CircularDependency => System(1059, "Circular service dependency was specified.");

    /// <summary>AddClusterResourceDependency's answer when the resources are in different groups.</summary>
    public static string NotSameGroup => System(87, "The parameter is incorrect.");

    public static string CouldNotBringOnline => System(5018, "The cluster resource could not be brought online by the resource monitor.");

    public static string InvalidState => System(5023, "The group or resource is not in the correct state to perform the requested operation.");

    public static string DependentsExist => System(5001, "The cluster resource cannot be moved to another group because other resources are dependent on it.");
}
