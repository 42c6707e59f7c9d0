using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Admin;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;

namespace Switchboard.Server.UsageRecords;

/// <summary>Serves usage records one request at a time, filtered and paged, as JSON or as a streamed CSV export.</summary>
/// <remarks>
/// The same handlers answer under <c>/api/admin/usage/records</c> (admin keys: every user's records) and under
/// <c>/api/v1/status/usage/records</c> (any key: as the status routes, a caller who is not an admin sees only their own
/// records and no provider cost, and naming another user is a 403). Raw records are kept for
/// <c>Switchboard:Usage:RawRetention</c>; older requests live on only in hourly totals.
/// </remarks>
internal static class UsageRecordEndpoints
{
    /// <summary>The most rows one CSV export writes; narrow the time range or page with <c>before</c> for more.</summary>
    public const int MaxCsvRows = 100_000;

    private const int DefaultLimit = 100;
    private const int CsvPageSize = 1000;
    private const string CsvContentType = "text/csv; charset=utf-8";

    private const string ListSummary =
        "Lists usage records newest first: since= and until= (ISO 8601), user_id=, model= (catalog model, else the model asked for), " +
        "status= (success, error, cancelled), key_id= (upstream key), virtual_key_id=, platform=, protocol= (the client protocol: openai-chat, openai-responses, anthropic-messages, gemini, classic, embedded), limit= (1-1000, default 100), " +
        "before= (the next_before of the previous page). format=csv or Accept: text/csv streams a CSV of up to 100000 rows (limit= up to 100000).";

    public static IEndpointRouteBuilder MapUsageRecordEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/usage/records").WithTags("Admin: usage records");
        admin.MapGet("/", ListAsync)
            .WithSummary(ListSummary)
            .Produces<UsageRecordList>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        admin.MapGet("/{requestId}", GetAsync)
            .WithSummary("Shows the usage record of one request by its X-Request-Id; 404 until the usage writer stored it (within about 50 ms).")
            .Produces<UsageRecordView>();

        var own = routes.MapGroup("/api/v1/status/usage/records").WithTags("Status");
        own.MapGet("/", ListAsync)
            .WithSummary("Lists the caller's usage records (admins: anyone's, with user_id=); the same filters, paging and CSV export as /api/admin/usage/records. Provider cost is shown to admins only.")
            .Produces<UsageRecordList>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        own.MapGet("/{requestId}", GetAsync)
            .WithSummary("Shows the usage record of one of the caller's requests by its X-Request-Id (admins: any request).")
            .Produces<UsageRecordView>();
        return routes;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context,
        IUsageRecordStore store,
        [FromQuery(Name = "since")] string? since,
        [FromQuery(Name = "until")] string? until,
        [FromQuery(Name = "user_id")] string? userId,
        [FromQuery(Name = "model")] string? model,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "key_id")] string? keyId,
        [FromQuery(Name = "virtual_key_id")] string? virtualKeyId,
        [FromQuery(Name = "platform")] string? platform,
        [FromQuery(Name = "protocol")] string? protocol,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "before")] string? before,
        [FromQuery(Name = "format")] string? format,
        CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        if (!string.IsNullOrEmpty(userId) && !caller.IsAdmin && userId != caller.UserId)
        {
            return AdminResults.Error(GatewayErrors.Forbidden("Reading another user's usage needs an admin key."));
        }

        var csv = format?.Trim().ToLowerInvariant() switch
        {
            "csv" => true,
            "json" => false,
            null or "" => AcceptsCsv(context.Request),
            _ => (bool?)null,
        };
        if (csv is null)
        {
            return AdminResults.Error(JsonRequest.Invalid("format", "'format' must be 'json' or 'csv'."));
        }

        if (!string.IsNullOrEmpty(status) && status is not (UsageStatus.Success or UsageStatus.Error or UsageStatus.Cancelled))
        {
            return AdminResults.Error(JsonRequest.Invalid("status", $"'status' must be {UsageStatus.Success}, {UsageStatus.Error} or {UsageStatus.Cancelled}."));
        }

        UsageRecordCursor cursor = default;
        if (AdminQuery.FirstError(
                AdminQuery.Time(since, "since", out var from),
                AdminQuery.Time(until, "until", out var to),
                AdminQuery.Id(keyId, "key_id", out var upstreamKey),
                AdminQuery.Id(virtualKeyId, "virtual_key_id", out var virtualKey),
                AdminQuery.Limit(limit, csv.Value ? MaxCsvRows : DefaultLimit, csv.Value ? MaxCsvRows : UsageRecordQuery.MaxLimit, out var count),
                string.IsNullOrEmpty(before) || UsageRecordCursorText.TryParse(before, out cursor)
                    ? null
                    : JsonRequest.Invalid("before", "'before' must be the next_before of a previous page.")) is { } invalid)
        {
            return AdminResults.Error(invalid);
        }

        var query = new UsageRecordQuery
        {
            Since = from,
            Until = to,
            UserId = caller.IsAdmin ? NullIfEmpty(userId) : caller.UserId,
            Model = NullIfEmpty(model),
            Status = NullIfEmpty(status),
            KeyId = upstreamKey,
            VirtualKeyId = virtualKey,
            Platform = NullIfEmpty(platform),
            Protocol = NullIfEmpty(protocol),
            Before = string.IsNullOrEmpty(before) ? null : cursor,
            Limit = count,
        };
        if (csv.Value)
        {
            await WriteCsvAsync(context, store, query, count, caller.IsAdmin, cancellationToken);
            return Results.Empty;
        }

        var page = await store.ListUsageRecordsAsync(query, cancellationToken);
        return TypedResults.Ok(new UsageRecordList([.. page.Records.Select(r => UsageRecordView.From(r, caller.IsAdmin))], UsageRecordCursorText.Format(page.Next)));
    }

    private static async Task<IResult> GetAsync(string requestId, HttpContext context, IUsageRecordStore store, CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var record = await store.GetUsageRecordAsync(requestId, cancellationToken);

        // Another user's request reads exactly like a missing one.
        return record is not null && (caller.IsAdmin || record.UserId == caller.UserId)
            ? TypedResults.Ok(UsageRecordView.From(record, caller.IsAdmin))
            : AdminResults.Error(GatewayErrors.NotFound($"No usage record for request '{requestId}'; it may not be written yet (retry in a moment), or be older than the raw retention."));
    }

    /// <summary>Streams the export a page at a time, so memory stays at one page however many rows go out.</summary>
    private static async Task WriteCsvAsync(HttpContext context, IUsageRecordStore store, UsageRecordQuery query, int rows, bool showCost, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = CsvContentType;
        response.Headers.ContentDisposition = "attachment; filename=\"usage-records.csv\"";
        var text = new StringBuilder();
        UsageRecordCsv.WriteHeader(text);
        var remaining = rows;
        var cursor = query.Before;
        while (remaining > 0)
        {
            var page = await store.ListUsageRecordsAsync(query with { Before = cursor, Limit = Math.Min(CsvPageSize, remaining) }, cancellationToken);
            foreach (var record in page.Records)
            {
                UsageRecordCsv.WriteRecord(text, UsageRecordView.From(record, showCost));
            }

            await response.WriteAsync(text.ToString(), Encoding.UTF8, cancellationToken);
            text.Clear();
            remaining -= page.Records.Count;
            cursor = page.Next;
            if (cursor is null)
            {
                break;
            }
        }
    }

    private static bool AcceptsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
