namespace Switchboard.Providers.Probing;

/// <summary>
/// Carries a clean, user-facing reason out of the connect callback, through <see cref="HttpClient"/>'s
/// <see cref="HttpRequestException"/> wrapper, back to <see cref="ModelProbe"/> or, for a private platform's chat
/// traffic, to <see cref="Http.UpstreamErrorFactory"/>. Never escapes the providers project.
/// </summary>
internal sealed class ProbeRefusedException : Exception
{
    public ProbeRefusedException()
    {
    }

    public ProbeRefusedException(string message)
        : base(message)
    {
    }

    public ProbeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProbeRefusedException(ModelProbeFailure failure, string message)
        : base(message) => Failure = failure;

    /// <summary>Gets the kind of failure to report.</summary>
    public ModelProbeFailure Failure { get; } = ModelProbeFailure.Connection;
}
