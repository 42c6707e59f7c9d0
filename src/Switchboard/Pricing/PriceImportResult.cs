using Switchboard.Core.Pricing;

namespace Switchboard.Pricing;

/// <summary>Reports a price import: the plan, and whether and how many rows were written.</summary>
/// <param name="DryRun">Whether nothing was written.</param>
/// <param name="Plan">What the import changes (or would change).</param>
/// <param name="Applied">The number of platform models updated; 0 for a dry run.</param>
public sealed record PriceImportResult(bool DryRun, PriceImportPlan Plan, int Applied);
