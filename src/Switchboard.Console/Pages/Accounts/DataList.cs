namespace Switchboard.Console.Pages.Accounts;

/// <summary>Reads the REST API's list answers, <c>{"data":[...]}</c>.</summary>
public sealed record DataList<T>(IReadOnlyList<T> Data);
