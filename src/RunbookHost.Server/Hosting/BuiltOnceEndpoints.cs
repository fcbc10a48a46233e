using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace RunbookHost.Server.Hosting;

/// <summary>
/// The host's endpoints, built once. A minimal-API data source builds its endpoints (reflection and a
/// compiled expression tree per handler) every time it is enumerated, and two consumers enumerate it
/// before the first response: the authorization policy cache as the pipeline is built, and the router
/// on the first request. The host maps every endpoint before it starts and never changes them.
/// </summary>
internal sealed class BuiltOnceEndpoints : EndpointDataSource
{
    private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints;

    private BuiltOnceEndpoints(IReadOnlyList<EndpointDataSource> sources) =>
        _endpoints = new(() => [.. sources.SelectMany(s => s.Endpoints)]);

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

    public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

    /// <summary>Replaces the app's data sources by one that builds their endpoints once; call after the last Map.</summary>
    public static void Seal(IEndpointRouteBuilder app)
    {
        EndpointDataSource[] sources = [.. app.DataSources];
        app.DataSources.Clear();
        app.DataSources.Add(new BuiltOnceEndpoints(sources));
    }
}
