using System.Text.Json.Serialization;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Auth;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Secrets;
using Switchboard.Hosting;

namespace Switchboard.Server.Admin;

/// <summary>Serves the admin API for virtual keys: create (shown once), list (masked) and revoke.</summary>
internal static class VirtualKeyEndpoints
{
    public static IEndpointRouteBuilder MapVirtualKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/keys").WithTags("Admin: virtual keys");
        group.MapPost("/", CreateAsync).WithSummary("Creates a virtual key; the full key is returned once.");
        group.MapGet("/", ListAsync).WithSummary("Lists virtual keys, masked.");
        group.MapDelete("/{id:long}", RevokeAsync).WithSummary("Revokes a virtual key.");
        return routes;
    }

    private static async Task<IResult> CreateAsync(CreateVirtualKeyRequest? request, ISwitchboardStore store, SwitchboardRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        request ??= new CreateVirtualKeyRequest();
        var role = request.Role ?? Roles.User;
        if (role is not (Roles.User or Roles.Admin))
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest("'role' must be 'user' or 'admin'.", "role", "invalid_value"));
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest("'expires_at' must be in the future.", "expires_at", "invalid_value"));
        }

        var key = VirtualKeyGenerator.Generate();
        var record = new VirtualKeyRecord
        {
            Hash = ApiKeyAuthenticator.HashHex(key),
            Masked = VirtualKeyGenerator.Mask(key),
            Name = request.Name,
            UserId = string.IsNullOrWhiteSpace(request.UserId) ? SystemUser.Id : request.UserId,
            Role = role,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
        };
        var id = await store.InsertVirtualKeyAsync(record, cancellationToken);
        await runtime.ReloadAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/keys/{id}", new CreatedVirtualKey(id, key, record.Masked, record.Name, record.UserId, record.Role, record.CreatedAt, record.ExpiresAt));
    }

    private static async Task<IResult> ListAsync(ISwitchboardStore store, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        return TypedResults.Ok(new
        {
            data = data.VirtualKeys.Select(k => new VirtualKeyView(k.Id, k.Masked, k.Name, k.UserId, k.Role, k.CreatedAt, k.ExpiresAt, k.RevokedAt)),
        });
    }

    private static async Task<IResult> RevokeAsync(long id, ISwitchboardStore store, SwitchboardRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await store.RevokeVirtualKeyAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No virtual key with id {id}."));
        }

        await runtime.ReloadAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal sealed record CreateVirtualKeyRequest(
        [property: JsonPropertyName("name")] string? Name = null,
        [property: JsonPropertyName("user_id")] string? UserId = null,
        [property: JsonPropertyName("role")] string? Role = null,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt = null);

    internal sealed record CreatedVirtualKey(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("masked")] string Masked,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

    internal sealed record VirtualKeyView(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("masked")] string Masked,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
        [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt);
}
