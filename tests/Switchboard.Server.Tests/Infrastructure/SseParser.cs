using System.Text.Json;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Splits an SSE response body into its data payloads, checking the framing as a strict client would.</summary>
public static class SseParser
{
    public static List<string> DataLines(string body)
    {
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var data = new List<string>();
        foreach (var raw in events)
        {
            foreach (var line in raw.Split('\n'))
            {
                if (line.StartsWith(':'))
                {
                    continue;
                }

                Assert.StartsWith("data: ", line);
                data.Add(line["data: ".Length..]);
            }
        }

        return data;
    }

    public static List<JsonElement> Chunks(string body) =>
        DataLines(body).Where(d => d != "[DONE]").Select(d => JsonDocument.Parse(d).RootElement.Clone()).ToList();
}
