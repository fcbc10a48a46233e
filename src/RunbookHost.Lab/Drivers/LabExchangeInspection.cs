using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Inspection;

namespace RunbookHost.Lab.Drivers;

/// <summary>IExchangeInspection against the lab: AD's CMS configuration and build, node registry, eseutil /mh.</summary>
internal sealed class LabExchangeInspection(LabEnvironment lab) : IExchangeInspection
{
    public Task<CmsConfiguration?> GetCmsConfigurationAsync(string cmsName, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => InspectionRules.CmsConfiguration(state, now, cmsName), log, cancellationToken);

    public Task<string?> GetCmsBuildAsync(string cmsName, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => InspectionRules.CmsBuild(state, now, cmsName), log, cancellationToken);

    public Task<NodeInstallation> GetInstallationAsync(string node, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => InspectionRules.Installation(state, now, node), log, cancellationToken);

    public Task<DatabaseHeader> GetDatabaseHeaderAsync(string node, string edbPath, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => InspectionRules.Header(state, now, node, edbPath), log, cancellationToken);
}
