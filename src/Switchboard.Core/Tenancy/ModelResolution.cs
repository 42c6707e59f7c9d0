using Switchboard.Core.Errors;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tenancy;

/// <summary>The outcome of resolving a request's <c>model</c> for a caller: the keyed model and slot, or the error to return.</summary>
internal readonly record struct ModelResolution(CatalogEntry? Model, string? Slot, GatewayError? Error)
{
    public static ModelResolution Fail(GatewayError error) => new(null, null, error);
}
