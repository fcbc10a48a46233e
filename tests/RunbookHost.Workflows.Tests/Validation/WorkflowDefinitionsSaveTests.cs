using RunbookHost.Workflows.Tests.Support;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Tests.Validation;

[TestClass]
public sealed class WorkflowDefinitionsSaveTests
{
    [TestMethod]
    public async Task SaveDraftAsync_InvalidDefinition_ThrowsNamingProblemsAndStoresNothing()
    {
        await using var engine = new Engine();
        var definition = Def.Sequence("activation", Def.Log("a"), Def.Node("gate", "Approval"));

        var ex = await Assert.ThrowsExactlyAsync<DefinitionInvalidException>(() => engine.Definitions.SaveDraftAsync(definition, CancellationToken.None));

        Assert.IsTrue(ex.Errors.Any(e => e.Path == "root/gate.title"), Validator.Describe(ex.Errors));
        Assert.Contains("'activation'", ex.Message);
        Assert.IsEmpty(await engine.DefinitionStore.ListAsync(CancellationToken.None));
        Assert.IsNull(await engine.DefinitionStore.GetAsync("activation", null, CancellationToken.None));
    }

    [TestMethod]
    public async Task SaveDraftAsync_ValidDefinition_StoresDraftVersionOne()
    {
        await using var engine = new Engine();

        var saved = await engine.Definitions.SaveDraftAsync(Def.Sequence("activation", Def.Log("a")), CancellationToken.None);

        Assert.AreEqual(1, saved.Version);
        Assert.IsFalse(saved.IsPublished);
        Assert.HasCount(1, await engine.DefinitionStore.ListAsync(CancellationToken.None));
    }
}
