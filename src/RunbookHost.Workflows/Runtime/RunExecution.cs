using System.Text.Json.Nodes;
using System.Threading.Channels;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// Executes one run on this host until it waits for something or ends. It is the only writer of
/// the run while it holds the lease: activity tasks report back through a channel, and every state
/// transition is committed (state, journal, bookmarks, incidents, consumed signals) before the
/// next one happens.
/// </summary>
internal sealed partial class RunExecution
{
    private readonly EngineParts _engine;
    private readonly CompiledWorkflow _workflow;
    private readonly RunState _state;
    private readonly RunInfo _info;
    private readonly Channel<ExecutionEvent> _events = Channel.CreateUnbounded<ExecutionEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _runCancellation;
    private readonly CancellationToken _hostToken;

    private readonly List<JournalRecord> _journal = [];
    private readonly List<Bookmark> _addBookmarks = [];
    private readonly List<string> _consumeBookmarks = [];
    private readonly List<Incident> _incidents = [];
    private readonly List<string> _consumeSignals = [];
    private readonly HashSet<string> _appliedSignals = new(StringComparer.Ordinal);

    private RunRecord _run;
    private RunStatus _status;
    private DateTimeOffset? _finishedAt;
    private string? _fault;
    private long _seq;
    private string _hash;
    private bool _stateDirty;
    private bool _ended;
    private volatile bool _signalsPending;

    private readonly Func<CancellationToken, Task<bool>>? _fence;
    private readonly RunLease? _lease;

    /// <param name="lease">
    /// The lease this host holds: every commit is made under it (refused once another host took it),
    /// and the commit that finishes the run frees it in the same transaction.
    /// </param>
    /// <param name="signalsWaiting">Whether signals were queued when the lease was taken; when not, the inbox is not read before the run goes on.</param>
    public RunExecution(EngineParts engine, CompiledWorkflow workflow, RunRecord run, CancellationToken hostToken, Func<CancellationToken, Task<bool>>? fence = null, RunLease? lease = null, bool signalsWaiting = true)
    {
        _signalsPending = signalsWaiting;
        _fence = fence;
        _lease = lease;
        _engine = engine;
        _workflow = workflow;
        _run = run;
        _state = RunState.Deserialize(run.State);
        _info = new RunInfo(run.RunId, run.DefinitionId, run.DefinitionVersion, run.StartedBy, run.Input);
        _status = run.Status;
        _finishedAt = run.FinishedAt;
        _fault = run.Fault;
        _seq = run.LastSeq;
        _hash = run.LastHash;
        _hostToken = hostToken;
        _runCancellation = CancellationTokenSource.CreateLinkedTokenSource(hostToken);
    }

    public string RunId => _run.RunId;

    /// <summary>Whether a committed finish already freed the lease.</summary>
    public bool LeaseReleased { get; private set; }

    /// <summary>
    /// Whether the commit that finishes the run (and frees the lease with it) has been sent: a renewal
    /// refused from then on found the lease freed by that commit, not taken by another host. Were it
    /// taken, the commit itself is refused.
    /// </summary>
    public bool ReleasingLease { get; private set; }

    /// <summary>Tells the execution that a signal was queued for its run.</summary>
    public void NotifySignal()
    {
        _signalsPending = true;
        _events.Writer.TryWrite(ExecutionEvent.Wake.Instance);
    }

    /// <summary>Stops work because this host lost the run (lease taken over); nothing more is committed.</summary>
    public void Abandon()
    {
        _ended = true;
        try
        {
            _runCancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The execution already finished.
        }

        _events.Writer.TryWrite(ExecutionEvent.Wake.Instance);
    }

    public async Task RunAsync()
    {
        try
        {
            if (_run.IsFinished)
            {
                await DropSignalsOfFinishedRunAsync();
                return;
            }

            await RecoverAsync();
            while (!_ended)
            {
                _hostToken.ThrowIfCancellationRequested();
                if (_signalsPending)
                {
                    _signalsPending = false;
                    await ApplySignalsAsync();
                    continue;
                }

                if (_state.Ready.Count > 0)
                {
                    var item = _state.Ready[0];
                    _state.Ready.RemoveAt(0);
                    await ArriveAsync(item);
                    continue;
                }

                if (_inFlight.Count == 0)
                {
                    await SettleAsync();
                    if (_signalsPending || _state.Ready.Count > 0)
                    {
                        continue;
                    }

                    break;
                }

                await CommitAsync(); // nothing waits uncommitted while the execution waits
                var next = await _events.Reader.ReadAsync(_hostToken);
                await HandleEventAsync(next);
            }
        }
        finally
        {
            if (_inFlight.Count > 0)
            {
                if (!_runCancellation.IsCancellationRequested)
                {
                    await _runCancellation.CancelAsync();
                }

                // The caller keeps renewing the lease until this returns: releasing it while a command
                // still runs would let another execution reconcile (and re-run) a command in progress.
                await Task.WhenAll(_inFlight.Values);
            }

            _runCancellation.Dispose();
        }
    }

