namespace Switchboard.Console.Api;

/// <summary>Reads the gateway's error shape, <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record ErrorEnvelope(ErrorBody? Error);
