using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Prices;

/// <summary>Serializes the prices page's answers without reflection, so trimming keeps every field it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PriceImportResult))]
internal sealed partial class PricesJson : JsonSerializerContext;
