using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RunbookHost.Exchange.Topology;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

/// <summary>
/// Credentials in the real drivers' configuration (SSH password and key passphrase, storage CLI
/// password and token, extra secrets) never reach the logs, the journal, the reports, the live
/// events or the other endpoints, even when the storage CLI echoes them on its command line,
/// its output and its error text.
/// </summary>
[TestClass]
public sealed class SecretsTests
{
    private const string StoragePassword = "Stor4ge-Pa55w0rd-x7";
    private const string StorageToken = "tok-5ecret-8f3a9c";
    private const string SshPassword = "Ssh-Pa55-3e1f";
    private const string KeyPassphrase = "Key-Phrase-77aa";
    private const string ExtraSecret = "Extra-S3cret-q9";
    private static readonly string[] Secrets = [StoragePassword, StorageToken, SshPassword, KeyPassphrase, ExtraSecret];

    [TestMethod]
    public async Task CommandsDrivers_CredentialsInCommandLinesOutputAndErrors_AppearNowhere()
    {
        string folder = Directory.CreateTempSubdirectory("runbook-secrets-").FullName;
        var logs = new RecordingLoggerProvider();
        try
        {
            await using var host = await TestHost.StartAsync(
                builder => builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs),
                [.. Settings(folder)]);
            var admin = host.Client("ada");
            Assert.AreEqual(System.Net.HttpStatusCode.OK, (await admin.PutAsync("/api/workflows/storage", new StringContent(Workflow, Encoding.UTF8, "application/json"))).StatusCode);
            Assert.AreEqual(System.Net.HttpStatusCode.OK, (await admin.PostAsync("/api/workflows/storage/publish", null)).StatusCode);

            string runId = await host.StartRunAsync("storage");
            var run = await host.WaitForStatusAsync(runId, "Faulted");
            var journal = await host.WaitForJournalAsync(runId, r => r["kind"]!.ToString() == "IncidentOpened");

            var viewer = host.Client("viewer");
            var seen = new Dictionary<string, string>
            {
                ["run"] = run.ToJsonString(),
                ["journal"] = journal.ToJsonString(),
                ["incidents"] = await viewer.GetStringAsync($"/api/runs/{runId}/incidents"),
                ["report.html"] = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=html"),
                ["report.csv"] = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=csv"),
                ["report.json"] = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=json"),
                ["events"] = await EventsAsync(viewer, runId, journal.Count),
                ["audit"] = await viewer.GetStringAsync("/api/audit"),
                ["approvals"] = await viewer.GetStringAsync("/api/approvals"),
                ["workflow"] = await viewer.GetStringAsync("/api/workflows/storage"),
                ["logs"] = string.Join("\n", logs.Entries),
            };

            foreach (var (where, text) in seen)
            {
                foreach (string secret in Secrets)
                {
                    Assert.DoesNotContain(secret, text, $"the secret '{secret}' leaked into {where}");
                    Assert.DoesNotContain(JsonEncodedText.Encode(secret).ToString(), text, $"the secret '{secret}' leaked (escaped) into {where}");
                }
            }

            // The commands really ran and carried the credentials: the records are there, masked.
            var commands = journal.Where(r => r!["kind"]!.ToString() == "CommandExecuted").ToList();
            Assert.IsNotEmpty(commands, seen["journal"]);
            StringAssert.Contains(seen["report.json"], "--password ***");
            StringAssert.Contains(seen["report.json"], "using password ***");
            StringAssert.Contains(seen["incidents"], "login refused");
            Assert.IsTrue(logs.Entries.Any(e => e.Contains("storecli", StringComparison.Ordinal)), "the command drivers logged their commands");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The live event stream from the start until it has sent every journal record there is.</summary>
    private static async Task<string> EventsAsync(HttpClient client, string runId, int records)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var text = new StringBuilder();
        int sent = 0;
        while (sent < records && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            text.AppendLine(line);
            sent += line.StartsWith("event: journal", StringComparison.Ordinal) ? 1 : 0;
        }

        return text.ToString();
    }

    private static IEnumerable<string> Settings(string folder)
    {
        string cli = Path.Combine(folder, "storecli.sh");
        File.WriteAllText(cli, $$"""
            #!/bin/sh
            # A storage CLI that echoes every credential it is given, and the ones it has cached.
            verb="$1"; shift
            echo "storecli $verb: signed in as $4 using password $6 and token $8"
            echo "cached: ssh $0 {{SshPassword}} key {{KeyPassphrase}} vault {{ExtraSecret}}"
            if [ "$verb" = "query" ]; then
              echo "State: Synchronized"
              echo "RW: primary"
              exit 0
            fi
            echo "ERROR: login refused for $4 (password=$6, token $8)" >&2
            exit 3

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var topology = DefaultTopology.Create();
        var group = topology.ReplicationGroups[0];
        group.Adapter = "Generic";
        const string Credentials = "--group {group} --user admin --password {password} --token {apiToken}";
        foreach (string verb in new[] { "query", "sync", "failover", "reverse", "restore" })
        {
            group.Settings[verb] = $"storecli {verb} {Credentials}" + (verb == "failover" ? " --site {site}" : string.Empty);
        }

        group.Settings["password"] = StoragePassword;
        group.Settings["apiToken"] = StorageToken;
        group.Settings["state.Synchronized"] = "^State: Synchronized";
        group.Settings["rw.primary"] = "^RW: primary";
        string topologyFile = Path.Combine(folder, "topology.json");
        File.WriteAllText(topologyFile, JsonSerializer.Serialize(topology, JsonSerializerOptions.Web));

        return
        [
            "--Runbook:Drivers=Commands",
            $"--Runbook:TopologyFile={topologyFile}",
            $"--Runbook:Commands:ExecutableMap:storecli={cli}",
            $"--Runbook:Commands:DefaultHost:Password={SshPassword}",
            $"--Runbook:Commands:DefaultHost:KeyPassphrase={KeyPassphrase}",
            "--Runbook:Commands:Hosts:vault:Transport=Ssh",
            "--Runbook:Commands:Hosts:vault:User=runbook",
            $"--Runbook:Commands:Hosts:vault:Password={SshPassword}",
            "--Runbook:Commands:Hosts:vault:AcceptAnyHostKey=true",
            $"--Runbook:Commands:Secrets:0={ExtraSecret}",
            "--Logging:LogLevel:Default=Trace",
        ];
    }

    private const string Workflow = """
        {
          "definitionId": "storage", "name": "Storage with credentials",
          "root": { "id": "flow", "type": "Flowchart", "activities": [
            { "id": "query", "type": "QueryReplication" },
            { "id": "flip", "type": "FlipReplication", "site": { "typeName": "String", "expression": { "type": "Literal", "value": "standby" } },
              "resilience": { "maxAttempts": 1 } }
          ], "connections": [ { "source": { "activity": "query", "port": "Done" }, "target": { "activity": "flip", "port": "In" } } ] }
        }
        """;
}
