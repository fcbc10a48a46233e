using System.Text.Json.Nodes;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>What the crash matrix does as the operators of a run, and what it checks when the run has ended.</summary>
internal sealed partial class CrashMatrix
{
    /// <summary>One look at the run: whether it finished; decides its gates and resolves in-doubt incidents (once each). Null when the host did not answer.</summary>
    private async Task<bool?> TryAdvanceAsync(string definitionId, string runId, int mark, Dictionary<string, string> inDoubt, CancellationToken cancellationToken)
    {
        try
        {
            var run = await _api.RunAsync(runId, cancellationToken);
            if (run["finishedAt"] is not null)
            {
                return true;
            }

            foreach (var gate in run["pendingApprovals"]!.AsArray())
            {
                await _api.DecideAsync(gate!, cancellationToken);
            }

            foreach (var incident in run["incidents"]!.AsArray().Where(i => i!["status"]!.ToString() == "open" && !inDoubt.ContainsKey(i["incidentId"]!.ToString())))
            {
                Assert.AreEqual("InDoubt", incident!["kind"]!.ToString(), $"{definitionId} run {runId} stopped on an incident: {incident["message"]}");
                inDoubt[incident["incidentId"]!.ToString()] = await ResolveInDoubtAsync(definitionId, runId, incident, mark, cancellationToken);
            }

            return false;
        }
        catch (HttpRequestException)
        {
            return null; // the host is dying or died; the loop sees its exit
        }
    }

    /// <summary>
    /// What an operator does with "in doubt: the command may have run": look at the sites (here the
    /// lab's record of commands since the run started) and either skip the activity as done, when its
    /// command did run, or retry it, when it did not.
    /// </summary>
    private async Task<string> ResolveInDoubtAsync(string definitionId, string runId, JsonNode incident, int mark, CancellationToken cancellationToken)
    {
        string activityId = incident["activityId"]!.ToString();
        var reference = CrashPoints.SiteChanges(_references[definitionId]);
        int index = reference.ToList().FindIndex(c => c.ActivityId == activityId);
        Assert.IsGreaterThanOrEqualTo(0, index, $"In doubt at {activityId}, which runs no site-changing command.");
        string command = reference[index].CommandLine;
        int before = reference.Take(index).Count(c => c.CommandLine == command);
        int seen = (await _api.LabCommandsAsync(cancellationToken)).Skip(mark).Count(c => c == command);
        bool ran = seen > before;
        await _api.ResolveAsync(
            runId,
            incident["incidentId"]!.ToString(),
            ran ? "skip" : "retry",
            ran ? "Done" : null,
            ran ? $"The lab shows '{command}' ran: treated as done." : $"The lab shows '{command}' did not run: run it.",
            cancellationToken);
        return $"{activityId}: {(ran ? "skip as done" : "retry")} ('{command}' {(ran ? "had run" : "had not run")})";
    }

    private async Task RecordAsync(string definitionId, string runId, string status, List<string> commands, CrashPoint? point, IReadOnlyList<string> inDoubt, CancellationToken cancellationToken)
    {
        var counts = commands.GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (!_referenceCounts.TryGetValue(definitionId, out var reference))
        {
            Assert.AreEqual("Completed", status, $"The reference {definitionId} run {runId} did not complete.");
            _referenceCounts[definitionId] = counts;
            _references[definitionId] = await CallAsync(() => _api.JournalAsync(runId, cancellationToken), cancellationToken);
            return;
        }

        int duplicates = counts.Sum(c => Math.Max(0, c.Value - reference.GetValueOrDefault(c.Key)));
        var missing = reference.Where(r => counts.GetValueOrDefault(r.Key) < r.Value).Select(r => r.Key).ToList();
        Assert.IsEmpty(missing, $"{definitionId} run {runId} ({point?.Description ?? "no kill"}) completed without running {string.Join(", ", missing)}.");
        if (point is not null)
        {
            Figures.Points.Add(point.Description);
            Figures.RunsLost += status == "Completed" ? 0 : 1;
            Figures.DuplicateSideEffects += duplicates;
            Figures.InDoubt.AddRange(inDoubt.Select(d => $"{point}: {d}"));
        }
        else
        {
            Assert.AreEqual("Completed", status, $"{definitionId} run {runId} did not complete.");
            Assert.AreEqual(0, duplicates, $"{definitionId} run {runId} ran a site-changing command twice: {string.Join(", ", commands)}.");
        }
    }
}
