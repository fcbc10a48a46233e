using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Runbooks;

/// <summary>
/// The activation workflow when its host dies right after setup.com /recoverCMS returned, before the result was
/// committed: a restarted host reconciles the command against the lab (the CMS group, the setup watermark)
/// instead of running it again, and asks a person whenever the lab does not show it finished.
/// </summary>
[TestClass]
public sealed class ActivationRecoveryTests
{
    [TestMethod]
    public async Task HostDiesAfterRecoverCmsSucceeded_RestartedHostSeesItFinishedAndCarriesOnWithoutRunningItAgain()
    {
        using var host = new CancellationTokenSource();
        await using var crashed = await LabRunbooks.StartAsync(services => HostDiesAfterRecoverCms.Register(services, host));
        crashed.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        string runId = await RunUntilRecoverCmsAsync(crashed, host);

        await using var restarted = crashed.Restart();
        await restarted.DriveAsync(runId);

        var reconciled = (await restarted.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.ActivityReconciled);
        Assert.AreEqual("recover", reconciled.ActivityId);
        Assert.AreEqual("AlreadyDone", reconciled.Data!["verdict"]!.ToString());
        var run = await restarted.DecideAsync(runId, "softRecovery");
        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.AreEqual(1, RecoverCmsRuns(restarted));
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(restarted.Snapshot(), "standby")!.State);
    }

    [TestMethod]
    public async Task HostDiesAfterRecoverCmsFailedPartWay_RestartedHostOpensAnInDoubtIncidentNamingTheWatermark_ThenARetryFinishesIt()
    {
        using var host = new CancellationTokenSource();
        await using var crashed = await LabRunbooks.StartAsync(services => HostDiesAfterRecoverCms.Register(services, host));
        crashed.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        crashed.Lab.InjectFault(LabFaults.ComputerAccountNotReplicated);
        string runId = await RunUntilRecoverCmsAsync(crashed, host);
        Assert.IsNotNull(LabRunbooks.CmsGroup(crashed.Snapshot(), "standby"), "setup created the group before it stopped");

        await using var restarted = crashed.Restart();
        var run = await restarted.DriveAsync(runId);

        // The group exists, but setup stopped part-way: carrying on would build on a half-recovered CMS.
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.IsNull(run.FinishedAt, "the run waits for an operator");
        var incident = (await restarted.Runs.GetIncidentsAsync(runId, CancellationToken.None)).Single();
        Assert.AreEqual("recover", incident.ActivityId);
        Assert.AreEqual(IncidentKind.InDoubt, incident.Kind);
        StringAssert.Contains(incident.Message, "WaitForComputerAccountReplication");
        var reconciled = (await restarted.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.ActivityReconciled);
        Assert.AreEqual("Unknown", reconciled.Data!["verdict"]!.ToString());
        Assert.AreEqual(1, RecoverCmsRuns(restarted), "recovery did not run setup again on its own");

        restarted.Lab.ClearFault(LabFaults.ComputerAccountNotReplicated);
        await restarted.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, "retry", null, "AD replicated; setup resumes from its watermark", "olivia", CancellationToken.None);
        await restarted.DriveAsync(runId);
        run = await restarted.DecideAsync(runId, "softRecovery");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.AreEqual(2, RecoverCmsRuns(restarted));
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(restarted.Snapshot(), "standby")!.State);
    }

    /// <summary>Starts an activation, approves its gates up to the storage flip and executes under <paramref name="host"/> until the host dies after /recoverCMS.</summary>
    private static async Task<string> RunUntilRecoverCmsAsync(LabRunbooks lab, CancellationTokenSource host)
    {
        string runId = await lab.StartAsync("activation");
        await lab.DriveAsync(runId);
        await lab.DecideAsync(runId, "confirmFailure");
        var gate = (await lab.PendingGatesAsync(runId)).Single();
        Assert.AreEqual("isolate", gate.ActivityId);
        Assert.AreEqual(SignalResult.Accepted, await lab.Runtime.ResumeAsync(gate.BookmarkId, new JsonObject { ["decision"] = "approve", ["comment"] = "test" }, "olivia", CancellationToken.None));

        await lab.RunUntilHostDiesAsync(host.Token);
        Assert.AreEqual(1, RecoverCmsRuns(lab));
        var journal = await lab.JournalAsync(runId);
        Assert.IsFalse(journal.Any(r => r.ActivityId == "recover" && r.Kind is JournalKinds.ActivityCompleted or JournalKinds.ActivityFaulted), "the result of /recoverCMS was never committed");
        return runId;
    }

    private static int RecoverCmsRuns(LabRunbooks lab) =>
        lab.Snapshot().RecentCommands.Count(c => c.CommandLine.Contains("/recoverCMS", StringComparison.Ordinal));

    /// <summary>The setup port, as the lab drives it, except that the host dies as soon as /recoverCMS returns (or fails).</summary>
    private sealed class HostDiesAfterRecoverCms(IExchangeSetup inner, CancellationTokenSource host) : IExchangeSetup
    {
        public static void Register(IServiceCollection services, CancellationTokenSource host)
        {
            var lab = services.Last(d => d.ServiceType == typeof(IExchangeSetup));
            services.AddSingleton<IExchangeSetup>(sp => new HostDiesAfterRecoverCms((IExchangeSetup)ActivatorUtilities.CreateInstance(sp, lab.ImplementationType!), host));
        }

        public async Task<SetupResult> RunAsync(string node, SetupCommand command, ICommandLog log, CancellationToken cancellationToken)
        {
            if (!command.Arguments.StartsWith("/recoverCMS", StringComparison.Ordinal))
            {
                return await inner.RunAsync(node, command, log, cancellationToken);
            }

            try
            {
                await inner.RunAsync(node, command, log, cancellationToken);
            }
            catch (PortException)
            {
                // Failed or not, the host is gone before it could say so.
            }

            await host.CancelAsync();
            throw new OperationCanceledException(host.Token);
        }
    }
}
