namespace Switchboard.Core.Pricing;

/// <summary>Names a platform model the price list has no usable entry for.</summary>
/// <param name="Platform">The platform name.</param>
/// <param name="Model">The model's display name on the platform.</param>
/// <param name="UpstreamModel">The upstream model name that was looked up.</param>
public sealed record UnmatchedModel(string Platform, string Model, string UpstreamModel);
