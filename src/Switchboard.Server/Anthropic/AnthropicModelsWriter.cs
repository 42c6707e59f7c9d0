using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;

namespace Switchboard.Server.Anthropic;

/// <summary>Writes the caller's models in Anthropic's shape for <c>GET /v1/models</c> called with <c>anthropic-version</c>: a page with <c>has_more</c>, <c>first_id</c>, <c>last_id</c>, and the single model object.</summary>
/// <remarks>
/// Paging follows Anthropic's: <c>limit</c> (1–1000, default 20) and a cursor, <c>after_id</c> or <c>before_id</c>, naming
/// a model of the list. A cursor that names no listed model (one removed between pages) yields an empty last page rather
/// than an error, so a walk in progress ends cleanly.
/// </remarks>
internal static class AnthropicModelsWriter
{
    /// <summary>The page size when the client sends no <c>limit</c>, as Anthropic's.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest <c>limit</c> accepted, as Anthropic's.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The catalog keeps no creation time; every model reports the Unix epoch, as the OpenAI list reports <c>created: 0</c>.</summary>
    private const string CreatedAt = "1970-01-01T00:00:00Z";

    /// <summary>Reads the paging query: the page size and the cursor; returns the 400 to answer for a bad one.</summary>
    public static GatewayError? ReadPaging(IQueryCollection query, out int limit, out string? afterId, out string? beforeId)
    {
        afterId = query["after_id"].ToString() is { Length: > 0 } after ? after : null;
        beforeId = query["before_id"].ToString() is { Length: > 0 } before ? before : null;
        limit = DefaultLimit;
        if (afterId is not null && beforeId is not null)
        {
            return MessagesRequestTranslator.Invalid("before_id", "Only one of after_id and before_id may be given");
        }

        var raw = query["limit"].ToString();
        if (raw.Length > 0 && (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return MessagesRequestTranslator.Invalid("limit", $"Input should be an integer between 1 and {MaxLimit}");
        }

        return null;
    }

    /// <summary>Writes the page of <paramref name="models"/> the paging selects.</summary>
    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<CatalogEntry> models, int limit, string? afterId, string? beforeId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(models);
        var (start, end) = Page(models, limit, afterId, beforeId);
        writer.WriteStartObject();
        writer.WriteStartArray("data"u8);
        for (var i = start; i < end; i++)
        {
            WriteModel(writer, models[i]);
        }

        writer.WriteEndArray();

        // has_more looks in the walk's direction: older models past the page going forward, newer ones before it going back.
        writer.WriteBoolean("has_more"u8, beforeId is null ? end < models.Count : start > 0);
        WriteId(writer, "first_id"u8, start < end ? models[start].Id : null);
        WriteId(writer, "last_id"u8, start < end ? models[end - 1].Id : null);
        writer.WriteEndObject();
    }

    /// <summary>Writes one model object: <c>type</c>, <c>id</c>, <c>display_name</c>, <c>created_at</c>, and <c>max_input_tokens</c> when the context window is known.</summary>
    public static void WriteModel(Utf8JsonWriter writer, CatalogEntry model)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "model"u8);
        writer.WriteString("id"u8, model.Id);
        writer.WriteString("display_name"u8, model.DisplayName);
        writer.WriteString("created_at"u8, CreatedAt);
        if (model.ContextWindow is { } window)
        {
            writer.WriteNumber("max_input_tokens"u8, window);
        }

        writer.WriteEndObject();
    }

    private static (int Start, int End) Page(IReadOnlyList<CatalogEntry> models, int limit, string? afterId, string? beforeId)
    {
        if (beforeId is not null)
        {
            var before = IndexOf(models, beforeId);
            return before < 0 ? (0, 0) : (Math.Max(0, before - limit), before);
        }

        var start = 0;
        if (afterId is not null)
        {
            var after = IndexOf(models, afterId);
            if (after < 0)
            {
                return (models.Count, models.Count);
            }

            start = after + 1;
        }

        return (start, Math.Min(models.Count, start + limit));
    }

    private static int IndexOf(IReadOnlyList<CatalogEntry> models, string id)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (string.Equals(models[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteId(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? id)
    {
        if (id is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, id);
        }
    }
}
