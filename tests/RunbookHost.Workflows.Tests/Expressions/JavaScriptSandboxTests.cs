using RunbookHost.Workflows.Expressions;

namespace RunbookHost.Workflows.Tests.Expressions;

[TestClass]
public sealed class JavaScriptSandboxTests
{
    [TestMethod]
    public void Evaluate_ClrFileAccess_RefusedAndNothingRead()
    {
        string secret = Path.Combine(Path.GetTempPath(), $"runbook-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "s3cr3t-storage-password");
        try
        {
            var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js($"System.IO.File.ReadAllText('{secret}')"));

            Assert.Contains("System is not defined", ex.Message);
            Assert.DoesNotContain("s3cr3t", ex.ToString());
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [TestMethod]
    [DataRow("importNamespace('System')", "importNamespace")]
    [DataRow("clrHelper.getType('System.IO.File')", "clrHelper")]
    [DataRow("host.type('System.Environment')", "host")]
    [DataRow("require('fs')", "require")]
    public void Evaluate_ClrOrHostBridge_NotDefined(string source, string name)
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js(source));

        Assert.Contains($"{name} is not defined", ex.Message);
    }

    [TestMethod]
    public void Evaluate_GlobalObject_ExposesNoClr()
    {
        var result = Sandbox.Js("[typeof globalThis.System, typeof globalThis.importNamespace, typeof globalThis.clrHelper, typeof globalThis.host].join()");

        Assert.AreEqual("undefined,undefined,undefined,undefined", result!.GetValue<string>());
    }

    [TestMethod]
    public void Evaluate_EndlessLoop_StoppedByStatementLimit()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("while(true){}"));

        Assert.Contains("more than 100000 statements and was stopped", ex.Message);
    }

    [TestMethod]
    public void Evaluate_EndlessLoopWithoutStatementLimit_StoppedByTimeLimit()
    {
        var options = new JavaScriptOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = int.MaxValue };

        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("while(true){}", options: options));

        Assert.Contains("longer than 0.2 s and was stopped", ex.Message);
    }

    [TestMethod]
    public void Evaluate_GrowingListOfLargeStrings_StoppedByMemoryLimit()
    {
        // A generous time limit, so that only the memory limit can stop it however busy the machine is.
        var options = new JavaScriptOptions { Timeout = TimeSpan.FromSeconds(30) };

        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("let a=[]; while(true){a.push('x'.repeat(100000))}", options: options));

        Assert.Contains("more than 32 MB and was stopped", ex.Message);
    }

    [TestMethod]
    [DataRow("new Array(1e9).fill(0)")]
    [DataRow("Array.from({length: 1e9})")]
    [DataRow("let a = []; for (let i = 0; i < 200000; i++) { a.push(i) }")]
    public void Evaluate_HugeArray_Stopped(string source)
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js(source));

        Assert.Contains("was stopped", ex.Message);
    }

    [TestMethod]
    public void Evaluate_HugeArray_MessageNamesArrayLimit()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("new Array(1e9).fill(0)"));

        Assert.Contains("100000", ex.Message);
    }

    [TestMethod]
    public void Evaluate_SingleOversizedString_StoppedWithExpressionException()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("'x'.repeat(2e9).length"));

        Assert.Contains("was stopped", ex.Message);
    }

    [TestMethod]
    public void Evaluate_EndlessRecursion_StoppedByRecursionLimit()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("function f(n) { return f(n + 1) + 1; } f(0)"));

        Assert.Contains("deeper than 128 calls and was stopped", ex.Message);
    }

    [TestMethod]
    public void Evaluate_ThrownError_ReportsItsMessage()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("throw new Error('array not reachable')"));

        Assert.Contains("array not reachable", ex.Message);
    }

    [TestMethod]
    public void Evaluate_SyntaxError_ThrowsExpressionException()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Js("input.force ==="));

        Assert.Contains("SyntaxError", ex.Message);
    }

    [TestMethod]
    [DataRow("input.force ===")]
    [DataRow("({ site: 'dr'")]
    [DataRow("let = ;")]
    public void SyntaxError_BrokenSource_DescribesError(string source)
    {
        string? error = JavaScriptSandbox.SyntaxError(source);

        Assert.IsFalse(string.IsNullOrWhiteSpace(error), $"'{source}' should not parse.");
    }

    [TestMethod]
    [DataRow("input.force === true")]
    [DataRow("`checking ${variables.currentValue}`")]
    [DataRow("outputs.flip?.readWriteSite ?? 'unknown'")]
    public void SyntaxError_ValidSource_ReturnsNull(string source)
    {
        Assert.IsNull(JavaScriptSandbox.SyntaxError(source));
    }
}
