using System.ComponentModel;
using System.Diagnostics;

namespace RunbookHost.Exchange.Commands;

/// <summary>Runs commands as local processes (argument list, no shell); kills the whole process tree on timeout or cancellation.</summary>
internal sealed class LocalProcessTransport : ICommandTransport
{
    /// <summary>The environment variable that tells the child process which host it runs for (a lab shim acts as that node).</summary>
    public const string TargetVariable = "RUNBOOK_TARGET";

    public async Task<CommandOutput> RunAsync(string host, RenderedCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string executable = command.Executable;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.Environment[TargetVariable] = host;
        foreach (string argument in command.RawArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new CommandTransportException($"could not start '{executable}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        bool stopped = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            Kill(process);
        }

        // The pipes close once every process holding them is gone.
        string output = await stdout;
        string error = await stderr;
        if (stopped)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new CommandOutput(-1, output, error, TimedOut: true);
        }

        return new CommandOutput(process.ExitCode, output, error, TimedOut: false);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }
}
