using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Tests.Support;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Tests.Validation;

[TestClass]
public sealed class DefinitionValidatorGraphTests
{
    [TestMethod]
    public void Validate_ConnectionFromUnknownActivity_NamesConnectionAndActivity()
    {
        var definition = Def.Flow("wf", [Def.Log("a"), Def.Log("b")], [Def.Link("a", "b"), Def.Link("ghost", "b")]);

        var error = Validator.ErrorAt(definition, "root.connections[1]");

        Assert.Contains("Connection 1 starts at unknown activity 'ghost'", error.Message);
    }

    [TestMethod]
    public void Validate_ConnectionToUnknownActivity_NamesConnectionAndActivity()
    {
        var definition = Def.Flow("wf", [Def.Log("a")], [Def.Link("a", "ghost")]);

        var error = Validator.ErrorAt(definition, "root.connections[0]");

        Assert.Contains("Connection 0 ends at unknown activity 'ghost'", error.Message);
    }

    [TestMethod]
    public void Validate_ConnectionFromUnknownOutcomePort_NamesActivityPortAndRealPorts()
    {
        var decision = Def.Node("force", "Decision", ("condition", Def.Js("input.force === true")));
        var definition = Def.Flow("wf", [decision, Def.Log("b")], [Def.Link("force", "b", "Maybe")]);

        var error = Validator.ErrorAt(definition, "root.connections[0]");

        Validator.AssertNames(error, "force", "no outcome port 'Maybe'");
        Assert.Contains("True, False", error.Message);
    }

    [TestMethod]
    public void Validate_ConnectionToPortOtherThanIn_NamesPortAndActivity()
    {
        var definition = Def.Flow("wf", [Def.Log("a"), Def.Log("b")], [new Connection(new Endpoint("a", "Done"), new Endpoint("b", "Side"))]);

        var error = Validator.ErrorAt(definition, "root.connections[0]");

        Validator.AssertNames(error, "b", "port 'Side'");
    }

    [TestMethod]
    public void Validate_EmptyFlowchart_ReportsNoStartActivity()
    {
        var definition = Def.Flow("wf", [], []);

        var error = Validator.ErrorAt(definition, "root");

        Validator.AssertNames(error, "root", "no start activity");
    }

    [TestMethod]
    public void Validate_EveryActivityHasInboundConnection_ReportsNoStartActivity()
    {
        var definition = Def.Flow("wf", [Def.Log("a"), Def.Log("b")], [Def.Link("a", "b"), Def.Link("b", "a")]);

        var errors = Validator.Errors(definition);

        var error = SingleWhere(errors, e => e.Path == "root" && e.Message.Contains("no start activity", StringComparison.Ordinal));
        Assert.Contains("every activity has an inbound connection", error.Message);
    }

    [TestMethod]
    public void Validate_SeveralStartActivities_NamesEachCandidate()
    {
        var definition = Def.Flow("wf", [Def.Log("a"), Def.Log("b"), Def.Log("c")], [Def.Link("a", "c")]);

        var error = Validator.ErrorAt(definition, "root");

        Assert.Contains("several possible start activities (a, b)", error.Message);
    }

    [TestMethod]
    public void Validate_ActivityUnreachableFromExplicitStart_NamesActivityAndStart()
    {
        var definition = Build.Definition(Build.Flowchart("root", [Def.Log("a"), Def.Log("b"), Def.Log("orphan")], [Def.Link("a", "b")], start: "a"));

        var error = Validator.ErrorAt(definition, "root/orphan");

        Validator.AssertNames(error, "orphan", "cannot be reached from the start activity 'a'");
    }

    [TestMethod]
    public void Validate_ActivityFedOnlyByUnknownActivity_ReportedUnreachable()
    {
        var definition = Def.Flow("wf", [Def.Log("a"), Def.Log("b")], [Def.Link("ghost", "b")]);

        var error = Validator.ErrorAt(definition, "root/b");

        Validator.AssertNames(error, "b", "cannot be reached");
    }

    [TestMethod]
    public void Validate_StartNamingUnknownActivity_ReportsStart()
    {
        var definition = Build.Definition(Build.Flowchart("root", [Def.Log("a")], [], start: "ghost"));

        var error = Validator.ErrorAt(definition, "root.start");

        Assert.Contains("'ghost' is not in flowchart 'root'", error.Message);
    }

    [TestMethod]
    public void Validate_DuplicateIdsInOneFlowchart_NamesId()
    {
        var definition = Def.Flow("wf", [Def.Log("a"), Def.Log("a"), Def.Log("b")], [Def.Link("a", "b")]);

        var errors = Validator.Errors(definition);

        var error = SingleWhere(errors, e => e.Path == "root/a" && e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains("'a'", error.Message);
    }

    [TestMethod]
    public void Validate_DuplicateIdNestedInForEachBody_NamesIdAtNestedPath()
    {
        var loop = Build.ForEach("each", Def.Log("check"), ["EXCH01"]);
        var definition = Def.Sequence("wf", Def.Log("check"), loop);

        var error = Validator.ErrorAt(definition, "root/each/check");

        Validator.AssertNames(error, "check", "used more than once");
    }

    [TestMethod]
    public void Validate_Cycle_NamesActivitiesOnTheCycle()
    {
        var definition = Def.Flow("wf", [Def.Log("start"), Def.Log("poll"), Def.Log("check")], [Def.Link("start", "poll"), Def.Link("poll", "check"), Def.Link("check", "poll")]);

        var error = Validator.ErrorAt(definition, "root");

        Assert.Contains("cycle: poll -> check -> poll", error.Message);
    }

    [TestMethod]
    public void Validate_BadConnectionInNestedFlowchart_PathNamesNestedFlowchart()
    {
        var inner = Build.Flowchart("inner", [Def.Log("x")], [Def.Link("x", "ghost")]);
        var definition = Def.Sequence("wf", Def.Log("a"), inner);

        var error = Validator.ErrorAt(definition, "root/inner.connections[0]");

        Assert.Contains("'ghost'", error.Message);
    }

    private static ValidationError SingleWhere(IReadOnlyList<ValidationError> errors, Func<ValidationError, bool> match)
    {
        var found = errors.Where(match).ToList();
        Assert.HasCount(1, found, $"errors: {Validator.Describe(errors)}");
        return found[0];
    }
}
