using Microsoft.Extensions.Options;

namespace Switchboard.Server.Responses;

/// <summary>Checks <see cref="ResponsesOptions"/> against its <c>[Range]</c> attributes with code generated at compile time (no reflection, so the native build validates too).</summary>
[OptionsValidator]
internal sealed partial class ResponsesOptionsValidator : IValidateOptions<ResponsesOptions>;