    private async Task HandleEventAsync(ExecutionEvent next)
    {
        switch (next)
        {
            case ExecutionEvent.Finished finished:
                _inFlight.Remove(finished.Path);
                if (!_ended)
                {
                    await FinishAsync(finished.Path, finished.Context, finished.Result, finished.Error);
                }

                break;
            case ExecutionEvent.Checkpoint checkpoint:
                try
                {
                    if (!_ended)
                    {
                        await CheckpointAsync(checkpoint);
                    }

                    checkpoint.Ack.TrySetResult();
                }
                catch (Exception ex)
                {
                    checkpoint.Ack.TrySetException(ex);
                    throw;
                }

                break;
            case ExecutionEvent.Wake:
                break;
        }
    }

    private void Post(ExecutionEvent e) => _events.Writer.TryWrite(e);

    private DateTimeOffset Now() => JournalChain.Normalize(_engine.Time.GetUtcNow());

    private void Append(string kind, string? activityId, string? actor, string message, JsonObject? data = null, DateTimeOffset? at = null)
    {
        Keep(JournalChain.Create(_seq + 1, at ?? Now(), kind, activityId, actor, message, data, _hash));
    }

    /// <summary>A record whose data writes its canonical JSON itself (see <see cref="ICanonicalData"/>).</summary>
    private void Append<TData>(string kind, string? activityId, string message, in TData data, DateTimeOffset at)
        where TData : struct, ICanonicalData
    {
        Keep(JournalChain.Create(_seq + 1, at, kind, activityId, null, message, data, _hash));
    }

    /// <summary>A record made on the chain's tip becomes the tip, to be committed with the next transition.</summary>
    private void Keep(JournalRecord record)
    {
        _seq = record.Seq;
        _hash = record.Hash;
        _journal.Add(record);
    }

    private void MarkRunning(string actor)
    {
        if (_status is RunStatus.Suspended or RunStatus.Faulted && _finishedAt is null)
        {
            Append(JournalKinds.RunResumed, null, actor, "Run resumed.");
        }

        _status = RunStatus.Running;
    }

    private async Task CommitAsync()
    {
        if (_journal.Count == 0 && !_stateDirty && _consumeSignals.Count == 0)
        {
            return;
        }

        var run = _run with
        {
            Status = _status,
            FinishedAt = _finishedAt,
            Fault = _fault,
            UpdatedAt = _journal.Count > 0 ? _journal[^1].At : Now(), // its last record's time: one clock read less per commit
            Version = _run.Version + 1,
            LastSeq = _seq,
            LastHash = _hash,
            State = _state.Serialize(),
        };
        bool releasing = _lease is not null && !LeaseReleased && run.IsFinished;
        ReleasingLease |= releasing;
        var commit = new RunCommit
        {
            Run = run,
            Lease = LeaseReleased ? null : _lease, // nothing is left to fence once the finish freed the lease
            ReleaseLease = releasing,
            PreviousStatus = _run.Status,
            Journal = _journal.ToArray(), // an array is the list: no read-only wrapper around a copy
            AddBookmarks = _addBookmarks.Count == 0 ? [] : [.. _addBookmarks],
            ConsumeBookmarks = _consumeBookmarks.Count == 0 ? [] : [.. _consumeBookmarks],
            UpsertIncidents = _incidents.Count == 0 ? [] : [.. _incidents],
            ConsumeSignals = _consumeSignals.Count == 0 ? [] : [.. _consumeSignals],
        };
        await _engine.Store.CommitAsync(commit, _hostToken);
        LeaseReleased |= releasing;
        _run = run;
        _journal.Clear();
        _addBookmarks.Clear();
        _consumeBookmarks.Clear();
        _incidents.Clear();
        _consumeSignals.Clear();
        _stateDirty = false;
        _engine.Observers.Committed(run, commit.Journal);
    }

    private async Task DropSignalsOfFinishedRunAsync()
    {
        var signals = await _engine.Store.GetSignalsAsync(_run.RunId, _hostToken);
        if (signals.Count > 0)
        {
            _consumeSignals.AddRange(signals.Select(s => s.SignalId));
            await CommitAsync();
        }
    }

    /// <summary>What activity tasks and the runtime tell the execution.</summary>
    private abstract record ExecutionEvent
    {
        public sealed record Finished(string Path, ActivityExecutionContext Context, ActivityResult? Result, Exception? Error) : ExecutionEvent;

        /// <summary>A retry is scheduled (Delay set) or a retry attempt starts; committed before the task goes on.</summary>
        public sealed record Checkpoint(string Path, int Attempt, TimeSpan? Delay, Exception? Error, IReadOnlyList<JournalEntry>? Entries, TaskCompletionSource Ack) : ExecutionEvent;

        public sealed record Wake : ExecutionEvent
        {
            public static readonly Wake Instance = new();
        }
    }
}
