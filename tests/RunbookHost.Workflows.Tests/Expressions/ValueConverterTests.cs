using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities.Flow;
using RunbookHost.Workflows.Expressions;

namespace RunbookHost.Workflows.Tests.Expressions;

[TestClass]
public sealed class ValueConverterTests
{
    private const string What = "input 'duration' of activity 'wait'";

    [TestMethod]
    [DataRow("\"dr\"", "dr")]
    [DataRow("42", "42")]
    [DataRow("true", "true")]
    public void Convert_ToString_GivesText(string json, string expected)
    {
        Assert.AreEqual(expected, ValueConverter.Convert<string>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    [DataRow("true", true)]
    [DataRow("false", false)]
    [DataRow("\"True\"", true)]
    [DataRow("\"false\"", false)]
    public void Convert_ToBoolean_AcceptsBooleansAndText(string json, bool expected)
    {
        Assert.AreEqual(expected, ValueConverter.Convert<bool>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    [DataRow("3", 3)]
    [DataRow("3.0", 3)]
    [DataRow("\"3\"", 3)]
    [DataRow("-7", -7)]
    public void Convert_ToInt32_AcceptsWholeNumbersAndText(string json, int expected)
    {
        Assert.AreEqual(expected, ValueConverter.Convert<int>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    public void Convert_ToInt32FromCodeBuiltValue_GivesNumber()
    {
        Assert.AreEqual(5, ValueConverter.Convert<int>(JsonValue.Create(5), What));
    }

    [TestMethod]
    [DataRow("3", 3L)]
    [DataRow("\"3000000000\"", 3_000_000_000L)]
    public void Convert_ToInt64_AcceptsWholeNumbersAndText(string json, long expected)
    {
        Assert.AreEqual(expected, ValueConverter.Convert<long>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    [DataRow("0.25", 0.25)]
    [DataRow("\"1e3\"", 1000d)]
    public void Convert_ToDouble_AcceptsNumbersAndText(string json, double expected)
    {
        Assert.AreEqual(expected, ValueConverter.Convert<double>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    [DataRow("\"00:05:00\"")]
    [DataRow("\"PT5M\"")]
    [DataRow("300")]
    [DataRow("300.0")]
    public void Convert_ToTimeSpan_AcceptsClockIsoAndSeconds(string json)
    {
        Assert.AreEqual(TimeSpan.FromMinutes(5), ValueConverter.Convert<TimeSpan>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    public void Convert_ToTimeSpanWithDays_ReadsDays()
    {
        Assert.AreEqual(TimeSpan.FromHours(26), ValueConverter.Convert<TimeSpan>(JsonValue.Create("1.02:00:00"), What));
    }

    [TestMethod]
    public void Convert_ToTimeSpanFromCodeBuiltSeconds_GivesDuration()
    {
        Assert.AreEqual(TimeSpan.FromMinutes(5), ValueConverter.Convert<TimeSpan>(JsonValue.Create(300), What));
    }

    [TestMethod]
    public void Convert_ToNullableTimeSpanFromNull_GivesNull()
    {
        Assert.IsNull(ValueConverter.Convert<TimeSpan?>(null, What));
    }

    [TestMethod]
    [DataRow("[\"approver\",\"admin\"]")]
    [DataRow("\"approver, admin\"")]
    [DataRow("\"approver,,admin,\"")]
    public void Convert_ToStringArray_AcceptsListAndCommaText(string json)
    {
        CollectionAssert.AreEqual(new[] { "approver", "admin" }, ValueConverter.Convert<string[]>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    [DataRow("\"WaitAny\"", JoinMode.WaitAny)]
    [DataRow("\"waitall\"", JoinMode.WaitAll)]
    public void Convert_ToEnum_AcceptsNamesInAnyCase(string json, JoinMode expected)
    {
        Assert.AreEqual(expected, ValueConverter.Convert<JoinMode>(JsonNode.Parse(json), What));
    }

    [TestMethod]
    [DataRow("\"abc\"")]
    [DataRow("1.5")]
    [DataRow("3000000000")]
    [DataRow("true")]
    [DataRow("[1]")]
    public void Convert_BadInt32_ThrowsNamingInputAndValue(string json)
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => ValueConverter.Convert<int>(JsonNode.Parse(json), What));

        Assert.Contains(What, ex.Message);
        Assert.Contains("Int32", ex.Message);
    }

    [TestMethod]
    [DataRow("\"yes\"")]
    [DataRow("1")]
    public void Convert_BadBoolean_ThrowsNamingInput(string json)
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => ValueConverter.Convert<bool>(JsonNode.Parse(json), What));

        Assert.Contains(What, ex.Message);
    }

    [TestMethod]
    [DataRow("\"five minutes\"")]
    [DataRow("\"PT5X\"")]
    [DataRow("true")]
    public void Convert_BadTimeSpan_ThrowsNamingInputAndValue(string json)
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => ValueConverter.Convert<TimeSpan>(JsonNode.Parse(json), What));

        Assert.Contains(What, ex.Message);
        Assert.Contains("TimeSpan", ex.Message);
    }

    [TestMethod]
    [DataRow("{\"role\":\"approver\"}")]
    [DataRow("42")]
    public void Convert_BadStringArray_ThrowsNamingInput(string json)
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => ValueConverter.Convert<string[]>(JsonNode.Parse(json), What));

        Assert.Contains(What, ex.Message);
    }

    [TestMethod]
    public void Convert_EnumNameNotDefined_ThrowsNamingInputAndValue()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => ValueConverter.Convert<JoinMode>(JsonValue.Create("Sometimes"), What));

        Assert.Contains(What, ex.Message);
        Assert.Contains("Sometimes", ex.Message);
    }

    [TestMethod]
    public void Convert_EnumNumberNotDefined_ThrowsNamingInput()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => ValueConverter.Convert<JoinMode>(JsonValue.Create("7"), What));

        Assert.Contains(What, ex.Message);
    }

    [TestMethod]
    [DataRow("\"00:05:00\"", "TimeSpan", true)]
    [DataRow("\"abc\"", "TimeSpan", false)]
    [DataRow("\"abc\"", "Int32", false)]
    [DataRow("12", "Int32", true)]
    [DataRow("\"maybe\"", "Boolean", false)]
    public void IsConvertible_Value_MatchesConvert(string json, string typeName, bool expected)
    {
        Assert.AreEqual(expected, ValueConverter.IsConvertible(JsonNode.Parse(json), typeName));
    }
}
