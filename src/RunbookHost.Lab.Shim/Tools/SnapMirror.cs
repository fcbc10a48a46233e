using RunbookHost.Lab.Shim.Formats;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// Data ONTAP 7-mode snapmirror status|update|quiesce|break|resume|resync on a filer, through the
/// lab's storage rules: break is the lab's failover to the destination site, resync -S from the
/// broken-off destination its reverse, resync in the configured direction its restore, update its
/// sync-once. The lab has no quiesced state: quiesce and resume change nothing.
/// </summary>
internal static class SnapMirror
{
    public static ShimResult Run(ShimContext context)
    {
        var arguments = context.Arguments;
        string verb = arguments.Count > 0 ? arguments[0].ToLowerInvariant() : string.Empty;
        string? path = arguments.Skip(1).LastOrDefault(a => !a.StartsWith('-'));
        var relationships = SnapMirrorRelationship.All(context);
        if (verb == "status")
        {
            var shown = relationships.Where(r => path is null || r.Is(path)).Select(r => (r, StorageRules.Query(context.State, context.Now, r.Group.Name))).ToList();
            return ShimResult.Out(SnapMirrorStatusOutput.Render(shown, path), [.. shown.SelectMany(s => s.Item2.Records)]);
        }

        var relationship = relationships.FirstOrDefault(r => r.Is(path))
            ?? throw new ShimException($"snapmirror {verb}: '{path}' is not a volume of a SnapMirror relationship in the lab (set sourcePath/destinationPath in the topology).");
        var (state, now, name) = (context.State, context.Now, relationship.Group.Name);
        return verb switch
        {
            "update" => Done(StorageRules.SyncOnce(state, now, name), "Transfer started.\nMonitor progress with 'snapmirror status' or the snapmirror log."),
            "quiesce" => ShimResult.Out($"snapmirror quiesce: in progress.\nThis can be a long-running operation. Use Control - C (^C) to interrupt.\nsnapmirror quiesce: {path} : Successfully quiesced"),
            "resume" => ShimResult.Out($"snapmirror resume: {path} : Successfully resumed"),
            "break" => Done(StorageRules.Failover(state, now, name, relationship.DestinationSite), $"snapmirror break: Destination {path} is now writable."),
            "resync" => Resync(context, relationship),
            _ => throw new ShimException("The shim's snapmirror runs: status|update|quiesce|break|resume|resync [-f] -S <source> <destination>."),
        };
    }

    private static ShimResult Resync(ShimContext context, SnapMirrorRelationship relationship)
    {
        string? source = context.After("-S");
        string? destination = context.Arguments.Count > 0 ? context.Arguments[^1] : null;
        const string Started = "Transfer started.\nMonitor progress with 'snapmirror status' or the snapmirror log.";
        if (relationship.IsSource(destination) && relationship.IsDestination(source))
        {
            return Done(StorageRules.Reverse(context.State, context.Now, relationship.Group.Name), Started);
        }

        return relationship.IsSource(source) && relationship.IsDestination(destination)
            ? Done(StorageRules.Restore(context.State, context.Now, relationship.Group.Name), Started)
            : ShimResult.Error(1, $"snapmirror resync: {destination}: source {source} is not the other end of this relationship.");
    }

    private static ShimResult Done(LabOutcome<bool> outcome, string success) =>
        outcome.Failed ? ShimResult.Of(outcome, errorsToStandardError: true) : ShimResult.Out(success, outcome.Records);
}
