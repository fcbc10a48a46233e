using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace RunbookHost.Exchange.Topology;

/// <summary>
/// Loads the topology: from the JSON file named by <c>Runbook:TopologyFile</c>, else from the
/// <c>Runbook:Topology</c> section, else the seed's default (NodeA/NodeB, NodeC/NodeD, MBX-1).
/// </summary>
public static class TopologyLoader
{
    public const string Section = "Runbook:Topology";
    public const string FileKey = "Runbook:TopologyFile";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static SccTopology Load(IConfiguration configuration)
    {
        if (configuration[FileKey] is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                throw new TopologyException($"{FileKey}: the file '{file}' does not exist.");
            }

            try
            {
                return JsonSerializer.Deserialize<SccTopology>(File.ReadAllText(file), Json)
                    ?? throw new TopologyException($"{FileKey}: '{file}' is empty.");
            }
            catch (JsonException ex)
            {
                throw new TopologyException($"{FileKey}: '{file}' is not a valid topology: {ex.Message}");
            }
        }

        var section = configuration.GetSection(Section);
        return section.Exists() ? section.Get<SccTopology>() ?? DefaultTopology.Create() : DefaultTopology.Create();
    }

    /// <summary>Loads and validates; throws with every problem named.</summary>
    public static SccTopology LoadValid(IConfiguration configuration)
    {
        var topology = Load(configuration);
        var errors = TopologyValidator.Validate(topology);
        if (errors.Count > 0)
        {
            throw new TopologyException("The topology is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }

        return topology;
    }
}
