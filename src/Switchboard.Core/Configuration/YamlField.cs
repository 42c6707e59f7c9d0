using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Holds one entry of a YAML mapping with its dotted path, so errors can name and locate it.</summary>
/// <param name="Name">The key text.</param>
/// <param name="Key">The key node, whose position errors report.</param>
/// <param name="Value">The value node.</param>
/// <param name="Path">The dotted path of the entry, such as <c>platforms.qwen.base_url</c>.</param>
internal readonly record struct YamlField(string Name, YamlNode Key, YamlNode Value, string Path);
