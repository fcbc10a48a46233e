using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Server.Cli;

/// <summary>The verbs that call a running host's API.</summary>
internal static class ApiVerbs
{
    public static Command Runs(HostConnection host, TextWriter output)
    {
        var runs = new Command("runs", "List, start and show runs.");
        var status = new Option<string?>("--status") { Description = "Only runs with this status." };
        var list = new Command("list", "List recent runs.") { status };
        list.SetAction((parse, ct) => CallAsync(parse, host, output, async client =>
        {
            string query = parse.GetValue(status) is { Length: > 0 } s ? $"?status={Uri.EscapeDataString(s)}" : string.Empty;
            var page = await GetAsync(client, $"/api/runs{query}", ct);
            foreach (var run in page["items"]!.AsArray())
            {
                output.WriteLine($"{run!["runId"],-34} {run["definitionId"],-22} v{run["version"],-3} {run["status"],-10} {run["startedBy"],-10} {run["startedAt"]}");
            }

            output.WriteLine($"{page["total"]} run(s).");
        }));

        var definition = new Argument<string>("definitionId") { Description = "The workflow to run, e.g. activation." };
        var input = new Option<string[]>("--input") { Description = "Inputs as name=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var start = new Command("start", "Start a run of a published workflow.") { definition, input };
        start.SetAction((parse, ct) => CallAsync(parse, host, output, async client =>
        {
            var inputs = new JsonObject();
            foreach (string pair in parse.GetValue(input) ?? [])
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new CliException($"--input '{pair}' must look like name=value.");
                }

                inputs[pair[..eq]] = pair[(eq + 1)..];
            }

            var result = await SendAsync(client, HttpMethod.Post, "/api/runs", new JsonObject { ["definitionId"] = parse.GetValue(definition), ["input"] = inputs }, ct);
            output.WriteLine($"Started run {result["runId"]}.");
        }));

