using Microsoft.Data.Sqlite;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sqlite;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// The crash matrix: the real host (RunbookHost.CrashHost) SIGKILLed at every journal-kind boundary
/// of the shipped activation and failback runbooks, and inside each of their NonIdempotent commands,
/// on SQLite and on PostgreSQL; after each restart the run completes, its journal verifies, and the
/// lab's own record shows no site-changing command twice. The two workflows' matrices run side by
/// side, each on its own database and lab.
/// </summary>
[TestClass]
public sealed class CrashMatrixTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runbook-tests", Guid.NewGuid().ToString("N"));
    private readonly Lock _log = new(); // the two matrices report from their own tasks

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
    public Task CrashHost_KilledAtEveryBoundaryOnSqlite_EveryRunCompletesWithoutARepeatedCommand() =>
        RunAndAssertAsync("SQLite", folder =>
        {
            string connectionString = $"Data Source={Path.Combine(folder, "runbook.db")}";
            var database = new SqliteDatabase(connectionString);
            return Task.FromResult<(IReadOnlyList<string>, IReadOnlyDictionary<string, string>, IRunStore, IAsyncDisposable)>(
                ([$"--Runbook:Database:ConnectionString={connectionString}"], new Dictionary<string, string>(), new SqlRunStore(database), database));
        });

    [TestMethod]
    public Task CrashHost_KilledAtEveryBoundaryOnPostgreSql_EveryRunCompletesWithoutARepeatedCommand() =>
        RunAndAssertAsync("PostgreSQL", async _ =>
        {
            var database = await PostgreSqlTestDatabase.CreateAsync(TestContext.CancellationToken);
            return ([], database.HostEnvironment, database.CreateRunStore(), database);
        });

    /// <summary>Runs the activation and the failback matrix side by side, each on a database of its own, and checks their figures.</summary>
    private async Task RunAndAssertAsync(
        string databaseName,
        Func<string, Task<(IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment, IRunStore Store, IAsyncDisposable Database)>> createDatabase)
    {
        var cancellationToken = TestContext.CancellationToken;
        var matrices = new List<(CrashMatrix Matrix, IRunStore Store)>();
        var databases = new List<IAsyncDisposable>();
        try
        {
            foreach (string workflow in new[] { CrashMatrix.Activation, CrashMatrix.Failback })
            {
                string folder = Path.Combine(_folder, workflow);
                Directory.CreateDirectory(folder);
                var (args, environment, store, database) = await createDatabase(folder);
                databases.Add(database);
                matrices.Add((await CrashMatrix.StartAsync(workflow, databaseName, folder, args, environment, Log, cancellationToken), store));
            }

            await Task.WhenAll(matrices.Select(m => m.Matrix.RunAsync(cancellationToken)));
            foreach (var (matrix, store) in matrices)
            {
                await matrix.StopAsync();
                int recovered = await DurabilityChecks.AssertEveryRunCompletedAsync(store, matrix.Runs.Count, cancellationToken);
                var figures = matrix.Figures;
                Log(figures.ToString());
                Log($"  {matrix.Runs.Count} runs, {matrix.HostStarts} host processes, {recovered} recovery passes; every journal verifies.");
                Log("  points: " + string.Join("; ", figures.Points));
                Log("  in doubt: " + string.Join("; ", figures.InDoubt));
                Assert.IsGreaterThanOrEqualTo(10, figures.Points.Count, figures.ToString());
                Assert.AreEqual(0, figures.RunsLost, figures.ToString());
                Assert.AreEqual(0, figures.DuplicateSideEffects, figures.ToString());
            }
        }
        finally
        {
            foreach (var (matrix, _) in matrices)
            {
                await matrix.DisposeAsync();
            }

            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    private void Log(string line)
    {
        lock (_log)
        {
            TestContext.WriteLine(line);
            Console.WriteLine(line);
        }
    }
}
