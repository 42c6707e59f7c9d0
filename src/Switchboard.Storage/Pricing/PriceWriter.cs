using Switchboard.Abstractions.Pricing;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Pricing;

/// <summary>Writes platform models' provider prices and context windows inside the caller's transaction.</summary>
internal static class PriceWriter
{
    private const string UpdateSql =
        "UPDATE platform_models SET input_price_per_million = @input_price, output_price_per_million = @output_price, " +
        "cached_input_price_per_million = @cached_input_price, context_window = @context_window WHERE id = @id";

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
                ("@input_price", dialect.Money(update.InputPricePerMillion)),
                ("@output_price", dialect.Money(update.OutputPricePerMillion)),
                ("@cached_input_price", dialect.MoneyOrNull(update.CachedInputPricePerMillion)),
                ("@context_window", update.ContextWindow is { } window ? window : DBNull.Value),
                ("@id", update.ModelId)).ConfigureAwait(false);
        }

        return rows;
    }
}
