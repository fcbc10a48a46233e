using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Descriptors;

/// <summary>The registry of a host with the built-in activities and the test activity <c>Test.Flaky</c>.</summary>
internal static class Registry
{
    public static readonly ActivityRegistry Instance = new ServiceCollection()
        .AddRunbookWorkflows()
        .AddActivity<FlakyActivity>()
        .BuildServiceProvider()
        .GetRequiredService<ActivityRegistry>();

    public static ActivityDescriptor Descriptor(string type) => Instance.Get(type).Descriptor;

    public static InputDescriptor Input(string type, string name) =>
        Descriptor(type).FindInput(name) ?? throw new AssertFailedException($"{type} has no input '{name}'.");
}
