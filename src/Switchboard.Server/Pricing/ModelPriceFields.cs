using System.Text.Json;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Server.Http;

namespace Switchboard.Server.Pricing;

/// <summary>Reads a platform model's provider prices from a request object, with the names the platforms file uses.</summary>
/// <remarks>
/// <c>input_price</c> and <c>output_price</c> take a number; <c>cached_input_price</c>, <c>cache_write_price</c> and
/// <c>cache_write_1h_price</c> take a number or null (back to the default rule). Absent fields keep the model's value. Every
/// price is per 1M tokens, between 0 and 1,000,000.
/// </remarks>
internal static class ModelPriceFields
{
    private const decimal MaxPricePerMillion = 1_000_000m;

    /// <summary>Reads the price fields of <paramref name="fields"/> into a change of a model, or returns the first invalid one as a 400 naming <paramref name="path"/>.<c>field</c>.</summary>
    public static (Func<PlatformModelConfig, PlatformModelConfig>? Apply, GatewayError? Error) Read(JsonElement fields, string? path = null)
    {
        var prices = new List<(string Name, decimal? Price)>();
        if (fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in fields.EnumerateObject())
            {
                var nullable = property.Name is "cached_input_price" or "cache_write_price" or "cache_write_1h_price";
                if (!nullable && property.Name is not ("input_price" or "output_price"))
                {
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDecimal(out var value) && value is >= 0 and <= MaxPricePerMillion)
                {
                    prices.Add((property.Name, value));
                }
                else if (nullable && property.Value.ValueKind == JsonValueKind.Null)
                {
                    prices.Add((property.Name, null));
                }
                else
                {
                    var name = path is null ? property.Name : $"{path}.{property.Name}";
                    return (null, JsonRequest.Invalid(name, $"'{name}' must be a price per 1M tokens between 0 and {MaxPricePerMillion}{(nullable ? ", or null for the default" : string.Empty)}."));
                }
            }
        }

        return (model => prices.Aggregate(model, static (current, price) => price.Name switch
        {
            "input_price" => current with { InputPricePerMillion = price.Price!.Value },
            "output_price" => current with { OutputPricePerMillion = price.Price!.Value },
            "cached_input_price" => current with { CachedInputPricePerMillion = price.Price },
            "cache_write_price" => current with { CacheWritePricePerMillion = price.Price },
            _ => current with { CacheWrite1HourPricePerMillion = price.Price },
        }), null);
    }
}
