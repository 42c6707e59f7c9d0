namespace Switchboard.Providers.Anthropic;

/// <summary>Says what translating one Anthropic stream event produced.</summary>
internal enum AnthropicStreamOutcome : byte
{
    /// <summary>A real event with nothing to forward (block stop, unknown type, empty delta).</summary>
    Ignored,

    /// <summary>One or more whole chunks were written.</summary>
    Wrote,

    /// <summary>A <c>ping</c>: the connection is alive, but the model has not produced anything.</summary>
    KeepAlive,

    /// <summary>The <c>message_stop</c> event: the message is complete.</summary>
    Completed,

    /// <summary>An <c>error</c> event or an event that is not JSON; see <see cref="AnthropicStreamTranslator.Error"/>.</summary>
    Failed,
}
