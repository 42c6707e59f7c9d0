namespace Switchboard.Console.Pages.My;

/// <summary>Reads one row of <c>GET /api/ai/platform-models</c>: a platform model the caller may pick, with whether a key is set.</summary>
public sealed record PlatformModelRow(long PlatformId, string PlatformName, bool PlatformIsSys, bool PlatformHide, string BaseUrl, bool ApiKeySet, long ModelId, string ModelName, string DisplayName);
