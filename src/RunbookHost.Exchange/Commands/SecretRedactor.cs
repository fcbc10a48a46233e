using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Commands;

/// <summary>
/// Masks credentials in command lines and output: configured passwords and passphrases, extra
/// configured secrets, replication settings named like *password*/*secret*/*token*, the values of
/// arguments marked secret, and anything written as <c>password=...</c> or <c>-p ...</c> after such a marker.
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly IReadOnlyList<string> configured;

    public SecretRedactor(IOptions<CommandDriverOptions> options, SccTopology? topology = null)
    {
        var o = options.Value;
        IEnumerable<HostOptions> hosts = o.Hosts.Values.Append(o.DefaultHost);
        configured = hosts.SelectMany(h => new[] { h.Password, h.KeyPassphrase })
            .Concat(o.Secrets)
            .Concat(topology?.ReplicationGroups.SelectMany(g => g.Settings).Where(s => IsSecretName(s.Key)).Select(s => s.Value) ?? [])
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether a setting with this name holds a secret.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>Masks every known secret (plus <paramref name="extra"/>) and every <c>password=</c>-style value in <paramref name="text"/>.</summary>
    public string Redact(string text, IEnumerable<string>? extra = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Longest first, so that a secret containing another is masked whole.
        foreach (string secret in configured.Concat(extra ?? []).Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return Assignment().Replace(text, m => m.Groups["key"].Value + Mask);
    }

    [GeneratedRegex("password|passwd|passphrase|secret|token|apikey|api_key", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // password=x, Token: x, --password=x, -password x, /password x; never the mask itself.
    [GeneratedRegex(@"(?<key>(?<![\w-])(?:--?|/)(?:password|passwd|pwd|passphrase|secret|token|apikey|api_key)(?:\s*[=:]\s*|\s+)|\b(?:password|passwd|pwd|passphrase|secret|token|apikey|api_key)\s*[=:]\s*)(?!\*\*\*)(?<value>""[^""]*""|'[^']*'|[^\s,;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Assignment();
}
