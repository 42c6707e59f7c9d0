namespace Switchboard.Console.Api;

/// <summary>Holds the fields of one gateway error.</summary>
public sealed record ErrorBody(string? Message, string? Type, string? Param, string? Code);
