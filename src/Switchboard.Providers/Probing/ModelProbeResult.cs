namespace Switchboard.Providers.Probing;

/// <summary>The outcome of one <see cref="ModelProbe.ProbeAsync"/> call; failures are values, never exceptions.</summary>
/// <param name="Succeeded">Whether the server answered a model list.</param>
/// <param name="ModelIds">The model ids in the order the server listed them, without duplicates; empty on failure.</param>
/// <param name="UpstreamStatus">The HTTP status of the last answer, or null when none arrived.</param>
/// <param name="Error">A message fit to show the user, or null on success. It never contains the API key.</param>
/// <param name="LatencyMs">How long the probe took, in milliseconds.</param>
/// <param name="Failure">Which kind of failure ended the probe; <see cref="ModelProbeFailure.None"/> on success.</param>
public sealed record ModelProbeResult(
    bool Succeeded,
    IReadOnlyList<string> ModelIds,
    int? UpstreamStatus,
    string? Error,
    double LatencyMs,
    ModelProbeFailure Failure = ModelProbeFailure.None)
{
    internal static ModelProbeResult Success(IReadOnlyList<string> modelIds, int status) =>
        new(true, modelIds, status, null, 0, ModelProbeFailure.None);

    internal static ModelProbeResult Fail(ModelProbeFailure failure, string error, int? status = null) =>
        new(false, [], status, error, 0, failure);
}
