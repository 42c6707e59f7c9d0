using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Switchboard.Core.Embedded;

/// <summary>Collects the fragments of one streamed tool call until it is complete.</summary>
internal sealed class ToolCallBuilder
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public StringBuilder Arguments { get; } = new();

    public FunctionCallContent Build() => Create(Id ?? "", Name ?? "", Arguments.ToString());

    public static FunctionCallContent Create(string id, string name, string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new FunctionCallContent(id, name, new Dictionary<string, object?>());
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>))) as Dictionary<string, object?>;
            return new FunctionCallContent(id, name, parsed);
        }
        catch (JsonException ex)
        {
            return new FunctionCallContent(id, name) { Exception = ex };
        }
    }
}
