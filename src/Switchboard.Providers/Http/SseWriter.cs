using System.Buffers;

namespace Switchboard.Providers.Http;

/// <summary>Writes whole SSE <c>data:</c> events.</summary>
internal static class SseWriter
{
    public static void WriteData(IBufferWriter<byte> output, ReadOnlySpan<byte> json)
    {
        var span = output.GetSpan(json.Length + 8);
        "data: "u8.CopyTo(span);
        json.CopyTo(span[6..]);
        span[6 + json.Length] = (byte)'\n';
        span[7 + json.Length] = (byte)'\n';
        output.Advance(json.Length + 8);
    }
}
