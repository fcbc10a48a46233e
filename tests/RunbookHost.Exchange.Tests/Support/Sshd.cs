using System.Diagnostics;

namespace RunbookHost.Exchange.Tests.Support;

/// <summary>A private OpenSSH server on a free loopback port, with its own host key and one authorized client key.</summary>
internal sealed class Sshd : IDisposable
{
    private readonly Process _process;

    private Sshd(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public string ClientKey => Path.Combine(Folder, "client_key");

    public string HostKeyFingerprint { get; private set; } = string.Empty;

    public static string? Find() => File.Exists("/usr/sbin/sshd") && File.Exists("/usr/bin/ssh-keygen") ? "/usr/sbin/sshd" : null;

    public static Sshd Start(string executable)
    {
        string folder = Path.Combine(Path.GetTempPath(), "runbook-sshd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", Path.Combine(folder, "host_key"));
        Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", Path.Combine(folder, "client_key"));
        File.Copy(Path.Combine(folder, "client_key.pub"), Path.Combine(folder, "authorized_keys"));
        int port = Dnsmasq.FreePort();
        File.WriteAllText(Path.Combine(folder, "sshd_config"), $"""
            ListenAddress 127.0.0.1
            Port {port}
            HostKey {Path.Combine(folder, "host_key")}
            AuthorizedKeysFile {Path.Combine(folder, "authorized_keys")}
            PidFile {Path.Combine(folder, "sshd.pid")}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            """);
        Directory.CreateDirectory("/run/sshd");
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-D", "-e", "-f", Path.Combine(folder, "sshd_config") })
        {
            info.ArgumentList.Add(arg);
        }

        var sshd = new Sshd(Process.Start(info)!, folder, port);
        string fingerprint = Run("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", Path.Combine(folder, "host_key.pub"));
        sshd.HostKeyFingerprint = fingerprint.Split(' ')[1];
        return sshd;
    }

    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
