namespace Switchboard.Console.Pages.Usage;

/// <summary>Reads one page of usage records, newest first; <c>next_before</c> asks for the next page and is null on the last.</summary>
public sealed record UsageRecordList(IReadOnlyList<UsageRecordRow> Data, string? NextBefore);
