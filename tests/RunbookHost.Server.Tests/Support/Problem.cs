using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Server.Tests.Support;

/// <summary>Asserts the contract's error shape: a 4xx with <c>application/problem+json</c> that says what is wrong.</summary>
internal static class Problem
{
    /// <summary>Asserts <paramref name="status"/>, the problem+json shape, and that the title, detail or errors mention <paramref name="mentions"/>.</summary>
    public static async Task<JsonNode> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string mentions, string? what = null)
    {
        string text = await response.Content.ReadAsStringAsync();
        string context = $"{what ?? response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {text}";
        Assert.AreEqual(status, response.StatusCode, context);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, context);
        var problem = JsonNode.Parse(text)!;
        Assert.AreEqual((int)status, problem["status"]!.GetValue<int>(), context);
        var errors = (problem["errors"] as JsonArray ?? []).Select(e => $"{e?["path"]}: {e?["message"]}");
        string said = $"{problem["title"]} {problem["detail"]} {string.Join(" | ", errors)}";
        Assert.Contains(mentions, said, StringComparison.OrdinalIgnoreCase, context);
        return problem;
    }

    /// <summary>Asserts a 4xx (any) with problem+json: the request was refused, not failed.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string what)
    {
        string text = await response.Content.ReadAsStringAsync();
        int code = (int)response.StatusCode;
        Assert.IsTrue(code is >= 400 and < 500, $"{what}: expected a 4xx, got {code} {text}");
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, $"{what}: {code} {text}");
    }
}
