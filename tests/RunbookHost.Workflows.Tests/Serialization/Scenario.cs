namespace RunbookHost.Workflows.Tests.Serialization;

/// <summary>Reads the JSON scenarios copied beside the test assembly.</summary>
internal static class Scenario
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", name));
}
