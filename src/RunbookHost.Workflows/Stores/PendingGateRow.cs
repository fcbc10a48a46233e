namespace RunbookHost.Workflows.Stores;

/// <summary>
/// One pending gate as the store reads it, its text as UTF-8: a bookmark waiting for a person, with
/// what an inbox shows of its run. Valid only during the <see cref="PendingGateVisitor"/> call that
/// receives it: the spans point into the store's read buffers, which the next row reuses.
/// </summary>
/// <remarks>
/// Listing thousands of gates is bound by making strings and objects of them, not by the database
/// reading them; handing the bytes on lets a caller write them straight out (the approvals inbox
/// writes its JSON from them).
/// </remarks>
public readonly ref struct PendingGateRow
{
    public required ReadOnlySpan<byte> BookmarkId { get; init; }

    public required ReadOnlySpan<byte> RunId { get; init; }

    public required ReadOnlySpan<byte> ActivityId { get; init; }

    /// <summary>The bookmark's name (e.g. Approval, ManualStep).</summary>
    public required ReadOnlySpan<byte> Name { get; init; }

    /// <summary>What the activity asks (title, instructions, roles ...): a JSON object, as stored.</summary>
    public required ReadOnlySpan<byte> Payload { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a durable timer resumes it by itself (the gate's expiry).</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>The run's workflow.</summary>
    public required ReadOnlySpan<byte> DefinitionId { get; init; }

    /// <summary>Who started the run.</summary>
    public required ReadOnlySpan<byte> StartedBy { get; init; }
}

/// <summary>Receives the pending gates one by one, in the list's order, as the store reads them.</summary>
/// <param name="gate">Valid only during the call.</param>
public delegate void PendingGateVisitor(in PendingGateRow gate);
