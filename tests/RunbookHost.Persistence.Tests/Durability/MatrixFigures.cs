namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>What one workflow's crash matrix found.</summary>
internal sealed class MatrixFigures(string workflow, string database)
{
    public string Workflow { get; } = workflow;

    public List<string> Points { get; } = [];

    public int RunsLost { get; set; }

    public int DuplicateSideEffects { get; set; }

    /// <summary>The in-doubt incidents and how the operator resolved each.</summary>
    public List<string> InDoubt { get; } = [];

    public override string ToString() =>
        $"Crash matrix {Workflow} on {database}: {Points.Count} points tried, {RunsLost} runs lost, {DuplicateSideEffects} duplicate side effects, "
        + $"{InDoubt.Count} in-doubt incident(s) resolved by an operator after checking the lab";
}
