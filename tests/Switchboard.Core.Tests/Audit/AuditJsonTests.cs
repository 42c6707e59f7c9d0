using System.Text.Json;
using Switchboard.Core.Audit;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Audit;

public sealed class AuditJsonTests
{
    private const string UpstreamKey = "sk-live-upstream-secret-0123456789";

    [Fact]
    public void Write_MasksSecretsByNameHeadersSealedValuesAndFullVirtualKeys()
    {
        var virtualKey = VirtualKeyGenerator.Generate();
        var json = AuditJson.Write(new
        {
            api_key = UpstreamKey,
            api_keys = new[] { UpstreamKey, "sk-other-upstream-secret-99999" },
            nested = new { token = "tok-abcdefghijklmnop", sealed_value = "ENC:v1:abcdef" },
            headers = new Dictionary<string, string> { ["X-Api-Key"] = "hdr-secret-value-123456" },
            note = virtualKey,
            stored = "ENC:v1:sealed-somewhere-else",
            masked = "sk-l…6789",
            base_url = "https://api.example.com/v1",
        })!;

        Assert.DoesNotContain(UpstreamKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-other-upstream-secret-99999", json, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-abcdefghijklmnop", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hdr-secret-value-123456", json, StringComparison.Ordinal);
        Assert.DoesNotContain(virtualKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain("ENC:", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(SecretMasker.Mask(UpstreamKey), root.GetProperty("api_key").GetString());
        Assert.Equal(SecretMasker.Mask(UpstreamKey), root.GetProperty("api_keys")[0].GetString());
        Assert.Equal(SecretMasker.Mask("hdr-secret-value-123456"), root.GetProperty("headers").GetProperty("X-Api-Key").GetString());
        Assert.Equal(SecretMasker.Mask(virtualKey), root.GetProperty("note").GetString());
        Assert.Equal("sk-l…6789", root.GetProperty("masked").GetString());
        Assert.Equal("https://api.example.com/v1", root.GetProperty("base_url").GetString());
        Assert.Equal(SecretMasker.FullMask, root.GetProperty("nested").GetProperty("sealed_value").GetString());
    }

    [Fact]
    public void Write_UsesSnakeCaseNamesKeepsTextReadable_AndNullStaysNull()
    {
        Assert.Null(AuditJson.Write(null));
        var json = AuditJson.Write(new { DisplayName = "通义flash", Count = 3 });
        Assert.Equal("""{"display_name":"通义flash","count":3}""", json);
    }

    [Fact]
    public void Write_OversizedValue_IsReplacedByItsSize()
    {
        var json = AuditJson.Write(new { blob = new string('x', AuditJson.MaxBytes + 10) })!;

        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(document.RootElement.GetProperty("bytes").GetInt32() > AuditJson.MaxBytes);
    }
}
