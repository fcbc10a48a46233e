using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunbookHost.Exchange.Tests.Support;

/// <summary>A real DNS server for a test: its own dnsmasq on 127.0.0.1 and a free port, answering from a hosts file, killed on dispose.</summary>
internal sealed class Dnsmasq : IDisposable
{
    private readonly Process process;

    private Dnsmasq(string executable, string directory, int port, int ttl, string domain, (string Address, string Name)[] records)
    {
        Directory = directory;
        Port = port;
        HostsFile = Path.Combine(directory, "hosts");
        Write(records);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[]
        {
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces",
            "--listen-address=127.0.0.1", $"--port={port}", $"--addn-hosts={HostsFile}", $"--local-ttl={ttl}",
            $"--local=/{domain}/", $"--pid-file={Path.Combine(directory, "dnsmasq.pid")}", $"--user={Environment.UserName}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start");
    }

    public string Directory { get; }

    public int Port { get; }

    public string HostsFile { get; }

    public string Server => $"127.0.0.1:{Port}";

    /// <summary>dnsmasq from RUNBOOK_TEST_DNSMASQ, /usr/sbin or the PATH; null when there is none.</summary>
    public static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("RUNBOOK_TEST_DNSMASQ"), "/usr/sbin/dnsmasq", "/usr/local/sbin/dnsmasq" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(p => Path.Combine(p, "dnsmasq")));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    /// <summary>Starts dnsmasq answering <paramref name="records"/> (written before the start: a SIGHUP before dnsmasq is up would kill it).</summary>
    public static Dnsmasq Start(string executable, int ttl, string domain, params (string Address, string Name)[] records) =>
        new(executable, System.IO.Directory.CreateTempSubdirectory("runbook-dnsmasq-").FullName, FreePort(), ttl, domain, records);

    /// <summary>Rewrites the hosts file and sends SIGHUP, which makes a running dnsmasq re-read it and drop its cache.</summary>
    public void Answer(params (string Address, string Name)[] records)
    {
        Write(records);
        using var kill = Process.Start("kill", ["-HUP", process.Id.ToString()]);
        kill.WaitForExit();
    }

    public bool HasExited => process.HasExited;

    private void Write((string Address, string Name)[] records) =>
        File.WriteAllLines(HostsFile, records.Select(r => $"{r.Address} {r.Name}"));

    public string Errors => process.HasExited ? process.StandardError.ReadToEnd() : string.Empty;

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A port free for both UDP and TCP on loopback right now.</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            int port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
    }
}
