using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Setup;

namespace RunbookHost.Lab.Drivers;

/// <summary>IExchangeSetup against the lab: setup.com's rules; the result is judged from the ExchangeSetup.log lines of the run.</summary>
internal sealed class LabExchangeSetup(LabEnvironment lab) : IExchangeSetup
{
    public Task<SetupResult> RunAsync(string node, SetupCommand command, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => SetupRules.Run(state, now, node, command), log, cancellationToken);
}
