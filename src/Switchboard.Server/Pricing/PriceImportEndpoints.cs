using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Pricing;
using Switchboard.Pricing;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Http;

namespace Switchboard.Server.Pricing;

/// <summary>Serves the admin route that imports provider prices from a LiteLLM-format price file.</summary>
internal static class PriceImportEndpoints
{
    /// <summary>The largest price file accepted; LiteLLM's full file is about 1.6 MB.</summary>
    public const long MaxFileBytes = 32 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPriceImportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/prices/import", ImportAsync)
            .WithTags("Admin: prices")
            .WithSummary("Imports provider prices (per token, converted to per 1M) and unknown context windows from a LiteLLM model_prices_and_context_window.json body; dry_run=true only reports the changes.")
            .Accepts<object>("application/json")
            .Produces<PriceImportView>();
        return routes;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, PriceImportService prices, CancellationToken cancellationToken)
    {
        var dryRunText = context.Request.Query["dry_run"].ToString();
        bool dryRun;
        if (dryRunText.Length == 0)
        {
            dryRun = false;
        }
        else if (!TryParseFlag(dryRunText, out dryRun))
        {
            return AdminResults.Error(JsonRequest.Invalid("dry_run", "'dry_run' must be true or false."));
        }

        var (body, error) = await RequestBodyReader.ReadJsonAsync(context, MaxFileBytes);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        using (body)
        {
            try
            {
                var result = await prices.ImportAsync(body!.Memory, "request body", dryRun, cancellationToken);
                var view = PriceImportView.From(result);
                if (!dryRun)
                {
                    await context.AuditAsync(AuditActions.PricesImport, AuditTargets.Prices, "litellm", after: view);
                }

                return TypedResults.Ok(view);
            }
            catch (PriceFileException ex)
            {
                return AdminResults.Error(GatewayErrors.InvalidRequest(ex.Message, code: "invalid_price_file"));
            }
        }
    }

    private static bool TryParseFlag(string text, out bool value)
    {
        value = text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
