namespace RunbookHost.Exchange.Commands;

/// <summary>How commands reach a host.</summary>
public enum TransportKind
{
    Local,
    Ssh,
}

/// <summary>How an SSH command line is quoted for the remote shell.</summary>
public enum RemoteQuoting
{
    /// <summary>Windows OpenSSH (cmd.exe) and argv rules; the default for cluster nodes.</summary>
    Windows,

    /// <summary>POSIX single quotes, for Unix-like hosts.</summary>
    Posix,

    /// <summary>Words joined by spaces, as appliance CLIs (a NetApp filer) expect.</summary>
    None,
}

/// <summary>How to reach one host (a cluster node, a SYMCLI host, a filer).</summary>
public sealed class HostOptions
{
    public TransportKind Transport { get; set; } = TransportKind.Local;

    /// <summary>The address to connect to; the host's name when empty.</summary>
    public string? Address { get; set; }

    public int Port { get; set; } = 22;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? KeyFile { get; set; }

    public string? KeyPassphrase { get; set; }

    /// <summary>The host key's SHA-256 fingerprint as <c>ssh-keygen -l</c> prints it (with or without <c>SHA256:</c>).</summary>
    public string? HostKeySha256 { get; set; }

    /// <summary>Trust any host key (only for labs; an unverified key allows a man in the middle).</summary>
    public bool AcceptAnyHostKey { get; set; }

    public RemoteQuoting Quoting { get; set; } = RemoteQuoting.Windows;
}

/// <summary>Where the tools live on the hosts that run them.</summary>
public sealed class ExecutableOptions
{
    public string Cluster { get; set; } = "cluster.exe";

    /// <summary>setup.com on every node unless <see cref="SetupPerNode"/> names another.</summary>
    public string Setup { get; set; } = @"D:\Exchange\setup.com";

    public Dictionary<string, string> SetupPerNode { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string Eseutil { get; set; } = @"C:\Program Files\Microsoft\Exchange Server\Bin\eseutil.exe";

    public string PowerShell { get; set; } = "powershell.exe";

    public string Reg { get; set; } = "reg.exe";

    public string Cmd { get; set; } = "cmd.exe";

    public string Symrdf { get; set; } = "symrdf";

    /// <summary>The filer CLI verb run over SSH.</summary>
    public string SnapMirror { get; set; } = "snapmirror";

    public string SetupFor(string node) => SetupPerNode.TryGetValue(node, out string? path) && path.Length > 0 ? path : Setup;
}

/// <summary>The real command-line drivers' settings, bound from <c>Runbook:Commands</c>.</summary>
public sealed class CommandDriverOptions
{
    public const string Section = "Runbook:Commands";

    /// <summary>Hosts by name; a host not listed uses <see cref="DefaultHost"/>.</summary>
    public Dictionary<string, HostOptions> Hosts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public HostOptions DefaultHost { get; set; } = new();

    public ExecutableOptions Executables { get; set; } = new();

    /// <summary>Executable (full path or file name) to the program actually started, e.g. <c>cluster.exe</c> to a test shim. Command records keep the real name.</summary>
    public Dictionary<string, string> ExecutableMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Timeouts by verb (see <see cref="CommandVerbs"/>); unlisted verbs use <see cref="CommandVerbs.Defaults"/>.</summary>
    public Dictionary<string, TimeSpan> Timeouts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cluster name to the host that runs cluster.exe for it; the first node of the cluster's site when unlisted.</summary>
    public Dictionary<string, string> ClusterHosts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Host with the Exchange Management Shell for AD queries; the topology's first node when empty.</summary>
    public string? ManagementHost { get; set; }

    /// <summary>Reads ExchangeSetup.log on a node: executable and arguments (<c>{node}</c> is replaced).</summary>
    public List<string> SetupLogCommand { get; set; } = [];

    /// <summary>More literal secrets to mask in command lines and output.</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Network probe settings.</summary>
    public ProbeOptions Probe { get; set; } = new();

    /// <summary>DNS query timeout per attempt.</summary>
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan TimeoutFor(string verb) =>
        Timeouts.TryGetValue(verb, out var timeout) && timeout > TimeSpan.Zero ? timeout
        : CommandVerbs.Defaults.TryGetValue(verb, out timeout) ? timeout
        : CommandVerbs.Defaults[CommandVerbs.Default];

    public HostOptions HostFor(string host) => Hosts.TryGetValue(host, out var options) ? options : DefaultHost;
}

/// <summary>How a network probe decides whether something answers.</summary>
public sealed class ProbeOptions
{
    public bool Ping { get; set; } = true;

    /// <summary>TCP ports tried in turn (RPC endpoint mapper and SMB answer on any Windows server).</summary>
    public List<int> TcpPorts { get; set; } = [135, 445];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
