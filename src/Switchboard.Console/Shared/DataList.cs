namespace Switchboard.Console.Shared;

/// <summary>Reads the REST API's list answers, <c>{"data":[...]}</c>, for every page.</summary>
public sealed record DataList<T>(IReadOnlyList<T> Data);
