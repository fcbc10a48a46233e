using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Journal;

/// <summary>A journal record's data that writes its own canonical JSON (one object), without a <c>JsonObject</c> being built.</summary>
internal interface ICanonicalData
{
    void Write(CanonicalWriter writer);
}
