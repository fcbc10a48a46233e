using RunbookHost.Lab.Shim;

try
{
    var invocation = ShimInvocation.From(args, Environment.GetEnvironmentVariable);
    var result = ShimTools.Run(invocation);
    Console.Out.Write(result.StandardOutput);
    Console.Error.Write(result.StandardError);
    return result.ExitCode;
}
catch (ShimException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ShimResult.UsageExitCode;
}
