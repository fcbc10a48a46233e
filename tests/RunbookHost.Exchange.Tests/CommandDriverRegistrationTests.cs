using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Dns;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Network;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;

namespace RunbookHost.Exchange.Tests;

[TestClass]
public sealed class CommandDriverRegistrationTests
{
    [TestMethod]
    public void AddCommandDrivers_DefaultConfiguration_ResolvesADriverForEveryPort()
    {
        using var provider = Build(new Dictionary<string, string?>());

        Assert.IsInstanceOfType<ClusterCommandDriver>(provider.GetRequiredService<IClusterControl>());
        Assert.IsInstanceOfType<SetupCommandDriver>(provider.GetRequiredService<IExchangeSetup>());
        Assert.IsInstanceOfType<InspectionCommandDriver>(provider.GetRequiredService<IExchangeInspection>());
        Assert.IsInstanceOfType<StorageReplicationRouter>(provider.GetRequiredService<IStorageReplication>());
        Assert.IsInstanceOfType<DnsClientQuery>(provider.GetRequiredService<IDnsQuery>());
        Assert.IsInstanceOfType<NetworkProbeDriver>(provider.GetRequiredService<INetworkProbe>());
    }

    [TestMethod]
    public void AddCommandDrivers_ConfiguredHostsAndPaths_AreBound()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Runbook:Commands:Hosts:NodeC:Transport"] = "Ssh",
            ["Runbook:Commands:Hosts:NodeC:User"] = "CONTOSO\\runbook",
            ["Runbook:Commands:Hosts:NodeC:Password"] = "pw",
            ["Runbook:Commands:Hosts:NodeC:HostKeySha256"] = "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og",
            ["Runbook:Commands:Executables:SetupPerNode:NodeD"] = @"E:\setup.com",
            ["Runbook:Commands:Timeouts:setup"] = "02:00:00",
        });

        var options = provider.GetRequiredService<IOptions<CommandDriverOptions>>().Value;

        Assert.AreEqual(TransportKind.Ssh, options.HostFor("nodec").Transport);
        Assert.AreEqual(@"E:\setup.com", options.Executables.SetupFor("NodeD"));
        Assert.AreEqual(@"D:\Exchange\setup.com", options.Executables.SetupFor("NodeC"));
        Assert.AreEqual(TimeSpan.FromHours(2), options.TimeoutFor(CommandVerbs.Setup));
    }

    [TestMethod]
    public void AddCommandDrivers_BadSettings_FailWithErrorsNamingEachSetting()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Runbook:Commands:Hosts:NodeC:Transport"] = "Ssh",
            ["Runbook:Commands:Hosts:NodeC:KeyFile"] = "/nonexistent/id_ed25519",
            ["Runbook:Commands:ExecutableMap:cluster.exe"] = "/nonexistent/cluster.sh",
            ["Runbook:Commands:Probe:TcpPorts:0"] = "70000",
        });

        var ex = Assert.ThrowsExactly<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CommandDriverOptions>>().Value);

        CollectionAssert.IsSubsetOf(
            new[]
            {
                "Runbook:Commands:Hosts:NodeC:User is needed for SSH.",
                "Runbook:Commands:Hosts:NodeC:KeyFile '/nonexistent/id_ed25519' does not exist.",
                "Runbook:Commands:Hosts:NodeC:HostKeySha256 must hold the host key's SHA256 fingerprint (or set AcceptAnyHostKey for a lab).",
                "Runbook:Commands:ExecutableMap:cluster.exe: '/nonexistent/cluster.sh' does not exist.",
                "Runbook:Commands:Probe:TcpPorts: 70000 is not a TCP port.",
            },
            ex.Failures.ToArray());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCommandDrivers(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
