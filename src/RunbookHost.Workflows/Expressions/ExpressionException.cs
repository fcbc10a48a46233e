namespace RunbookHost.Workflows.Expressions;

/// <summary>An expression could not be evaluated, or its value has the wrong type.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(string message)
        : base(message)
    {
    }

    public ExpressionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The sandbox stopped the script at one of its limits (statements, time, memory, recursion, array size).</summary>
    internal bool StoppedByLimit { get; init; }

    /// <summary>The global name the script used that the sandbox does not define (such as <c>System</c> or <c>importNamespace</c>).</summary>
    internal string? UndefinedName { get; init; }
}
