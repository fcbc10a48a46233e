using RunbookHost.Benchmarks;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await Suites.RunAsync(args, Console.Out, cancellation.Token);
