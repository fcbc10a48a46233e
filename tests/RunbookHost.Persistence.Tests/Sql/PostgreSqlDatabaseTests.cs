using Npgsql;
using RunbookHost.Persistence.PostgreSql;

namespace RunbookHost.Persistence.Tests.Sql;

/// <summary>The connection settings the PostgreSQL database adds to the configured ones (no server needed).</summary>
[TestClass]
public sealed class PostgreSqlDatabaseTests
{
    private const string Configured = "Host=db.example;Username=runbook;Password=secret;Database=runbook";

    [TestMethod]
    public async Task Constructor_ConnectionStringWithoutAutoPrepare_PreparesTheStoresStatements()
    {
        await using var database = new PostgreSqlDatabase(Configured);

        var settings = new NpgsqlConnectionStringBuilder(database.DataSourceConnectionString);

        Assert.AreEqual(PostgreSqlDatabase.AutoPreparedStatements, settings.MaxAutoPrepare);
    }

    [TestMethod]
    [DataRow("Max Auto Prepare=0", 0)]
    [DataRow("MaxAutoPrepare=5", 5)]
    public async Task Constructor_ConnectionStringSettingAutoPrepare_KeepsItsValue(string setting, int expected)
    {
        await using var database = new PostgreSqlDatabase($"{Configured};{setting}");

        var settings = new NpgsqlConnectionStringBuilder(database.DataSourceConnectionString);

        Assert.AreEqual(expected, settings.MaxAutoPrepare);
    }
}
