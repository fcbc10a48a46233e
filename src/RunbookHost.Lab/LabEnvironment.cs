using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Persistence;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.Snapshot;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab;

/// <summary>
/// The simulated site pair: its state (saved to the state file after every change), the rules the
/// lab drivers apply to it, the faults, the operator actions, a snapshot for the UI and a reset.
/// Thread-safe; one instance per host. Commands take their simulated (scaled) duration on the host's
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class LabEnvironment
{
    private readonly Lock _gate = new();
    private readonly SccTopology _topology;
    private readonly LabOptions _options;
    private readonly TimeProvider _time;
    private readonly LabStateFile? _file;
    private LabState _state;
    private DateTime? _lastWrite;

    public LabEnvironment(SccTopology topology, IOptions<LabOptions> options, TimeProvider timeProvider)
    {
        _topology = topology;
        _options = options.Value;
        _time = timeProvider;
        _file = string.IsNullOrWhiteSpace(_options.StateFile) ? null : new LabStateFile(Path.GetFullPath(_options.StateFile));
        lock (_gate)
        {
            using var fileLock = _file?.Lock(_options.FileLockTimeout);
            _state = Loaded() ?? Create();
            Save();
        }
    }

    /// <summary>The state file in use, or null when the state lives in memory only.</summary>
    public string? StateFile => _file?.Path;

    /// <summary>Every fault the lab can inject, with its parameters.</summary>
    public IReadOnlyList<LabFaultDescriptor> FaultCatalog
    {
        get
        {
            lock (_gate)
            {
                return LabFaultCatalog.Describe(_state);
            }
        }
    }

    /// <summary>Every operator action the lab can perform (what an administrator does by hand at a site), with its parameters.</summary>
    public IReadOnlyList<LabActionDescriptor> ActionCatalog
    {
        get
        {
            lock (_gate)
            {
                return LabActionCatalog.Describe(_state);
            }
        }
    }

    /// <summary>Both sites as they are now (time-based progress computed up to now).</summary>
    public LabSnapshot Snapshot()
    {
        lock (_gate)
        {
            Refresh();
            var now = _time.GetUtcNow();
            LabSettle.Apply(_state, now);
            return LabSnapshotBuilder.Build(_state, now);
        }
    }

    /// <summary>Injects (enabled) or clears (not enabled) a fault; returns the snapshot after.</summary>
    public LabSnapshot SetFault(LabFaultRequest request)
    {
        if (request.Enabled)
        {
            InjectFault(request.Fault, request.Parameters);
        }
        else
        {
            ClearFault(request.Fault, request.Parameters);
        }

        return Snapshot();
    }

    /// <summary>Injects a fault; parameters not given take the catalog's defaults. Throws <see cref="LabFaultException"/> for an unknown fault or target.</summary>
    public void InjectFault(string fault, IReadOnlyDictionary<string, string>? parameters = null) =>
        Transact((state, now) => FaultEffects.Inject(state, now, fault, parameters));

    /// <summary>Clears every active fault of that name (whose parameters include the given ones); returns how many.</summary>
    public int ClearFault(string fault, IReadOnlyDictionary<string, string>? parameters = null) =>
        Transact((state, now) =>
        {
            _ = LabFaultCatalog.Find(state, fault);
            return FaultEffects.Clear(state, now, fault, parameters);
        });

    /// <summary>
    /// Performs what an administrator does by hand at a site (re-enable the CMS computer account,
    /// restore replication...), at once: the commands they would type join the recent commands.
    /// Throws <see cref="LabActionException"/> for an unknown action or a bad parameter and
    /// <see cref="LabActionRefusedException"/>, with the reason, when the action makes no sense now;
    /// either way nothing changes.
    /// </summary>
    public LabActionResult Perform(LabActionRequest request) =>
        Transact((state, now) =>
        {
            var result = LabActionRules.Perform(state, now, request);
            Remember(state, result.Commands);
            return result;
        });

    /// <summary>Recreates the state from the topology: the seed's picture after preparation, no faults.</summary>
    public LabSnapshot Reset()
    {
        lock (_gate)
        {
            using var fileLock = _file?.Lock(_options.FileLockTimeout);
            _state = Create();
            Save();
        }

        return Snapshot();
    }

    /// <summary>The simulated (scaled) duration the most recent command started to take (tests advance a fake clock by it).</summary>
    internal TimeSpan LastDelay { get; private set; }

    /// <summary>Reads the state under the lock (tests, and the API's detail views).</summary>
    internal T Inspect<T>(Func<LabState, T> read)
    {
        lock (_gate)
        {
            Refresh();
            LabSettle.Apply(_state, _time.GetUtcNow());
            return read(_state);
        }
    }

    /// <summary>Changes the state directly (tests), saved like any command.</summary>
    internal void Change(Action<LabState, DateTimeOffset> change) => Transact<bool>((state, now) =>
    {
        change(state, now);
        return true;
    });

    /// <summary>
    /// Applies one command's rule to the state at once (saved), then takes its simulated duration,
    /// reports its records to the command log and returns its value or throws the real tool's error.
    /// </summary>
    internal async Task<T> ExecuteAsync<T>(Func<LabState, DateTimeOffset, LabOutcome<T>> rule, ICommandLog log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        double scale = 0;
        var outcome = Transact((state, now) =>
        {
            scale = state.Settings.TimeScale;
            var result = rule(state, now);
            Remember(state, result.Records);
            return result;
        });
        try
        {
            var delay = Durations.Scaled(outcome.Duration, scale);
            LastDelay = delay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
        finally
        {
            foreach (var record in outcome.Records)
            {
                log.Executed(record);
            }
        }

        return outcome.Error is null ? outcome.Value! : throw new PortException(outcome.Error, outcome.Record);
    }

    private void Remember(LabState state, IEnumerable<CommandRecord> records)
    {
        state.RecentCommands.AddRange(records);
        state.RecentCommands.RemoveRange(0, Math.Max(0, state.RecentCommands.Count - _options.RecentCommandLimit));
    }

    private T Transact<T>(Func<LabState, DateTimeOffset, T> change)
    {
        lock (_gate)
        {
            using var fileLock = _file?.Lock(_options.FileLockTimeout);
            Refresh();
            var now = _time.GetUtcNow();
            LabSettle.Apply(_state, now);
            var result = change(_state, now);
            LabSettle.Apply(_state, now);
            _state.Revision++;
            Save();
            return result;
        }
    }

    /// <summary>Picks up a state another process (a command-line shim) saved since we last wrote.</summary>
    private void Refresh()
    {
        if (_file is not null && _file.LastWrite is { } written && written != _lastWrite && _file.Load() is { } loaded)
        {
            _state = loaded;
            _lastWrite = written;
            ApplySettings(_state.Settings);
        }
    }

    private LabState? Loaded()
    {
        var loaded = _file?.Load();
        if (loaded is null || loaded.TopologyFingerprint != LabStateFile.Fingerprint(_topology))
        {
            return null;
        }

        ApplySettings(loaded.Settings);
        return loaded;
    }

    private LabState Create()
    {
        var settings = new LabSettings();
        ApplySettings(settings);
        var state = LabStateFactory.Create(_topology, settings, _options.StandbyPassiveRoleInstalled, _time.GetUtcNow());
        state.TopologyFingerprint = LabStateFile.Fingerprint(_topology);
        return state;
    }

    /// <summary>The host's options win over what a saved state says (a shim reads them from the file).</summary>
    private void ApplySettings(LabSettings settings)
    {
        settings.TimeScale = _options.TimeScale;
        settings.DnsTtl = _options.DnsTtl;
        settings.DnsReplicationDelay = _options.DnsReplicationDelay;
        settings.DnsServerDelays = new(_options.DnsServerDelays, StringComparer.OrdinalIgnoreCase);
        settings.ResyncRate = _options.ResyncRate;
        settings.ResyncTracks = _options.ResyncTracks;
        settings.ExchangeVersion = _options.ExchangeVersion;
        settings.UpgradeVersion = _options.UpgradeVersion;
        settings.Domain = _options.Domain;
    }

    private void Save()
    {
        if (_file is not null)
        {
            _file.Save(_state);
            _lastWrite = _file.LastWrite;
        }
    }
}
