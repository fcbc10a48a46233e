using System.Collections.Concurrent;
using System.Globalization;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Cli;

/// <summary>Prints the demo's runs as their journal records commit: steps, commands, gates, incidents.</summary>
internal sealed class DemoProgress(TextWriter output) : IJournalObserver
{
    private static readonly HashSet<string> Shown =
    [
        JournalKinds.RunStarted, JournalKinds.CommandExecuted, JournalKinds.ApprovalRequested, JournalKinds.ApprovalGranted,
        JournalKinds.ApprovalRejected, JournalKinds.ManualStepRequested, JournalKinds.ManualStepConfirmed, JournalKinds.IncidentOpened,
        JournalKinds.IncidentResolved, JournalKinds.RunCompleted, JournalKinds.RunFaulted, JournalKinds.RunCancelled, "CheckPassed", "CheckFailed", "DnsChecked",
    ];

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public void Name(string runId, string name) => _names[runId] = name;

    public void OnCommitted(RunRecord run, IReadOnlyList<JournalRecord> records)
    {
        foreach (var record in records.Where(r => Shown.Contains(r.Kind)))
        {
            string name = _names.GetValueOrDefault(run.RunId, run.DefinitionId);
            string time = record.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            string text = record.Kind == JournalKinds.CommandExecuted ? "  $ " + record.Message : record.Message;
            lock (_lock)
            {
                output.WriteLine($"[{name,-15} {time}] {text}");
            }
        }
    }
}
