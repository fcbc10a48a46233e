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
}
