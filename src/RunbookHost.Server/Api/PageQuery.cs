using System.Globalization;

namespace RunbookHost.Server.Api;

/// <summary>The <c>skip</c> and <c>take</c> of a listing, read from the query string with errors naming each bad one.</summary>
internal static class PageQuery
{
    /// <summary>An optional <c>skip</c>: a whole number, zero or more.</summary>
    public static int? Skip(string? text, List<FieldError> errors) =>
        Parse(text, "skip", 0, int.MaxValue, "'skip' must be a whole number, zero or more", errors);

    /// <summary>An optional <c>take</c>: a whole number from 1 to <paramref name="max"/>.</summary>
    public static int? Take(string? text, int max, List<FieldError> errors) =>
        Parse(text, "take", 1, max, $"'take' must be a whole number between 1 and {max}", errors);

    private static int? Parse(string? text, string name, int min, int max, string rule, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"{rule}; got '{text}'."));
        return null;
    }
}
