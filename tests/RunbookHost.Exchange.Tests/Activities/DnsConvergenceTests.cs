using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Dns;
using RunbookHost.Exchange.Tests.Support;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Activities;

/// <summary>WaitForDnsConvergence with the real DNS driver against two real dnsmasq servers whose answers change during the wait.</summary>
[TestClass]
public sealed class DnsConvergenceTests
{
    private const string Name = "mbx-1.contoso.test";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task WaitForDnsConvergence_ServersChangeOneByOne_WaitsUntilEveryServerAnswersTheNewAddress()
    {
        string? executable = Dnsmasq.Find();
        if (executable is null)
        {
            Assert.Inconclusive("dnsmasq is not installed (apt-get install -y dnsmasq, or run .ci/dnsmasq.sh); the DNS wait needs a real DNS server to be tested.");
        }

        using var first = Dnsmasq.Start(executable!, 20, "contoso.test", ("10.1.0.50", Name));
        using var second = Dnsmasq.Start(executable!, 20, "contoso.test", ("10.1.0.50", Name));
        var topology = DefaultTopology.Create();
        topology.Sites[0].DnsServers = [first.Server];
        topology.Sites[1].DnsServers = [second.Server];
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(topology)
            .AddSingleton<IDnsQuery>(new DnsClientQuery(Microsoft.Extensions.Options.Options.Create(new CommandDriverOptions { DnsTimeout = TimeSpan.FromMilliseconds(500) }), NullLogger<DnsClientQuery>.Instance))
            .AddRunbookWorkflows()
            .AddRunbookExchange(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        await services.GetRequiredService<WorkflowDefinitions>().ImportAsync(WorkflowJson.Parse($$"""
            { "definitionId": "dns", "root": { "id": "flow", "type": "Flowchart", "activities": [
              { "id": "dns", "type": "WaitForDnsConvergence",
                "site": { "typeName": "String", "expression": { "type": "Literal", "value": "standby" } },
                "recordName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{Name}}" } } },
              { "id": "done", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "converged" } } } ],
              "connections": [ { "source": { "activity": "dns", "port": "Converged" }, "target": { "activity": "done", "port": "In" } } ] } }
            """), TestContext.CancellationToken);
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        var store = services.GetRequiredService<IRunStore>();
        var runner = services.GetRequiredService<WorkflowRunner>();
        string runId = await runtime.StartAsync(new StartRunRequest("dns", null, null, "olivia"), TestContext.CancellationToken);

        await PollUntilAsync(() => Checked(store, runId, "10.1.0.50"));
        Assert.AreEqual(RunStatus.Suspended, (await store.GetAsync(runId, TestContext.CancellationToken))!.Status);

        // One server moves; the other still answers the old address: the wait goes on.
        first.Answer(("10.2.0.50", Name));
        await PollUntilAsync(() => Checked(store, runId, $"{second.Server} answers 10.1.0.50"));
        await PollUntilAsync(async () => (await Journal(store, runId)).Last(r => r.Kind == "DnsChecked").Message.Contains(first.Server, StringComparison.Ordinal) is false);
        Assert.AreEqual(RunStatus.Suspended, (await store.GetAsync(runId, TestContext.CancellationToken))!.Status);

        second.Answer(("10.2.0.50", Name));
        await PollUntilAsync(async () => (await store.GetAsync(runId, TestContext.CancellationToken))!.Status == RunStatus.Completed);

        var completed = (await Journal(store, runId)).Single(r => r.Kind == JournalKinds.ActivityCompleted && r.ActivityId == "dns");
        Assert.AreEqual("Converged", completed.Data!["outcomes"]![0]!.ToString());
        var run = (await store.GetAsync(runId, TestContext.CancellationToken))!;
        var results = RunStateOutputs(run);
        Assert.AreEqual(2, results.Count);
        Assert.IsTrue(results.All(r => r!["converged"]!.GetValue<bool>() && r["addresses"]![0]!.ToString() == "10.2.0.50"));

        async Task PollUntilAsync(Func<Task<bool>> condition)
        {
            for (int i = 0; i < 100; i++)
            {
                await runner.RunDueWorkAsync(TestContext.CancellationToken);
                if (await condition())
                {
                    return;
                }

                time.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(100, TestContext.CancellationToken);
            }

            Assert.Fail("The DNS wait did not reach the expected state: " + string.Join(" | ", (await Journal(store, runId)).Select(r => r.Message)));
        }
    }

    private static async Task<bool> Checked(IRunStore store, string runId, string text) =>
        (await Journal(store, runId)).Any(r => r.Kind == "DnsChecked" && r.Message.Contains(text, StringComparison.Ordinal));

    private static Task<IReadOnlyList<JournalRecord>> Journal(IRunStore store, string runId) => store.GetJournalAsync(runId, 0, CancellationToken.None);

    private static JsonArray RunStateOutputs(RunRecord run) =>
        JsonNode.Parse(run.State)!["outputs"]!["dns"]!["results"]!.AsArray();
}
