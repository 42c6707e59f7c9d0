namespace Switchboard.Core.Routing.Log;

/// <summary>Describes one upstream attempt of a request: where it went and how it ended.</summary>
/// <param name="Source">The <c>Platform/Model</c> tried.</param>
/// <param name="KeyId">The key's storage id (never the secret), or null for a key-less platform.</param>
/// <param name="Outcome"><c>success</c>, <c>first_byte</c> (a stream judged when it ends), <c>abandoned</c>, or the error kind.</param>
/// <param name="Blamed">What the failure blamed (<c>none</c>, <c>key_model</c>, <c>key</c>, <c>key_invalid</c>, <c>source</c>), or null on success.</param>
/// <param name="DurationMs">The time the attempt took until it answered or failed.</param>
public readonly record struct AttemptRecord(string Source, long? KeyId, string Outcome, string? Blamed, double DurationMs);
