using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

/// <summary>HTML, script and spreadsheet formulas in names, titles, messages and comments: shown as text in every report.</summary>
[TestClass]
public sealed partial class HostileMarkupTests
{
    private static readonly string[] Markup = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<svg onload=alert(3)>", "<iframe src=javascript:alert(4)>"];

    private static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"];

    [TestMethod]
    public async Task Reports_MarkupAndFormulasInTitlesMessagesAndComments_EscapedInHtmlDefusedInCsvVerbatimInJson()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PutAsync("/api/workflows/markup", new StringContent(Definition(), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PostAsync("/api/workflows/markup/publish", null)).StatusCode);
        string runId = await host.StartRunAsync("markup", input: new JsonObject { ["note"] = Markup[3] + Formulas[0] });
        var gate = await host.PendingGateAsync(runId);
        Assert.AreEqual(HttpStatusCode.OK, (await host.Client("amir").PostAsJsonAsync($"/api/approvals/{gate["approvalId"]}", new { decision = "approve", comment = Markup[2] + " " + Formulas[1] })).StatusCode);
        await host.WaitForStatusAsync(runId, "Completed");
        var viewer = host.Client("viewer");

        string html = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=html");
        string csv = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=csv");
        string json = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=json");

        foreach (string markup in Markup)
        {
            Assert.DoesNotContain(markup[..6], html, $"{markup} reached the HTML report as markup");
        }

        Assert.AreEqual(0, Regex.Count(html, "<script", RegexOptions.IgnoreCase), "the report has no script at all");
        Assert.AreEqual(0, EventHandler().Count(html), "no element has an event handler");
        StringAssert.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
        var cells = CsvCells(csv).ToList();
        Assert.IsTrue(cells.Any(c => c.Contains("HYPERLINK", StringComparison.Ordinal)), "the formulas are in the CSV");
        foreach (string cell in cells)
        {
            Assert.IsFalse(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), $"a spreadsheet would run this cell as a formula: {cell}");
        }

        var report = JsonNode.Parse(json)!;
        Assert.AreEqual(Markup[2] + " " + Formulas[1], report["approvals"]![0]!["comment"]!.ToString(), "JSON is data: kept verbatim for the client to escape");
        Assert.AreEqual(Markup[0], report["approvals"]![0]!["title"]!.ToString());
    }

    /// <summary>The cells of a CSV in which every cell is quoted.</summary>
    private static IEnumerable<string> CsvCells(string csv) =>
        QuotedCell().Matches(csv).Select(m => m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal));

    private static string Definition()
    {
        var logs = Formulas.Select((f, i) => new JsonObject
        {
            ["id"] = $"log{i}",
            ["type"] = "Log",
            ["name"] = Markup[i % Markup.Length],
            ["message"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = f } },
        }).ToList();
        var activities = new JsonArray(
        [
            new JsonObject
            {
                ["id"] = "ask",
                ["type"] = "Approval",
                ["name"] = Markup[1],
                ["title"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = Markup[0] } },
                ["instructions"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "'Check ' + input.note" } },
            },
            .. logs,
        ]);
        var connections = new JsonArray([.. new[] { "ask" }.Concat(logs.Select(l => l["id"]!.ToString())).Zip(logs.Select(l => l["id"]!.ToString()), (from, to) =>
            (JsonNode)new JsonObject { ["source"] = new JsonObject { ["activity"] = from, ["port"] = from == "ask" ? "Approved" : "Done" }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" } })]);
        return new JsonObject
        {
            ["definitionId"] = "markup",
            ["name"] = Markup[0] + Formulas[0],
            ["description"] = Markup[2],
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "note", ["typeName"] = "String" }),
            ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Flowchart", ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("\"((?:[^\"]|\"\")*)\"")]
    private static partial Regex QuotedCell();
}
