using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Descriptors;

namespace RunbookHost.Workflows.Tests.Descriptors;

[TestClass]
public sealed class ReservedInputNameTests
{
    [TestMethod]
    public void Registry_InputNamedLikeAnActivityProperty_IsRefusedNamingIt()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => new ActivityRegistry([new NamedInput()]));

        StringAssert.Contains(error.Message, "NamedInput.Name");
        StringAssert.Contains(error.Message, "'name'");
    }

    [Activity("Test.NamedInput", "Test", "Named input")]
    private sealed class NamedInput : CodeActivity
    {
        [Input]
        public Input<string> Name { get; } = new();

        protected override ValueTask ExecuteCodeAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }
}
