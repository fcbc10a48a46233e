using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Hosting;

[TestClass]
public sealed class WorkflowImportTests
{
    [TestMethod]
    public async Task Start_ImportNotYetDone_HealthAnswersAndDefinitionRequestsWaitForTheWholeImport()
    {
        var hold = new HoldStartedPhase();
        var (host, started) = await TestHost.BeginAsync(builder => builder.Services.AddSingleton<IHostedService>(hold));
        await using (host)
        {
            try
            {
                await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));
                var health = await host.Client(null).GetFromJsonAsync<JsonNode>("/health");
                Assert.AreEqual("Healthy", health!["status"]!.ToString());
                Assert.AreEqual("InProgress", health["workflowImport"]!.ToString());

                var list = host.Client("viewer").GetFromJsonAsync<JsonArray>("/api/workflows");
                var start = host.Client("olivia").PostAsJsonAsync("/api/runs", new JsonObject { ["definitionId"] = "quick", ["input"] = new JsonObject() });
                var plan = host.Client("olivia").PostAsJsonAsync("/api/workflows/gate/plan", new JsonObject());
                // Time only decides whether a missing wait is caught: with the wait in place none can finish before the release.
                await Task.WhenAny(list, start, plan, Task.Delay(300));
                Assert.IsFalse(list.IsCompleted, "the workflow list was answered before the import");
                Assert.IsFalse(start.IsCompleted, "a run was started before the import");
                Assert.IsFalse(plan.IsCompleted, "a plan was made before the import");
                Assert.AreEqual(HttpStatusCode.OK, (await host.Client("viewer").GetAsync("/api/runs")).StatusCode, "requests that do not read definitions are served");

                hold.Release();
                await started;

                CollectionAssert.AreEquivalent(TestWorkflows.All.Select(w => w.Name).ToArray(), (await list)!.Select(w => w!["definitionId"]!.ToString()).ToArray());
                using var started202 = await start;
                Assert.AreEqual(HttpStatusCode.Accepted, started202.StatusCode, await started202.Content.ReadAsStringAsync());
                using var planned = await plan;
                Assert.AreEqual(HttpStatusCode.OK, planned.StatusCode, await planned.Content.ReadAsStringAsync());
                health = await host.Client(null).GetFromJsonAsync<JsonNode>("/health");
                Assert.AreEqual("Completed", health!["workflowImport"]!.ToString());
            }
            finally
            {
                hold.Release();
                await started;
            }
        }
    }

    [TestMethod]
    public async Task Start_Completed_HealthSaysImportCompleted()
    {
        await using var host = await TestHost.StartAsync();
        var health = await host.Client(null).GetFromJsonAsync<JsonNode>("/health");
        Assert.AreEqual("Healthy", health!["status"]!.ToString());
        Assert.AreEqual("Completed", health["workflowImport"]!.ToString());
    }

    /// <summary>
    /// Registered before the host's own services, so its "started" step runs after the server is up
    /// and before the workflow import, and holds the import back until released.
    /// </summary>
    private sealed class HoldStartedPhase : IHostedLifecycleService
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public async Task StartedAsync(CancellationToken cancellationToken)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
