using Switchboard.Catalog;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Audit;

/// <summary>Runs a catalog batch change and records it: one audit entry per changed model, with the model before and after.</summary>
internal static class CatalogAudit
{
    public static async Task<(IReadOnlyList<CatalogModelView>? Models, GatewayError? Error)> UpdateAsync(HttpContext context, CatalogService catalog, CatalogBatch batch, CancellationToken cancellationToken)
    {
        var (all, _) = await catalog.ListAsync(new CatalogQuery(), cancellationToken);
        var before = (all ?? []).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var (models, error) = await catalog.UpdateAsync(batch, cancellationToken);
        if (error is null)
        {
            await context.AuditAsync([.. models!.Select(m => new AuditEvent(AuditActions.CatalogModelUpdate, AuditTargets.CatalogModel, m.Id, before.GetValueOrDefault(m.Id), m))]);
        }

        return (models, error);
    }
}
