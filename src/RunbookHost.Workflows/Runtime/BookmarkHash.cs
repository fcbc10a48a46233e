using System.Security.Cryptography;
using System.Text;

namespace RunbookHost.Workflows.Runtime;

/// <summary>The look-up hash of a bookmark: SHA-256 of its name and stimulus.</summary>
public static class BookmarkHash
{
    public static string Of(string name, string? stimulus) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{stimulus}")));
}
