using System.Text.Json.Nodes;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Activities;

/// <summary>
/// Everything one execution of an activity sees: its run, its evaluated inputs, its persisted
/// state, the stimulus that resumed it, and where it writes outputs, variables and journal entries.
/// Inputs are evaluated before the activity starts, so an activity never races the run's state.
/// </summary>
public sealed class ActivityExecutionContext
{
    private readonly IReadOnlyDictionary<string, JsonNode?> _inputs;
    private readonly IReadOnlyDictionary<string, JsonNode?> _variables;
    private Dictionary<string, JsonNode?>? _outputs;
    private Dictionary<string, JsonNode?>? _variableWrites;
    private List<JournalEntry>? _entries;
    private Func<Expression, string, JsonNode?>? _evaluate;
    private string _evaluationScope = string.Empty;
    private JsonObject? _state;

    internal ActivityExecutionContext(
        RunInfo run,
        ActivityNode node,
        string path,
        int attempt,
        IReadOnlyDictionary<string, JsonNode?> inputs,
        IReadOnlyDictionary<string, JsonNode?> variables,
        JsonObject? state,
        ResumeInput? resume,
        IServiceProvider services,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        Run = run;
        Node = node;
        Path = path;
        Attempt = attempt;
        _inputs = inputs;
        _variables = variables;
        _state = state;
        Resume = resume;
        Services = services;
        Time = time;
        CancellationToken = cancellationToken;
    }

    public RunInfo Run { get; }

    public ActivityNode Node { get; }

    /// <summary>The activity's id in its flowchart.</summary>
    public string ActivityId => Node.Id;

    /// <summary>The activity's unique path in the run (scope and id, e.g. <c>root/each[2]/flip</c>).</summary>
    public string Path { get; }

    /// <summary>1 for the first attempt, then 2, 3, ... on retries.</summary>
    public int Attempt { get; }

    /// <summary>State kept across this activity's suspensions and restarts (e.g. when polling began).</summary>
    public JsonObject State => _state ??= [];

    /// <summary>The state to keep: null when the activity has none.</summary>
    internal JsonObject? StateToKeep => _state is { Count: > 0 } ? _state : null;

    /// <summary>Set when a bookmark of this activity was resumed.</summary>
    public ResumeInput? Resume { get; }

    public IServiceProvider Services { get; }

    public TimeProvider Time { get; }

    /// <summary>Cancelled when the run is cancelled or the attempt times out.</summary>
    public CancellationToken CancellationToken { get; }

    internal IReadOnlyDictionary<string, JsonNode?>? Outputs => _outputs;

    internal IReadOnlyDictionary<string, JsonNode?>? VariableWrites => _variableWrites;

    internal IReadOnlyList<JournalEntry>? Entries => _entries;

    /// <summary>The input's value converted to <typeparamref name="T"/>; the descriptor default when not set.</summary>
    /// <exception cref="ExpressionException">The value cannot be converted.</exception>
    public T Get<T>(Input<T> input) => ValueConverter.Convert<T>(GetRaw(input.Name), $"input '{input.Name}' of activity '{ActivityId}'");

    /// <summary>The input's evaluated JSON value, or null when neither set nor defaulted.</summary>
    public JsonNode? GetRaw(string inputName) => _inputs.TryGetValue(inputName, out var value) ? value : null;

    public void Set<T>(Output<T> output, T value) => SetOutput(output.Name, ValueConverter.ToJson(value));

    public void SetOutput(string name, JsonNode? value) => (_outputs ??= new(StringComparer.Ordinal))[name] = value;

    public JsonNode? GetVariable(string name) =>
        _variableWrites is not null && _variableWrites.TryGetValue(name, out var written) ? written
        : _variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>Sets a variable; applied to the run when this execution's result is committed.</summary>
    public void SetVariable(string name, JsonNode? value) => (_variableWrites ??= new(StringComparer.Ordinal))[name] = value;

    /// <summary>Adds a journal record (e.g. <c>CommandExecuted</c>) committed with this execution's result.</summary>
    public void Record(string kind, string message, JsonObject? data = null, string? actor = null) =>
        (_entries ??= []).Add(new JournalEntry(kind, message, data, actor));

    /// <summary>
    /// Evaluates an expression nested inside an input (e.g. a Switch case's condition). Call it
    /// synchronously, before the activity's first await.
    /// </summary>
    public JsonNode? Evaluate(Expression expression) =>
        _evaluate is { } evaluate ? evaluate(expression, _evaluationScope) : throw new InvalidOperationException("Expressions cannot be evaluated here.");

    /// <summary>Lets the activity evaluate expressions as seen from <paramref name="scope"/>.</summary>
    internal void EvaluateWith(Func<Expression, string, JsonNode?> evaluate, string scope)
    {
        _evaluate = evaluate;
        _evaluationScope = scope;
    }

    internal Func<CancellationToken, Task<bool>>? FenceWith { get; set; }

    /// <summary>
    /// Confirms with the store that this host still holds the run's lease; call it right before an
    /// irreversible step. A host that stalled past its lease (the run was adopted elsewhere) gets a
    /// <see cref="LeaseLostException"/> here instead of doing the step a second time.
    /// </summary>
    public async ValueTask FenceAsync()
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (FenceWith is { } fence && !await fence(CancellationToken))
        {
            throw new LeaseLostException(Run.RunId);
        }
    }

    public ActivityResult Done() => DoneResult;

    /// <summary>Results are immutable: every activity that completes on Done shares one.</summary>
    private static readonly ActivityResult DoneResult = new ActivityResult.Completed([Activity.DoneOutcome]);

    public ActivityResult Complete(params string[] outcomes) => new ActivityResult.Completed(outcomes);

    public ActivityResult Suspend(BookmarkRequest bookmark) => new ActivityResult.Suspended(bookmark);
}

/// <summary>This host no longer holds the run: another host adopted it. The step was not done.</summary>
public sealed class LeaseLostException(string runId) : OperationCanceledException($"This host lost the lease of run {runId}; another host continues it.")
{
    public string RunId { get; } = runId;
}

/// <summary>What an activity knows of the run it belongs to.</summary>
public sealed record RunInfo(string RunId, string DefinitionId, int DefinitionVersion, string StartedBy, JsonObject Input);

/// <summary>A journal record an activity asks to add.</summary>
public sealed record JournalEntry(string Kind, string Message, JsonObject? Data, string? Actor = null);
