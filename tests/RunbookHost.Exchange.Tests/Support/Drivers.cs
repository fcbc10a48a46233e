using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Tests.Support;

/// <summary>Builds a command runner over a given transport, with the seed's topology by default.</summary>
internal sealed class Drivers
{
    public Drivers(ICommandTransport transport, CommandDriverOptions? options = null, SccTopology? topology = null)
    {
        Options = options ?? new CommandDriverOptions();
        Topology = topology ?? DefaultTopology.Create();
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Redactor = new SecretRedactor(wrapped, Topology);
        Runner = new CommandRunner(wrapped, new CommandTransports(wrapped, transport, transport), Redactor, TimeProvider.System, NullLogger<CommandRunner>.Instance);
    }

    public CommandDriverOptions Options { get; }

    public SccTopology Topology { get; }

    public SecretRedactor Redactor { get; }

    public CommandRunner Runner { get; }

    public RecordingCommandLog Log { get; } = new();

    public IOptions<CommandDriverOptions> WrappedOptions => Microsoft.Extensions.Options.Options.Create(Options);
}
