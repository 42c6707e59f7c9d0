using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Describes a key by its masked form only.</summary>
/// <param name="Id">The id.</param>
/// <param name="Label">The label.</param>
/// <param name="Masked">The masked key.</param>
/// <param name="Owner">The owner user id.</param>
/// <param name="Status">The stored status.</param>
/// <param name="Weight">The weight.</param>
/// <param name="Priority">The priority.</param>
/// <param name="Cooling">Whether it cools down now.</param>
internal sealed record DebugKeyView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("weight")] int Weight,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("cooling")] bool Cooling);
