using System.Buffers;
using Switchboard.Core.Pipeline;

namespace Switchboard.Providers.Tests;

/// <summary>Makes the sinks provider tests read streams through: the gateway's own OpenAI Chat writer, so the bytes are what an OpenAI client gets.</summary>
internal static class TestSinks
{
    /// <summary>Creates an OpenAI Chat writer over <paramref name="output"/>.</summary>
    public static OpenAIChatStreamWriter OpenAI(IBufferWriter<byte> output) => new("chatcmpl-test", includeUsage: false) { Output = output };
}
