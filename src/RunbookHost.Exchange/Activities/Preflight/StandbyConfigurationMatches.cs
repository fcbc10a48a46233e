using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>
/// The CMS configuration in AD (what /recoverCMS rebuilds) against the storage layout the standby
/// was prepared for: same storage groups, log prefixes, paths and file names, every file on a
/// replicated disk. The seed's problems 1 (groups added later) and 3 (mismatched logs and paths).
/// When the run names the CMS it means, that must be the CMS this host is configured for: an approver
/// must not approve one CMS while the commands recover another.
/// </summary>
[Activity("StandbyConfigurationMatches", "Preflight", "Standby configuration matches", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Compares the CMS's storage groups, log prefixes, log/system paths and database files in AD with the topology the standby was prepared for. A group added later on replicated disks passes (recoverCMS reads AD); a mismatched prefix, path or file name, or a file on a disk that is not replicated, fails. A CMS name given that is not the configured CMS fails.")]
public sealed class StandbyConfigurationMatches : CheckActivity
{
    [Input(Description = "The CMS the run means (e.g. the workflow's cmsName input); empty means the configured one. Any other name fails the check: the commands act on the configured CMS.")]
    public Input<string> CmsName { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var topology = Topology(context);
        if (context.Get(CmsName) is { Length: > 0 } meant && !string.Equals(meant, topology.Cms.Name, StringComparison.OrdinalIgnoreCase))
        {
            return CheckReport.Fail([$"CMS named by the run: {meant}", $"CMS configured: {topology.Cms.Name}"],
                $"The run names CMS '{meant}', but this host is configured for '{topology.Cms.Name}' and its commands would recover that one; start the run with cmsName={topology.Cms.Name}, or correct the topology.");
        }

        var ad = await Port<IExchangeInspection>(context).GetCmsConfigurationAsync(topology.Cms.Name, Commands(context), context.CancellationToken);
        if (ad is null)
        {
            return CheckReport.Fail([$"AD: CMS {topology.Cms.Name}"], $"Active Directory has no clustered mailbox server '{topology.Cms.Name}'.");
        }

        var checkedItems = new List<string>();
        var problems = new List<string>();
        var expected = topology.Cms.StorageGroups.ToDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var group in ad.StorageGroups)
        {
            checkedItems.Add($"{group.Name} ({group.LogPrefix}): logs {group.LogPath}, system {group.SystemPath}, {string.Join(", ", group.Databases.Select(d => $"{d.Name} {d.EdbPath}"))}");
            foreach (string path in group.Databases.Select(d => d.EdbPath).Append(group.LogPath).Append(group.SystemPath))
            {
                if (topology.DiskFor(path) is null)
                {
                    problems.Add($"{group.Name}: {path} is on no replicated disk, so the standby will not have it");
                }
            }

            if (!expected.TryGetValue(group.Name, out var prepared))
            {
                checkedItems.Add($"{group.Name}: added after the standby was prepared; /recoverCMS will create it from AD");
                continue;
            }

            Compare(problems, group.Name, "log prefix", prepared.LogPrefix, group.LogPrefix);
            Compare(problems, group.Name, "log path", prepared.LogPath, group.LogPath);
            Compare(problems, group.Name, "system path", prepared.SystemPath, group.SystemPath);
            foreach (var database in prepared.Databases)
            {
                var actual = group.Databases.FirstOrDefault(d => string.Equals(d.Name, database.Name, StringComparison.OrdinalIgnoreCase));
                if (actual is null)
                {
                    problems.Add($"{group.Name}: database {database.Name} is not in this storage group in AD");
                }
                else
                {
                    Compare(problems, $"{group.Name}/{database.Name}", "database file", database.EdbPath, actual.EdbPath);
                }
            }
        }

        foreach (var missing in topology.Cms.StorageGroups.Where(g => !ad.StorageGroups.Any(a => string.Equals(a.Name, g.Name, StringComparison.OrdinalIgnoreCase))))
        {
            problems.Add($"{missing.Name} is in the topology but not in AD");
        }

        return problems.Count == 0 ? CheckReport.Pass(checkedItems) : CheckReport.Fail(checkedItems, string.Join("; ", problems) + ".");
    }

    private static void Compare(List<string> problems, string where, string what, string prepared, string actual)
    {
        if (!string.Equals(prepared, actual, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{where}: {what} is {actual} in AD but the standby was prepared for {prepared}");
        }
    }
}
