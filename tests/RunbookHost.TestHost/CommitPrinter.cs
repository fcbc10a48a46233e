using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.TestHost;

/// <summary>Prints one <c>COMMIT</c> line per journal record, right after its transaction committed.</summary>
internal sealed class CommitPrinter : IJournalObserver
{
    public void OnCommitted(RunRecord run, IReadOnlyList<JournalRecord> records)
    {
        foreach (var record in records)
        {
            string? intent = record.Data?["intent"]?.GetValue<bool>() == true ? record.Data["sideEffect"]?.ToString() : null;
            TestHostOutput.Commit(run.RunId, record.Seq, record.Kind, record.ActivityId, intent);
        }
    }
}
