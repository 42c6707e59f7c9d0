namespace Switchboard.Server.Admin;

/// <summary>The admin API's error answer: <c>{"error":{"message","type","param","code"}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record ErrorEnvelope(ErrorBody Error);
