using Microsoft.Extensions.Options;

namespace Switchboard.Core.Pipeline;

/// <summary>Refuses upstream size limits that would make every answer fail or leave memory unbounded, at startup.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <summary>The largest cap accepted: past it one answer alone would hold a large share of a small server's memory.</summary>
    private const int LargestBytes = 1024 * 1024 * 1024;

    /// <summary>The smallest cap accepted: below it ordinary answers and stream events would not fit.</summary>
    private const int SmallestBytes = 4 * 1024;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxUpstreamResponseBytes is < SmallestBytes or > LargestBytes)
        {
            failures.Add($"{GatewayOptions.SectionName}:MaxUpstreamResponseBytes must be between {SmallestBytes} and {LargestBytes}.");
        }

        if (options.MaxUpstreamEventBytes is < SmallestBytes or > LargestBytes)
        {
            failures.Add($"{GatewayOptions.SectionName}:MaxUpstreamEventBytes must be between {SmallestBytes} and {LargestBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
