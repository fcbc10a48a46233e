using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Designer.Tests.Support;

/// <summary>The lab's API as an admin calls it.</summary>
internal static class LabApi
{
    public static async Task InjectFaultAsync(DesignerHost host, string fault, params (string Name, string Value)[] parameters)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DesignerHost.AdminKey);
        var values = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        using var response = await client.PostAsJsonAsync("/api/lab/faults", new JsonObject { ["fault"] = fault, ["parameters"] = values, ["enabled"] = true });
        Assert.IsTrue(response.IsSuccessStatusCode, $"POST /api/lab/faults {fault}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
