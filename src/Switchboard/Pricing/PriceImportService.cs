using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Pricing;
using Switchboard.Hosting;

namespace Switchboard.Pricing;

/// <summary>Imports provider prices from a LiteLLM-format price file into the system platforms' models, for the admin route, the CLI and embedders.</summary>
/// <remarks>
/// Only price and context-window columns change, never keys. After a write the routing snapshot is rebuilt (when a
/// runtime is given), so the next usage record is costed at the new prices. Thread-safe; imports are not serialised
/// with each other, and the last one to write wins.
/// </remarks>
public sealed partial class PriceImportService
{
    private readonly ISwitchboardStore _config;
    private readonly IPriceStore _prices;
    private readonly IPriceListProviderNames _providerNames;
    private readonly SwitchboardRuntime? _runtime;
    private readonly ILogger _logger;

    /// <summary>Creates the service; without <paramref name="runtime"/> (a CLI run) the running gateway sees the prices at its next reload.</summary>
    public PriceImportService(ISwitchboardStore config, IPriceStore prices, IPriceListProviderNames providerNames, SwitchboardRuntime? runtime = null, ILogger<PriceImportService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(providerNames);
        _config = config;
        _prices = prices;
        _providerNames = providerNames;
        _runtime = runtime;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Parses a price file and applies it, or with <paramref name="dryRun"/> only reports what would change.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="source">The file's name for error messages.</param>
    /// <param name="dryRun">Whether to write nothing.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <exception cref="PriceFileException">The file is not JSON or its root is not an object.</exception>
    public Task<PriceImportResult> ImportAsync(ReadOnlyMemory<byte> utf8, string source, bool dryRun, CancellationToken cancellationToken) =>
        ImportAsync(LiteLlmPriceFile.Parse(utf8.Span, source), dryRun, cancellationToken);

    /// <summary>Applies a parsed price list, or with <paramref name="dryRun"/> only reports what would change.</summary>
    public async Task<PriceImportResult> ImportAsync(PriceList prices, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var configuration = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var plan = PriceImportPlanner.Plan(configuration, prices, _providerNames);
        if (dryRun || plan.Changes.Count == 0)
        {
            return new PriceImportResult(dryRun, plan, 0);
        }

        var applied = await _prices.UpdatePlatformModelPricesAsync(plan.Updates, cancellationToken).ConfigureAwait(false);
        if (_runtime is not null)
        {
            await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        Imported(_logger, applied, plan.Unchanged, plan.Unmatched.Count, prices.Count);
        return new PriceImportResult(false, plan, applied);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Price import updated {Updated} platform models ({Unchanged} already current, {Unmatched} not in the list of {Entries} entries).")]
    private static partial void Imported(ILogger logger, int updated, int unchanged, int unmatched, int entries);
}
