namespace RunbookHost.Exchange.Tests.Support;

/// <summary>Small fake executables in a temporary directory: shell scripts that log their arguments and print realistic output.</summary>
internal sealed class Shims : IDisposable
{
    public Shims()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("runbook-shims-").FullName;
    }

    public string Directory { get; }

    /// <summary>Writes an executable script; <c>$SHIMS</c> in it is this directory. Each call appends its arguments, one per line, to <c>name.args</c>.</summary>
    public string Write(string name, string body)
    {
        string path = Path.Combine(Directory, name);
        string script = "#!/bin/sh\nSHIMS='" + Directory + "'\nprintf '%s\\n' \"$@\" >> \"$SHIMS/" + name + ".args\"\necho '--' >> \"$SHIMS/" + name + ".args\"\n" + body + "\n";
        File.WriteAllText(path, script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>Copies a sample into the shim directory so that a script can <c>cat</c> it.</summary>
    public string Put(string name, string content)
    {
        File.WriteAllText(Path.Combine(Directory, name), content);
        return Path.Combine(Directory, name);
    }

    /// <summary>The argument lists the shim received, one list per call.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls(string name)
    {
        string path = Path.Combine(Directory, name + ".args");
        if (!File.Exists(path))
        {
            return [];
        }

        var calls = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (string line in File.ReadAllLines(path))
        {
            if (line == "--")
            {
                calls.Add(current);
                current = [];
            }
            else
            {
                current.Add(line);
            }
        }

        return calls;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
