using System.Globalization;
using RunbookHost.Persistence.Sqlite;

namespace RunbookHost.Persistence.Tests.Sql;

/// <summary>
/// SQLite stores times as fixed-width text that sorts as the instants do. The store writes it digit by digit;
/// it must be exactly what the format string gives, and read back to the same instant.
/// </summary>
[TestClass]
public sealed class SqliteTimeTests
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    [TestMethod]
    public async Task Time_IsTheFormatStringsText_AndReadsBackToTheSameMicrosecond()
    {
        await using var database = new SqliteDatabase("Data Source=:memory:");
        var random = new Random(20261125);
        var times = new List<DateTimeOffset>
        {
            DateTimeOffset.MinValue,
            DateTimeOffset.MaxValue,
            new(1, 2, 3, 4, 5, 6, TimeSpan.Zero),
            new(999, 12, 31, 23, 59, 59, TimeSpan.Zero),
            new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.FromHours(5.5)).AddTicks(9_999_999),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-8)).AddTicks(10),
        };
        for (int i = 0; i < 10_000; i++)
        {
            times.Add(new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1))));
        }

        foreach (var time in times)
        {
            var utc = new DateTime(time.UtcTicks - (time.UtcTicks % 10), DateTimeKind.Utc);
            string text = (string)database.Time(time);
            Assert.AreEqual(utc.ToString(Format, CultureInfo.InvariantCulture), text, $"Time text of {time:O}.");
            Assert.AreEqual(new DateTimeOffset(utc), database.ReadTime(text), $"Read back from '{text}'.");
        }
    }

    [TestMethod]
    public async Task Time_SortsAsTheInstantsDo()
    {
        await using var database = new SqliteDatabase("Data Source=:memory:");
        var start = new DateTimeOffset(2026, 11, 25, 23, 59, 59, TimeSpan.Zero);
        var times = Enumerable.Range(0, 2_000).Select(i => start.AddTicks(i * 7_919L)).ToList();
        var texts = times.Select(t => (string)database.Time(t)).ToList();
        CollectionAssert.AreEqual(texts, texts.OrderBy(t => t, StringComparer.Ordinal).ToList());
    }
}
