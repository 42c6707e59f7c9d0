using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Secrets;
using Switchboard.Hosting;
using Switchboard.PlatformKeys;
using Switchboard.Server.Admin;
using Switchboard.Server.Http;

namespace Switchboard.Server.Secrets;

/// <summary>Seals a secret with the gateway's master key for the platforms file, as the CLI's <c>seal</c> does, so the console can offer it without a shell.</summary>
/// <remarks>
/// The plaintext is read from the body, sealed and dropped: it is never logged, audited or sent back (sealing changes no
/// state, so there is nothing to audit). The sealed value opens only with this master key and only as a value of the
/// platforms file (<c>api_key</c>, <c>keys</c>), the context the CLI seals for.
/// </remarks>
internal static class SealEndpoints
{
    public static IEndpointRouteBuilder MapSealEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/seal", SealAsync)
            .WithTags("Admin: configuration")
            .WithName("SealSecret")
            .WithSummary("Seals a secret ({\"value\": \"...\"}, 1-4096 characters) with the master key and returns the ENC:v1: form to paste into the platforms file as an api_key; the plaintext is never stored, logged or returned.")
            .Accepts<SealRequest>("application/json")
            .Produces<SealedView>();
        return routes;
    }

    private static async Task<IResult> SealAsync(HttpContext context, SwitchboardRuntime runtime)
    {
        var (root, error) = await JsonRequest.ReadObjectAsync(context, required: true);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (!root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return AdminResults.Error(JsonRequest.Missing("value", "'value' must be the secret to seal, as a string."));
        }

        var plaintext = value.GetString()!;
        if (plaintext.Length == 0 || plaintext.Length > PlatformKeyService.MaxKeyLength || string.IsNullOrWhiteSpace(plaintext))
        {
            return AdminResults.Error(JsonRequest.Invalid("value", $"'value' must be 1 to {PlatformKeyService.MaxKeyLength} characters, not only spaces."));
        }

        if (SecretSealer.IsSealed(plaintext))
        {
            return AdminResults.Error(JsonRequest.Invalid("value", "'value' is sealed already."));
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SealedView(runtime.Sealer.Seal(plaintext, SecretContexts.File)));
    }
}
