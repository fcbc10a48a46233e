using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

/// <summary>Performing operator actions in a test lab, and checking that a refused one changed nothing.</summary>
internal static class ActionLab
{
    public static LabActionResult Perform(this TestLab lab, string action, params (string Name, string Value)[] parameters) =>
        lab.Lab.Perform(new LabActionRequest(action, parameters.ToDictionary(p => p.Name, p => p.Value)));

    /// <summary>Expects the action to be refused; asserts the lab did not move on (same revision, same recent commands).</summary>
    public static LabActionRefusedException Refused(this TestLab lab, string action, params (string Name, string Value)[] parameters)
    {
        var before = lab.Lab.Snapshot();
        var refused = Assert.ThrowsExactly<LabActionRefusedException>(() => lab.Perform(action, parameters));
        var after = lab.Lab.Snapshot();
        Assert.AreEqual(action, refused.Action);
        Assert.AreEqual(before.Revision, after.Revision, "a refused action saves nothing");
        Assert.HasCount(before.RecentCommands.Count, after.RecentCommands, "a refused action runs no command");
        return refused;
    }
}
