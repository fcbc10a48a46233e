using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Tests.Support;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Runbooks;

/// <summary>Every shipped workflow refuses, before it asks anyone or changes anything, site inputs that are no configured site or name one site twice.</summary>
[TestClass]
public sealed class SiteInputsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [TestMethod]
    [DataRow("activation", "standbySite")]
    [DataRow("activation", "failedSite")]
    [DataRow("clear-local-cms", "site")]
    [DataRow("failback", "primarySite")]
    [DataRow("failback", "standbySite")]
    [DataRow("prepare-standby", "primarySite")]
    [DataRow("prepare-standby", "standbySite")]
    [DataRow("service-pack-upgrade", "activeSite")]
    [DataRow("service-pack-upgrade", "standbySite")]
    public async Task Start_SiteInputIsNoConfiguredSite_StopsBeforeAnyChangeNamingTheInputAndTheSites(string workflow, string input)
    {
        await using var lab = await LabRunbooks.StartAsync();

        string runId = await lab.StartAsync(workflow, InputOf(workflow, (input, "dr")));
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual($"Stopped before any change: Input '{input}' names site 'dr', which is not configured (the sites are primary, standby).", run.Fault);
        await AssertStoppedBeforeAnythingAsync(lab, runId);
    }

    [TestMethod]
    [DataRow("activation", "standbySite", "failedSite", "standby")]
    [DataRow("failback", "primarySite", "standbySite", "primary")]
    [DataRow("prepare-standby", "primarySite", "standbySite", "primary")]
    [DataRow("service-pack-upgrade", "activeSite", "standbySite", "primary")]
    public async Task Start_TwoSiteInputsNameOneSite_StopsBeforeAnyChange(string workflow, string first, string second, string site)
    {
        await using var lab = await LabRunbooks.StartAsync();

        string runId = await lab.StartAsync(workflow, InputOf(workflow, (first, site), (second, site)));
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual($"Stopped before any change: Inputs '{first}' and '{second}' both name site '{site}'; they must name different sites.", run.Fault);
        await AssertStoppedBeforeAnythingAsync(lab, runId);
    }

    [TestMethod]
    public async Task Start_SiteNamesInAnotherCase_AreTheConfiguredSites()
    {
        await using var lab = await LabRunbooks.StartAsync();

        string runId = await lab.StartAsync("prepare-standby", ActivationTests.Input(("primarySite", "Primary"), ("standbySite", "STANDBY")));
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.AreEqual("CheckPassed", (await lab.JournalAsync(runId)).First(r => r.ActivityId == "checkSites").Kind);
    }

    [TestMethod]
    public async Task Failback_RealDriversWithTheDeploymentsTopology_ChecksTheSitesItConfiguresBeforeRunningACommand()
    {
        // A deployment whose sites are named hq and dr (Runbook:TopologyFile), driven by the command-line drivers.
        string folder = Directory.CreateTempSubdirectory("runbook-sites-").FullName;
        try
        {
            var topology = DefaultTopology.Create();
            topology.Sites[0].Name = "hq";
            topology.Sites[1].Name = "dr";
            string file = Path.Combine(folder, "topology.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(topology, Web));
            var transport = new FakeTransport();
            await using var host = await CommandHostAsync(file, transport);

            string wrong = await host.Runtime.StartAsync(new StartRunRequest("failback", null, null, "olivia"), CancellationToken.None);
            await host.Runtime.ExecuteAsync(wrong, CancellationToken.None);
            var stopped = (await host.Runs.GetAsync(wrong, CancellationToken.None))!;

            Assert.AreEqual(RunStatus.Faulted, stopped.Status);
            Assert.AreEqual(
                "Stopped before any change: Input 'primarySite' names site 'primary', which is not configured (the sites are hq, dr); input 'standbySite' names site 'standby', which is not configured (the sites are hq, dr).",
                stopped.Fault);
            Assert.AreEqual(0, transport.Runs.Count, "no command was sent: " + string.Join(" | ", transport.Runs.Select(r => r.Command.Display)));

            string right = await host.Runtime.StartAsync(new StartRunRequest("failback", null, ActivationTests.Input(("primarySite", "hq"), ("standbySite", "dr")), "olivia"), CancellationToken.None);
            await host.Runtime.ExecuteAsync(right, CancellationToken.None);

            var journal = await host.Runs.GetJournalAsync(right, 0, CancellationToken.None);
            Assert.AreEqual("CheckPassed", journal.First(r => r.ActivityId == "checkSites").Kind);
            Assert.IsTrue(transport.Runs.Any(r => r.Host is "NodeA" or "NodeB"), "the run went on to the hq site's nodes through the real drivers");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The run's input: the values given, and for service-pack-upgrade the build it requires.</summary>
    private static JsonObject InputOf(string workflow, params (string Key, string Value)[] values) =>
        ActivationTests.Input(workflow == "service-pack-upgrade" ? [.. values, ("targetVersion", "8.2.176.2")] : values);

    private static async Task AssertStoppedBeforeAnythingAsync(LabRunbooks lab, string runId)
    {
        var run = (await lab.Runs.GetAsync(runId, CancellationToken.None))!;
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.IsNotNull(run.FinishedAt, "a stop, not an incident");
        Assert.AreEqual(0, (await lab.Runs.GetIncidentsAsync(runId, CancellationToken.None)).Count);
        var commands = await lab.CommandsAsync(runId);
        Assert.AreEqual(0, commands.Count, "nothing was run: " + string.Join(" | ", commands));
        var journal = await lab.JournalAsync(runId);
        Assert.IsFalse(journal.Any(r => r.Kind == JournalKinds.BookmarkCreated), "nobody was asked for anything: " + string.Join(" | ", journal.Select(r => r.Message)));
        Assert.AreEqual("checkSites", journal.First(r => r.Kind == JournalKinds.ActivityCompleted).ActivityId, "the check is the first step");
    }

    /// <summary>The engine with the SCC activities over the real command drivers, every command sent to <paramref name="transport"/>.</summary>
    private static async Task<CommandHost> CommandHostAsync(string topologyFile, FakeTransport transport)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TopologyLoader.FileKey] = topologyFile }).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero)))
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(sp => new CommandTransports(sp.GetRequiredService<IOptions<CommandDriverOptions>>(), transport, transport))
            .AddRunbookWorkflows()
            .AddRunbookExchange(configuration)
            .AddCommandDrivers(configuration)
            .BuildServiceProvider();
        var definitions = services.GetRequiredService<WorkflowDefinitions>();
        foreach (string file in Directory.GetFiles(Path.Combine(LabRunbooks.RepositoryRoot(), "workflows"), "*.json"))
        {
            await definitions.ImportAsync(WorkflowJson.Parse(await File.ReadAllTextAsync(file)), CancellationToken.None);
        }

        return new CommandHost(services);
    }

    private sealed class CommandHost(ServiceProvider services) : IAsyncDisposable
    {
        public IWorkflowRuntime Runtime => services.GetRequiredService<IWorkflowRuntime>();

        public IRunStore Runs => services.GetRequiredService<IRunStore>();

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
