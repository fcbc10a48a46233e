using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class HostileInputTests
{
    [TestMethod]
    public async Task Start_TwoHundredAtOnce_AllAcceptedAndAllComplete()
    {
        await using var host = await TestHost.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            host.Client("olivia").PostAsJsonAsync("/api/runs", new { definitionId = "quick" })));

        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.Accepted), string.Join(",", responses.Select(r => (int)r.StatusCode).Distinct()));
        for (int i = 0; i < 400; i++)
        {
            var completed = await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/runs?status=Completed&take=1");
            if (completed!["total"]!.GetValue<int>() == 200)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("Not every started run completed.");
    }

    [TestMethod]
    public async Task Put_OversizedBody_Is413AndNothingSaved()
    {
        await using var host = await TestHost.StartAsync();
        var definition = JsonNode.Parse(TestWorkflows.Quick)!;
        definition["description"] = new string('x', 2 * 1024 * 1024);

        var response = await host.Client("ada").PutAsync("/api/workflows/quick", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.AreEqual(1, (await host.Client("ada").GetFromJsonAsync<JsonArray>("/api/workflows/quick/versions"))!.Count);
    }

    [TestMethod]
    public async Task Validate_DeeplyNestedJson_Is400()
    {
        await using var host = await TestHost.StartAsync();
        string nested = string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500);

        var response = await host.Client("viewer").PostAsync("/api/workflows/validate", new StringContent(nested, Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "not valid JSON");
    }

    [TestMethod]
    public async Task Verify_EveryColumnOfEveryJournalRowEdited_FailsNamingThatRecord()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("quick");
        await host.WaitForStatusAsync(runId, "Completed");
        var viewer = host.Client("viewer");
        int records = (await viewer.GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/journal"))!.Count;
        (string Column, string Value)[] edits =
        [
            ("kind", "Tampered"), ("activity_id", "flip"), ("actor", "mallory"), ("message", "nothing happened here"),
            ("data", "{\"edited\":true}"), ("at", "2020-01-01T00:00:00.000000Z"), ("hash", new string('a', 64)), ("prev_hash", new string('b', 64)),
        ];

        var missed = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, "runbook.db")};Pooling=false");
        await connection.OpenAsync();
        for (int seq = 1; seq <= records; seq++)
        {
            foreach (var (column, value) in edits)
            {
                // Edit one cell, verify through the API, put the cell back.
                object? original = await ScalarAsync(connection, $"SELECT {column} FROM journal WHERE run_id = $run AND seq = $seq", runId, seq);
                await ExecuteAsync(connection, $"UPDATE journal SET {column} = $value WHERE run_id = $run AND seq = $seq", runId, seq, value);
                var verify = (await viewer.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify"))!;
                await ExecuteAsync(connection, $"UPDATE journal SET {column} = $value WHERE run_id = $run AND seq = $seq", runId, seq, original);
                if (verify["valid"]!.GetValue<bool>() || verify["firstBadSeq"]!.GetValue<long>() != seq)
                {
                    missed.Add($"{column} of record {seq}: {verify.ToJsonString()}");
                }
            }
        }

        Assert.IsGreaterThanOrEqualTo(5, records);
        Assert.AreEqual(0, missed.Count, string.Join(Environment.NewLine, missed));
        Assert.IsTrue((await viewer.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify"))!["valid"]!.GetValue<bool>(), "every edit was put back");
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, string runId, int seq)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$seq", seq);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, string runId, int seq, object? value)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$value", value ?? DBNull.Value);
        Assert.AreEqual(1, await command.ExecuteNonQueryAsync());
    }

    [TestMethod]
    public async Task Verify_JournalRowEditedInTheDatabase_FailsNamingTheFirstBadRecord()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("quick");
        await host.WaitForStatusAsync(runId, "Completed");
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, "runbook.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE journal SET message = 'nothing happened here' WHERE run_id = $run AND seq = 3";
            edit.Parameters.AddWithValue("$run", runId);
            Assert.AreEqual(1, await edit.ExecuteNonQueryAsync());
        }

        var verify = await host.Client("viewer").GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify");

        Assert.IsFalse(verify!["valid"]!.GetValue<bool>());
        Assert.AreEqual(3, verify["firstBadSeq"]!.GetValue<long>());
        StringAssert.Contains(verify["problem"]!.ToString(), "altered");
    }
}
