namespace Switchboard.Server.Admin;

/// <summary>The inside of <see cref="ErrorEnvelope"/>, in the OpenAI error shape.</summary>
/// <param name="Message">What went wrong, for a person.</param>
/// <param name="Type">The error's type.</param>
/// <param name="Param">The request field at fault, if one is.</param>
/// <param name="Code">The machine-readable code.</param>
internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
