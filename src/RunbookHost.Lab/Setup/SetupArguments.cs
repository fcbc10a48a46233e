namespace RunbookHost.Lab.Setup;

/// <summary>A parsed setup.com command line: which operation, the CMS name and addresses.</summary>
internal sealed record SetupArguments(string Operation, string? CmsName, IReadOnlyList<string> Addresses)
{
    public const string RecoverCms = "recoverCMS";
    public const string ClearLocalCms = "clearLocalCMS";
    public const string UpgradeCms = "upgradeCMS";
    public const string Install = "install";
    public const string Upgrade = "upgrade";

    /// <summary>Every operation setup.com runs here.</summary>
    public static readonly IReadOnlyList<string> Operations = [RecoverCms, ClearLocalCms, UpgradeCms, Install, Upgrade];

    /// <summary>An operation as a person types it in a fault: "/upgradeCMS" and "/mode:upgrade" are upgradeCMS and upgrade.</summary>
    public static string OperationAsTyped(string typed) => typed.TrimStart('/').Replace("mode:", string.Empty, StringComparison.OrdinalIgnoreCase);

    public static SetupArguments Parse(string arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = argument.TrimStart('/', '-').Split(':', 2);
            values[parts[0]] = parts.Length > 1 ? parts[1].Trim('"') : string.Empty;
        }

        string operation = values.ContainsKey("recoverCMS") ? RecoverCms
            : values.ContainsKey("clearLocalCMS") ? ClearLocalCms
            : values.ContainsKey("upgradeCMS") ? UpgradeCms
            : values.TryGetValue("mode", out string? mode) && mode.Equals("upgrade", StringComparison.OrdinalIgnoreCase) ? Upgrade
            : values.TryGetValue("mode", out mode) && mode.Equals("install", StringComparison.OrdinalIgnoreCase) ? Install
            : string.Empty;
        var addresses = values.TryGetValue("cmsIPV4Addresses", out string? list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return new SetupArguments(operation, values.GetValueOrDefault("cmsName"), addresses);
    }
}

/// <summary>What one setup operation did, for the console output: its title, its steps and whether it succeeded.</summary>
internal sealed class SetupRun(string title)
{
    public string Title { get; } = title;

    public List<(string Step, bool Completed)> Steps { get; } = [];

    public bool Succeeded { get; private set; }

    public SetupRun Step(string step, bool completed = true)
    {
        Steps.Add((step, completed));
        return this;
    }

    public SetupRun Done()
    {
        Succeeded = true;
        return this;
    }

    /// <summary>setup.com's console output for the run.</summary>
    public string Console(IReadOnlyList<string> errors)
    {
        var text = new System.Text.StringBuilder();
        text.Append("Welcome to Microsoft Exchange Server 2007 Unattended Setup\n\n");
        text.Append("Preparing Exchange Setup\n\n");
        text.Append("    Copying Setup Files              ......................... COMPLETED\n\n");
        text.Append(Title).Append('\n');
        foreach (var (step, completed) in Steps)
        {
            text.Append($"    {step,-32} ......................... {(completed ? "COMPLETED" : "FAILED")}\n");
            if (!completed)
            {
                foreach (string error in errors)
                {
                    text.Append("     ").Append(error).Append('\n');
                }
            }
        }

        text.Append('\n').Append(Succeeded ? SetupLog.Success : SetupLog.Incomplete).Append('\n');
        if (!Succeeded)
        {
            text.Append("\nExchange Server setup encountered an error.\n");
        }

        return text.ToString();
    }
}
