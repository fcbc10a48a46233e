using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using System.Runtime.ExceptionServices;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;

namespace RunbookHost.CrashHost;

/// <summary>
/// Wraps the ports whose commands NonIdempotent activities send (storage replication, Exchange setup)
/// once every registration is in, so that the kill switch hears of each command as the port reports it.
/// </summary>
internal sealed class WatchedPortsFactory(KillSwitch killSwitch) : IServiceProviderFactory<IServiceCollection>
{
    private readonly DefaultServiceProviderFactory _inner = new();

    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        Watch<IStorageReplication>(services);
        Watch<IExchangeSetup>(services);
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => _inner.CreateServiceProvider(containerBuilder);

    private void Watch<TPort>(IServiceCollection services)
        where TPort : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TPort));
        services.Remove(registered);
        services.AddSingleton(sp => WatchedPort<TPort>.Create(Resolve<TPort>(sp, registered), killSwitch));
    }

    private static TPort Resolve<TPort>(IServiceProvider services, ServiceDescriptor registered) =>
        (TPort)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}

/// <summary>A port whose command log argument is wrapped so that each reported command reaches the kill switch.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy generates a subclass.")]
internal class WatchedPort<TPort> : DispatchProxy
    where TPort : class
{
    private TPort _inner = null!;
    private KillSwitch _killSwitch = null!;

    public static TPort Create(TPort inner, KillSwitch killSwitch)
    {
        var port = Create<TPort, WatchedPort<TPort>>();
        var watched = (WatchedPort<TPort>)(object)port;
        watched._inner = inner;
        watched._killSwitch = killSwitch;
        return port;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        for (int i = 0; args is not null && i < args.Length; i++)
        {
            if (args[i] is ICommandLog log)
            {
                args[i] = new WatchedLog(log, _killSwitch);
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private sealed class WatchedLog(ICommandLog inner, KillSwitch killSwitch) : ICommandLog
    {
        public void Executed(CommandRecord record)
        {
            inner.Executed(record);
            killSwitch.OnCommand(record);
        }
    }
}