        var runId = new Argument<string>("runId");
        var show = new Command("show", "Show a run: status, activities, pending approvals, incidents.") { runId };
        show.SetAction((parse, ct) => CallAsync(parse, host, output, async client =>
        {
            var run = await GetAsync(client, $"/api/runs/{Uri.EscapeDataString(parse.GetValue(runId)!)}", ct);
            output.WriteLine($"{run["runId"]}: {run["definitionId"]} v{run["version"]} {run["status"]}, started by {run["startedBy"]} at {run["startedAt"]}{(run["fault"] is { } f ? $" — {f}" : string.Empty)}");
            foreach (var a in run["activities"]!.AsArray())
            {
                output.WriteLine($"  {a!["status"],-12} {a["activityId"],-22} {a["type"],-28} {a["outcome"]}{(a["error"] is { } e ? $"  ({e})" : string.Empty)}");
            }

            foreach (var g in run["pendingApprovals"]!.AsArray())
            {
                output.WriteLine($"  waiting: {g!["kind"]} '{g["title"]}' — approve with: approve {g["approvalId"]}");
            }

            foreach (var i in run["incidents"]!.AsArray().Where(i => (string?)i!["status"] == "open"))
            {
                output.WriteLine($"  incident {i!["incidentId"]} on {i["activityId"]}: {i["message"]}");
            }
        }));
        runs.Subcommands.Add(list);
        runs.Subcommands.Add(start);
        runs.Subcommands.Add(show);
        return runs;
    }

    public static Command Approvals(HostConnection host, TextWriter output)
    {
        var approvals = new Command("approvals", "Human gates.");
        var list = new Command("list", "List the gates waiting for someone.");
        list.SetAction((parse, ct) => CallAsync(parse, host, output, async client =>
        {
            var gates = (await GetArrayAsync(client, "/api/approvals?status=pending", ct)).ToList();
            foreach (var g in gates)
            {
                output.WriteLine($"{g!["approvalId"]}  {g["kind"],-10} {g["definitionId"]}/{g["activityId"]}: {g["title"]} (run {g["runId"]}, started by {g["startedBy"]})");
            }

            output.WriteLine($"{gates.Count} waiting.");
        }));
        approvals.Subcommands.Add(list);
        return approvals;
    }

    public static Command Decide(string decision, HostConnection host, TextWriter output)
    {
        var approvalId = new Argument<string>("approvalId");
        var comment = new Option<string?>("--comment", "-m") { Description = "Why (kept in the audit report)." };
        var command = new Command(decision, decision == "approve" ? "Approve a gate (or confirm a manual step as done)." : "Reject an approval.") { approvalId, comment };
        command.SetAction((parse, ct) => CallAsync(parse, host, output, async client =>
        {
            var result = await SendAsync(client, HttpMethod.Post, $"/api/approvals/{Uri.EscapeDataString(parse.GetValue(approvalId)!)}", new JsonObject { ["decision"] = decision, ["comment"] = parse.GetValue(comment) ?? string.Empty }, ct);
            output.WriteLine($"{(decision == "approve" ? "approved" : "rejected")} by {result["decidedBy"]} at {result["decidedAt"]}.");
        }));
        return command;
    }

    public static Command Report(HostConnection host, TextWriter output)
    {
        var runId = new Argument<string>("runId");
        var format = new Option<string>("--format") { Description = "html, csv or json.", DefaultValueFactory = _ => "html" };
        var file = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("report", "Download a run's audit report.") { runId, format, file };
        command.SetAction((parse, ct) => CallAsync(parse, host, output, async client =>
        {
            using var response = await client.GetAsync($"/api/runs/{Uri.EscapeDataString(parse.GetValue(runId)!)}/report?format={Uri.EscapeDataString(parse.GetValue(format)!)}", ct);
            await EnsureAsync(response, ct);
            string text = await response.Content.ReadAsStringAsync(ct);
            if (parse.GetValue(file) is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, text, ct);
                output.WriteLine($"Report written to {path}.");
            }
            else
            {
                output.Write(text);
            }
        }));
        return command;
    }

    private static async Task<int> CallAsync(ParseResult parse, HostConnection host, TextWriter output, Func<HttpClient, Task> call)
    {
        string? apiKey = host.ApiKey(parse);
        int timeout = parse.GetValue(host.TimeoutSeconds);
        if (string.IsNullOrEmpty(apiKey))
        {
            await host.Errors.WriteLineAsync("No API key: pass --key or set RUNBOOK_API_KEY.");
            return 2;
        }

        if (timeout <= 0)
        {
            await host.Errors.WriteLineAsync($"--timeout must be a positive number of seconds, not {timeout}.");
            return 2;
        }

        using var client = new HttpClient { BaseAddress = new Uri(parse.GetValue(host.Url)!), Timeout = TimeSpan.FromSeconds(timeout) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            await call(client);
            return 0;
        }
        catch (CliException ex)
        {
            await host.Errors.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await host.Errors.WriteLineAsync($"Cannot reach {client.BaseAddress}: {ex.Message}");
            return 1;
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            await host.Errors.WriteLineAsync($"{client.BaseAddress} did not answer within {timeout} s (--timeout sets how long to wait).");
            return 1;
        }
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!;
    }

    private static async Task<JsonArray> GetArrayAsync(HttpClient client, string path, CancellationToken ct) => (await GetAsync(client, path, ct)).AsArray();

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!;
    }

    /// <summary>Turns a problem+json answer into a readable error.</summary>
    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string text = await response.Content.ReadAsStringAsync(ct);
        string detail = text;
        try
        {
            var problem = JsonNode.Parse(text);
            string title = problem?["title"]?.ToString() ?? string.Empty;
            if (string.Equals(title.TrimEnd('.'), response.ReasonPhrase, StringComparison.OrdinalIgnoreCase))
            {
                title = string.Empty; // "403 Forbidden: Forbidden. ..." says it twice
            }

            detail = $"{title} {problem?["detail"]}".Trim();
            if (problem?["errors"] is JsonArray errors && errors.Count > 0)
            {
                detail += Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => $"  {e?["path"]}: {e?["message"]}"));
            }
        }
        catch (JsonException)
        {
        }

        throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
    }
}

/// <summary>A CLI call failed; the message is for the operator.</summary>
internal sealed class CliException(string message) : Exception(message);
