using System.Text.RegularExpressions;

namespace RunbookHost.Exchange.Storage;

/// <summary>One device pair of a <c>symrdf query</c>.</summary>
internal sealed record SymrdfPair(string LogicalDevice, string R1State, string LinkState, string R2State, long InvalidTracks, string PairState);

/// <summary>What <c>symrdf -g DG query</c> printed.</summary>
/// <param name="GroupType">RDF1 when the local array holds R1, RDF2 when it holds R2.</param>
/// <param name="LocalSymmetrix">The local array (DG's Symmetrix ID).</param>
/// <param name="RemoteSymmetrix">The remote array.</param>
/// <param name="Pairs">The device pairs.</param>
/// <param name="TotalInvalidTracks">The Total Track(s) line summed (R1 and R2 invalid tracks, both sides).</param>
internal sealed record SymrdfQuery(string GroupType, string LocalSymmetrix, string RemoteSymmetrix, IReadOnlyList<SymrdfPair> Pairs, long TotalInvalidTracks)
{
    public bool R1ReadWrite => Pairs.Any(p => p.R1State == "RW");

    public bool R2ReadWrite => Pairs.Any(p => p.R2State == "RW");

    /// <summary>The group's state: the pairs' common state, else the worst one.</summary>
    public ReplicationState State
    {
        get
        {
            var states = Pairs.Select(p => SymrdfQueryParser.MapPairState(p.PairState)).Distinct().ToList();
            return states.Count == 0 ? ReplicationState.Invalid : states.OrderBy(SymrdfQueryParser.Severity).Last();
        }
    }
}

/// <summary>
/// Parses <c>symrdf -g DG query</c>: the header fields (DG's Type, DG's Symmetrix ID, Remote
/// Symmetrix ID), one row per device (R1 device state RW/WD/NR, R1 and R2 invalid tracks, link
/// state, R2 device and state, modes, pair state) and the Total Track(s) line.
/// </summary>
internal static partial class SymrdfQueryParser
{
    public static SymrdfQuery Parse(string output)
    {
        var pairs = Row().Matches(output)
            .Select(m => new SymrdfPair(
                m.Groups["ld"].Value,
                m.Groups["st1"].Value,
                m.Groups["link"].Value,
                m.Groups["st2"].Value,
                long.Parse(m.Groups["r1a"].Value) + long.Parse(m.Groups["r2a"].Value) + long.Parse(m.Groups["r1b"].Value) + long.Parse(m.Groups["r2b"].Value),
                m.Groups["state"].Value.Trim()))
            .ToList();
        if (pairs.Count == 0)
        {
            throw new FormatException("symrdf query listed no device pairs.");
        }

        var total = Total().Match(output);
        long invalid = total.Success
            ? total.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value))
            : pairs.Sum(p => p.InvalidTracks);
        return new SymrdfQuery(Header(output, "DG's Type"), Header(output, "DG's Symmetrix ID"), Header(output, "Remote Symmetrix ID"), pairs, invalid);
    }

    public static ReplicationState MapPairState(string state) => Whitespace().Replace(state, " ").ToLowerInvariant() switch
    {
        "synchronized" => ReplicationState.Synchronized,
        "consistent" => ReplicationState.Consistent,
        "syncinprog" or "r1 updinprog" => ReplicationState.SyncInProgress,
        "split" => ReplicationState.Split,
        "suspended" => ReplicationState.Suspended,
        "partitioned" or "transidle" => ReplicationState.Partitioned,
        "failed over" or "r1 updated" => ReplicationState.FailedOver,
        _ => ReplicationState.Invalid,
    };

    /// <summary>Orders states from healthy to worst, for a group whose pairs disagree.</summary>
    public static int Severity(ReplicationState state) => state switch
    {
        ReplicationState.Synchronized => 0,
        ReplicationState.Consistent => 1,
        ReplicationState.SyncInProgress => 2,
        ReplicationState.Split => 3,
        ReplicationState.Suspended => 4,
        ReplicationState.FailedOver => 5,
        ReplicationState.Partitioned => 6,
        _ => 7,
    };

    private static string Header(string output, string name)
    {
        var match = Regex.Match(output, "^\\s*" + Regex.Escape(name) + "\\s*:\\s*(?<value>\\S+)", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value : string.Empty;
    }

    [GeneratedRegex(@"^\s*(?<ld>\S+)\s+(?<dev1>[0-9A-Fa-f]{3,8})\s+(?<st1>RW|WD|NR|NA|RO)\s+(?<r1a>\d+)\s+(?<r2a>\d+)\s+(?<link>RW|WD|NR|NA|RO)\s+(?<dev2>[0-9A-Fa-f]{3,8}|N/A)\s+(?<st2>RW|WD|NR|NA|RO)\s+(?<r1b>\d+)\s+(?<r2b>\d+)\s+(?<modes>\S{3,5})\s+(?<state>\S[^\r\n]*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^\s*Track\(s\)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex Total();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
