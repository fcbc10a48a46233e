using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// The data of an <see cref="JournalKinds.ActivityCompleted"/> record: the outcomes taken, the
/// activity's path when it is inside a ForEach iteration, and the attempt when it is not the first.
/// Written straight as canonical JSON (keys in ordinal order), the same bytes as the object
/// <see cref="AddTo"/> fills.
/// </summary>
internal readonly struct CompletionData(IReadOnlyList<string> outcomes, string? path, int attempt) : ICanonicalData
{
    public void Write(CanonicalWriter writer)
    {
        writer.Byte((byte)'{');
        if (attempt > 1)
        {
            writer.Raw("\"attempt\":"u8);
            writer.Integer(attempt);
            writer.Byte((byte)',');
        }

        writer.Raw("\"outcomes\":["u8);
        for (int i = 0; i < outcomes.Count; i++)
        {
            if (i > 0)
            {
                writer.Byte((byte)',');
            }

            writer.String(outcomes[i]);
        }

        writer.Byte((byte)']');
        if (path is not null)
        {
            writer.Raw(",\"path\":"u8);
            writer.String(path);
        }

        writer.Byte((byte)'}');
    }

    /// <summary>Adds the same members to <paramref name="data"/> (a completion that carries more, e.g. a skip).</summary>
    public void AddTo(JsonObject data)
    {
        var outcomeArray = new JsonArray();
        for (int i = 0; i < outcomes.Count; i++)
        {
            outcomeArray.Add(outcomes[i]);
        }

        data["outcomes"] = outcomeArray;
        if (path is not null)
        {
            data["path"] = path;
        }

        if (attempt > 1)
        {
            data["attempt"] = attempt;
        }
    }
}
