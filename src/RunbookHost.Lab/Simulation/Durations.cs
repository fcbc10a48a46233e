namespace RunbookHost.Lab.Simulation;

/// <summary>Realistic (unscaled) durations of the simulated commands, from DOMAIN.md's table.</summary>
internal static class Durations
{
    public static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(42);
    public static readonly TimeSpan ClusterQuery = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan ClusterGroupOnlineBase = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan ClusterGroupOffline = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan ClusterResourceOnOff = TimeSpan.FromSeconds(12);
    public static readonly TimeSpan DiskOnline = TimeSpan.FromSeconds(25);
    public static readonly TimeSpan MoveDisk = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan Dependency = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DatabaseMount = TimeSpan.FromSeconds(30);

    /// <summary>Soft recovery of one storage group's logs (the DOMAIN example: ~218 s).</summary>
    public static readonly TimeSpan LogReplay = TimeSpan.FromSeconds(218);

    public static readonly TimeSpan StorageQuery = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan StorageFailover = TimeSpan.FromSeconds(95);
    public static readonly TimeSpan StorageSwap = TimeSpan.FromSeconds(130);
    public static readonly TimeSpan StorageEstablish = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan StorageUpdate = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StorageRefused = TimeSpan.FromSeconds(4);

    public static readonly TimeSpan RecoverCms = TimeSpan.FromMinutes(11);
    public static readonly TimeSpan ClearLocalCms = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan InstallPassiveRole = TimeSpan.FromMinutes(32);
    public static readonly TimeSpan UpgradeNode = TimeSpan.FromMinutes(38);
    public static readonly TimeSpan UpgradeCms = TimeSpan.FromMinutes(14);
    public static readonly TimeSpan SetupPrerequisiteFailure = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan DirectoryQuery = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan RegistryQuery = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan EseutilHeader = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DnsQuery = TimeSpan.FromMilliseconds(40);
    public static readonly TimeSpan DnsTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Ping = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(4);

    /// <summary>A duration of simulated work or waiting, scaled for demos and tests (0 = instant).</summary>
    public static TimeSpan Scaled(TimeSpan real, double scale) =>
        scale <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Min(real.Ticks * scale, TimeSpan.MaxValue.Ticks / 2.0));

    /// <summary>How much unscaled time a stretch of (scaled) lab time stands for; infinite when the scale is 0.</summary>
    public static double UnscaledSeconds(TimeSpan elapsed, double scale) =>
        scale <= 0 ? double.PositiveInfinity : elapsed.TotalSeconds / scale;
}
