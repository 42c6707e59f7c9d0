namespace Switchboard.Abstractions.Pricing;

/// <summary>Names the provider prefixes a public price list (LiteLLM's) files a platform's models under.</summary>
/// <remarks>Vendor knowledge, so the table lives with the providers; the engine only asks it. Thread-safe.</remarks>
public interface IPriceListProviderNames
{
    /// <summary>Gets the price-list provider names for a platform of this kind and preset, most specific first; empty when none is known.</summary>
    IReadOnlyList<string> For(string kind, string? preset);
}
