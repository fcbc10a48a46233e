using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Lab.Drivers;

namespace RunbookHost.Lab.Tests;

[TestClass]
public sealed class LabRegistrationTests
{
    [TestMethod]
    public void AddRunbookLab_PortAlreadyRegistered_ReplacesItWithTheLabDriver()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Runbook:Lab:StateFile"] = "" }).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IClusterControl, RefusingCluster>()
            .AddRunbookLab(configuration)
            .BuildServiceProvider();

        Assert.IsInstanceOfType<LabClusterControl>(services.GetRequiredService<IClusterControl>());
        Assert.HasCount(1, services.GetServices<IClusterControl>());
    }

    [TestMethod]
    public void AddRunbookLab_NegativeTimeScale_FailsValidationNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Runbook:Lab:TimeScale"] = "-1" }).Build();
        using var services = new ServiceCollection().AddRunbookLab(configuration).BuildServiceProvider();

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<LabOptions>>().Value);

        StringAssert.Contains(error.Message, "Runbook:Lab:TimeScale");
    }

    private sealed class RefusingCluster : IClusterControl
    {
        public Task<IReadOnlyList<ClusterGroupStatus>> GetGroupsAsync(string cluster, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ClusterResourceStatus>> GetResourcesAsync(string cluster, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task TakeGroupOfflineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task BringGroupOnlineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task MoveGroupAsync(string cluster, string group, string node, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task TakeResourceOfflineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task BringResourceOnlineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task MoveResourceAsync(string cluster, string resource, string group, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task AddDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> ListDependenciesAsync(string cluster, string resource, ICommandLog log, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
