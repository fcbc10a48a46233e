using System.Diagnostics;
using RunbookHost.Exchange.Commands;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.CrashHost;

/// <summary>
/// Prints every commit and, once armed, SIGKILLs this process at its target in the next run started
/// after arming. It runs inside the commit (observers are told synchronously, before the engine moves
/// on) and inside the port's command report, so the kill lands exactly there. The crash tests run one
/// run at a time, so every command reported after arming belongs to that run.
/// </summary>
internal sealed class KillSwitch : IJournalObserver
{
    private readonly Lock _gate = new();
    private KillTarget? _target;
    private string? _runId;
    private int _seen;

    public void Arm(KillTarget target)
    {
        lock (_gate)
        {
            _target = target;
            _runId = null;
            _seen = 0;
        }

        CrashHostOutput.Armed(target);
    }

    public void OnCommitted(RunRecord run, IReadOnlyList<JournalRecord> records)
    {
        if (records.Count > 0)
        {
            CrashHostOutput.Commit(run.RunId, records[0].Seq, records[^1].Seq, records.Select(r => r.Kind));
        }

        lock (_gate)
        {
            if (_target is null)
            {
                return;
            }

            if (_runId is null && records.Any(r => r.Kind == JournalKinds.RunStarted))
            {
                _runId = run.RunId;
            }

            if (_runId == run.RunId && records.Any(r => _target.Matches(r) && ++_seen == _target.Occurrence))
            {
                Die(_target, _runId);
            }
        }
    }

    public void OnCommand(CommandRecord record)
    {
        lock (_gate)
        {
            if (_target is not null && _runId is not null && _target.Matches(record.CommandLine) && ++_seen == _target.Occurrence)
            {
                Die(_target, _runId);
            }
        }
    }

    private static void Die(KillTarget target, string? runId)
    {
        CrashHostOutput.Killing(target, runId);
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL: no shutdown code, no further commit
        Thread.Sleep(Timeout.Infinite);
    }
}
