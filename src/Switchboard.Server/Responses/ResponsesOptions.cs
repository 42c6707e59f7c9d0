using System.ComponentModel.DataAnnotations;

namespace Switchboard.Server.Responses;

/// <summary>Settings of the OpenAI Responses API (<c>Switchboard:Responses</c>): how long stored responses live and how large one may be.</summary>
public sealed class ResponsesOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Switchboard:Responses";

    /// <summary>Gets or sets how many days a stored response stays readable (and continuable with <c>previous_response_id</c>); OpenAI keeps them 30.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Gets or sets the most bytes one stored response may take (its whole conversation input plus the response object); a larger one is answered but not stored.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxStoredBytes { get; set; } = 8L * 1024 * 1024;
}
