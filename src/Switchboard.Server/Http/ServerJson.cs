using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Switchboard.Core.Audit;

namespace Switchboard.Server.Http;

/// <summary>Gives the routes and the CLI their JSON contracts from <see cref="ServerJsonContext"/>, never from reflection.</summary>
internal static class ServerJson
{
    /// <summary>Makes the generated contracts the routes' only JSON resolver, so the JIT build serializes exactly like the native one.</summary>
    /// <remarks>The audit log's before and after values get the same contracts.</remarks>
    public static IServiceCollection AddServerJson(this IServiceCollection services)
    {
        services.AddSingleton(new AuditContracts(ServerJsonContext.Default));
        return services.ConfigureHttpJsonOptions(json =>
        {
            // Replace, not prepend: with reflection still in the chain, a missing contract would pass every JIT test and fail only natively.
            json.SerializerOptions.TypeInfoResolverChain.Clear();
            json.SerializerOptions.TypeInfoResolverChain.Add(ServerJsonContext.Default);
        });
    }

    /// <summary>Gets the contract of <typeparamref name="T"/> under <paramref name="options"/>; a type without one is a programming error.</summary>
    public static JsonTypeInfo<T> Of<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>Gets the contract of <typeparamref name="T"/> with the web defaults the routes use.</summary>
    public static JsonTypeInfo<T> Of<T>() => (JsonTypeInfo<T>)ServerJsonContext.Default.GetTypeInfo(typeof(T))!;
}
