using System.Text.Json.Serialization;
using Switchboard.Console.Shared;

namespace Switchboard.Console.Pages.Accounts;

/// <summary>Serializes the bodies the key, user and own-account pages share (own keys, slots) without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataList<OwnKeyItem>))]
[JsonSerializable(typeof(DataList<SlotItem>))]
[JsonSerializable(typeof(SlotItem))]
internal sealed partial class AccountsJson : JsonSerializerContext;
