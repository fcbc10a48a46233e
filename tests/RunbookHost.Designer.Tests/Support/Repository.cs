namespace RunbookHost.Designer.Tests.Support;

/// <summary>Paths in the repository this test assembly was built from.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookHost.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RunbookHost.sln was not found above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Designer => Path.Combine(Root, "designer");

    public static string Workflows => Path.Combine(Root, "workflows");
}
