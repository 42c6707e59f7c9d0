namespace Switchboard.Abstractions.Chat;

/// <summary>Describes one failed upstream attempt as a value, so the hot path never throws for expected failures.</summary>
/// <remarks>The message must never contain a credential. Instances are immutable.</remarks>
public sealed record UpstreamError(UpstreamErrorKind Kind, string Message)
{
    /// <summary>Gets the HTTP status the upstream returned, or 0 when there was no response.</summary>
    public int UpstreamStatus { get; init; }

    /// <summary>Gets the upstream's own error code or type, if it sent one.</summary>
    public string? UpstreamCode { get; init; }

    /// <summary>Gets the upstream's parameter name for invalid-request errors, if it sent one.</summary>
    public string? Param { get; init; }

    /// <summary>Gets how long the upstream asked us to wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the provider said the failure concerns the whole account behind the key (every model), not only the model called.</summary>
    /// <remarks>Set by the provider that recognised its vendor's account-level signal; routing then blames the whole key instead of the (key, model) pair.</remarks>
    public bool AccountWide { get; init; }

    /// <summary>
    /// Gets a value indicating whether the upstream had the whole request and may already have processed (and billed)
    /// it, so another attempt could run it twice.
    /// </summary>
    /// <remarks>Providers set it for calls that are not idempotent (chat); such a failure is never retried (the gateway's failover policy decides every retry).</remarks>
    public bool MayHaveProcessed { get; init; }
}
