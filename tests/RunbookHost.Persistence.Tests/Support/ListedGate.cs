using System.Text;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Support;

/// <summary>A pending gate copied out of the <see cref="PendingGateRow"/> the store handed out, for assertions.</summary>
internal sealed record ListedGate(
    string BookmarkId,
    string RunId,
    string ActivityId,
    string Name,
    JsonObject Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResumeAt,
    string DefinitionId,
    string StartedBy);

internal static class ListedGates
{
    /// <summary>Every gate <see cref="IRunStore.ReadPendingGatesAsync"/> hands out, decoded, in the order it hands them out.</summary>
    public static async Task<IReadOnlyList<ListedGate>> ListPendingGatesAsync(this IRunStore store, PendingGateQuery query, CancellationToken cancellationToken)
    {
        var gates = new List<ListedGate>();
        int read = await store.ReadPendingGatesAsync(query, (in PendingGateRow gate) => gates.Add(new ListedGate(
            Encoding.UTF8.GetString(gate.BookmarkId),
            Encoding.UTF8.GetString(gate.RunId),
            Encoding.UTF8.GetString(gate.ActivityId),
            Encoding.UTF8.GetString(gate.Name),
            (JsonObject)JsonNode.Parse(gate.Payload)!,
            gate.CreatedAt,
            gate.ResumeAt,
            Encoding.UTF8.GetString(gate.DefinitionId),
            Encoding.UTF8.GetString(gate.StartedBy))), cancellationToken);
        Assert.AreEqual(gates.Count, read, "the count returned is the number of gates handed out");
        return gates;
    }
}
