namespace Switchboard.Abstractions.Chat;

/// <summary>Says what one read from an <see cref="IChatStream"/> produced.</summary>
public enum StreamStep
{
    /// <summary>Zero or more complete SSE events were written; more may follow.</summary>
    Data = 0,

    /// <summary>The upstream finished normally; nothing more will be written (the engine writes <c>[DONE]</c>).</summary>
    Completed = 1,

    /// <summary>The stream failed; <see cref="IChatStream.Error"/> says why. Events written before the failure stand.</summary>
    Failed = 2,
}
