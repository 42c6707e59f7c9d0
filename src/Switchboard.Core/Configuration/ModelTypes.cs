namespace Switchboard.Core.Configuration;

/// <summary>Names the model types and decides a model's type where none is declared, for the platforms file, the platform routes and discovery alike.</summary>
internal static class ModelTypes
{
    /// <summary>A chat model, served by <c>/v1/chat/completions</c> and the other chat protocols.</summary>
    public const string Chat = "chat";

    /// <summary>An embedding model, served by <c>/v1/embeddings</c>.</summary>
    public const string Embedding = "embedding";

    /// <summary>Returns the type a declared value names (<c>chat</c>, <c>embedding</c> or <c>embeddings</c>, any case), or null when it names none.</summary>
    public static string? Parse(string? declared) => declared?.Trim().ToLowerInvariant() switch
    {
        Chat => Chat,
        Embedding or "embeddings" => Embedding,
        _ => null,
    };

    /// <summary>Infers an undeclared type from the upstream model name: embedding models carry <c>embed</c> in their names (<c>text-embedding-3-small</c>, <c>bge-m3-embed</c>), chat models do not.</summary>
    public static string Infer(string upstreamModel) =>
        upstreamModel.Contains("embed", StringComparison.OrdinalIgnoreCase) ? Embedding : Chat;
}
