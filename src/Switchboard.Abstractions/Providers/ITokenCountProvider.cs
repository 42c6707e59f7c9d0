using Switchboard.Abstractions.Chat;

namespace Switchboard.Abstractions.Providers;

/// <summary>Counts a chat request's input tokens with the upstream's own tokenizer (an endpoint such as Anthropic's <c>/messages/count_tokens</c>).</summary>
/// <remarks>Implemented only by providers whose upstream offers a count; the gateway estimates locally for the others.</remarks>
public interface ITokenCountProvider : IProviderKind
{
    /// <summary>Asks the upstream how many input tokens the call's request would use; expected failures are returned, not thrown.</summary>
    ValueTask<UpstreamResult<TokenCount>> CountTokensAsync(UpstreamChatCall call, CancellationToken cancellationToken);
}
