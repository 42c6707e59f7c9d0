using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Requests;

/// <summary>Names the top-level body fields that would let a client choose where and with what credentials the gateway calls upstream.</summary>
/// <remarks>
/// Other gateways (LiteLLM's proxy among them) honour these fields, and the OpenAI-compatible upstreams ignore unknown
/// ones, so a client may send them expecting an effect. Here the operator and the tenancy rules decide the host and the
/// key; forwarding such fields would at best be ignored and at worst reach an upstream that acts on them, so they are refused.
/// </remarks>
public static class RoutingFields
{
    private static readonly string[] Names = ["api_base", "base_url", "api_key", "extra_headers", "custom_llm_provider"];
    private static readonly byte[][] Utf8Names = [.. Names.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Returns the routing field the reader's current property name is, or null.</summary>
    public static string? Find(ref Utf8JsonReader reader)
    {
        // Most property names are none of these: their length rules them out without a comparison.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length is not (7 or 8 or 13 or 19))
        {
            return null;
        }

        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (reader.ValueTextEquals(Utf8Names[i]))
            {
                return Names[i];
            }
        }

        return null;
    }

    /// <summary>Creates the 400 that refuses a routing field.</summary>
    public static GatewayError Refuse(string name) => GatewayErrors.InvalidRequest(
        $"'{name}' cannot be set by a client: the gateway chooses the upstream and its credentials. Remove the field.", name, "unsupported_parameter");
}
