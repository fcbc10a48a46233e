using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Told of journal records right after they commit (e.g. to stream them as live events).</summary>
public interface IJournalObserver
{
    void OnCommitted(RunRecord run, IReadOnlyList<JournalRecord> records);
}

/// <summary>Fans committed records out to every registered observer; an observer's failure never fails a run.</summary>
internal sealed class JournalObservers(IEnumerable<IJournalObserver> observers)
{
    private readonly IJournalObserver[] _observers = [.. observers];

    public void Committed(RunRecord run, IReadOnlyList<JournalRecord> records)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnCommitted(run, records);
            }
            catch (Exception)
            {
                // Observers are best effort: the commit has happened and stays valid.
            }
        }
    }
}
