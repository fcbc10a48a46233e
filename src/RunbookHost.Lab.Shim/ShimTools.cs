using RunbookHost.Lab.Shim.Tools;

namespace RunbookHost.Lab.Shim;

/// <summary>Picks the emulated tool by name and runs it in one state-file session.</summary>
internal static class ShimTools
{
    public static ShimResult Run(ShimInvocation invocation)
    {
        Func<ShimContext, ShimResult> tool = invocation.Tool switch
        {
            "cluster" => ClusterExe.Run,
            "setup" => SetupCom.Run,
            "cmd" => SetupLogRead.Run,
            "eseutil" => Eseutil.Run,
            "powershell" => ManagementShell.Run,
            "reg" => RegQuery.Run,
            "symrdf" => Symrdf.Run,
            "snapmirror" => SnapMirror.Run,
            _ => throw new ShimException($"The shim does not emulate '{invocation.Tool}' (cluster.exe, setup.com, cmd.exe, eseutil, powershell.exe, reg.exe, symrdf, snapmirror)."),
        };
        return LabStateSession.Apply(invocation, tool);
    }
}
