using Switchboard.Abstractions.Pricing;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Pricing;

/// <summary>Writes platform models' provider prices and context windows inside the caller's transaction.</summary>
internal static class PriceWriter
{
    private const string UpdateSql =
        "UPDATE platform_models SET " + PriceColumns.ModelAssignments + ", context_window = @context_window WHERE id = @id";

    /// <summary>Updates every model in <paramref name="updates"/>; returns how many rows changed.</summary>
    public static async Task<int> UpdateAsync(DbSession session, IReadOnlyList<PlatformModelPriceUpdate> updates, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var rows = 0;
        foreach (var update in updates)
        {
            ArgumentNullException.ThrowIfNull(update, nameof(updates));
            rows += await session.ExecuteAsync(
                UpdateSql,
                cancellationToken,
                [
                    .. PriceColumns.ModelParameters(
                        dialect, update.InputPricePerMillion, update.OutputPricePerMillion, update.CachedInputPricePerMillion, update.CacheWritePricePerMillion, update.CacheWrite1HourPricePerMillion),
                    ("@context_window", update.ContextWindow is { } window ? window : DBNull.Value),
                    ("@id", update.ModelId),
                ]).ConfigureAwait(false);
        }

        return rows;
    }
}
