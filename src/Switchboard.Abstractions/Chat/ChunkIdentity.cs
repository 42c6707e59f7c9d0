namespace Switchboard.Abstractions.Chat;

/// <summary>Holds the <c>id</c>, <c>model</c> and <c>created</c> fields shared by every chunk of one stream.</summary>
/// <param name="Id">The chunk id (<c>chatcmpl-…</c>).</param>
/// <param name="Model">The model name the chunks report.</param>
/// <param name="Created">The Unix time in seconds.</param>
public readonly record struct ChunkIdentity(string? Id, string? Model, long Created);
