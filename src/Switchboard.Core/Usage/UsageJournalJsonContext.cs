using System.Text.Json.Serialization;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Serializes usage records for the journal, one compact JSON object per line, without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false, UseStringEnumConverter = true)]
[JsonSerializable(typeof(UsageRecord))]
internal sealed partial class UsageJournalJsonContext : JsonSerializerContext;
