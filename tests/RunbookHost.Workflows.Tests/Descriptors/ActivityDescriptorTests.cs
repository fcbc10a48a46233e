using System.Text.Json;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Tests.Descriptors;

[TestClass]
public sealed class ActivityDescriptorTests
{
    [TestMethod]
    public void Descriptors_BuiltIns_AllListedOrderedByCategoryThenType()
    {
        var types = Registry.Instance.Descriptors.Select(d => $"{d.Category}/{d.Type}").ToArray();

        CollectionAssert.AreEqual(
            new[]
            {
                "Flow/Decision", "Flow/Flowchart", "Flow/ForEach", "Flow/Fork", "Flow/Join", "Flow/Switch",
                "Human/Approval", "Human/ManualStep",
                "Primitives/Delay", "Primitives/Fail", "Primitives/Log", "Primitives/SetVariable",
                "Test/Test.Flaky",
            },
            types);
    }

    [TestMethod]
    public void Descriptor_Join_HasModeWithEnumOptionsAndDefault()
    {
        var descriptor = Registry.Descriptor("Join");
        var mode = Registry.Input("Join", "mode");

        Assert.AreEqual("Flow", descriptor.Category);
        Assert.AreEqual("Join", descriptor.DisplayName);
        Assert.AreEqual("String", mode.TypeName);
        Assert.IsFalse(mode.Required);
        Assert.AreEqual("WaitAll", mode.DefaultValue!.GetValue<string>());
        CollectionAssert.AreEqual(new[] { "WaitAll", "WaitAny" }, mode.Options!.ToArray());
        CollectionAssert.AreEqual(new[] { "Done" }, descriptor.Outcomes.ToArray());
    }

    [TestMethod]
    public void Descriptor_Approval_DescribesInputsOutputsAndOutcomes()
    {
        var descriptor = Registry.Descriptor("Approval");

        Assert.AreEqual("Human", descriptor.Category);
        Assert.AreEqual("Approval", descriptor.DisplayName);
        CollectionAssert.AreEqual(
            new[] { "title:String:required:", "instructions:String::", "allowedRoles:String[]::\"approver\"", "expiresAfter:TimeSpan::" },
            descriptor.Inputs.Select(i => $"{i.Name}:{i.TypeName}:{(i.Required ? "required" : string.Empty)}:{i.DefaultValue?.ToJsonString()}").ToArray());
        Assert.AreEqual("multiline", Registry.Input("Approval", "instructions").UIHint);
        CollectionAssert.AreEqual(new[] { "decision", "decidedBy", "comment" }, descriptor.Outputs.Select(o => o.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "Approved", "Rejected", "Expired" }, descriptor.Outcomes.ToArray());
        Assert.AreEqual(SideEffect.None, descriptor.SideEffect);
        Assert.IsFalse(descriptor.IsComposite);
    }

    [TestMethod]
    public void Descriptor_ManualStep_DescribesInputsOutputsAndDone()
    {
        var descriptor = Registry.Descriptor("ManualStep");

        Assert.AreEqual("Manual step", descriptor.DisplayName);
        CollectionAssert.AreEqual(
            new[] { "title:String:required:", "instructions:String:required:", "allowedRoles:String[]::\"operator\"" },
            descriptor.Inputs.Select(i => $"{i.Name}:{i.TypeName}:{(i.Required ? "required" : string.Empty)}:{i.DefaultValue?.ToJsonString()}").ToArray());
        CollectionAssert.AreEqual(new[] { "confirmedBy", "comment" }, descriptor.Outputs.Select(o => o.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "Done" }, descriptor.Outcomes.ToArray());
    }

    [TestMethod]
    public void Descriptor_Decision_HasBooleanConditionAndTrueFalse()
    {
        var condition = Registry.Input("Decision", "condition");

        Assert.AreEqual("Boolean", condition.TypeName);
        Assert.IsTrue(condition.Required);
        Assert.AreEqual("javascript", condition.UIHint);
        CollectionAssert.AreEqual(new[] { "True", "False" }, Registry.Descriptor("Decision").Outcomes.ToArray());
    }

    [TestMethod]
    public void Descriptor_Delay_HasTimeSpanDurationWithDefault()
    {
        var duration = Registry.Input("Delay", "duration");

        Assert.AreEqual("TimeSpan", duration.TypeName);
        Assert.AreEqual("00:01:00", duration.DefaultValue!.GetValue<string>());
    }

    [TestMethod]
    public void Descriptor_Fail_HasNoOutcomes()
    {
        Assert.IsEmpty(Registry.Descriptor("Fail").Outcomes);
    }

    [TestMethod]
    public void Descriptor_Composites_AreMarkedComposite()
    {
        Assert.IsTrue(Registry.Descriptor("Flowchart").IsComposite);
        Assert.IsTrue(Registry.Descriptor("ForEach").IsComposite);
        Assert.IsFalse(Registry.Descriptor("Log").IsComposite);
    }

    [TestMethod]
    public void Descriptor_BuiltIns_DefaultToNoRetry()
    {
        foreach (var descriptor in Registry.Instance.Descriptors.Where(d => d.Category != "Test"))
        {
            Assert.AreEqual(1, descriptor.DefaultResilience.MaxAttempts, descriptor.Type);
            Assert.AreEqual(SideEffect.None, descriptor.SideEffect, descriptor.Type);
        }
    }

    [TestMethod]
    public void Descriptor_FlakyTestActivity_CarriesDeclaredResilienceAndSideEffect()
    {
        var descriptor = Registry.Descriptor("Test.Flaky");

        Assert.AreEqual(SideEffect.NonIdempotent, descriptor.SideEffect);
        Assert.AreEqual(3, descriptor.DefaultResilience.MaxAttempts);
        Assert.AreEqual(BackoffKind.Constant, descriptor.DefaultResilience.Backoff);
        Assert.AreEqual(TimeSpan.FromSeconds(60), descriptor.DefaultResilience.Delay);
        Assert.AreEqual(TimeSpan.FromSeconds(300), descriptor.DefaultResilience.MaxDelay);
        Assert.IsNull(descriptor.DefaultResilience.Timeout);
        Assert.IsFalse(descriptor.Reconcilable);
    }

    [TestMethod]
    public void Serialize_Descriptor_WritesApiShape()
    {
        var json = JsonSerializer.SerializeToNode(Registry.Descriptor("Test.Flaky"), WorkflowJson.Options)!;

        Assert.AreEqual("Test.Flaky", json["type"]!.GetValue<string>());
        Assert.AreEqual("NonIdempotent", json["sideEffect"]!.GetValue<string>());
        Assert.AreEqual("key", json["inputs"]![0]!["name"]!.GetValue<string>());
        Assert.IsTrue(json["inputs"]![0]!["required"]!.GetValue<bool>());
        Assert.AreEqual("String", json["inputs"]![0]!["typeName"]!.GetValue<string>());
    }
}
