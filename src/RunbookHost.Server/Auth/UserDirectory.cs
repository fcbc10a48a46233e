using System.Security.Cryptography;
using System.Text;
using RunbookHost.Server.Hosting;

namespace RunbookHost.Server.Auth;

/// <summary>A user who may sign in; demo users only on loopback.</summary>
internal sealed record RunbookUser(string Name, IReadOnlySet<string> Roles, bool IsDemo);

/// <summary>The users, keyed by the SHA-256 of their API key. Keys in clear are hashed on load and dropped.</summary>
internal sealed class UserDirectory
{
    private readonly Dictionary<string, RunbookUser> _byHash = new(StringComparer.Ordinal);

    public UserDirectory(IEnumerable<UserOptions> users, IReadOnlyList<DemoUser> demoUsers)
    {
        foreach (var user in users)
        {
            string hash = user.ApiKeySha256?.ToLowerInvariant() ?? Hash(user.ApiKey!);
            _byHash[hash] = new RunbookUser(user.Name, Expand(user.Roles), IsDemo: false);
        }

        foreach (var demo in demoUsers)
        {
            _byHash[Hash(demo.ApiKey)] = new RunbookUser(demo.Name, Expand([demo.Role]), IsDemo: true);
        }

        DemoUsers = demoUsers;
    }

    /// <summary>Demo users created for this run (with their keys, to print once).</summary>
    public IReadOnlyList<DemoUser> DemoUsers { get; }

    public RunbookUser? Find(string apiKey)
    {
        string hash = Hash(apiKey);
        foreach (var (candidate, user) in _byHash)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(hash)))
            {
                return user;
            }
        }

        return null;
    }

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>Everyone who may sign in is a viewer; an admin may also do what an operator does.</summary>
    private static HashSet<string> Expand(IEnumerable<string> roles)
    {
        var expanded = new HashSet<string>(roles.Select(r => r.ToLowerInvariant()), StringComparer.Ordinal) { Roles.Viewer };
        if (expanded.Contains(Roles.Admin))
        {
            expanded.Add(Roles.Operator);
        }

        return expanded;
    }
}

/// <summary>A demo user made up at start when none are configured (loopback + lab only).</summary>
internal sealed record DemoUser(string Name, string Role, string ApiKey)
{
    public static IReadOnlyList<DemoUser> Create() =>
    [
        new("olivia", Roles.Operator, NewKey()),
        new("amir", Roles.Approver, NewKey()),
        new("ada", Roles.Admin, NewKey()),
    ];

    private static string NewKey() => "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
