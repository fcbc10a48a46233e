using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Dns;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Network;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Tests.Support;

/// <summary>A lab wired through AddRunbookLab with a fake clock, its ports and a log that records every command.</summary>
internal sealed class TestLab : IDisposable
{
    public const string Primary = "CLUSTER-PRI";
    public const string Standby = "CLUSTER-DR";
    public const string Cms = "MBX-1";
    public const string Group = "RG-MBX1";

    /// <summary>How long the cluster verbs are told to wait for a state change (cluster.exe's /wait).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private readonly ServiceProvider _services;

    private TestLab(ServiceProvider services, FakeTimeProvider time)
    {
        _services = services;
        Time = time;
        Lab = services.GetRequiredService<LabEnvironment>();
    }

    public FakeTimeProvider Time { get; }

    public LabEnvironment Lab { get; }

    public RecordingLog Log { get; } = new();

    public SccTopology Topology => _services.GetRequiredService<SccTopology>();

    public IClusterControl Cluster => _services.GetRequiredService<IClusterControl>();

    public IStorageReplication Storage => _services.GetRequiredService<IStorageReplication>();

    public IExchangeSetup Setup => _services.GetRequiredService<IExchangeSetup>();

    public IExchangeInspection Inspection => _services.GetRequiredService<IExchangeInspection>();

    public IDnsQuery Dns => _services.GetRequiredService<IDnsQuery>();

    public INetworkProbe Probe => _services.GetRequiredService<INetworkProbe>();

    /// <summary>A lab with time scale 0 (instant) unless told otherwise, state in memory unless a file is given.</summary>
    public static TestLab Create(double timeScale = 0, string? stateFile = null, IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Runbook:Lab:TimeScale"] = timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Runbook:Lab:StateFile"] = stateFile ?? string.Empty,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        time ??= new FakeTimeProvider(new DateTimeOffset(2008, 8, 3, 16, 46, 12, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddRunbookLab(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new TestLab(services, time);
    }

    /// <summary>Awaits a port call, advancing the fake clock by exactly its simulated (scaled) duration.</summary>
    /// <summary>
    /// Awaits a port call, moving the clock past each simulated command it sends: a call may send several one
    /// after another (a reverse asks the array, swaps, then establishes), each starting when the one before ends.
    /// </summary>
    public async Task<T> Run<T>(Task<T> call)
    {
        for (int command = 0; command < 20 && !call.IsCompleted; command++)
        {
            long before = State(s => s.Revision);
            Time.Advance(Lab.LastDelay);

            // Synchronisation, not timing: wait until the call ended or started its next command.
            for (int wait = 0; wait < 400 && !call.IsCompleted && State(s => s.Revision) == before; wait++)
            {
                await Task.Delay(5, CancellationToken.None);
            }
        }

        return await call;
    }

    public async Task Run(Task call) => await Run(call.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));

    /// <summary>Expects the call to fail with the real tool's error; returns the exception.</summary>
    public async Task<PortException> Fails(Task call)
    {
        try
        {
            await Run(call);
        }
        catch (PortException ex)
        {
            return ex;
        }

        Assert.Fail("The call should have failed with a PortException.");
        return null!;
    }

    public Task FlipStorageTo(string site) => Run(Storage.FailoverAsync(Group, site, Log, CancellationToken.None));

    public T State<T>(Func<LabState, T> read) => Lab.Inspect(read);

    public LabResource Resource(string cluster, string name) => State(s => s.SiteByCluster(cluster)!.Resource(name)!);

    public void Dispose() => _services.Dispose();
}

/// <summary>Collects every command record a driver reports.</summary>
internal sealed class RecordingLog : ICommandLog
{
    private readonly List<CommandRecord> _records = [];

    public IReadOnlyList<CommandRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public CommandRecord Last => Records[^1];

    public void Executed(CommandRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
    }
}
