using System.Globalization;
using System.Text.RegularExpressions;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>
/// Any storage CLI, described in the group's settings: a command template per verb (<c>query</c>,
/// <c>sync</c>, <c>failover</c>, <c>reverse</c>, <c>restore</c>; see <see cref="CommandTemplate"/>),
/// <c>host</c> to run them on, and for reading the query output a regex per state
/// (<c>state.Synchronized</c>, <c>state.FailedOver</c>...; the first that matches, in the order of
/// <see cref="ReplicationState"/>), per R/W site (<c>rw.&lt;site&gt;</c>) and per source site
/// (<c>source.&lt;site&gt;</c>), and optionally <c>invalidTracks</c> and <c>lag</c> (first group: a number, or hh:mm:ss).
/// </summary>
internal sealed class GenericAdapter(CommandRunner runner, SccTopology topology) : IReplicationAdapter
{
    private static readonly string[] Verbs = ["query", "sync", "failover", "reverse", "restore"];

    public string Name => "Generic";

    public async Task<ReplicationStatus> QueryAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await Run(group, "query", null, CommandVerbs.StorageQuery, log, cancellationToken);
        string output = result.StandardOutput;
        var state = Enum.GetValues<ReplicationState>().Cast<ReplicationState?>()
            .FirstOrDefault(s => group.Optional("state." + s) is { } pattern && Regex.IsMatch(output, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1)))
            ?? throw new PortException($"Replication group '{group.Name}': the query output matched none of the 'state.<State>' patterns.", result.Record);
        var readWrite = topology.Sites.Where(s => Matches(group, "rw." + s.Name, output)).Select(s => s.Name).ToList();
        string source = topology.Sites.FirstOrDefault(s => Matches(group, "source." + s.Name, output))?.Name ?? readWrite.FirstOrDefault() ?? topology.Sites[0].Name;
        return new ReplicationStatus(group.Name, readWrite, source, state, Number(group, "invalidTracks", output) ?? 0, Lag(group, output));
    }

    public Task SyncOnceAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken) =>
        Run(group, "sync", null, CommandVerbs.StorageChange, log, cancellationToken);

    public Task FailoverAsync(ReplicationGroup group, string site, ICommandLog log, CancellationToken cancellationToken) =>
        Run(group, "failover", site, CommandVerbs.StorageChange, log, cancellationToken);

    public Task ReverseAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken) =>
        Run(group, "reverse", null, CommandVerbs.StorageChange, log, cancellationToken);

    public Task RestoreAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken) =>
        Run(group, "restore", null, CommandVerbs.StorageChange, log, cancellationToken);

    /// <summary>What is missing or wrong in the group's settings, each naming the setting.</summary>
    public static IEnumerable<string> Validate(ReplicationGroup group, SccTopology topology)
    {
        foreach (string verb in Verbs.Where(v => group.Optional(v) is null))
        {
            yield return $"{group.PathOf(topology, verb)} must hold the command template for '{verb}'.";
        }

        if (!group.Settings.Keys.Any(k => k.StartsWith("state.", StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{group.PathOf(topology, "state.<State>")}: at least one state pattern is needed to read the query output.";
        }

        foreach (var (key, pattern) in group.Settings.Where(s => s.Key.Contains('.', StringComparison.Ordinal) || s.Key is "invalidTracks" or "lag"))
        {
            string? error = null;
            try
            {
                _ = new Regex(pattern);
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return $"{group.PathOf(topology, key)} is not a valid regular expression: {error}";
            }
        }
    }

    internal static RenderedCommand Command(ReplicationGroup group, string verb, string? site) => CommandTemplate.Render(group.Required(verb), group, site);

    private Task<CommandResult> Run(ReplicationGroup group, string verb, string? site, string timeoutVerb, ICommandLog log, CancellationToken cancellationToken) =>
        runner.RunAsync(group.Optional("host") ?? "localhost", Command(group, verb, site), timeoutVerb, log, cancellationToken);

    private static bool Matches(ReplicationGroup group, string key, string output) =>
        group.Optional(key) is { } pattern && Regex.IsMatch(output, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    private static long? Number(ReplicationGroup group, string key, string output) =>
        group.Optional(key) is { } pattern && Regex.Match(output, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1)) is { Success: true } m
        && long.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : null;

    private static TimeSpan? Lag(ReplicationGroup group, string output)
    {
        if (group.Optional("lag") is not { } pattern || Regex.Match(output, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1)) is not { Success: true } m)
        {
            return null;
        }

        string text = m.Groups[1].Value;
        return SnapMirrorStatusParser.Lag(text) ?? (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? TimeSpan.FromSeconds(seconds) : null);
    }
}
