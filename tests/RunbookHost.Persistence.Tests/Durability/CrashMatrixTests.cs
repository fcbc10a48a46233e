using Microsoft.Data.Sqlite;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sqlite;
using RunbookHost.Persistence.Tests.Support;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// The crash matrix: the real host (RunbookHost.CrashHost) SIGKILLed at every journal-kind boundary
/// of the shipped activation and failback runbooks, and inside each of their NonIdempotent commands,
/// on SQLite and on PostgreSQL; after each restart the run completes, its journal verifies, and the
/// lab's own record shows no site-changing command twice.
/// </summary>
[TestClass]
public sealed class CrashMatrixTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runbook-tests", Guid.NewGuid().ToString("N"));

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task CrashHost_KilledAtEveryBoundaryOnSqlite_EveryRunCompletesWithoutARepeatedCommand()
    {
        var cancellationToken = TestContext.CancellationToken;
        Directory.CreateDirectory(_folder);
        string connectionString = $"Data Source={Path.Combine(_folder, "runbook.db")}";
        await using var matrix = await CrashMatrix.StartAsync("SQLite", _folder, [$"--Runbook:Database:ConnectionString={connectionString}"], new Dictionary<string, string>(), Log, cancellationToken);

        await matrix.RunAsync(cancellationToken);
        await matrix.StopAsync();

        await using var database = new SqliteDatabase(connectionString);
        await AssertFiguresAsync(matrix, new SqlRunStore(database), cancellationToken);
    }

    [TestMethod]
    public async Task CrashHost_KilledAtEveryBoundaryOnPostgreSql_EveryRunCompletesWithoutARepeatedCommand()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
        Directory.CreateDirectory(_folder);
        // Through the environment: the connection string carries a password, command lines are visible to every user.
        var environment = new Dictionary<string, string>
        {
            ["Runbook__Database__Provider"] = "PostgreSql",
            ["Runbook__Database__ConnectionString"] = database.ConnectionString,
        };
        await using var matrix = await CrashMatrix.StartAsync("PostgreSQL", _folder, [], environment, Log, cancellationToken);

        await matrix.RunAsync(cancellationToken);
        await matrix.StopAsync();

        await AssertFiguresAsync(matrix, database.CreateRunStore(), cancellationToken);
    }

    private void Log(string line)
    {
        TestContext.WriteLine(line);
        Console.WriteLine(line);
    }

    private async Task AssertFiguresAsync(CrashMatrix matrix, Workflows.Stores.IRunStore store, CancellationToken cancellationToken)
    {
        int recovered = await DurabilityChecks.AssertEveryRunCompletedAsync(store, matrix.Runs.Count, cancellationToken);
        foreach (var figures in matrix.Figures.Values)
        {
            TestContext.WriteLine(figures.ToString());
            TestContext.WriteLine("  points: " + string.Join("; ", figures.Points));
        }

        TestContext.WriteLine($"{matrix.Runs.Count} runs, {matrix.HostStarts} host processes, {recovered} recovery passes; every journal verifies.");
        foreach (var figures in matrix.Figures.Values)
        {
            Assert.IsGreaterThanOrEqualTo(10, figures.Points.Count, figures.ToString());
            Assert.AreEqual(0, figures.RunsLost, figures.ToString());
            Assert.AreEqual(0, figures.DuplicateSideEffects, figures.ToString());
        }
    }
}
