using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RunbookHost.Exchange;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Shims;

/// <summary>
/// A lab with its state in a fresh temp folder and the REAL command drivers (AddCommandDrivers,
/// local transport for every host) whose tools are wrapper scripts running the lab shim against
/// that state file. The lab's own in-process drivers are there too, to prepare a state quickly.
/// </summary>
internal sealed class ShimLab : IDisposable
{
    public const string Primary = "CLUSTER-PRI";
    public const string Standby = "CLUSTER-DR";
    public const string Cms = "MBX-1";
    public const string Group = "RG-MBX1";

    private static readonly string[] Tools = ["cluster.exe", "setup.com", "cmd.exe", "eseutil.exe", "powershell.exe", "reg.exe", "symrdf", "snapmirror"];
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly ServiceProvider _lab;
    private readonly ServiceProvider _drivers;

    private ShimLab(string folder, ServiceProvider lab, ServiceProvider drivers)
    {
        Folder = folder;
        _lab = lab;
        _drivers = drivers;
        Lab = lab.GetRequiredService<LabEnvironment>();
    }

    public string Folder { get; }

    public LabEnvironment Lab { get; }

    public SccTopology Topology => _lab.GetRequiredService<SccTopology>();

    /// <summary>What the real drivers reported: the exact command lines, hosts, exit codes.</summary>
    public RecordingLog Log { get; } = new();

    public IClusterControl Cluster => _drivers.GetRequiredService<IClusterControl>();

    public IExchangeSetup Setup => _drivers.GetRequiredService<IExchangeSetup>();

    public IExchangeInspection Inspection => _drivers.GetRequiredService<IExchangeInspection>();

    public IStorageReplication Storage => _drivers.GetRequiredService<IStorageReplication>();

    /// <summary>The lab's in-process cluster driver (no shim), to prepare a state.</summary>
    public IClusterControl LabCluster => _lab.GetRequiredService<IClusterControl>();

    public IStorageReplication LabStorage => _lab.GetRequiredService<IStorageReplication>();

    public static string ShimAssembly =>
        typeof(ShimLab).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LabShimPath").Value!;

    /// <summary>The seed's topology with the Symmetrix IDs the SRDF adapter needs to tell R1 from R2 after a swap.</summary>
    public static SccTopology Seed()
    {
        var topology = DefaultTopology.Create();
        topology.ReplicationGroups[0].Settings["sid.primary"] = "000190300123";
        topology.ReplicationGroups[0].Settings["sid.standby"] = "000190300456";
        return topology;
    }

    public static ShimLab Create(SccTopology? topology = null)
    {
        Assert.IsTrue(File.Exists(ShimAssembly), $"the shim is built with the tests: {ShimAssembly}");
        string folder = Directory.CreateTempSubdirectory("runbook-shim-lab-").FullName;
        string topologyFile = Path.Combine(folder, "topology.json");
        string stateFile = Path.Combine(folder, "lab-state.json");
        File.WriteAllText(topologyFile, JsonSerializer.Serialize(topology ?? Seed(), Web));
        var settings = new Dictionary<string, string?>
        {
            [TopologyLoader.FileKey] = topologyFile,
            ["Runbook:Lab:StateFile"] = stateFile,
            ["Runbook:Lab:TimeScale"] = "0",
        };
        foreach (string tool in Tools)
        {
            settings[$"Runbook:Commands:ExecutableMap:{tool}"] = Wrapper(folder, tool, stateFile, topologyFile);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new ServiceProviderOptions { ValidateOnBuild = true };
        var lab = new ServiceCollection().AddRunbookLab(configuration).BuildServiceProvider(options);
        var drivers = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddCommandDrivers(configuration)
            .BuildServiceProvider(options);
        return new ShimLab(folder, lab, drivers);
    }

    public void Dispose()
    {
        _drivers.Dispose();
        _lab.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A script the drivers start instead of the real tool: it execs the shim as that tool on this lab's state.</summary>
    private static string Wrapper(string folder, string tool, string stateFile, string topologyFile)
    {
        string path = Path.Combine(folder, tool + ".sh");
        File.WriteAllText(path, $"""
            #!/bin/sh
            export RUNBOOK_LAB_STATE='{stateFile}'
            export RUNBOOK_LAB_TOPOLOGY='{topologyFile}'
            exec dotnet '{ShimAssembly}' '{tool}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
