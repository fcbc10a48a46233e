namespace RunbookHost.Server.Hosting;

/// <summary>The host's settings under <c>Runbook</c>; every one can also come from an environment variable (<c>Runbook__Drivers</c>).</summary>
public sealed class RunbookOptions
{
    public const string Section = "Runbook";

    /// <summary>The people and scripts that may sign in.</summary>
    public List<UserOptions> Users { get; set; } = [];

    /// <summary><c>Lab</c> (the simulated site pair) or <c>Commands</c> (the real command-line drivers).</summary>
    public string Drivers { get; set; } = DriverKinds.Lab;

    /// <summary>The folder of shipped workflow definitions, imported and published at start-up when changed.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>The built designer (designer/dist), served at /.</summary>
    public string? DesignerPath { get; set; }

    /// <summary>Failed sign-ins allowed per client address per minute before further attempts get 429.</summary>
    public int FailedSignInsPerMinute { get; set; } = 10;
}

/// <summary>One user: a name, an API key (or its SHA-256) and roles.</summary>
public sealed class UserOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The key in clear; hashed when loaded and never kept. Prefer <see cref="ApiKeySha256"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The SHA-256 of the key, hex.</summary>
    public string? ApiKeySha256 { get; set; }

    public List<string> Roles { get; set; } = [];
}

/// <summary>The driver choices.</summary>
public static class DriverKinds
{
    public const string Lab = "Lab";
    public const string Commands = "Commands";
}

/// <summary>The roles of the API contract.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Approver = "approver";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Approver, Admin];
}
