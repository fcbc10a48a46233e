using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Tests.Support;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Tests.Validation;

/// <summary>JavaScript the sandbox would stop at run time is refused when the definition is validated.</summary>
[TestClass]
public sealed class DefinitionValidatorJavaScriptTests
{
    [TestMethod]
    [DataRow("while(true){}", "statements")]
    [DataRow("for(;;){}", "statements")]
    [DataRow("var a=[]; for(;;) a.push(new Array(1e6))", "array longer than")]
    [DataRow("let a=[]; while(true){a.push('x'.repeat(100000))}", "MB")]
    [DataRow("'x'.repeat(2e9).length", "was stopped")]
    [DataRow("function f(n) { return f(n + 1) + 1; } f(0)", "deeper than")]
    public void Validate_JavaScriptTheSandboxStops_RefusedNamingActivityAndInput(string source, string limit)
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Def.Js(source))));

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "input 'message'");
        Assert.Contains("was stopped when checked", error.Message);
        Assert.Contains(limit, error.Message);
    }

    [TestMethod]
    [DataRow("System.IO.File.ReadAllText('/etc/passwd')", "System")]
    [DataRow("importNamespace('System.IO').File.ReadAllText('/etc/passwd')", "importNamespace")]
    [DataRow("clrHelper.getType('System.IO.File')", "clrHelper")]
    [DataRow("host.type('System.Environment')", "host")]
    [DataRow("require('fs').readFileSync('/etc/passwd')", "require")]
    public void Validate_ClrOrHostAccess_RefusedNamingTheName(string source, string name)
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Def.Js(source))));

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "input 'message'");
        Assert.Contains($"uses '{name}', which does not exist here", error.Message);
        Assert.Contains("no .NET or host objects", error.Message);
    }

    [TestMethod]
    [DataRow("input.missing.field")]
    [DataRow("outputs.flip.readWriteSite.toUpperCase()")]
    [DataRow("variables.servers.map(s => s.toLowerCase()).join()")]
    [DataRow("throw new Error('only in some runs')")]
    [DataRow("input.site + ' ' + typeof System")]
    public void Validate_ErrorsThatDependOnRunData_Accepted(string source)
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Def.Js(source))), variables: [new WorkflowVariable { Name = "servers" }]);

        Assert.IsEmpty(Validator.Errors(definition), Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_ProbeSeesDeclaredDefaults_LoopReachedOnlyWithThatDefaultIsRefused()
    {
        var say = Def.Node("say", "Log", ("message", Def.Js("if (input.site === 'standby') { while (true) {} } 'ok'")));
        WorkflowInput Site(string value) => new() { Name = "site", DefaultValue = value };

        var loops = Validator.Errors(Build.Single(say, inputs: [Site("standby")]));
        var fine = Validator.Errors(Build.Single(say, inputs: [Site("primary")]));

        Assert.HasCount(1, loops, Validator.Describe(loops));
        Assert.IsEmpty(fine, Validator.Describe(fine));
    }

    [TestMethod]
    public void Validate_EndlessSwitchCondition_RefusedNamingTheCase()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "spin", ["condition"] = "while(true){}" }, new JsonObject { ["label"] = "ok", ["condition"] = "true" });
        var definition = Build.Single(Def.Node("route", "Switch", ("cases", Def.Lit(cases))));

        var error = Validator.ErrorAt(definition, "root/route.cases[0].condition");

        Validator.AssertNames(error, "route", "case 'spin'");
        Assert.Contains("was stopped when checked", error.Message);
    }

    [TestMethod]
    public void Validate_EndlessLoopInForEachBody_Refused()
    {
        var body = Def.Node("each", "Log", ("message", Def.Js("while (variables.currentIndex === 0) {}")));
        var definition = Build.Single(Build.ForEach("loop", body, new JsonArray("a", "b")));

        var error = Validator.ErrorAt(definition, "root/loop/each.message");

        Validator.AssertNames(error, "each", "input 'message'");
    }

    [TestMethod]
    public void Validate_ExpressionsOutlastTheDefinitionsBudget_RefusedWithoutCheckingTheRest()
    {
        // No statement limit: each endless loop runs into the one-second time limit.
        var validator = new ServiceCollection()
            .AddRunbookWorkflows()
            .Configure<JavaScriptOptions>(o => o.MaxStatements = int.MaxValue)
            .BuildServiceProvider()
            .GetRequiredService<DefinitionValidator>();
        var definition = Def.Sequence("wf", [.. Enumerable.Range(1, 5).Select(i => Def.Node($"spin{i}", "Log", ("message", Def.Js("while(true){}"))))]);

        var errors = validator.Validate(definition).Errors;

        Assert.IsTrue(errors.Any(e => e.Path == "root" && e.Message.Contains("took longer than 3 s", StringComparison.Ordinal)), Validator.Describe(errors));
        Assert.IsLessThan(5, errors.Count(e => e.Message.Contains("was stopped when checked", StringComparison.Ordinal)), Validator.Describe(errors));
    }
}
